// Tables reflow on narrow screens (WCAG 1.4.10, 320 CSS px): each row becomes a block of
// "column: value" lines. This labels every cell with its column heading (data-label) and
// marks the table; site.css does the layout. Without JavaScript a wide table scrolls inside
// its own box instead, never the page.
(function () {
  "use strict";
  function headings(table) {
    var row = table.tHead && table.tHead.rows[table.tHead.rows.length - 1];
    if (!row) { return null; }
    var labels = [];
    Array.prototype.forEach.call(row.cells, function (cell) {
      for (var i = 0; i < (cell.colSpan || 1); i++) { labels.push(cell.textContent.trim()); }
    });
    return labels;
  }
  Array.prototype.forEach.call(document.querySelectorAll("main table:not(.no-reflow)"), function (table) {
    var labels = headings(table);
    if (!labels) { return; }
    Array.prototype.forEach.call(table.tBodies, function (body) {
      Array.prototype.forEach.call(body.rows, function (row) {
        var column = 0;
        Array.prototype.forEach.call(row.cells, function (cell) {
          var label = labels[column];
          if (label && !cell.hasAttribute("data-label")) { cell.setAttribute("data-label", label); }
          column += cell.colSpan || 1;
        });
      });
    });
    table.classList.add("table-reflow");
  });
})();
