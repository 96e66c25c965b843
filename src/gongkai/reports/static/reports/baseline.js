// The baseline page while a file is being read on the worker: reload every few seconds to show
// the outcome, but never over what the officer has started typing or choosing in the form.
(function () {
  "use strict";
  var list = document.querySelector("[data-refresh-seconds]");
  if (!list) return;
  var touched = false;
  document.querySelectorAll("form").forEach(function (form) {
    form.addEventListener("input", function () { touched = true; });
    form.addEventListener("change", function () { touched = true; });
  });
  var seconds = parseInt(list.getAttribute("data-refresh-seconds"), 10) || 5;
  window.setTimeout(function reload() {
    if (touched) return;
    window.location.reload();
  }, seconds * 1000);
})();
