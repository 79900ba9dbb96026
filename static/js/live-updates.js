// A live story's page: ask the updates endpoint every few seconds for entries newer than the
// newest shown, and offer them in the "N new updates" button. Its slot keeps its height
// whether shown or not, and entries go in only when the reader asks, so nothing on the
// page moves under them. The page works without this script (reload to see new entries).
(() => {
  "use strict";
  const live = document.querySelector("[data-live-updates]");
  if (!live || !window.fetch) return;
  const url = live.getAttribute("data-live-updates");
  let lastId = live.getAttribute("data-last-id") || "0";
  const every = Math.max(2, Number(live.getAttribute("data-poll-seconds")) || 10) * 1000;
  const list = document.getElementById("live-stream");
  const button = live.querySelector("[data-live-notice]");
  let waiting = [];

  const show = () => {
    const n = waiting.length;
    button.textContent = n === 1 ? "1 new update: show it" : `${n} new updates: show them`;
    button.hidden = false;
  };

  const insert = () => {
    const empty = list.querySelector(".live-empty");
    if (empty) empty.remove();
    // Newest first: the endpoint answers oldest first, so each goes in at the top in turn.
    for (const entry of waiting) {
      const item = document.createElement("li");
      item.innerHTML = entry.html; // rendered by the server from sanitized text
      list.insertBefore(item, list.firstChild);
      if (window.NewsroomEmbeds) window.NewsroomEmbeds.wire(item); // a player's "Play here"
    }
    waiting = [];
    button.hidden = true;
    const first = list.querySelector("article");
    if (first) {
      first.setAttribute("tabindex", "-1");
      first.focus();
    }
  };

  const poll = () => {
    fetch(`${url}?after=${encodeURIComponent(lastId)}`, { headers: { Accept: "application/json" } })
      .then((response) => (response.ok ? response.json() : null))
      .then((data) => {
        if (!data) return;
        if (data.entries.length) {
          waiting = waiting.concat(data.entries);
          lastId = String(data.last_id);
          show();
        }
        if (data.state !== "ended") window.setTimeout(poll, every);
      })
      .catch(() => window.setTimeout(poll, every * 2));
  };

  button.addEventListener("click", insert);
  window.setTimeout(poll, every);
})();
