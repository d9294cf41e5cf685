/* The article form on deadline: headline and body counters, keyboard shortcuts, the save
   label, a warning before leaving with unsaved changes, and the form's state for autosave.js
   and presence.js (window.newsroomArticleForm).

   - Headline: characters typed, against the length that reads best (data-reads-best).
   - Body: words and reading time, by the rule articles/stories/derived.py stores with the story
     (tags stripped, runs of word characters counted, minutes rounded up at the reading speed
     the field carries in data-words-per-minute).
   - Ctrl+S / ⌘S saves and stays; Alt+P or Ctrl+Shift+P / ⌘⇧P opens the preview.
   - Leaving asks first when the form differs from what was loaded (never after a save).
   No inline script: the CSP allows only files from this site. */
"use strict";
(function () {
  // What the page posts that is not the story (articles/desk/autosave.py keeps the same list).
  const NOT_KEPT = new Set([
    "csrfmiddlewaretoken", "autosave_key", "action", "index", "select_across", "_selected_action",
    "CHANGE_FORM-action", "CHANGE_FORM-select_across",
  ]);
  const editors = new Map();

  // The rich-text editor announces itself once ready; restoring the body goes through it.
  document.addEventListener("prose-editor:ready", function (event) {
    editors.set(event.detail.textarea, event.detail.editor);
  });

  function kept(element) {
    const name = element.name;
    if (!name || element.disabled || NOT_KEPT.has(name) || name.includes("__prefix__")) return false;
    if (element.closest(".actions")) return false; // the change form's action menu
    const type = element.type;
    return !["file", "submit", "button", "reset", "fieldset"].includes(type) && element.tagName !== "BUTTON";
  }

  /* The form's fields as the browser would post them: [[name, value], …]. */
  function fields(form) {
    const pairs = [];
    for (const element of form.elements) {
      if (!kept(element)) continue;
      if ((element.type === "checkbox" || element.type === "radio") && !element.checked) continue;
      if (element.tagName === "SELECT") {
        for (const option of element.selectedOptions) pairs.push([element.name, option.value]);
      } else {
        pairs.push([element.name, element.value]);
      }
    }
    return pairs;
  }

  /* What the chosen options of the search boxes are called: the page cannot look them up. */
  function labels(form) {
    const named = {};
    form.querySelectorAll("select.admin-autocomplete").forEach(function (select) {
      if (!kept(select) || !select.selectedOptions.length) return;
      named[select.name] = {};
      for (const option of select.selectedOptions) named[select.name][option.value] = option.textContent;
    });
    return named;
  }

  function announceChange(element, kind) {
    element.dispatchEvent(new Event(kind, { bubbles: true }));
  }

  function addInlineRows(form, values) {
    for (const [name, value] of values) {
      const match = name.match(/^(.+)-TOTAL_FORMS$/);
      if (!match) continue;
      const total = form.querySelector('[name="' + name + '"]');
      const add = document.querySelector("#" + CSS.escape(match[1]) + "-group .add-row a");
      for (let guard = 0; total && add && guard < 200 && Number(total.value) < Number(value[0]); guard++) {
        add.click();
      }
    }
  }

  function restoreSelect(select, wanted, named) {
    const present = new Set(Array.from(select.options, function (option) { return option.value; }));
    for (const value of wanted) {
      if (!present.has(value)) select.append(new Option((named && named[value]) || value, value));
    }
    for (const option of select.options) option.selected = wanted.includes(option.value);
    if (select.classList.contains("admin-autocomplete") && window.django && window.django.jQuery) {
      window.django.jQuery(select).trigger("change");
    } else {
      announceChange(select, "change");
    }
  }

  /* Put kept fields back on the form (autosave.js calls this when the editor restores). */
  function restore(form, kept_fields, kept_labels) {
    const values = new Map();
    for (const [name, value] of kept_fields) {
      if (!values.has(name)) values.set(name, []);
      values.get(name).push(value);
    }
    addInlineRows(form, values);
    for (const element of Array.from(form.elements)) {
      if (!kept(element)) continue;
      const wanted = values.get(element.name);
      if (element.type === "checkbox" || element.type === "radio") {
        element.checked = Boolean(wanted && wanted.includes(element.value));
      } else if (element.tagName === "SELECT") {
        if (wanted) restoreSelect(element, wanted, (kept_labels || {})[element.name]);
      } else if (wanted) {
        const editor = editors.get(element);
        if (editor) editor.commands.setContent(wanted[0]);
        element.value = wanted[0];
        announceChange(element, "input");
      }
    }
  }

  function setUpCounters(form) {
    const headline = form.querySelector("input[data-reads-best]");
    if (headline) {
      const best = Number(headline.dataset.readsBest);
      const count = document.createElement("p");
      count.id = "headline-count";
      count.className = "field-count";
      headline.insertAdjacentElement("afterend", count);
      const update = function () {
        const length = Array.from(headline.value).length;
        const long = length > best;
        count.classList.toggle("field-count--long", long);
        count.textContent = length + (length === 1 ? " character" : " characters") +
          (long ? " — " + (length - best) + " over the " + best + " that read best" : " — about " + best + " reads best");
      };
      headline.addEventListener("input", update);
      update();
    }
    const body = form.querySelector("textarea[data-words-per-minute]");
    if (body) {
      const perMinute = Number(body.dataset.wordsPerMinute);
      const count = document.createElement("p");
      count.id = "body-count";
      count.className = "field-count";
      body.insertAdjacentElement("afterend", count);
      const update = function () {
        // As articles/stories/derived.py: tags stripped, runs of word characters counted.
        const text = body.value.replace(/<[^>]*>/g, "");
        const words = (text.match(/[\p{L}\p{N}_]+/gu) || []).length;
        const minutes = words ? Math.ceil(words / perMinute) : 0;
        count.textContent = words + (words === 1 ? " word" : " words") +
          (minutes ? " · about " + minutes + " min read" : "");
      };
      body.addEventListener("input", update);
      update();
    }
  }

  /* On a phone each table row of an inline is drawn as a stack of its fields (admin.css):
     name each cell after its column, as the table's header did. */
  function labelInlineCells(form) {
    form.querySelectorAll(".inline-group .tabular table").forEach(function (table) {
      const headers = Array.from(table.querySelectorAll("thead th"), function (th) { return th.textContent.trim(); });
      table.querySelectorAll("tbody tr.form-row").forEach(function (row) {
        Array.from(row.children).forEach(function (cell, index) {
          if (headers[index] && !cell.dataset.label) cell.dataset.label = headers[index];
        });
      });
    });
  }

  function setUpShortcuts(form) {
    document.addEventListener("keydown", function (event) {
      const command = event.ctrlKey || event.metaKey;
      let button = null;
      if (command && !event.shiftKey && !event.altKey && event.code === "KeyS") {
        button = form.querySelector("[data-save-button]");
      } else if ((event.altKey && !command && event.code === "KeyP") || (command && event.shiftKey && event.code === "KeyP")) {
        button = form.querySelector("[data-preview-button]");
      }
      if (!button) return;
      event.preventDefault();
      if (button.type === "submit" && form.requestSubmit) form.requestSubmit(button);
      else button.click();
    }, true);
  }

  function setUp(form) {
    const posted = document.getElementById("live-form");
    // A form drawn again after a refused save holds work nobody saved yet.
    const unsaved = Boolean(posted && posted.dataset.posted);
    let initial = null;
    let submitting = false;

    setUpCounters(form);
    setUpShortcuts(form);
    labelInlineCells(form);
    document.addEventListener("formset:added", function () { labelInlineCells(form); });
    const status = form.querySelector("select[name=status]");
    const save = form.querySelector("[data-save-button]");
    if (status && save) {
      status.addEventListener("change", function () {
        save.value = status.value === "draft" ? "Save draft" : "Save";
      });
    }
    form.addEventListener("submit", function (event) {
      // The preview opens in another tab: this page stays, unsaved.
      const by = event.submitter;
      if (by && by.formTarget === "_blank") return;
      submitting = true;
    });
    window.addEventListener("pageshow", function () { submitting = false; });
    window.addEventListener("beforeunload", function (event) {
      if (submitting || !api.isChanged()) return;
      event.preventDefault();
      event.returnValue = "";
    });

    const api = {
      form: form,
      fields: function () { return fields(form); },
      labels: function () { return labels(form); },
      restore: function (keptFields, keptLabels) { restore(form, keptFields, keptLabels); },
      initialState: function () { return initial; },
      isChanged: function () {
        if (initial === null) return false;
        return unsaved || JSON.stringify(fields(form)) !== initial;
      },
      submitting: function () { return submitting; },
    };
    window.newsroomArticleForm = api;
    // Once every widget (select2, the rich-text editor, inline rows) has drawn itself.
    const settle = function () {
      initial = JSON.stringify(fields(form));
      form.dispatchEvent(new CustomEvent("newsroom:form-ready", { bubbles: true }));
    };
    if (document.readyState === "complete") setTimeout(settle, 0);
    else window.addEventListener("load", function () { setTimeout(settle, 0); });
  }

  document.addEventListener("DOMContentLoaded", function () {
    const form = document.getElementById("article_form");
    if (form) setUp(form);
  });
})();
