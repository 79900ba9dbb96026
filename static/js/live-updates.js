// A live story's page: ask the updates endpoint every few seconds for entries newer than the
// newest shown, and offer them in the "N new updates" button. Its slot keeps its height
// whether shown or not, and entries go in only when the reader asks, so nothing on the
// page moves under them. The page works without this script (reload to see new entries).
(function () {
  "use strict";
  var live = document.querySelector("[data-live-updates]");
  if (!live || !window.fetch) return;
  var url = live.getAttribute("data-live-updates");
  var lastId = live.getAttribute("data-last-id") || "0";
  var every = Math.max(2, Number(live.getAttribute("data-poll-seconds")) || 10) * 1000;
  var list = document.getElementById("live-stream");
  var button = live.querySelector("[data-live-notice]");
  var waiting = [];

  function show() {
    var n = waiting.length;
    button.textContent = n === 1 ? "1 new update: show it" : n + " new updates: show them";
    button.hidden = false;
  }

  function insert() {
    var empty = list.querySelector(".live-empty");
    if (empty) empty.remove();
    // Newest first: the endpoint answers oldest first, so each goes in at the top in turn.
    waiting.forEach(function (entry) {
      var item = document.createElement("li");
      item.innerHTML = entry.html; // rendered by the server from sanitized text
      list.insertBefore(item, list.firstChild);
    });
    waiting = [];
    button.hidden = true;
    var first = list.querySelector("article");
    if (first) {
      first.setAttribute("tabindex", "-1");
      first.focus();
    }
  }

  function poll() {
    fetch(url + "?after=" + encodeURIComponent(lastId), { headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) {
        if (!data) return;
        if (data.entries.length) {
          waiting = waiting.concat(data.entries);
          lastId = String(data.last_id);
          show();
        }
        if (data.state !== "ended") window.setTimeout(poll, every);
      })
      .catch(function () { window.setTimeout(poll, every * 2); });
  }

  button.addEventListener("click", insert);
  window.setTimeout(poll, every);
})();
