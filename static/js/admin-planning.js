/* The story budget (templates/admin/articles/planning/): drag a plan to another day on the
   week calendar, or to another status on the board. Each drop is POSTed to the move address
   (articles/planning_admin.py, CSRF token in the header) and the card moves only when the
   server said yes; its answer is read out in the page's status line. Without script, each
   card's Move form does the same. Also: the Print button, and selecting the feed address. */
(() => {
  "use strict";
  const main = document.querySelector("[data-move-url]");
  if (!main) return;
  const moveUrl = main.dataset.moveUrl;
  const live = main.querySelector("[data-planning-status]");
  let dragged = null;

  function say(text, failed) {
    NewsroomFetch.show(live, text, { failedClass: "planning-error", failed });
  }

  function zoneOf(target) {
    return target && target.closest ? target.closest("[data-drop-day],[data-drop-status]") : null;
  }

  function clearTargets() {
    main.querySelectorAll(".planning-drop-target").forEach((zone) => {
      zone.classList.remove("planning-drop-target");
    });
  }

  function addToCount(zone, change) {
    const count = zone && zone.querySelector("[data-column-count]");
    if (count) count.textContent = Number(count.textContent) + change;
  }

  function showStatus(card, key, label) {
    card.className = card.className.replace(/\bplan-status-\S+/, "plan-status-" + key);
    const badge = card.querySelector("[data-plan-status-label]");
    if (badge) badge.textContent = label;
    const select = card.querySelector("select[name=status]");
    if (select) select.value = key;
  }

  main.addEventListener("dragstart", (event) => {
    const card = event.target.closest && event.target.closest(".plan-card[draggable=true]");
    if (!card) return;
    dragged = card;
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", card.dataset.planId);
    card.classList.add("plan-dragging");
  });

  main.addEventListener("dragend", () => {
    if (dragged) dragged.classList.remove("plan-dragging");
    dragged = null;
    clearTargets();
  });

  main.addEventListener("dragover", (event) => {
    const zone = zoneOf(event.target);
    if (!zone || !dragged) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = "move";
    if (!zone.classList.contains("planning-drop-target")) {
      clearTargets();
      zone.classList.add("planning-drop-target");
    }
  });

  main.addEventListener("drop", async (event) => {
    const zone = zoneOf(event.target);
    const card = dragged;
    if (!zone || !card) return;
    event.preventDefault();
    clearTargets();
    if (zone.contains(card)) return;
    const body = new FormData();
    body.append("plan", card.dataset.planId);
    if (zone.dataset.dropDay) body.append("day", zone.dataset.dropDay);
    else body.append("status", zone.dataset.dropStatus);
    say("Moving " + card.getAttribute("aria-label") + "…");
    let sent;
    try {
      sent = await NewsroomFetch.post(moveUrl, body, { scope: main });
    } catch (error) {
      say("The move did not reach the newsroom; nothing changed. Try again.", true);
      return;
    }
    const answer = sent.data;
    if (!sent.ok || !answer.ok) {
      say(answer.message || answer.error || "The move was refused; nothing changed.", true);
      return;
    }
    addToCount(zoneOf(card), -1);
    zone.querySelector(".planning-drop").appendChild(card);
    addToCount(zone, 1);
    if (answer.status_key) showStatus(card, answer.status_key, answer.status_label);
    if (answer.publish_label) {
      const when = card.querySelector("[data-plan-publish]");
      if (when) when.textContent = "Publish " + answer.publish_label;
      const day = card.querySelector("input[name=day]");
      if (day && zone.dataset.dropDay) day.value = zone.dataset.dropDay;
    }
    say(answer.message);
  });

  const print = main.querySelector("[data-planning-print]");
  if (print) print.addEventListener("click", () => window.print());
  main.querySelectorAll("[data-select-on-focus]").forEach((input) => {
    input.addEventListener("focus", () => input.select());
  });
})();
