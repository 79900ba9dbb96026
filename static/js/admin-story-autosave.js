// Story editor: autosave to the server.
//
// - While someone types, the form's text fields are posted to the story's autosave address
//   (articles/autosave_admin.py) 3 seconds after the last keystroke, and at most once every
//   10 seconds. That is not a save: nobody else sees it, and the story's version and history
//   do not move. The line under the form says when it last happened, or why it failed.
// - A tab closed with text not autosaved yet sends it on its way out (sendBeacon).
// - When the story is opened again and the server holds text of this person's that the story
//   does not, it is offered back: "Restore the text you were typing at 10:02" or "Discard".
//   This copy is on the server, so it comes back in another browser or after a crash; the
//   browser's own copy (admin-story-draft.js) is not offered as well.
(() => {
  "use strict";

  const FIELDS = [
    "headline", "seo_headline", "social_headline", "slug", "dek", "body", "dateline", "tags",
    "how_we_reported",
  ];
  const IDLE_MS = 3000;
  const MIN_GAP_MS = 10000;
  let bodyEditor = null;

  document.addEventListener("prose-editor:ready", (event) => {
    if (event.detail && event.detail.textarea && event.detail.textarea.name === "body") {
      bodyEditor = event.detail.editor;
    }
  });

  document.addEventListener("DOMContentLoaded", () => {
    const form = document.getElementById("article_form");
    const status = document.getElementById("story-autosave");
    if (!form || !status || !status.dataset.url) return;

    const url = status.dataset.url;
    let timer = null;
    let lastInput = 0;
    let lastSent = 0;
    let pending = false; // typed since the last autosave
    let inFlight = false;
    let leaving = false;

    function field(name) {
      return form.elements.namedItem(name);
    }

    function payload(extra) {
      const data = new URLSearchParams();
      FIELDS.forEach((name) => {
        const input = field(name);
        if (input && "value" in input) data.append(name, input.value);
      });
      const version = field("expected_version");
      data.append("expected_version", version ? version.value : "0");
      Object.keys(extra || {}).forEach((key) => {
        data.append(key, extra[key]);
      });
      return data;
    }

    function show(text, failed) {
      NewsroomFetch.show(status, text, { failedClass: "story-autosave-failed", failed });
    }

    function post(data) {
      return NewsroomFetch.post(url, data, { scope: form }).then((answer) => answer.data);
    }

    function autosave() {
      timer = null;
      if (leaving || !pending) return;
      if (inFlight) {
        schedule();
        return;
      }
      pending = false;
      inFlight = true;
      lastSent = Date.now();
      show("Autosaving…");
      post(payload())
        .then((answer) => {
          if (answer.error) {
            show("Not autosaved: " + answer.error, true);
          } else {
            status.dataset.savedAt = answer.saved_at;
            show(answer.message + " (not published; only you see it until you save).");
          }
        })
        .catch(() => {
          pending = true;
          show("Not autosaved: the server could not be reached. Your text is still in the page.", true);
        })
        .then(() => {
          inFlight = false;
          if (pending) schedule();
        });
    }

    function schedule() {
      if (timer) window.clearTimeout(timer);
      const due = Math.max(lastInput + IDLE_MS, lastSent + MIN_GAP_MS);
      timer = window.setTimeout(autosave, Math.max(0, due - Date.now()));
    }

    function typed() {
      if (leaving) return;
      pending = true;
      lastInput = Date.now();
      schedule();
    }

    form.addEventListener("input", typed);
    form.addEventListener("change", typed);
    form.addEventListener("submit", () => {
      // A real save follows; it replaces (and deletes) the autosave.
      leaving = true;
      if (timer) window.clearTimeout(timer);
    });

    window.addEventListener("pagehide", () => {
      if (leaving || !pending || !navigator.sendBeacon) return;
      const data = payload({ csrfmiddlewaretoken: NewsroomFetch.csrfToken(form) });
      if (navigator.sendBeacon(url, data)) pending = false;
    });

    // --- offering back what the server kept -------------------------------------------------

    const offerData = document.getElementById("story-autosave-offer");
    if (!offerData) return;
    let offer;
    try {
      offer = JSON.parse(offerData.textContent);
    } catch (error) {
      return;
    }
    if (!offer || !offer.text) return;

    // The browser's own copy, if it offered one, is the same text or older: one offer is enough.
    document.querySelectorAll(".story-draft-offer").forEach((banner) => {
      banner.remove();
    });

    const banner = document.createElement("div");
    banner.className = "story-draft-offer story-autosave-offer";
    banner.setAttribute("role", "alert");
    const message = document.createElement("p");
    message.textContent = "Unsaved text from " + offer.time + " was autosaved to the " +
      "server: you were typing in this story and did not save.";
    if (offer.story_version && offer.based_on_version &&
        offer.based_on_version < offer.story_version) {
      message.textContent += " The story was saved since (version " + offer.based_on_version +
        " then, version " + offer.story_version + " now): restoring puts your text over " +
        "the newer one in the form; compare before you save.";
    }
    const restoreButton = document.createElement("button");
    restoreButton.type = "button";
    restoreButton.className = "button default story-autosave-restore";
    restoreButton.textContent = "Restore the text you were typing at " + offer.time;
    const discardButton = document.createElement("button");
    discardButton.type = "button";
    discardButton.className = "button story-autosave-discard";
    discardButton.textContent = "Discard";

    function restore(text) {
      FIELDS.forEach((name) => {
        const input = field(name);
        if (!input || !(name in text)) return;
        input.value = text[name];
        if (name === "body" && bodyEditor) {
          bodyEditor.commands.setContent(text[name], { emitUpdate: true });
          input.value = text[name];
        }
        // Counters, the headline's length guide, the leave-page guard and both copies
        // follow the field as if it had been typed.
        input.dispatchEvent(new Event("input", { bubbles: true }));
      });
      show("Restored the text from " + offer.time + ". Save the story to keep it.");
    }

    restoreButton.addEventListener("click", () => {
      restore(offer.text);
      banner.remove();
    });
    discardButton.addEventListener("click", () => {
      post(payload({ discard: "1" })).then((answer) => {
        show(answer.error ? "Not discarded: " + answer.error : "Discarded the autosaved text.",
          !!answer.error);
      });
      banner.remove();
    });
    banner.append(message, restoreButton, " ", discardButton);
    status.before(banner);
  });
})();
