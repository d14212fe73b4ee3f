// The article editor: a toolbar that writes Markdown for staff (headings,
// lists, bold, links, images with required alt text), and the address made
// from the Japanese title while it is typed. Without JavaScript staff type
// Markdown themselves (the form explains it) and the server makes the address.
(function () {
  "use strict";

  function lineStart(text, pos) { return text.lastIndexOf("\n", pos - 1) + 1; }

  function replaceRange(area, start, end, text, selectFrom, selectTo) {
    area.focus();
    area.setRangeText(text, start, end, "end");
    if (selectFrom !== undefined) { area.setSelectionRange(selectFrom, selectTo); }
    area.dispatchEvent(new Event("input", { bubbles: true }));
  }

  function prefixLines(area, prefix) {
    var value = area.value;
    var start = lineStart(value, area.selectionStart);
    var end = area.selectionEnd;
    var lines = value.slice(start, end).split("\n");
    var n = 0;
    var out = lines.map(function (line) {
      n += 1;
      var mark = typeof prefix === "function" ? prefix(n) : prefix;
      return line.indexOf(mark) === 0 ? line : mark + line;
    }).join("\n");
    replaceRange(area, start, end, out);
  }

  function wrap(area, before, after, placeholder) {
    var s = area.selectionStart, e = area.selectionEnd;
    var inner = area.value.slice(s, e) || placeholder;
    replaceRange(area, s, e, before + inner + after, s + before.length, s + before.length + inner.length);
  }

  function insertBlock(area, text) {
    var s = area.selectionStart, e = area.selectionEnd, value = area.value;
    var lead = s > 0 && value.charAt(s - 1) !== "\n" ? "\n\n" : "";
    replaceRange(area, s, e, lead + text + "\n");
  }

  var SCHEMES = /^(https?:\/\/|mailto:|tel:|\/)/i;

  function setUpToolbar(bar) {
    var area = document.getElementById(bar.getAttribute("data-markdown-toolbar"));
    if (!area) { return; }
    bar.hidden = false;
    var panels = bar.querySelectorAll("[data-md-panel]");
    var selection = [0, 0];

    function closePanels() {
      for (var i = 0; i < panels.length; i++) { panels[i].hidden = true; }
      var toggles = bar.querySelectorAll("[aria-expanded]");
      for (var j = 0; j < toggles.length; j++) { toggles[j].setAttribute("aria-expanded", "false"); }
    }

    function openPanel(kind, button) {
      closePanels();
      var panel = bar.querySelector("[data-md-panel='" + kind + "']");
      selection = [area.selectionStart, area.selectionEnd];
      var text = panel.querySelector("[data-md-input=text]");
      if (text) { text.value = area.value.slice(selection[0], selection[1]); }
      panel.querySelector("[data-md-error]").textContent = "";
      panel.hidden = false;
      button.setAttribute("aria-expanded", "true");
      panel.querySelector("input").focus();
    }

    function insertFrom(panel) {
      var kind = panel.getAttribute("data-md-panel");
      var error = panel.querySelector("[data-md-error]");
      var field = function (name) {
        var input = panel.querySelector("[data-md-input=" + name + "]");
        return input ? input.value.trim() : "";
      };
      var url = field("url");
      var problem = null, focus = null;
      if (kind === "link" && !field("text")) { problem = "data-error-text"; focus = "text"; }
      else if (!url || (kind === "link" && !SCHEMES.test(url))) { problem = "data-error-url"; focus = "url"; }
      else if (kind === "image" && !field("alt")) { problem = "data-error-alt"; focus = "alt"; }
      if (problem) {
        error.textContent = panel.getAttribute(problem);
        panel.querySelector("[data-md-input=" + focus + "]").focus();
        return;
      }
      area.setSelectionRange(selection[0], selection[1]);
      var clean = function (text) { return text.replace(/[\[\]]/g, ""); };
      if (kind === "link") {
        replaceRange(area, selection[0], selection[1], "[" + clean(field("text")) + "](" + url.replace(/\s/g, "%20") + ")");
      } else {
        insertBlock(area, "![" + clean(field("alt")) + "](" + url.replace(/\s/g, "%20") + ")");
      }
      var inputs = panel.querySelectorAll("input");
      for (var i = 0; i < inputs.length; i++) { inputs[i].value = ""; }
      closePanels();
      area.focus();
    }

    bar.addEventListener("click", function (event) {
      var button = event.target.closest("button");
      if (!button) { return; }
      var action = button.getAttribute("data-md");
      if (action === "heading") { prefixLines(area, "## "); }
      else if (action === "list") { prefixLines(area, "- "); }
      else if (action === "numbered") { prefixLines(area, function (n) { return n + ". "; }); }
      else if (action === "bold") { wrap(area, "**", "**", bar.getAttribute("data-bold-placeholder") || "…"); }
      else if (action === "link" || action === "image") { openPanel(action, button); }
      else if (button.hasAttribute("data-md-insert")) { insertFrom(button.closest("[data-md-panel]")); }
      else if (button.hasAttribute("data-md-cancel")) { closePanels(); area.focus(); }
    });
    bar.addEventListener("keydown", function (event) {
      // Enter in a panel's field inserts; it must not submit the article form.
      if (event.key === "Enter" && event.target.matches("[data-md-input]")) {
        event.preventDefault();
        insertFrom(event.target.closest("[data-md-panel]"));
      } else if (event.key === "Escape" && event.target.closest("[data-md-panel]")) {
        closePanels();
        area.focus();
      }
    });
  }

  function setUpSlug(form) {
    var title = form.querySelector("[name=title_ja]");
    var slug = form.querySelector("[name=slug]");
    var url = form.getAttribute("data-slug-url");
    if (!title || !slug || !url || !window.fetch) { return; }
    // Only while the address is empty or still the one made here: a typed or saved address stays.
    var made = slug.value === "" ? "" : null;
    slug.addEventListener("input", function () { made = null; });
    var timer = null;
    title.addEventListener("input", function () {
      if (made === null) { return; }
      clearTimeout(timer);
      timer = setTimeout(function () {
        fetch(url + "?title=" + encodeURIComponent(title.value), { credentials: "same-origin" })
          .then(function (r) { return r.ok ? r.json() : null; })
          .then(function (data) {
            if (data && made !== null && slug.value === made) {
              slug.value = made = data.slug;
            }
          })
          .catch(function () { /* the server makes the address on saving */ });
      }, 300);
    });
  }

  var bars = document.querySelectorAll("[data-markdown-toolbar]");
  for (var i = 0; i < bars.length; i++) { setUpToolbar(bars[i]); }
  var form = document.querySelector("[data-article-form]");
  if (form) { setUpSlug(form); }
})();
