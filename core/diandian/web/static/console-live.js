// The dashboard stays live: every so often (data-live seconds) it asks the server for the page
// again and puts the new totals, charts and leaderboard in place. Without this script the page
// is as fresh as its last load. It waits while the tab is hidden or the organiser is using a
// control inside the live part, so nothing moves under a finger.
(function () {
  "use strict";
  var live = document.querySelector("[data-live]");
  if (!live) { return; }
  var every = 1000 * Number(live.getAttribute("data-live"));

  function refresh() {
    return fetch(window.location.pathname + window.location.search, {
      credentials: "same-origin",
      headers: { Accept: "text/html" },
      cache: "no-store"
    }).then(function (response) {
      if (!response.ok) { return; }
      return response.text().then(function (html) {
        var fresh = new DOMParser().parseFromString(html, "text/html").querySelector("[data-live]");
        if (!fresh) { return; }
        var stamp = Date.now();
        fresh.querySelectorAll("img").forEach(function (img) {
          // the charts' addresses do not change; a stamp makes the browser fetch them again
          var src = img.getAttribute("src");
          img.setAttribute("src", src + (src.indexOf("?") < 0 ? "?" : "&") + "at=" + stamp);
        });
        live.replaceChildren.apply(live, Array.prototype.slice.call(fresh.childNodes));
      });
    }).catch(function () { /* offline for a moment: the next round tries again */ });
  }

  window.diandianLiveRefresh = refresh;
  setInterval(function () {
    if (document.visibilityState === "visible" && !live.contains(document.activeElement)) {
      refresh();
    }
  }, every);
})();
