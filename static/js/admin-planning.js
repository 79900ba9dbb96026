/* The story budget (templates/admin/articles/planning/): drag a plan to another day on the
   week calendar, or to another status on the board. Each drop is POSTed to the move address
   (articles/admin/planning.py, CSRF token in the header) and the card moves only when the
   server said yes; its answer is read out in the page's status line. A day already past is
   refused by the server until the mover confirms in the page's own question. Without
   script, each card's Move form does the same (with its "even if the day is past" box). Also: the Print button, and selecting the feed address. */
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

  // A drop on a day already past: the server refuses it (code "past_day") until the mover
  // confirms, which is asked here in the page, never in a native dialog.
  const confirmBox = main.querySelector("[data-past-confirm]");
  let pending = null;

  function askPast(message, move) {
    if (!confirmBox) {
      say(message, true);
      return;
    }
    pending = move;
    confirmBox.querySelector("[data-past-confirm-text]").textContent = message;
    confirmBox.hidden = false;
    confirmBox.querySelector("[data-past-confirm-yes]").focus();
  }

  function closeConfirm(text) {
    if (!confirmBox) return;
    confirmBox.hidden = true;
    const move = pending;
    pending = null;
    if (text) say(text);
    return move;
  }

  if (confirmBox) {
    confirmBox.querySelector("[data-past-confirm-yes]").addEventListener("click", () => {
      const move = closeConfirm();
      if (move) send(move.card, move.zone, true);
    });
    confirmBox.querySelector("[data-past-confirm-no]").addEventListener("click", () => {
      const move = closeConfirm("Not moved: the plan stays where it was.");
      if (move) move.card.focus();
    });
  }

  async function send(card, zone, confirmPast) {
    const body = new FormData();
    body.append("plan", card.dataset.planId);
    if (zone.dataset.dropDay) body.append("day", zone.dataset.dropDay);
    else body.append("status", zone.dataset.dropStatus);
    if (confirmPast) body.append("confirm_past", "yes");
    say("Moving " + card.getAttribute("aria-label") + "…");
    let sent;
    try {
      sent = await NewsroomFetch.post(moveUrl, body, { scope: main });
    } catch (error) {
      say("The move did not reach the newsroom; nothing changed. Try again.", true);
      return;
    }
    const answer = sent.data;
    if (!sent.ok && answer.code === "past_day" && !confirmPast) {
      say("");
      askPast(answer.message, { card, zone });
      return;
    }
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
  }

  main.addEventListener("drop", (event) => {
    const zone = zoneOf(event.target);
    const card = dragged;
    if (!zone || !card) return;
    event.preventDefault();
    clearTargets();
    if (zone.contains(card)) return;
    closeConfirm();
    send(card, zone, false);
  });

  const print = main.querySelector("[data-planning-print]");
  if (print) print.addEventListener("click", () => window.print());
  main.querySelectorAll("[data-select-on-focus]").forEach((input) => {
    input.addEventListener("focus", () => input.select());
  });
})();
