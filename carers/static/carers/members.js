// Carers and people cared for on the household form: add and remove entries
// without reloading the page. Without JavaScript the same buttons submit the
// form, and the server shows it again with one more blank entry.
//
// A new entry is the formset's empty form (in a <template>) with its index
// filled in; TOTAL_FORMS counts every index handed out, so a removed new
// entry leaves a gap that the formset reads as an empty, unsaved row. A saved
// person is removed with the "remove when saving" box, as without JavaScript.
(function () {
  "use strict";

  function renumber(box) {
    var rows = box.querySelectorAll("[data-formset-row]:not([hidden])");
    for (var i = 0; i < rows.length; i++) {
      var number = rows[i].querySelector("[data-formset-number]");
      if (number) { number.textContent = String(i + 1); }
    }
    return rows.length;
  }

  function announce(box, text) {
    var status = box.querySelector("[data-formset-status]");
    if (status) { status.textContent = text; }
  }

  function legendOf(row) {
    var legend = row.querySelector("legend");
    return legend ? legend.textContent.replace(/\s+/g, " ").trim() : "";
  }

  function enableRemove(box, row) {
    var button = row.querySelector("[data-formset-remove]");
    if (!button) { return; }
    var tick = row.querySelector("input[name$='-DELETE']");
    var wrapper = tick && (tick.closest("[id^='div_id_']") || tick.closest(".form-check"));
    if (wrapper) { wrapper.hidden = true; }
    button.hidden = false;
    button.addEventListener("click", function () {
      var name = legendOf(row);
      row.parentNode.removeChild(row);
      renumber(box);
      updateAdd(box);
      announce(box, box.getAttribute("data-removed-text") + " " + name);
      var add = box.querySelector("[data-formset-add]");
      if (add) { add.focus(); }
    });
  }

  function updateAdd(box) {
    var add = box.querySelector("[data-formset-add]");
    var total = box.querySelector("input[name$='-TOTAL_FORMS']");
    var max = parseInt(box.getAttribute("data-formset-max"), 10);
    if (add && total && max) { add.disabled = parseInt(total.value, 10) >= max; }
  }

  function setUp(box) {
    var prefix = box.getAttribute("data-formset");
    var template = box.querySelector("template[data-formset-template]");
    var rows = box.querySelector("[data-formset-rows]");
    var total = box.querySelector("input[name='" + prefix + "-TOTAL_FORMS']");
    var add = box.querySelector("[data-formset-add]");
    if (!template || !rows || !total || !add) { return; }
    var existing = rows.querySelectorAll("[data-formset-row]:not([data-saved])");
    for (var i = 0; i < existing.length; i++) { enableRemove(box, existing[i]); }
    add.addEventListener("click", function (event) {
      event.preventDefault();
      var index = parseInt(total.value, 10);
      if (isNaN(index)) { return; }
      var html = template.innerHTML
        .replace(/__prefix__/g, String(index))
        .replace(/__number__/g, String(index + 1));
      var holder = document.createElement("div");
      holder.innerHTML = html;
      var row = holder.querySelector("[data-formset-row]");
      rows.appendChild(row);
      total.value = String(index + 1);
      enableRemove(box, row);
      renumber(box);
      updateAdd(box);
      announce(box, box.getAttribute("data-added-text") + " " + legendOf(row));
      var first = row.querySelector("input:not([type=hidden]), select, textarea");
      if (first) { first.focus(); }
    });
    updateAdd(box);
  }

  var boxes = document.querySelectorAll("[data-formset]");
  for (var i = 0; i < boxes.length; i++) { setUp(boxes[i]); }
})();
