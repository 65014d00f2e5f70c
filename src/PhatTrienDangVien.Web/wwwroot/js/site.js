// Confirmation before destructive actions: any form or button with data-confirm asks first.
document.addEventListener('submit', function (e) {
  var submitter = e.submitter;
  var message = (submitter && submitter.getAttribute('data-confirm')) || e.target.getAttribute('data-confirm');
  if (message && !window.confirm(message)) { e.preventDefault(); }
});
