// Progressive enhancement of the error summary (GOV.UK pattern): focus moves to the summary
// on load, so screen-reader and keyboard users hear what went wrong first; a link in it
// moves focus to its field and scrolls the field's label or legend into view.
(function () {
  "use strict";
  var summary = document.getElementById("error-summary");
  if (!summary) { return; }
  summary.focus();
  summary.addEventListener("click", function (event) {
    var link = event.target.closest("a[href^='#']");
    if (!link) { return; }
    var target = document.getElementById(link.getAttribute("href").slice(1));
    if (!target) { return; }
    if (!target.matches("input, select, textarea, button")) {
      // A link to a group (a fieldset): focus goes to its first control.
      target = target.querySelector("input:not([type=hidden]), select, textarea") || target;
    }
    event.preventDefault();
    var fieldset = target.closest("fieldset");
    var legend = fieldset && fieldset.querySelector("legend");
    var label = target.id && document.querySelector("label[for='" + target.id + "']");
    (legend || label || target).scrollIntoView();
    target.focus({ preventScroll: true });
  });
})();
