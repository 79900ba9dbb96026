// Story editor: who else has the story open, and what they did (articles/presence.py).
//
// - A heartbeat goes to the story's presence address when the page opens, every ~15 seconds
//   after, and when the tab comes back into view. The answer fills the notice area at the top
//   of the side panel: "Ana Ruiz is editing, since 10:02".
// - Between heartbeats, while the tab is visible, the page asks only the story's version every
//   1.5 seconds (a GET, a few cheap reads); when it moved past this form's version, a heartbeat
//   goes at once and says who saved. A hidden tab does not ask.
// - When someone saved a newer version than the one this form was opened at, the page says so
//   at once ("Ana Ruiz saved a newer version at 10:07 — your text is kept; compare and merge")
//   with a "Compare and merge" button, which posts this very form (every typed word) to the
//   merge view. The form's text is never touched here; the save's version check still guards.
// - "Take over editing" (shown while someone else has the story open) is recorded in the
//   story's history; the others' pages say "Ana Ruiz took over at 10:09" at their next beat.
// - Right after the merge view's "Continue editing", the chosen text is loaded into the form.
// - Closing the page tells the server at once (sendBeacon), so the others stop seeing you.
(() => {
  "use strict";

  const FIELDS = [
    "headline", "seo_headline", "social_headline", "slug", "dek", "body", "dateline", "tags",
    "how_we_reported",
  ];
  let bodyEditor = null;

  document.addEventListener("prose-editor:ready", (event) => {
    if (event.detail && event.detail.textarea && event.detail.textarea.name === "body") {
      bodyEditor = event.detail.editor;
    }
  });

  document.addEventListener("DOMContentLoaded", () => {
    const area = document.getElementById("story-presence");
    if (!area || !area.dataset.heartbeatUrl) return;
    const form = document.getElementById("article_form");
    const others = area.querySelector(".story-presence-others");
    const takeOverButton = area.querySelector(".story-presence-take-over");
    const newer = area.querySelector(".story-presence-newer");
    const newerText = area.querySelector(".story-presence-newer-text");
    const taken = area.querySelector(".story-presence-taken");
    const interval = Math.max(1, parseInt(area.dataset.interval, 10) || 15) * 1000;
    let timer = null;
    let lastBeat = 0;
    let leaving = false;
    let tookOver = "";
    let pollTimer = null;
    let toldVersion = 0;
    const pollEvery = parseInt(area.dataset.pollMs, 10) || 0;
    // A save refused because someone saved first says so above the form, once.
    const refusedAbove = !!document.querySelector(".story-refused-save");

    function formVersion() {
      const input = form && form.elements.namedItem("expected_version");
      return (input && input.value) || area.dataset.version || "0";
    }

    function post(url, data) {
      return NewsroomFetch.post(url, data, { scope: form }).then((answer) => answer.data);
    }

    function refresh() {
      area.hidden = others.hidden && newer.hidden && taken.hidden && takeOverButton.hidden;
    }

    function setText(element, text) {
      element.textContent = text || "";
      element.hidden = !text;
    }

    function show(answer) {
      if (answer.error) {
        setText(others, "Who else has this story open is not known: " + answer.error);
        takeOverButton.hidden = true;
        refresh();
        return;
      }
      setText(others, tookOver || (answer.message ? answer.message + "." : ""));
      takeOverButton.hidden = !answer.can_take_over || !!tookOver;
      if (answer.newer) {
        toldVersion = answer.newer.version;
        setText(newerText, answer.newer.message);
        newer.hidden = refusedAbove && answer.newer.version === parseInt(area.dataset.version, 10);
      } else {
        newer.hidden = true;
      }
      setText(taken, answer.taken_over ? answer.taken_over.message : "");
      refresh();
    }

    function beat() {
      timer = null;
      if (leaving) return;
      lastBeat = Date.now();
      const data = new URLSearchParams();
      data.append("version", formVersion());
      post(area.dataset.heartbeatUrl, data)
        .then(show)
        .catch(() => {
          // Offline for a moment: say nothing new; the next beat tries again.
        })
        .then(schedule);
    }

    function schedule() {
      if (timer) window.clearTimeout(timer);
      if (!leaving) timer = window.setTimeout(beat, interval);
    }

    // --- the short poll of the story's version, while the tab is visible ---------------------

    function poll() {
      pollTimer = null;
      if (leaving || document.visibilityState !== "visible") return;
      fetch(area.dataset.versionUrl, {
        credentials: "same-origin",
        headers: { Accept: "application/json" },
      })
        .then((response) => (response.ok ? response.json() : null))
        .then((answer) => {
          const saved = answer && answer.version;
          if (saved && saved > parseInt(formVersion(), 10) && saved !== toldVersion) {
            toldVersion = saved;
            beat();
          }
        })
        .catch(() => {
          // Offline for a moment: the next poll tries again.
        })
        .then(schedulePoll);
    }

    function schedulePoll() {
      if (pollTimer) window.clearTimeout(pollTimer);
      pollTimer = null;
      if (pollEvery && area.dataset.versionUrl && !leaving && document.visibilityState === "visible") {
        pollTimer = window.setTimeout(poll, pollEvery);
      }
    }

    takeOverButton.addEventListener("click", () => {
      takeOverButton.disabled = true;
      post(area.dataset.takeOverUrl, new URLSearchParams()).then((answer) => {
        takeOverButton.disabled = false;
        if (answer.error) {
          setText(others, answer.error);
        } else {
          tookOver = answer.message;
          setText(others, tookOver);
          takeOverButton.hidden = true;
        }
        refresh();
      });
    });

    document.addEventListener("visibilitychange", () => {
      if (document.visibilityState !== "visible") {
        if (pollTimer) window.clearTimeout(pollTimer);
        pollTimer = null;
        return;
      }
      if (Date.now() - lastBeat > 2000) beat();
      schedulePoll();
    });

    window.addEventListener("pagehide", () => {
      leaving = true;
      if (!navigator.sendBeacon) return;
      const data = new URLSearchParams();
      data.append("leaving", "1");
      data.append("csrfmiddlewaretoken", NewsroomFetch.csrfToken(form));
      navigator.sendBeacon(area.dataset.heartbeatUrl, data);
    });
    window.addEventListener("pageshow", (event) => {
      if (event.persisted) {
        leaving = false;
        beat();
        schedulePoll();
      }
    });

    loadMerged();
    beat();
    schedulePoll();

    // --- the merge view's result ------------------------------------------------------------

    function loadMerged() {
      const data = document.getElementById("story-presence-merged");
      if (!data || !form) return;
      let text;
      try {
        text = JSON.parse(data.textContent);
      } catch (error) {
        return;
      }
      FIELDS.forEach((name) => {
        const input = form.elements.namedItem(name);
        if (!input || !(name in text) || !("value" in input)) return;
        if (input.value === text[name]) return;
        input.value = text[name];
        // Before the body's editor is built, its stand-in shows the field's new value and
        // hands it to the editor (admin-body-editor.js).
        if (name === "body" && bodyEditor) {
          bodyEditor.commands.setContent(text[name], { emitUpdate: true });
          input.value = text[name];
        }
        // Counters, the leave-page guard and both kept copies follow, as if typed.
        input.dispatchEvent(new Event("input", { bubbles: true }));
      });
      // The same text was also offered back as an autosave: it is in the form already.
      document.querySelectorAll(".story-autosave-offer").forEach((banner) => {
        banner.remove();
      });
    }
  });
})();
