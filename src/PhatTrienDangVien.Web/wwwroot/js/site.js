// Behaviour wired by data attributes: the content security policy forbids inline handlers.

// Confirmation before destructive actions: a form or its submit button with data-confirm asks first.
document.addEventListener('submit', function (e) {
  var submitter = e.submitter;
  var message = (submitter && submitter.getAttribute('data-confirm')) || e.target.getAttribute('data-confirm');
  if (message && !window.confirm(message)) { e.preventDefault(); }
});

// Print buttons.
document.addEventListener('click', function (e) {
  var target = e.target.closest ? e.target.closest('[data-print]') : null;
  if (target) { e.preventDefault(); window.print(); }
});

// A list's print view ("In" opens the whole filtered list without pages): print once it has loaded.
if (document.querySelector('[data-autoprint]')) {
  window.addEventListener('load', function () { window.print(); });
}

// Selects that apply at once (e.g. the organisation chosen on the dashboard).
document.addEventListener('change', function (e) {
  if (e.target.matches && e.target.matches('select[data-autosubmit], input[type=checkbox][data-autosubmit]') && e.target.form) { e.target.form.submit(); }
});

// A mentor list that follows the chosen cell (the new-candidate form): the cell's official members, read on change.
document.querySelectorAll('select[data-mentors-url]').forEach(function (mentors) {
  var cell = document.getElementById(mentors.getAttribute('data-cell-select'));
  if (!cell) { return; }
  cell.addEventListener('change', function () {
    var keep = mentors.options[0];
    mentors.replaceChildren(keep);
    if (!cell.value) { return; }
    fetch(mentors.getAttribute('data-mentors-url') + '&cellId=' + encodeURIComponent(cell.value), { credentials: 'same-origin' })
      .then(function (r) { return r.ok ? r.json() : []; })
      .then(function (list) {
        list.forEach(function (m) { mentors.appendChild(new Option(m.name, String(m.id))); });
      });
  });
});

// Sortable headings: the th says how the list is sorted (aria-sort), from the link _SortHeader put inside it.
document.querySelectorAll('th > a.sort[data-sort]').forEach(function (a) {
  var direction = a.getAttribute('data-sort');
  if (direction) { a.parentElement.setAttribute('aria-sort', direction); }
});

// Dates as dd/mm/yyyy whatever the browser's language (decision 0027). The server renders every date input as a
// text box (data-date-input) that takes a typed date; here each gets a "Chọn ngày" button that opens the browser's
// own calendar through a hidden date input and writes the chosen day back as dd/mm/yyyy.
(function () {
  var pad = function (n) { return (n < 10 ? '0' : '') + n; };
  var isDay = function (y, m, d) {
    var t = new Date(Date.UTC(y, m - 1, d));
    return y >= 1000 && t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
  };
  // The typed text as [year, month, day], or null: d/m/yyyy (also "." or "-"), ddmmyyyy, or yyyy-mm-dd.
  var parse = function (text) {
    text = (text || '').trim();
    var m = /^(\d{1,2})[\/.\-](\d{1,2})[\/.\-](\d{4})$/.exec(text) || /^(\d{2})(\d{2})(\d{4})$/.exec(text);
    var ymd = m ? [+m[3], +m[2], +m[1]] : null;
    if (!ymd) {
      m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
      ymd = m ? [+m[1], +m[2], +m[3]] : null;
    }
    return ymd && isDay(ymd[0], ymd[1], ymd[2]) ? ymd : null;
  };
  var shown = function (ymd) { return pad(ymd[2]) + '/' + pad(ymd[1]) + '/' + ymd[0]; };
  var iso = function (ymd) { return ymd[0] + '-' + pad(ymd[1]) + '-' + pad(ymd[2]); };
  var svg = '<svg aria-hidden="true" width="18" height="18" viewBox="0 0 16 16" fill="currentColor"><path d="M3.5 0a.5.5 0 0 1 .5.5V1h8V.5a.5.5 0 0 1 1 0V1h1a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H2a2 2 0 0 1-2-2V3a2 2 0 0 1 2-2h1V.5a.5.5 0 0 1 .5-.5M1 4v10a1 1 0 0 0 1 1h12a1 1 0 0 0 1-1V4z"/><path d="M11 7h2v2h-2zm-3 0h2v2H8zm-3 3h2v2H5zm3 0h2v2H8z"/></svg>';

  document.querySelectorAll('input[data-date-input]').forEach(function (input) {
    if (input.closest('.date-field')) { return; }
    var field = document.createElement('span');
    field.className = 'date-field';
    input.parentNode.insertBefore(field, input);
    field.appendChild(input);

    var button = document.createElement('button');
    button.type = 'button';
    button.className = 'btn btn-outline-secondary date-pick' + (input.classList.contains('form-control-sm') ? ' btn-sm' : '');
    button.title = 'Chọn ngày';
    // Its own name, not the field's: a search for the field by its label must find the field alone.
    button.setAttribute('aria-label', 'Mở lịch chọn ngày');
    if (input.id) { button.setAttribute('aria-controls', input.id); }
    button.innerHTML = svg;
    if (input.disabled || input.readOnly) { button.disabled = true; }
    field.appendChild(button);

    var proxy = document.createElement('input');
    proxy.type = 'date';
    proxy.className = 'date-proxy';
    proxy.tabIndex = -1;
    proxy.setAttribute('aria-hidden', 'true');
    if (input.getAttribute('data-min')) { proxy.min = input.getAttribute('data-min'); }
    if (input.getAttribute('data-max')) { proxy.max = input.getAttribute('data-max'); }
    field.appendChild(proxy);
    if (typeof proxy.showPicker === 'function') { field.classList.add('has-show-picker'); }

    var syncProxy = function () { var ymd = parse(input.value); proxy.value = ymd ? iso(ymd) : ''; };
    button.addEventListener('click', function () {
      syncProxy();
      try { proxy.showPicker(); } catch (e) { proxy.focus(); proxy.click(); }
    });
    // Without showPicker (older browsers) the transparent date input lies over the button and takes the tap itself.
    proxy.addEventListener('pointerdown', syncProxy);
    proxy.addEventListener('change', function () {
      var ymd = parse(proxy.value);
      if (!ymd) { return; }
      input.value = shown(ymd);
      input.setCustomValidity('');
      input.dispatchEvent(new Event('change', { bubbles: true }));
      input.focus();
    });
    // A typed date in another accepted form reads back as dd/mm/yyyy once the box is left.
    input.addEventListener('change', function () {
      var ymd = parse(input.value);
      if (ymd && input.value !== shown(ymd)) { input.value = shown(ymd); }
    });
  });
})();

// File pickers in Vietnamese: the browser's button says "Choose File" / "No file chosen" in its own language. It is
// hidden (still focusable, still the real input), a label "Chọn tệp…" opens it, and the chosen names show beside it.
document.querySelectorAll('input[type=file]').forEach(function (input, i) {
  if (input.closest('.file-field')) { return; }
  if (!input.id) { input.id = 'file-input-' + i; }
  var field = document.createElement('span');
  field.className = 'file-field';
  input.parentNode.insertBefore(field, input);
  field.appendChild(input);
  input.classList.add('file-native');

  var label = document.createElement('label');
  label.htmlFor = input.id;
  label.className = 'btn btn-outline-secondary file-button' + (input.classList.contains('form-control-sm') ? ' btn-sm' : '');
  label.textContent = input.multiple ? 'Chọn tệp (một hoặc nhiều)…' : 'Chọn tệp…';
  field.appendChild(label);

  var names = document.createElement('span');
  names.className = 'file-names';
  names.id = input.id + '-names';
  names.setAttribute('aria-live', 'polite');
  field.appendChild(names);
  var described = input.getAttribute('aria-describedby');
  input.setAttribute('aria-describedby', (described ? described + ' ' : '') + names.id);

  var show = function () {
    var files = Array.prototype.map.call(input.files || [], function (f) { return f.name; });
    names.textContent = files.length === 0 ? 'Chưa chọn tệp'
      : files.length === 1 ? files[0]
      : files.length + ' tệp: ' + files.join(', ');
    names.classList.toggle('chosen', files.length > 0);
  };
  input.addEventListener('change', show);
  // A form reset empties the input without a change event.
  if (input.form) { input.form.addEventListener('reset', function () { setTimeout(show, 0); }); }
  show();
});

// The browser's own messages for a field left empty or mistyped are in the browser's language: say them in
// Vietnamese. The message is set when the browser checks the field and cleared as soon as the user edits it.
document.addEventListener('invalid', function (e) {
  var el = e.target;
  if (!el.validity || el.validity.customError) { return; }
  var v = el.validity;
  var message =
    v.valueMissing ? (el.type === 'file' ? 'Hãy chọn tệp.' : el.type === 'checkbox' ? 'Hãy đánh dấu ô này.' : el.tagName === 'SELECT' ? 'Hãy chọn một mục trong danh sách.' : 'Hãy điền vào ô này.')
    : v.patternMismatch && el.hasAttribute('data-date-input') ? 'Hãy nhập ngày theo dạng ngày/tháng/năm (dd/mm/yyyy), ví dụ 25/06/2026.'
    : v.patternMismatch ? 'Giá trị chưa đúng dạng yêu cầu.' + (el.title ? ' ' + el.title : '')
    : v.typeMismatch && el.type === 'email' ? 'Hãy nhập một địa chỉ thư điện tử, ví dụ ten@example.com.'
    : v.typeMismatch ? 'Giá trị chưa đúng dạng yêu cầu.'
    : v.tooShort ? 'Cần ít nhất ' + el.minLength + ' ký tự.'
    : v.tooLong ? 'Tối đa ' + el.maxLength + ' ký tự.'
    : v.rangeUnderflow ? 'Giá trị nhỏ nhất là ' + el.min + '.'
    : v.rangeOverflow ? 'Giá trị lớn nhất là ' + el.max + '.'
    : v.stepMismatch ? 'Giá trị không hợp lệ (bước nhảy ' + el.step + ').'
    : v.badInput ? 'Giá trị không hợp lệ.'
    : '';
  if (message) { el.setCustomValidity(message); }
}, true);
['input', 'change'].forEach(function (type) {
  document.addEventListener(type, function (e) {
    if (e.target.setCustomValidity && e.target.validity && e.target.validity.customError) { e.target.setCustomValidity(''); }
  }, true);
});

// A table wider than the screen scrolls sideways in its box; the box must take the keyboard's focus and have a name, or
// a keyboard user cannot reach the hidden columns (axe: scrollable-region-focusable). Boxes written with their own
// name keep it.
document.querySelectorAll('.table-responsive:not([tabindex])').forEach(function (box) {
  box.setAttribute('tabindex', '0');
  box.setAttribute('role', 'region');
  if (!box.hasAttribute('aria-label')) { box.setAttribute('aria-label', 'Bảng (cuộn ngang để xem hết)'); }
});

// Fields that matter for some choices only: an element with data-show-for="selectId:A,B" shows when that select holds A or B.
(function () {
  var parts = Array.prototype.slice.call(document.querySelectorAll('[data-show-for]'));
  var sync = function () {
    parts.forEach(function (el) {
      var spec = el.getAttribute('data-show-for').split(':');
      var select = document.getElementById(spec[0]);
      if (!select) return;
      el.hidden = spec[1].split(',').indexOf(select.value) < 0;
    });
  };
  parts.forEach(function (el) {
    var select = document.getElementById(el.getAttribute('data-show-for').split(':')[0]);
    if (select && !select.hasAttribute('data-show-bound')) { select.setAttribute('data-show-bound', ''); select.addEventListener('change', sync); }
  });
  sync();
})();

// A table wider than its box (on a phone) says so above it: the region scrolls sideways, which a phone does not show.
// Watched for size, so a table shown or filled later is marked too.
(function () {
  function mark(box) { box.classList.toggle('is-scrollable', box.scrollWidth > box.clientWidth + 1); }
  var boxes = document.querySelectorAll('.table-responsive');
  if ('ResizeObserver' in window) {
    var observer = new ResizeObserver(function (entries) { entries.forEach(function (e) { mark(e.target.closest('.table-responsive')); }); });
    boxes.forEach(function (box) { observer.observe(box); var table = box.querySelector('table'); if (table) observer.observe(table); });
  } else {
    window.addEventListener('load', function () { boxes.forEach(mark); });
    window.addEventListener('resize', function () { boxes.forEach(mark); });
  }
})();
