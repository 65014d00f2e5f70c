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
  if (e.target.matches && e.target.matches('select[data-autosubmit]') && e.target.form) { e.target.form.submit(); }
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
