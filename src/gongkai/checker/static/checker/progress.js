// Live progress of a batch: ask the JSON endpoint every 1.5 s, update the count and the bar, and
// reload the page (the finished result table) once the batch is done. Without JavaScript the
// page refreshes itself (<noscript><meta http-equiv="refresh">).
(function () {
  "use strict";
  var box = document.getElementById("progress");
  if (!box || !box.dataset.url) return;
  var label = document.getElementById("progress-label");
  var bar = document.getElementById("progress-bar");
  var stuck = document.getElementById("progress-stuck");
  var state = document.getElementById("progress-state");
  var recheck = document.querySelector("form.recheck");
  var last = null;

  function show(p) {
    label.textContent = p.label;
    bar.max = p.total;
    bar.value = p.checked;
    bar.textContent = p.percent + "%";
    ["clean", "errors", "unreadable"].forEach(function (key) {
      var el = box.querySelector('[data-count="' + key + '"]');
      if (el) el.textContent = p[key];
    });
    if (state) state.textContent = p.state_label;
    stuck.hidden = !p.stuck;
    if (recheck) recheck.hidden = !p.stuck;
  }

  function poll() {
    fetch(box.dataset.url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (p) {
        if (!p) return setTimeout(poll, 5000);
        show(p);
        // the rows of the table change as files are checked: load them when the batch is done
        if (p.done) return window.location.reload();
        if (last !== null && p.checked !== last) box.dataset.moved = "1";
        last = p.checked;
        setTimeout(poll, 1500);
      })
      .catch(function () { setTimeout(poll, 5000); });
  }
  setTimeout(poll, 1000);
})();
