/* The breaking-news banner comes down at its expiry on a page left open, as the server stops
   showing it at that moment. It only ever hides the banner: a page shows a new banner when it
   is loaded again. */
"use strict";
(function () {
  function watch(banner) {
    const expires = Date.parse(banner.dataset.bannerExpires);
    if (Number.isNaN(expires)) return;
    function check() {
      const left = expires - Date.now();
      if (left <= 0) {
        banner.hidden = true;
        return;
      }
      // Checked again at least every 30 s: timers drift in background tabs.
      window.setTimeout(check, Math.min(left, 30000));
    }
    check();
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-banner-expires]").forEach(watch);
  });
})();
