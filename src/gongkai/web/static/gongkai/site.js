// Behaviour shared by every page. No inline scripts anywhere: the Content-Security-Policy forbids them.
"use strict";
document.addEventListener("click", function (event) {
  // <button data-print>: print the page (the receipt, a sample form)
  if (event.target.closest("[data-print]")) {
    event.preventDefault();
    window.print();
  }
});
