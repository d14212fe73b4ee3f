// Quick exit ("Exit this page", as in the GOV.UK design system). The link
// works without JavaScript. With it:
// - leaving replaces this page in the history (location.replace), so Back
//   does not return here, and the tab's title is blanked at once;
// - Esc three times within two seconds leaves (Shift+Esc too, where the
//   browser passes it on: some systems keep it for themselves);
// - a page of this site that Back or Forward brings up again in this tab
//   after leaving (an earlier step of the same journey, from the back/forward
//   cache or reloaded) leaves again at once, replacing that entry as well.
(function () {
  "use strict";
  var KEY = "kizuki-quick-exit";
  var link = document.querySelector("[data-quick-exit]");
  if (!link) { return; }
  var target = link.getAttribute("href");

  function store(value) {
    try {
      if (value) { sessionStorage.setItem(KEY, value); } else { sessionStorage.removeItem(KEY); }
    } catch (e) { /* storage may be disabled: leaving still works */ }
  }
  function stored() {
    try { return sessionStorage.getItem(KEY); } catch (e) { return null; }
  }
  function leave(event) {
    if (event) { event.preventDefault(); }
    store(target);
    document.documentElement.classList.add("quick-exit-leaving");
    document.title = "-";
    window.location.replace(target);
  }
  function cameBack(event) {
    if (event && event.persisted) { return true; }
    var entries = window.performance && performance.getEntriesByType
      ? performance.getEntriesByType("navigation") : [];
    return entries.length > 0 && entries[0].type === "back_forward";
  }

  window.addEventListener("pageshow", function (event) {
    var left = stored();
    if (!left) { return; }
    if (cameBack(event)) {
      document.documentElement.classList.add("quick-exit-leaving");
      document.title = "-";
      window.location.replace(left);
    } else {
      store(null); // a fresh visit: the person came back on purpose
    }
  });

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
