// Progressive enhancement: move focus to the error summary so screen-reader and
// keyboard users hear what is missing first (GOV.UK error summary pattern).
(function () {
  "use strict";
  var summary = document.getElementById("error-summary");
  if (summary) { summary.focus(); }
})();
