/* select2's multiple choice box renders the chosen items as a <ul> that also holds its search
   box (a <span>), which is not a list item. Say it is a list, and the search box one of its
   items, so assistive technology reads "list, 2 items" and the markup stays valid; again
   whenever select2 redraws it. */
"use strict";
(function () {
  function mark(root) {
    root.querySelectorAll("ul.select2-selection__rendered").forEach(function (list) {
      list.setAttribute("role", "list");
      list.querySelectorAll(":scope > span.select2-search").forEach(function (item) {
        item.setAttribute("role", "listitem");
      });
    });
  }

  function start() {
    const main = document.getElementById("content-main") || document.body;
    mark(main);
    let pending = false;
    new MutationObserver(function () {
      if (pending) return;
      pending = true;
      window.requestAnimationFrame(function () {
        pending = false;
        mark(main);
      });
    }).observe(main, { childList: true, subtree: true });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
