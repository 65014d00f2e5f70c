// The parts a phone folds away (other steps, papers to fill) are open on a wide screen, where there is room for them.
if (window.matchMedia('(min-width: 768px)').matches) {
  document.querySelectorAll('details[data-open-wide]').forEach(function (d) { d.open = true; });
}
