// Accessible names for the controls on every staff screen (templates/admin/base_site.html)
// that Django's widgets and their libraries leave unnamed: select2's comboboxes and search boxes (section, regions, sources, authors),
// the body editor (ProseMirror), number and file inputs whose only caption is a fieldset legend
// or a table column header (byline position, lead image). Each gets the name a sighted editor
// reads beside it. A MutationObserver names controls added later (new byline rows, select2
// widgets initialised after load, the editor mounting).
(function () {
  "use strict";

  var CONTROLS = "input:not([type=hidden]), select, textarea, [contenteditable=true], [role=combobox], [role=textbox]";

  function clean(text) {
    return (text || "").replace(/\s+/g, " ").replace(/[:*]\s*$/, "").trim();
  }

  function hasName(control) {
    if (control.getAttribute("aria-label")) return true;
    var ids = (control.getAttribute("aria-labelledby") || "").split(/\s+/).filter(Boolean);
    var labelled = ids.some(function (id) {
      var element = document.getElementById(id);
      return element && clean(element.textContent);
    });
    if (labelled) return true;
    if (control.id && document.querySelector('label[for="' + CSS.escape(control.id) + '"]')) return true;
    return Boolean(control.closest("label"));
  }

  // The field a control belongs to: select2's pieces stand for the <select> before them.
  function fieldOf(control) {
    var container = control.closest(".select2-container");
    if (container && container.previousElementSibling && container.previousElementSibling.tagName === "SELECT") {
      return container.previousElementSibling;
    }
    return control;
  }

  function captionOf(field) {
    if (field.id) {
      var label = document.querySelector('label[for="' + CSS.escape(field.id) + '"]');
      if (label) return clean(label.textContent);
    }
    var cell = field.closest("td");
    if (cell) {
      var table = cell.closest("table");
      var header = table && table.tHead && table.tHead.rows[0] && table.tHead.rows[0].cells[cell.cellIndex];
      var row = cell.closest("tr");
      var number = row ? Array.prototype.indexOf.call(row.parentNode.rows, row) + 1 : 0;
      if (header && clean(header.textContent)) {
        return clean(header.textContent) + (number ? ", row " + number : "");
      }
    }
    var legend = field.closest("fieldset") && field.closest("fieldset").querySelector("legend");
    if (legend && clean(legend.textContent)) return clean(legend.textContent);
    var formRow = field.closest(".form-row");
    var rowLabel = formRow && formRow.querySelector("label");
    return rowLabel ? clean(rowLabel.textContent) : "";
  }

  // A select2 combobox is named by its rendered value alone ("World"): put the field's label
  // first ("Section World"), giving the label an id for the purpose.
  function prefixLabel(combobox) {
    var field = fieldOf(combobox);
    var label = field.id && document.querySelector('label[for="' + CSS.escape(field.id) + '"]');
    if (!label) return;
    label.id = label.id || field.id + "-label";
    var ids = (combobox.getAttribute("aria-labelledby") || "").split(/\s+/).filter(Boolean);
    if (ids.indexOf(label.id) === -1) {
      combobox.setAttribute("aria-labelledby", [label.id].concat(ids).join(" "));
    }
  }

  function name(control) {
    if (control.matches(".select2-selection[role=combobox]")) prefixLabel(control);
    if (hasName(control)) return;
    var caption = captionOf(fieldOf(control));
    if (!caption) return;
    if (control.classList.contains("select2-search__field")) caption = "Search " + caption;
    control.setAttribute("aria-label", caption);
  }

  function nameAll(root) {
    (root.querySelectorAll ? root : document).querySelectorAll(CONTROLS).forEach(name);
    // select2's rendered value carries role=textbox with no name of its own.
    document.querySelectorAll(".select2-selection__rendered[role=textbox]").forEach(name);
    // Django's two-box picker (filter_horizontal) labels its search icons, plain <span>s, with
    // aria-label, which ARIA allows only on an element with a role: they are pictures.
    document.querySelectorAll(".help-tooltip[aria-label]:not([role])").forEach(function (icon) {
      icon.setAttribute("role", "img");
    });
  }

  function start() {
    var form = document.getElementById("content-main") || document.body;
    nameAll(form);
    var pending = false;
    new MutationObserver(function () {
      if (pending) return;
      pending = true;
      window.requestAnimationFrame(function () {
        pending = false;
        nameAll(form);
      });
    }).observe(form, { childList: true, subtree: true });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
