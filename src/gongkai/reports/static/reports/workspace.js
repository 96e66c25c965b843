// "插入" buttons: append a ready sentence to its textarea, then let htmx re-run the checks.
document.addEventListener("click", function (event) {
  var button = event.target.closest("button[data-insert]");
  if (!button) return;
  event.preventDefault();
  var area = document.getElementById(button.dataset.target);
  if (!area) return;
  var text = button.dataset.insert;
  area.value = area.value.trim() ? area.value.replace(/\s+$/, "") + text : text;
  area.dispatchEvent(new Event("input", { bubbles: true }));
  area.focus();
});
