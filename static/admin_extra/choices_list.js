/* select2's multiple choice box renders the chosen items as a <ul> that also holds its search
   box and, once something is chosen, its "remove all" cross (both <span>s), which are not list
   items. Say it is a list, and those its items, so assistive technology reads "list, 2 items"
   and the markup stays valid; again whenever select2 redraws it. Loaded on every staff
   screen (templates/admin/base_site.html). */
"use strict";
(function () {
  function mark(root) {
    root.querySelectorAll("ul.select2-selection__rendered").forEach(function (list) {
      list.setAttribute("role", "list");
      list.querySelectorAll(":scope > :not(li)").forEach(function (item) {
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
