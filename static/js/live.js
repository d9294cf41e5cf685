// Live coverage: new entries arrive on the open page without a reload (docs/editors/live-coverage.md).
// An enhancement: without it the page is complete, rendered on the server. It asks the
// updates address the page names, as often as the server says (the answer carries the next
// interval; 0 stops), less often while the tab is hidden, and stops when the coverage ends.
// New entries never move what the reader is reading: at the top of the list they go in at
// once; further down they wait behind an "N new entries" button. A polite live region says how
// many arrived, never their text, and nothing takes the focus.
(function () {
  "use strict";
  var section = document.querySelector("[data-live-updates]");
  if (!section || !window.fetch) {
    return;
  }
  var address = section.getAttribute("data-live-updates");
  var cursor = section.getAttribute("data-live-cursor");
  var poll = parseInt(section.getAttribute("data-live-poll"), 10) || 0;
  var list = section.querySelector("[data-live-entries]");
  var status = section.querySelector("[data-live-status]");
  var button = section.querySelector("[data-live-new]");
  var waiting = [];
  var failures = 0;
  var timer = null;
  var HIDDEN_FACTOR = 6;
  var HIDDEN_MAX = 120;

  function interval() {
    var seconds = poll * Math.pow(2, Math.min(failures, 5));
    if (document.hidden) {
      seconds = Math.max(seconds, Math.min(poll * HIDDEN_FACTOR, HIDDEN_MAX));
    }
    return seconds * 1000;
  }

  function schedule() {
    clearTimeout(timer);
    if (poll > 0) {
      timer = setTimeout(ask, interval());
    }
  }

  function fragment(html) {
    var template = document.createElement("template");
    template.innerHTML = html.trim();
    return template.content.firstElementChild;
  }

  function readerIsAtTop() {
    return list.getBoundingClientRect().top >= 0;
  }

  function announce(text) {
    status.textContent = "";
    // A fresh text node each time, so screen readers announce a repeated count too.
    window.setTimeout(function () { status.textContent = text; }, 50);
  }

  function plural(n) {
    return n === 1 ? "1 new entry" : n + " new entries";
  }

  function insert(entries) {
    var none = list.querySelector("[data-live-none]");
    if (none) {
      none.remove();
    }
    for (var i = 0; i < entries.length; i++) {
      var item = document.createElement("li");
      item.appendChild(entries[i]);
      list.insertBefore(item, list.firstChild);
    }
  }

  function showButton() {
    button.textContent = "Show " + plural(waiting.length);
    button.hidden = waiting.length === 0;
  }

  button.addEventListener("click", function () {
    insert(waiting);
    waiting = [];
    showButton();
    list.scrollIntoView({ block: "start" });
  });

  function take(data) {
    var fresh = [];
    data.entries.forEach(function (entry) {
      var shown = list.querySelector('[data-entry="' + entry.id + '"]');
      if (shown) {
        if (parseInt(shown.getAttribute("data-version"), 10) < entry.version) {
          shown.replaceWith(fragment(entry.html));
        }
        return;
      }
      for (var i = 0; i < waiting.length; i++) {
        if (waiting[i].getAttribute("data-entry") === String(entry.id)) {
          waiting[i] = fragment(entry.html);
          return;
        }
      }
      if (entry.state !== "withdrawn") {
        fresh.push(fragment(entry.html));
      }
    });
    if (fresh.length) {
      if (readerIsAtTop() && waiting.length === 0) {
        insert(fresh);
      } else {
        waiting = waiting.concat(fresh);
        showButton();
      }
      announce(plural(fresh.length));
    }
    cursor = data.cursor;
    poll = data.poll;
    if (data.ended) {
      poll = 0;
      announce("The live coverage has ended.");
    }
  }

  function ask() {
    fetch(address + "?since=" + encodeURIComponent(cursor), {
      headers: { Accept: "application/json" },
      credentials: "omit",
    })
      .then(function (response) {
        if (!response.ok) {
          throw new Error(response.status);
        }
        return response.json();
      })
      .then(function (data) {
        failures = 0;
        take(data);
      })
      .catch(function () {
        failures += 1;
      })
      .then(schedule);
  }

  document.addEventListener("visibilitychange", function () {
    if (!document.hidden && poll > 0) {
      clearTimeout(timer);
      timer = setTimeout(ask, 500);
    }
  });
  schedule();
})();
