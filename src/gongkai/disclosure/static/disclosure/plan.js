// The redaction plan page (disclosure/plan.html); the form works without this too.
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  // A checkbox shows its choice on the text at once (the form works without this too).
  document.querySelectorAll("input[data-mark]").forEach(function (box) {
    box.addEventListener("change", function () {
      document.getElementById(box.dataset.mark).classList.toggle("rejected", !box.checked);
    });
  });
  // Selecting text in a document fills that document's manual field.
  document.querySelectorAll(".redact-doc").forEach(function (section) {
    var text = section.querySelector("[data-selectable]"), input = section.querySelector(".manual-form input[name=text]");
    if (!text || !input) return;
    text.addEventListener("mouseup", function () {
      var picked = window.getSelection().toString().trim();
      if (picked) input.value = picked.slice(0, 200);
    });
  });
});
