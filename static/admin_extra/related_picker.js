/* The related-story picker (articles/admin/article/picker.py): pinning a story readers cannot see yet
   says so at once, beside the row. "More Stories" leaves such a story out until it is public;
   saving says so again. */
"use strict";
(function () {
  const PICKER = "select[name^='pinned_related-'][name$='-related']";

  function mark(select, stateLabel) {
    const cell = select.closest("td") || select.parentElement;
    let warning = cell.querySelector(".pin-warning");
    if (!stateLabel) {
      if (warning) warning.remove();
      return;
    }
    if (!warning) {
      warning = document.createElement("p");
      warning.className = "pin-warning";
      warning.setAttribute("role", "alert");
      cell.append(warning);
    }
    warning.textContent = "Not public yet (" + stateLabel + "): readers will not see it under More Stories until it is.";
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll(PICKER).forEach(function (select) {
      const chosen = select.selectedOptions[0];
      if (chosen && chosen.dataset.public === "false") mark(select, chosen.dataset.stateLabel);
    });
    if (!(window.django && window.django.jQuery)) return;
    const $ = window.django.jQuery;
    $(document).on("select2:select", PICKER, function (event) {
      const story = event.params.data;
      mark(this, story.public === false ? story.state_label : null);
    });
    $(document).on("select2:unselect select2:clear", PICKER, function () { mark(this, null); });
  });
})();
