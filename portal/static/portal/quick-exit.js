// Quick exit ("Exit this page", as in the GOV.UK design system): the link works
// without JavaScript; with it, the page is replaced in the history (Back does
// not return here) and Shift+Esc or Esc three times within two seconds leaves.
(function () {
  "use strict";
  var link = document.querySelector("[data-quick-exit]");
  if (!link) { return; }
  var target = link.getAttribute("href");
  function leave(event) {
    if (event) { event.preventDefault(); }
    document.body.classList.add("invisible");
    document.title = "-";
    window.location.replace(target);
  }
  link.addEventListener("click", leave);
  var presses = [];
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape" && event.key !== "Esc") { return; }
    if (event.shiftKey) { leave(event); return; }
    var now = Date.now();
    presses = presses.filter(function (t) { return now - t < 2000; });
    presses.push(now);
    if (presses.length >= 3) { leave(event); }
  });
})();
