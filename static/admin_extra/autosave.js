/* Autosave for the article form (articles/desk/autosave.py, articles/admin/article/live_form.py).

   Every few seconds (data-autosave-seconds) while the form differs from what was last kept,
   and once more when the page is hidden or closed (fetch with keepalive, which outlives the
   page), the form's fields go to the server as JSON. One request per interval at most, and
   none while nothing changes: continuous typing costs 60 / interval requests a minute.
   The kept copy is offered back ("Restore your unsaved changes from 10:42?") on the next visit;
   restoring puts back the edit counter the form was opened at, so a save over someone else's
   newer save is refused and merged by the conflict check. Autosave waits while an offer is
   open, so the earlier work is not replaced before the editor has chosen. */
"use strict";
(function () {
  // Requests that outlive the page may carry at most 64 KB; larger forms rely on the timer.
  const KEEPALIVE_LIMIT = 60000;

  function call(form, url, method, body, keepalive) {
    const headers = { Accept: "application/json", "X-CSRFToken": form.querySelector("[name=csrfmiddlewaretoken]").value };
    if (body) headers["Content-Type"] = "application/json";
    return fetch(url, {
      method: method,
      body: body,
      headers: headers,
      credentials: "same-origin",
      keepalive: Boolean(keepalive && (!body || body.length < KEEPALIVE_LIMIT)),
    });
  }

  function setUp(box, api) {
    const form = api.form;
    const seconds = Number(box.dataset.autosaveSeconds) || 5;
    const status = document.querySelector("[data-autosave-status]");
    const result = box.querySelector("[data-autosave-result]");
    const keyInput = box.querySelector("input[name=autosave_key]");
    let url = box.dataset.autosaveUrl;
    let paused = box.querySelectorAll(".autosave-offer").length > 0;
    let stopped = false;
    let lastSent = api.initialState();

    function say(text) { if (status) status.textContent = text; }
    function tell(text) { if (result) result.textContent = text; }

    function keep(leaving) {
      if (paused || stopped || api.submitting()) return;
      const fields = api.fields();
      const state = JSON.stringify(fields);
      if (state === lastSent) return;
      lastSent = state;
      if (!api.isChanged()) {
        // Back to what is saved: there is nothing to keep.
        call(form, url, "DELETE", null, leaving).catch(function () {});
        say("");
        return;
      }
      call(form, url, "POST", JSON.stringify({ fields: fields, labels: api.labels() }), leaving)
        .then(function (response) {
          if (response.ok) {
            return response.json().then(function (data) { say("Unsaved changes kept at " + data.time + "."); });
          }
          return response.json().catch(function () { return {}; }).then(function (data) {
            if (response.status === 409) {
              stopped = true;
              say((data.error || "This form is out of date.") + " Autosave has stopped.");
            } else if (response.status === 413) {
              say("This form is too large to keep automatically: save it to be safe.");
            } else {
              lastSent = null; // try again at the next interval
              say(response.status === 429 ? "Autosave is waiting a moment." : "Could not keep your changes just now; they are still on this page.");
            }
          });
        })
        .catch(function () {
          lastSent = null;
          say("Offline? Your changes are still on this page; autosave will try again.");
        });
    }

    function closeOffers() {
      box.querySelectorAll(".autosave-offer").forEach(function (offer) { offer.remove(); });
      paused = false;
    }

    box.querySelectorAll(".autosave-offer").forEach(function (offer) {
      offer.querySelector("[data-restore]").addEventListener("click", function () {
        fetch(offer.dataset.offerUrl, { credentials: "same-origin", headers: { Accept: "application/json" } })
          .then(function (response) { if (!response.ok) throw new Error(response.status); return response.json(); })
          .then(function (kept) {
            api.restore(kept.fields, kept.labels);
            // A new story's earlier form: go on keeping this one under its key.
            url = offer.dataset.offerUrl;
            box.dataset.formKey = offer.dataset.offerKey;
            if (keyInput) keyInput.value = offer.dataset.offerKey;
            const changed = offer.hasAttribute("data-changed-since");
            closeOffers();
            lastSent = null;
            tell("Restored your unsaved changes. Check them, then save." +
              (changed ? " The story was saved by someone else meanwhile: saving shows what they changed first." : ""));
            const headline = form.querySelector("[name=headline]");
            if (headline) headline.focus();
          })
          .catch(function () { tell("Could not restore those changes: they are no longer kept."); });
      });
      offer.querySelector("[data-discard]").addEventListener("click", function () {
        call(form, offer.dataset.offerUrl, "DELETE", null, false)
          .then(function () {
            offer.remove();
            if (!box.querySelector(".autosave-offer")) paused = false;
            tell("Discarded the unsaved changes.");
          })
          .catch(function () { tell("Could not discard them just now."); });
      });
    });

    setInterval(function () { keep(false); }, seconds * 1000);
    document.addEventListener("visibilitychange", function () {
      if (document.visibilityState === "hidden") keep(true);
    });
    window.addEventListener("pagehide", function () { keep(true); });
  }

  document.addEventListener("newsroom:form-ready", function () {
    const box = document.getElementById("live-form");
    if (box && window.newsroomArticleForm) setUp(box, window.newsroomArticleForm);
  });
})();
