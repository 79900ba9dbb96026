// Story editor: autosave to the server, per draft.
//
// - Each page of the story form is a draft with its own random id, made when the page opens
//   (two new-story tabs never share one). While someone types, the form's text fields are
//   posted with that id to the story's autosave address (articles/admin/autosave.py) 3 seconds
//   after the last keystroke, and at most once every 10 seconds. That is not a save: nobody
//   else sees it, and the story's version and history do not move. The line under the form
//   says when it last happened, or why it failed. A tab closed with text not autosaved yet
//   sends it on its way out (sendBeacon).
// - When the story is opened again, the drafts the server keeps of this person's that hold
//   text the story does not are listed with their first words and time: "Restore the text
//   you were typing at 10:02" or "Discard". Restoring over text typed in this page first shows
//   both texts in the page and asks (no native dialog); the text replaced stays kept as its own
//   draft. Once the person types here, the list steps back to a quiet line.
// - On a story this person may no longer edit, "Your last typing, not saved" has "Copy it".
(() => {
  "use strict";

  const FIELDS = [
    "headline", "seo_headline", "social_headline", "slug", "dek", "body", "dateline", "tags",
    "how_we_reported",
  ];
  const IDLE_MS = 3000;
  const MIN_GAP_MS = 10000;
  const SUBMITTED = "newsroom:autosave-submitted"; // this tab's draft while its save is posted
  let bodyEditor = null;

  document.addEventListener("prose-editor:ready", (event) => {
    if (event.detail && event.detail.textarea && event.detail.textarea.name === "body") {
      bodyEditor = event.detail.editor;
    }
  });

  function newDraftId() {
    if (window.crypto && window.crypto.randomUUID) return window.crypto.randomUUID();
    return Date.now().toString(36) + "-" + Math.random().toString(36).slice(2, 12);
  }

  function session() {
    try {
      return window.sessionStorage;
    } catch (error) {
      return null;
    }
  }

  function takeSubmitted() {
    const store = session();
    if (!store) return null;
    let kept = null;
    try {
      kept = JSON.parse(store.getItem(SUBMITTED) || "null");
    } catch (error) {
      kept = null;
    }
    store.removeItem(SUBMITTED);
    return kept;
  }

  function plain(html) {
    const doc = new DOMParser().parseFromString(html || "", "text/html");
    doc.querySelectorAll("p, h2, h3, h4, li, blockquote").forEach((block) => {
      block.append("\n");
    });
    return (doc.body.textContent || "").trim();
  }

  function copyText(textarea, status) {
    const done = () => { status.textContent = "Copied: paste it where you need it."; };
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(textarea.value).then(done, () => {
        textarea.select();
        status.textContent = "Selected: press Ctrl+C (Cmd+C) to copy it.";
      });
    } else {
      textarea.select();
      status.textContent = "Selected: press Ctrl+C (Cmd+C) to copy it.";
    }
  }

  document.addEventListener("DOMContentLoaded", () => {
    // A story this person may no longer edit: their last typing, to copy.
    document.querySelectorAll("[data-last-typing]").forEach((box) => {
      const button = box.querySelector("[data-last-typing-copy]");
      button.addEventListener("click", () => {
        copyText(box.querySelector("[data-last-typing-text]"),
          box.querySelector("[data-last-typing-status]"));
      });
    });

    const form = document.getElementById("article_form");
    const status = document.getElementById("story-autosave");
    if (!form || !status || !status.dataset.url) return;

    const url = status.dataset.url;
    const storyKey = status.dataset.story;
    const refused = !!document.querySelector(".errornote");
    let draft = newDraftId();
    let timer = null;
    let lastInput = 0;
    let lastSent = 0;
    let pending = false; // typed since the last autosave
    let typedHere = false; // typed by the person in this page (not restored)
    let inFlight = false;
    let leaving = false;
    let quieten = () => {}; // set once there are offers (below)

    // The save this tab posted last: shown again refused, this page goes on with its draft;
    // a new story saved, its draft is no longer needed.
    const submitted = takeSubmitted();
    if (submitted && submitted.draft) {
      if (refused && submitted.story === storyKey) {
        draft = submitted.draft;
      } else if (!refused && submitted.story === "new" && storyKey !== "new") {
        const data = new URLSearchParams({ discard: "1", draft: submitted.draft });
        NewsroomFetch.post(submitted.url, data, { scope: form }).catch(() => {});
      }
    }

    function field(name) {
      return form.elements.namedItem(name);
    }

    function currentText() {
      const text = {};
      FIELDS.forEach((name) => {
        const input = field(name);
        if (input && "value" in input) text[name] = input.value;
      });
      return text;
    }

    function payload(extra) {
      const data = new URLSearchParams();
      const text = currentText();
      Object.keys(text).forEach((name) => data.append(name, text[name]));
      const version = field("expected_version");
      data.append("expected_version", version ? version.value : "0");
      data.append("draft", draft);
      Object.keys(extra || {}).forEach((key) => {
        data.set(key, extra[key]);
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
      if (leaving || !pending) return Promise.resolve();
      if (inFlight) {
        schedule();
        return Promise.resolve();
      }
      pending = false;
      inFlight = true;
      lastSent = Date.now();
      show("Autosaving…");
      return post(payload())
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

    function typed(event) {
      if (leaving) return;
      pending = true;
      lastInput = Date.now();
      if (event.isTrusted) {
        typedHere = true;
        quieten();
      }
      schedule();
    }

    form.addEventListener("input", typed);
    form.addEventListener("change", typed);
    form.addEventListener("submit", () => {
      // A real save follows; it replaces (and deletes) the autosave.
      leaving = true;
      if (timer) window.clearTimeout(timer);
      const store = session();
      if (store) store.setItem(SUBMITTED, JSON.stringify({ story: storyKey, draft, url }));
    });

    window.addEventListener("pagehide", () => {
      if (leaving || !pending || !navigator.sendBeacon) return;
      const data = payload({ csrfmiddlewaretoken: NewsroomFetch.csrfToken(form) });
      if (navigator.sendBeacon(url, data)) pending = false;
    });

    // --- offering back what the server kept -------------------------------------------------

    const offerData = document.getElementById("story-autosave-offers");
    let offers = [];
    try {
      offers = offerData ? JSON.parse(offerData.textContent) || [] : [];
    } catch (error) {
      offers = [];
    }
    function sameAsPage(text) {
      return FIELDS.every((name) => {
        const input = field(name);
        return !input || !(name in text) || input.value === text[name];
      });
    }
    // What the form already holds (shown again after a refused save) is not offered.
    offers = offers.filter((offer) => offer && offer.text && !sameAsPage(offer.text));
    if (!offers.length) return;

    // The browser's own copy, if it offered one, is the same text or older: one offer is enough.
    document.querySelectorAll(".story-draft-offer").forEach((banner) => {
      banner.remove();
    });

    const banner = document.createElement("div");
    banner.className = "story-draft-offer story-autosave-offer";
    banner.setAttribute("role", "alert");
    const message = document.createElement("p");
    const list = document.createElement("ul");
    list.className = "story-autosave-offers";
    const showButton = document.createElement("button");
    showButton.type = "button";
    showButton.className = "button story-autosave-show";
    showButton.textContent = "Show them";
    showButton.hidden = true;

    function describe() {
      const count = list.children.length;
      if (!count) {
        banner.remove();
        return;
      }
      if (banner.classList.contains("story-autosave-offer--quiet")) {
        message.textContent = count === 1
          ? "Earlier unsaved text is still kept (1 draft, not in the form)."
          : "Earlier unsaved text is still kept (" + count + " drafts, not in the form).";
      } else {
        message.textContent = count === 1
          ? "Unsaved text was autosaved to the server: you were typing and did not save."
          : count + " unsaved drafts were autosaved to the server: you were typing and did " +
            "not save. Each is kept until you restore or discard it.";
      }
    }

    // Once the person types here, the offers are older than what they type: a quiet line.
    quieten = () => {
      if (banner.classList.contains("story-autosave-offer--quiet") || !banner.isConnected) return;
      banner.classList.add("story-autosave-offer--quiet");
      banner.setAttribute("role", "region");
      banner.setAttribute("aria-label", "Earlier unsaved text");
      list.hidden = true;
      showButton.hidden = false;
      describe();
    };
    showButton.addEventListener("click", () => {
      list.hidden = false;
      showButton.hidden = true;
    });

    function fill(text) {
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
    }

    function restore(offer, item) {
      fill(offer.text);
      draft = offer.draft || draft; // this page now goes on with that draft
      typedHere = false;
      item.remove();
      describe();
      show("Restored the text from " + offer.time + ". Save the story to keep it.");
    }

    const dialog = buildDialog();

    function ask(offer, item) {
      dialog.fill(currentText(), offer);
      dialog.onReplace = () => {
        // What the form holds now stays kept as this page's draft before it is replaced.
        pending = true;
        const keptMine = autosave();
        keptMine.then(() => restore(offer, item));
      };
      dialog.element.showModal();
    }

    offers.forEach((offer) => {
      const item = document.createElement("li");
      item.className = "story-autosave-offer-item";
      const words = document.createElement("p");
      words.className = "story-autosave-offer-words";
      words.textContent = "“" + offer.first_words + "”, typed at " + offer.time + ".";
      if (offer.story_version && offer.based_on_version &&
          offer.based_on_version < offer.story_version) {
        words.textContent += " The story was saved since (version " + offer.based_on_version +
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
      restoreButton.addEventListener("click", () => {
        if (typedHere) ask(offer, item);
        else restore(offer, item);
      });
      discardButton.addEventListener("click", () => {
        post(payload({ discard: "1", draft: offer.draft })).then((answer) => {
          show(answer.error ? "Not discarded: " + answer.error : "Discarded the autosaved text.",
            !!answer.error);
        });
        item.remove();
        describe();
      });
      item.append(words, restoreButton, " ", discardButton);
      list.append(item);
    });
    describe();
    banner.append(message, showButton, list);
    status.before(banner);
  });

  // The in-page question before typed text is replaced: both texts side by side.
  function buildDialog() {
    const element = document.createElement("dialog");
    element.className = "story-autosave-confirm";
    element.setAttribute("aria-labelledby", "story-autosave-confirm-title");
    const title = document.createElement("h2");
    title.id = "story-autosave-confirm-title";
    title.textContent = "Replace what you typed here?";
    const sides = document.createElement("div");
    sides.className = "story-autosave-confirm-sides";

    function side(label, className) {
      const box = document.createElement("section");
      box.className = className;
      const heading = document.createElement("h3");
      heading.textContent = label;
      const text = document.createElement("div");
      text.className = "story-autosave-confirm-text";
      box.append(heading, text);
      sides.append(box);
      return { heading, text };
    }
    const mine = side("In the form now (typed here)", "story-autosave-confirm-mine");
    const kept = side("Kept text", "story-autosave-confirm-kept");
    const note = document.createElement("p");
    note.textContent = "What is in the form now stays kept as a draft of its own, offered " +
      "back like this one.";
    const replace = document.createElement("button");
    replace.type = "button";
    replace.className = "button default";
    replace.textContent = "Replace it with the kept text";
    const keep = document.createElement("button");
    keep.type = "button";
    keep.className = "button";
    keep.textContent = "Keep what I typed";
    const buttons = document.createElement("p");
    buttons.append(replace, " ", keep);
    element.append(title, sides, note, buttons);
    document.body.append(element);

    function write(target, text) {
      const parts = [text.headline, text.dek, plain(text.body)].filter((part) => part && part.trim());
      target.textContent = parts.join("\n\n") || "(empty)";
    }
    const api = {
      element,
      onReplace: null,
      fill(current, offer) {
        write(mine.text, current);
        kept.heading.textContent = "Kept text, typed at " + offer.time;
        write(kept.text, offer.text);
      },
    };
    replace.addEventListener("click", () => {
      element.close();
      if (api.onReplace) api.onReplace();
    });
    keep.addEventListener("click", () => element.close());
    return api;
  }
})();
