/* "Suggest regions and sources" in the article form: asks the server which regions and
   sources the headline, standfirst and body mention, and lists them; one click adds one to
   the form's region or source box, "Add all" adds every one listed. Nothing is added
   without a click. */
"use strict";
(function () {
  function bodyHtml(form) {
    const field = form.querySelector("[name=body]");
    return field ? field.value : "";
  }

  function selectedIds(select) {
    return select ? Array.from(select.selectedOptions, function (option) { return option.value; }) : [];
  }

  function addToSelect(select, id, name) {
    let option = Array.from(select.options).find(function (o) { return o.value === String(id); });
    if (!option) {
      option = new Option(name, id, true, true);
      select.append(option);
    }
    option.selected = true;
    // The admin's autocomplete boxes are select2 widgets listening through django.jQuery.
    if (window.django && window.django.jQuery) window.django.jQuery(select).trigger("change");
    else select.dispatchEvent(new Event("change", { bubbles: true }));
  }

  function setUp(tagsInput) {
    const form = tagsInput.form;
    const anchor = form.querySelector(".field-sources") || tagsInput.closest(".form-row");
    const box = document.createElement("div");
    box.className = "form-row taxonomy-suggestions";
    const button = document.createElement("button");
    button.type = "button";
    button.className = "button";
    button.textContent = "Suggest regions and sources";
    const results = document.createElement("div");
    results.className = "taxonomy-suggestion-list";
    results.setAttribute("aria-live", "polite");
    box.append(button, results);
    anchor.insertAdjacentElement("afterend", box);

    function render(data) {
      results.replaceChildren();
      const groups = [["regions", "id_regions"], ["sources", "id_sources"]];
      let any = false;
      for (const [kind, selectId] of groups) {
        for (const item of data[kind]) {
          any = true;
          const add = document.createElement("button");
          add.type = "button";
          add.className = "button taxonomy-suggestion";
          add.dataset.kind = kind;
          add.textContent = "Add " + item.name + (item.matched.toLowerCase() !== item.name.toLowerCase() ? " (“" + item.matched + "”)" : "");
          add.addEventListener("click", function () {
            addToSelect(document.getElementById(selectId), item.id, item.name);
            add.remove();
          });
          results.append(add);
        }
      }
      if (!any) {
        results.textContent = "No further regions or sources mentioned.";
      } else if (results.children.length > 1) {
        const all = document.createElement("button");
        all.type = "button";
        all.className = "button taxonomy-suggestion taxonomy-suggestion--all";
        all.textContent = "Add all (" + results.children.length + ")";
        all.addEventListener("click", function () {
          results.querySelectorAll(".taxonomy-suggestion[data-kind]").forEach(function (add) { add.click(); });
          all.remove();
          results.textContent = "Added every region and source suggested.";
        });
        results.prepend(all);
      }
    }

    button.addEventListener("click", function () {
      const data = new FormData();
      data.append("csrfmiddlewaretoken", form.querySelector("[name=csrfmiddlewaretoken]").value);
      for (const name of ["headline", "standfirst"]) {
        const field = form.querySelector("[name=" + name + "]");
        data.append(name, field ? field.value : "");
      }
      data.append("body", bodyHtml(form));
      selectedIds(document.getElementById("id_regions")).forEach(function (id) { data.append("regions", id); });
      selectedIds(document.getElementById("id_sources")).forEach(function (id) { data.append("sources", id); });
      results.textContent = "Looking…";
      fetch(tagsInput.dataset.suggestUrl, { method: "POST", body: data, credentials: "same-origin" })
        .then(function (response) { if (!response.ok) throw new Error(response.status); return response.json(); })
        .then(render)
        .catch(function () { results.textContent = "Suggestions are unavailable right now."; });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("input[data-suggest-url]").forEach(setUp);
  });
})();
