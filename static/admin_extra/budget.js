/* The budget: re-plan a line by dragging it onto another line (it takes that line's day, slot
   and place). The same move as each line's "Move", "Earlier" and "Later" forms, which work
   with the keyboard and without this script; here it is posted in the background, said in
   the live region, and the budget is drawn again. */
"use strict";
(function () {
  function setUp(budget) {
    const status = budget.querySelector(".budget__status");
    const token = budget.querySelector("input[name=csrfmiddlewaretoken]");
    let dragged = null;

    function say(message) {
      status.textContent = "";
      window.setTimeout(function () { status.textContent = message; }, 50);
    }

    budget.addEventListener("dragstart", function (event) {
      const line = event.target.closest && event.target.closest(".budget-line[draggable=true]");
      if (!line) return;
      dragged = line;
      line.classList.add("budget-line--dragging");
      event.dataTransfer.effectAllowed = "move";
      event.dataTransfer.setData("text/plain", line.dataset.slug);
    });

    budget.addEventListener("dragover", function (event) {
      const over = event.target.closest(".budget-line");
      if (!dragged || !over || over === dragged) return;
      event.preventDefault();
      budget.querySelectorAll(".budget-line--drop-target").forEach(function (line) {
        line.classList.remove("budget-line--drop-target");
      });
      over.classList.add("budget-line--drop-target");
    });

    budget.addEventListener("dragend", function () {
      if (dragged) dragged.classList.remove("budget-line--dragging");
      budget.querySelectorAll(".budget-line--drop-target").forEach(function (line) {
        line.classList.remove("budget-line--drop-target");
      });
      dragged = null;
    });

    budget.addEventListener("drop", function (event) {
      const target = event.target.closest(".budget-line");
      if (!dragged || !target || target === dragged || !token) return;
      event.preventDefault();
      const body = new URLSearchParams({
        day: target.dataset.day,
        slot: target.dataset.slot,
        position: target.dataset.rank,
        csrfmiddlewaretoken: token.value,
      });
      const line = dragged;
      fetch(line.dataset.move, {
        method: "POST",
        body: body,
        headers: { Accept: "application/json" },
        credentials: "same-origin",
      }).then(function (response) {
        return response.json().then(function (answer) {
          if (!response.ok) throw new Error(answer.error || "The line could not be moved.");
          say(answer.message);
          window.location.hash = "line-" + answer.line;
          window.location.reload();
        });
      }).catch(function (problem) { say(problem.message); });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll(".budget").forEach(setUp);
  });
})();
