// The live desk (articles/admin/article/live_desk.py): Ctrl+Enter (or Cmd+Enter) posts the
// entry being written, and what is typed is kept in this browser until it is posted, so a
// closed tab or a crash loses nothing.
(function () {
  "use strict";
  var form = document.querySelector("[data-live-desk-post]");
  if (!form) {
    return;
  }
  var key = form.getAttribute("data-autosave-key");
  var body = form.querySelector("[name=body]");

  function keep() {
    try {
      if (body.value) {
        localStorage.setItem(key, body.value);
      }
    } catch (error) {
      // Storage full or off: autosave is a convenience.
    }
  }

  form.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      keep();
      form.requestSubmit();
    }
  });
  form.addEventListener("input", keep);
  window.setInterval(keep, 3000);
  form.addEventListener("submit", function () {
    // Posted: the server has it (a refusal puts the text back on the form).
    try {
      localStorage.removeItem(key);
    } catch (error) {}
  });
  try {
    var kept = localStorage.getItem(key);
    if (kept && !body.value) {
      body.value = kept;
    }
  } catch (error) {}
})();
