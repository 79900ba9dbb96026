// Outside players behind a facade (articles.embeds.facade, articles/includes/embed.html).
// The page shows a card with a link and makes no request to the provider. This script, loaded
// only on pages with an embed (or a live page whose entries may bring one), shows each card's button; a click swaps the card for the
// provider's privacy-enhanced player: a sandboxed, lazy frame whose address the server
// built from the allow-list (and the only frames the page's CSP allows). Without it, the
// card's link is all there is.
(() => {
  "use strict";

  const SANDBOX = "allow-scripts allow-same-origin allow-presentation allow-popups " +
    "allow-popups-to-escape-sandbox";
  const ALLOW = "autoplay; encrypted-media; fullscreen; picture-in-picture";

  const load = (card) => {
    const frame = document.createElement("iframe");
    frame.className = "embed-frame";
    frame.title = card.dataset.embedTitle || "Player";
    frame.setAttribute("sandbox", SANDBOX);
    frame.setAttribute("allow", ALLOW);
    frame.setAttribute("allowfullscreen", "");
    frame.setAttribute("referrerpolicy", "strict-origin-when-cross-origin");
    frame.setAttribute("loading", "lazy");
    frame.src = card.dataset.embedPlayer;
    card.replaceWith(frame);
    frame.focus();
  };

  // Show the button of each card in `root` (the page, or a live entry that arrived by poll:
  // static/js/live-updates.js calls this for each one it puts in).
  const wire = (root) => {
    for (const card of root.querySelectorAll(".embed-card[data-embed-player]")) {
      const button = card.querySelector(".embed-load");
      const note = card.querySelector(".embed-note");
      if (!button || !button.hidden) continue;
      button.hidden = false;
      if (note) note.hidden = false;
      button.addEventListener("click", () => load(card));
    }
  };

  window.NewsroomEmbeds = { wire };
  wire(document);
})();
