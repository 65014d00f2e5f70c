// Charts of the dashboard; the figures come from the page's JSON block, the same ones as in its tables.
(function () {
  var el = document.getElementById('dashboard-data');
  if (!el || typeof Chart === 'undefined') { return; }
  var data = JSON.parse(el.textContent);
  var red = '#b3140f';
  function bar(id, labels, datasets, horizontal) {
    var canvas = document.getElementById(id);
    if (!canvas) { return; }
    new Chart(canvas, {
      type: 'bar',
      data: { labels: labels, datasets: datasets },
      options: { indexAxis: horizontal ? 'y' : 'x', animation: false, plugins: { legend: { display: datasets.length > 1 } },
                 scales: { x: { beginAtZero: true }, y: { beginAtZero: true } } }
    });
  }
  if (data.funnel) {
    bar('funnel-chart', data.funnel.labels, [{ label: 'Số hồ sơ', data: data.funnel.values, backgroundColor: red }], true);
  }
  if (data.years) {
    bar('years-chart', data.years.labels, [
      { label: 'Chỉ tiêu', data: data.years.target, backgroundColor: '#adb5bd' },
      { label: 'Đã kết nạp', data: data.years.admitted, backgroundColor: red },
      { label: 'Dự báo (trung vị)', data: data.years.forecast, backgroundColor: '#f0ad4e' }
    ], false);
  }
  if (data.structure) {
    bar('structure-chart', data.structure.labels, [{ label: 'Đảng viên mới', data: data.structure.values, backgroundColor: red }], true);
  }
})();
