/* The fronts screen: add slots, and reorder them by dragging a slot's handle or with its
   "Up" and "Down" buttons (which keep the keyboard focus and say where the slot went). The
   order travels in each slot's hidden position field; the server sorts by it. */
"use strict";
(function () {
  function setUp(editor) {
    const form = editor.querySelector("#arrange-form");
    const list = editor.querySelector(".front-slots");
    const template = document.getElementById("front-slot-template");
    const total = form.querySelector("input[name=slots-TOTAL_FORMS]");
    const status = editor.querySelector(".front-editor__status");
    const addButton = editor.querySelector(".front-editor__add");
    let dragged = null;

    function rows() {
      return Array.from(list.querySelectorAll(":scope > .front-slot"));
    }

    function announce(message) {
      status.textContent = "";
      window.setTimeout(function () { status.textContent = message; }, 50);
    }

    function showRuleFields(row) {
      const fill = row.querySelector("select[name$=-fill]");
      const kind = row.querySelector("select[name$=-kind]");
      if (!fill || !kind) return;
      for (const name of ["section", "tag", "region"]) {
        const field = row.querySelector(".front-slot__field--" + name);
        if (field) field.hidden = fill.value !== name;
      }
      const count = row.querySelector(".front-slot__field--count");
      if (count) count.hidden = kind.value === "lead";
    }

    function renumber() {
      const all = rows();
      all.forEach(function (row, index) {
        const number = index + 1;
        row.querySelector("input[name$=-position]").value = index;
        row.querySelector(".front-slot__number").textContent = number;
        row.querySelector(".front-slot__up").setAttribute("aria-label", "Move slot " + number + " up");
        row.querySelector(".front-slot__down").setAttribute("aria-label", "Move slot " + number + " down");
      });
    }

    function move(row, step, button) {
      const all = rows();
      const from = all.indexOf(row);
      const to = from + step;
      if (to < 0 || to >= all.length) {
        announce("Slot " + (from + 1) + " is already at the " + (step < 0 ? "top." : "bottom."));
        return;
      }
      list.insertBefore(row, step < 0 ? all[to] : all[to].nextSibling);
      renumber();
      if (button) button.focus();
      announce("Slot moved to position " + (to + 1) + " of " + all.length + ".");
    }

    function prepare(row) {
      row.querySelectorAll(".front-slot__up, .front-slot__down").forEach(function (button) {
        button.hidden = false;
      });
      showRuleFields(row);
    }

    list.addEventListener("click", function (event) {
      const button = event.target.closest(".front-slot__up, .front-slot__down");
      if (!button) return;
      move(button.closest(".front-slot"), button.classList.contains("front-slot__up") ? -1 : 1, button);
    });

    list.addEventListener("change", function (event) {
      const row = event.target.closest(".front-slot");
      if (!row) return;
      if (event.target.matches("select[name$=-fill], select[name$=-kind]")) showRuleFields(row);
      if (event.target.matches("input[name$=-DELETE]")) {
        row.classList.toggle("front-slot--removed", event.target.checked);
      }
    });

    list.addEventListener("dragstart", function (event) {
      if (!event.target.closest || !event.target.closest(".front-slot__handle")) return;
      dragged = event.target.closest(".front-slot");
      dragged.classList.add("front-slot--dragging");
      event.dataTransfer.effectAllowed = "move";
      event.dataTransfer.setData("text/plain", dragged.dataset.prefix);
    });

    list.addEventListener("dragover", function (event) {
      if (!dragged) return;
      event.preventDefault();
      const over = event.target.closest(".front-slot");
      if (!over || over === dragged) return;
      const box = over.getBoundingClientRect();
      const after = event.clientY > box.top + box.height / 2;
      list.insertBefore(dragged, after ? over.nextSibling : over);
    });

    list.addEventListener("drop", function (event) {
      if (dragged) event.preventDefault();
    });

    list.addEventListener("dragend", function () {
      if (!dragged) return;
      dragged.classList.remove("front-slot--dragging");
      renumber();
      announce("Slot moved to position " + (rows().indexOf(dragged) + 1) + " of " + rows().length + ".");
      dragged = null;
    });

    addButton.hidden = false;
    addButton.addEventListener("click", function () {
      const index = parseInt(total.value, 10);
      list.insertAdjacentHTML("beforeend", template.innerHTML.replace(/__prefix__/g, String(index)));
      total.value = index + 1;
      const row = rows()[rows().length - 1];
      prepare(row);
      renumber();
      // The admin's autocomplete boxes (select2) set themselves up on this event.
      row.dispatchEvent(new CustomEvent("formset:added", { bubbles: true, detail: { formsetName: "slots" } }));
      const first = row.querySelector("select, input:not([type=hidden])");
      if (first) first.focus();
      const empty = editor.querySelector(".front-editor__empty");
      if (empty) empty.hidden = true;
      announce("Slot " + rows().length + " added.");
    });

    rows().forEach(prepare);
    renumber();
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll(".front-editor").forEach(setUp);
  });
})();
