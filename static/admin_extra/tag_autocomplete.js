/* Tag autocomplete for the article form: while typing a tag, offer existing tags (most used
   first, aliases answered with their tag) so near-duplicates are not created. Choosing one
   replaces the tag being typed. No inline script: the CSP allows only files from this site. */
"use strict";
(function () {
  function currentTerm(value) {
    const parts = value.split(",");
    return parts[parts.length - 1].trim();
  }

  function replaceTerm(value, name) {
    const parts = value.split(",");
    parts[parts.length - 1] = " " + (name.includes(" ") && name.includes(",") ? '"' + name + '"' : name);
    return parts.join(",").replace(/^\s+/, "") + ", ";
  }

  function setUp(input) {
    const list = document.createElement("ul");
    list.className = "tag-suggestions";
    list.id = input.id + "-suggestions";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", "Existing tags");
    list.hidden = true;
    input.setAttribute("aria-controls", list.id);
    input.insertAdjacentElement("afterend", list);
    let timer = null;
    let asked = "";

    function show(results) {
      list.replaceChildren();
      for (const result of results) {
        const item = document.createElement("li");
        const button = document.createElement("button");
        button.type = "button";
        button.className = "tag-suggestion";
        button.textContent = result.name + (result.alias ? " (also “" + result.alias + "”)" : "");
        const count = document.createElement("span");
        count.className = "tag-suggestion-count";
        count.textContent = " " + result.stories + (result.stories === 1 ? " story" : " stories");
        button.append(count);
        button.addEventListener("click", function () {
          input.value = replaceTerm(input.value, result.name);
          list.hidden = true;
          input.focus();
        });
        item.append(button);
        list.append(item);
      }
      list.hidden = results.length === 0;
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      const term = currentTerm(input.value);
      if (term.length < 2) {
        show([]);
        return;
      }
      timer = setTimeout(function () {
        asked = term;
        fetch(input.dataset.tagLookup + "?q=" + encodeURIComponent(term), {
          credentials: "same-origin",
          headers: { Accept: "application/json" },
        })
          .then(function (response) { return response.ok ? response.json() : { results: [] }; })
          .then(function (data) { if (asked === term) show(data.results); })
          .catch(function () { show([]); });
      }, 200);
    });
    input.addEventListener("keydown", function (event) {
      if (event.key === "Escape") list.hidden = true;
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("input[data-tag-lookup]").forEach(setUp);
  });
})();
