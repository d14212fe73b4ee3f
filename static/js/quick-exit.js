// Quick exit ("Exit this page", as in the GOV.UK design system). The link
// works without JavaScript. With it:
// - Esc three times within two seconds leaves (Shift+Esc too, where the
//   browser passes it on: some systems keep it for themselves);
// - leaving blanks the page and its title at once and replaces the history
//   entries of the sensitive pages: each such page records how many sensitive
//   pages in a row led to it (history.state); leaving goes back to the first
//   of them and replaces it (location.replace), so Back lands on the page
//   before the sensitive ones;
// - a sensitive page that Back or Forward brings up again in this tab after
//   leaving (from the back/forward cache or reloaded) leaves again at once.
(function () {
  "use strict";
  var LEFT = "kizuki-quick-exit";
  var TRAIL = "kizuki-quick-exit-trail";
  var link = document.querySelector("[data-quick-exit]");
  if (!link) { return; }
  var target = link.getAttribute("href");

  function read(key) {
    try { return sessionStorage.getItem(key); } catch (e) { return null; }
  }
  function write(key, value) {
    try {
      if (value === null) { sessionStorage.removeItem(key); } else { sessionStorage.setItem(key, value); }
    } catch (e) { /* storage may be disabled: leaving still works */ }
  }
  function navigationType() {
    var entries = window.performance && performance.getEntriesByType
      ? performance.getEntriesByType("navigation") : [];
    return entries.length ? entries[0].type : "navigate";
  }
  function hide() {
    document.documentElement.classList.add("quick-exit-leaving");
    document.title = "-";
  }

  // How many sensitive pages in a row led here (this one included).
  function depth() {
    var state = history.state;
    if (state && typeof state.kizukiSensitive === "number") { return state.kizukiSensitive; }
    var count = 1;
    var previous = null;
    try { previous = JSON.parse(read(TRAIL) || "null"); } catch (e) { previous = null; }
    if (previous && document.referrer === previous.url && history.length === previous.length + 1) {
      count = previous.depth + 1;
    }
    try {
      history.replaceState({ kizukiSensitive: count }, "");
    } catch (e) { /* a page that cannot keep state counts as one */ }
    write(TRAIL, JSON.stringify({ url: location.href, length: history.length, depth: count }));
    return count;
  }

  function leave(event) {
    if (event) { event.preventDefault(); }
    hide();
    write(LEFT, target);
    var steps = depth() - 1;
    if (steps > 0 && steps < history.length) {
      // The first sensitive page of the trail replaces itself when it shows.
      history.go(-steps);
      // If that page cannot run this script, leave from here after all.
      window.setTimeout(function () { window.location.replace(target); }, 1500);
    } else {
      window.location.replace(target);
    }
  }

  window.addEventListener("pageshow", function (event) {
    var left = read(LEFT);
    if (left && (event.persisted || navigationType() === "back_forward")) {
      hide();
      window.location.replace(left);
      return;
    }
    write(LEFT, null); // a fresh visit: the person came back on purpose
    depth();
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
