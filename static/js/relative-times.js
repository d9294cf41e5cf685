// Keeps "3 hours ago" true on pages served from a cache: re-labels every <time data-relative>
// from its datetime attribute once on load. A progressive enhancement; the server's label stands
// without it. Nothing updates while the reader is looking, so nothing moves on the page.
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

  function relabel() {
    var now = Date.now();
    document.querySelectorAll("time[data-relative]").forEach(function (element) {
      var then = Date.parse(element.getAttribute("datetime"));
      if (isNaN(then)) {
        return;
      }
      element.textContent = label(Math.max(0, (now - then) / 1000));
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", relabel);
  } else {
    relabel();
  }
})();
