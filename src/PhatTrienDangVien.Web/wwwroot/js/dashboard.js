// Charts of the dashboard; the figures come from the page's JSON block, the same ones as in its tables.
(function () {
  var el = document.getElementById('dashboard-data');
  if (!el || typeof Chart === 'undefined') { return; }
  var data = JSON.parse(el.textContent);
  var red = '#b3140f';
  // On a phone a stage's name ("Đã tổng hợp ý kiến, chờ chi bộ xét") is wider than the room left of the bars: it is
  // written on several lines rather than cut at the left edge.
  var narrow = window.matchMedia('(max-width: 575.98px)').matches;
  function wrap(label, max) {
    if (typeof label !== 'string' || label.length <= max) { return label; }
    var lines = [], line = '';
    label.split(' ').forEach(function (word) {
      if (line.length > 0 && line.length + 1 + word.length > max) { lines.push(line); line = word; }
      else { line = line.length > 0 ? line + ' ' + word : word; }
    });
    if (line.length > 0) { lines.push(line); }
    return lines;
  }
  function bar(id, labels, datasets, horizontal) {
    var canvas = document.getElementById(id);
    if (!canvas) { return; }
    // The box around the canvas gives the height (site.css, .chart-box): a fixed ratio made the years' chart a strip
    // 40 px high on a phone.
    new Chart(canvas, {
      type: 'bar',
      data: { labels: horizontal && narrow ? labels.map(function (l) { return wrap(l, 18); }) : labels, datasets: datasets },
      options: { indexAxis: horizontal ? 'y' : 'x', animation: false, maintainAspectRatio: false,
                 plugins: { legend: { display: datasets.length > 1 } },
                 scales: { x: { beginAtZero: true }, y: { beginAtZero: true } } }
    });
  }
  if (data.funnel) {
    bar('funnel-chart', data.funnel.labels, [{ label: 'Số hồ sơ', data: data.funnel.values, backgroundColor: red }], true);
  }
  if (data.years) {
    var sets = [
      { label: 'Chỉ tiêu', data: data.years.target, backgroundColor: '#adb5bd' },
      { label: 'Đã kết nạp', data: data.years.admitted, backgroundColor: red }
    ];
    // No forecast (no target, or the cells' years not allocated): no empty series in the legend.
    if ((data.years.forecast || []).some(function (v) { return v !== null && v !== undefined; })) {
      sets.push({ label: 'Dự báo kết nạp thêm (trung vị)', data: data.years.forecast, backgroundColor: '#f0ad4e' });
    }
    bar('years-chart', data.years.labels, sets, false);
  }
  if (data.structure) {
    bar('structure-chart', data.structure.labels, [{ label: 'Đảng viên mới', data: data.structure.values, backgroundColor: red }], true);
  }
})();
