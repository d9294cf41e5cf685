/* Who else has this story open (articles/desk/presence.py, articles/admin/article/live_form.py).

   A heartbeat every data-heartbeat-seconds (and one as the page opens) says this editor has
   the form open, whether they typed since the last one, and which version of the story the
   form holds; the answer names the others and says if the story was saved meanwhile. Closing
   the page says so at once. Before this editor types into a story someone else has open, an
   alert says who, so they can agree who writes; the conflict check stays the final guard. */
"use strict";
(function () {
  function names(people) {
    const list = people.map(function (person) { return person.name; });
    if (list.length < 2) return list.join("");
    return list.slice(0, -1).join(", ") + " and " + list[list.length - 1];
  }

  function setUp(box, api) {
    const form = api.form;
    const url = box.dataset.presenceUrl;
    const seconds = Number(box.dataset.heartbeatSeconds) || 20;
    const panel = box.querySelector("[data-presence]");
    const who = box.querySelector("[data-presence-who]");
    const alert = box.querySelector("[data-presence-alert]");
    const token = form.querySelector("[name=csrfmiddlewaretoken]").value;
    const version = form.querySelector("input[name=version]");
    let others = [];
    let typed = false;
    let engaged = false; // has this editor typed here yet
    let warned = new Set();

    function show(people, savedSince) {
      others = people;
      who.replaceChildren();
      if (people.length) {
        people.forEach(function (person, index) {
          if (index) who.append(index === people.length - 1 ? " and " : ", ");
          const name = document.createElement("strong");
          name.textContent = person.name;
          who.append(name);
          if (person.typing) who.append(" (typing)");
        });
        who.append(people.length === 1 ? " is also editing this story." : " are also editing this story.");
      }
      if (savedSince) {
        const note = document.createElement("span");
        note.className = "presence__saved";
        note.textContent = savedSince.mine
          ? " You saved this story elsewhere at " + savedSince.time + ", after this form was opened: reload it before going on."
          : " " + savedSince.by + " saved this story at " + savedSince.time + ", after this form was opened: when you save, the form shows what they changed first.";
        who.append(note);
      }
      panel.hidden = !people.length && !savedSince;
      const newcomers = people.filter(function (person) { return !warned.has(person.username); });
      if (engaged && newcomers.length) warn(newcomers, "{names} opened this story too.");
    }

    function warn(people, what) {
      people.forEach(function (person) { warned.add(person.username); });
      alert.textContent = what.replace("{names}", names(people)) +
        " Agree who writes: if you both save, the second save is refused until it is merged.";
    }

    function beat() {
      const body = JSON.stringify({ typing: typed, version: version ? Number(version.value) : null });
      typed = false;
      fetch(url, {
        method: "POST",
        body: body,
        credentials: "same-origin",
        headers: { "Content-Type": "application/json", Accept: "application/json", "X-CSRFToken": token },
      })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (data) { if (data) show(data.others, data.saved_since); })
        .catch(function () {});
    }

    // Before the first keystroke into a story someone else has open, say who.
    form.addEventListener("focusin", function (event) {
      if (!others.length || event.target.closest(".save-bar, .actions, .live-form")) return;
      const unwarned = others.filter(function (person) { return !warned.has(person.username); });
      if (unwarned.length) warn(unwarned, "Before you type: {names} " + (unwarned.length === 1 ? "has" : "have") + " this story open too.");
    });
    const noteTyping = function () { typed = true; engaged = true; };
    form.addEventListener("input", noteTyping);
    if (window.django && window.django.jQuery) window.django.jQuery(form).on("change", noteTyping);

    beat();
    setInterval(beat, seconds * 1000);
    window.addEventListener("pagehide", function () {
      fetch(box.dataset.leaveUrl, {
        method: "POST",
        keepalive: true,
        credentials: "same-origin",
        headers: { "X-CSRFToken": token },
      }).catch(function () {});
    });
    // Back from the browser's page cache: open again.
    window.addEventListener("pageshow", function (event) { if (event.persisted) beat(); });
  }

  document.addEventListener("newsroom:form-ready", function () {
    const box = document.getElementById("live-form");
    if (box && box.dataset.presenceUrl && window.newsroomArticleForm) setUp(box, window.newsroomArticleForm);
  });
})();
