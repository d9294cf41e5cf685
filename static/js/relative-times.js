// Cards show the exact time ("4 Dec 2026, 14:32 UTC"); for stories from the last day this adds
// how long ago that was ("· 3 hours ago") beside it, computed here from the datetime attribute,
// so a page served from a cache stays true. A progressive enhancement: without it the exact
// time stands. It runs once on load; nothing updates while the reader is looking.
(function () {
  "use strict";
  if (!("RelativeTimeFormat" in Intl)) {
    return;
  }
  var lang = document.documentElement.lang || "en";
  var format = new Intl.RelativeTimeFormat(lang, { numeric: "auto" });
  var steps = [
    ["day", 86400],
    ["hour", 3600],
    ["minute", 60],
  ];

  function label(seconds) {
    for (var i = 0; i < steps.length; i++) {
      if (seconds >= steps[i][1]) {
        return format.format(-Math.floor(seconds / steps[i][1]), steps[i][0]);
      }
    }
    return "just now";
  }

  function annotate() {
    var now = Date.now();
    document.querySelectorAll("time[data-relative]").forEach(function (element) {
      var then = Date.parse(element.getAttribute("datetime"));
      var next = element.nextElementSibling;
      if (isNaN(then) || (next && next.classList.contains("time-ago"))) {
        return;
      }
      var ago = document.createElement("span");
      ago.className = "time-ago";
      ago.textContent = " · " + label(Math.max(0, (now - then) / 1000));
      element.after(ago);
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", annotate);
  } else {
    annotate();
  }
})();
