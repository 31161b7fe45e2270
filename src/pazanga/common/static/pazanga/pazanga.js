// Small behaviours of the pages, here rather than in inline handlers, which the
// Content-Security-Policy does not allow.
//   <select data-submit-on-change>   submits its form when a choice is made
//   <form data-submit-once>          cannot be sent twice by a double click
(function () {
  "use strict";
  document.addEventListener("change", function (event) {
    var field = event.target;
    if (field.matches && field.matches("[data-submit-on-change]") && field.form) {
      if (field.form.requestSubmit) { field.form.requestSubmit(); } else { field.form.submit(); }
    }
  });
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.matches || !form.matches("form[data-submit-once]")) { return; }
    if (form.dataset.sent) { event.preventDefault(); return; }
    form.dataset.sent = "yes";
    form.querySelectorAll("button[type=submit]").forEach(function (button) { button.disabled = true; });
  });
}());
