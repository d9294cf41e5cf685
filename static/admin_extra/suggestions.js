/* "Suggest regions and sources" in the article form: asks the server which regions, sources
   (people among them) and tags the headline, standfirst and body mention, best first, and
   lists them; one click adds one to the form's region, source or tag box, "Add all" adds
   every one listed except words that name two places (those the editor picks: each is shown
   with its parent). Nothing is added without a click. */
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

    function addTag(name) {
      const input = document.getElementById("id_tags");
      const typed = input.value.split(",").map(function (t) { return t.trim(); }).filter(Boolean);
      if (!typed.some(function (t) { return t.toLowerCase() === name.toLowerCase(); })) typed.push(name);
      input.value = typed.join(", ") + ", ";
      input.dispatchEvent(new Event("input", { bubbles: true }));
    }

    function typedTags() {
      const input = document.getElementById("id_tags");
      return input ? input.value.split(",").map(function (t) { return t.trim().toLowerCase(); }) : [];
    }

    function label(kind, item) {
      let text = "Add " + (kind === "tags" ? "tag " : item.person ? "person " : "") + item.name;
      if (item.ambiguous && item.context) text += ", in " + item.context;
      else if (item.person && item.context) text += ", " + item.context;
      if (item.matched.toLowerCase() !== item.name.toLowerCase()) text += " (“" + item.matched + "”)";
      return text;
    }

    function render(data) {
      results.replaceChildren();
      const groups = [["regions", "id_regions"], ["sources", "id_sources"], ["tags", "id_tags"]];
      const ambiguous = document.createElement("p");
      ambiguous.className = "taxonomy-suggestion-note";
      let any = false;
      for (const [kind, selectId] of groups) {
        const typed = kind === "tags" ? typedTags() : [];
        for (const item of data[kind] || []) {
          if (kind === "tags" && typed.includes(item.name.toLowerCase())) continue;
          any = true;
          const add = document.createElement("button");
          add.type = "button";
          add.className = "button taxonomy-suggestion";
          add.dataset.kind = kind;
          add.textContent = label(kind, item);
          if (item.ambiguous) {
            // The same words name two places: the editor picks; "Add all" leaves them.
            add.classList.add("taxonomy-suggestion--ambiguous");
            ambiguous.textContent = "Some words name more than one place: pick the one meant.";
          }
          add.addEventListener("click", function () {
            if (kind === "tags") addTag(item.name);
            else addToSelect(document.getElementById(selectId), item.id, item.name);
            add.remove();
          });
          results.append(add);
        }
      }
      if (!any) {
        results.textContent = "No further regions, sources, people or tags mentioned.";
        return;
      }
      if (ambiguous.textContent) results.append(ambiguous);
      const sure = results.querySelectorAll(".taxonomy-suggestion[data-kind]:not(.taxonomy-suggestion--ambiguous)");
      if (sure.length > 1) {
        const all = document.createElement("button");
        all.type = "button";
        all.className = "button taxonomy-suggestion taxonomy-suggestion--all";
        all.textContent = "Add all (" + sure.length + ")";
        all.addEventListener("click", function () {
          sure.forEach(function (add) { add.click(); });
          all.remove();
          const left = results.querySelectorAll(".taxonomy-suggestion[data-kind]").length;
          const done = document.createElement("p");
          done.textContent = "Added every suggestion" + (left ? "; pick among the rest." : ".");
          results.prepend(done);
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
