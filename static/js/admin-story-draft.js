// Story editor: no typed word is lost.
//
// - A copy of the story's text is kept in this browser (localStorage, one per story) while
//   it is typed. If the page is opened again with that text unsaved (a closed tab, a crash,
//   a workflow step taken without saving), it is offered back: "Restore it" or "Discard".
//   After a save it is dropped; after a refused save (someone saved first) it is kept.
// - Leaving the page with unsaved changes asks first (beforeunload); saving does not.
// - A workflow button posts the typed text with it (it belongs to the story form); a
//   take-down leaves without asking, its typed text kept here and offered back.
// - Ctrl+S / Cmd+S saves and keeps editing.
(() => {
  "use strict";

  const TEXT_FIELDS = [
    "headline", "seo_headline", "social_headline", "slug", "dek", "body", "dateline", "tags",
    "how_we_reported",
  ];
  let bodyEditor = null;

  // The body's rich-text editor announces itself once built (django-prose-editor).
  document.addEventListener("prose-editor:ready", (event) => {
    if (event.detail && event.detail.textarea && event.detail.textarea.name === "body") {
      bodyEditor = event.detail.editor;
    }
  });

  function storage() {
    try {
      return window.localStorage;
    } catch (error) {
      return null; // storage turned off: the guard still works, the copy does not
    }
  }

  function readCopy(key) {
    const store = key && storage();
    if (!store) return null;
    try {
      return JSON.parse(store.getItem(key) || "null");
    } catch (error) {
      return null;
    }
  }

  function writeCopy(key, copy) {
    const store = key && storage();
    if (!store) return;
    try {
      store.setItem(key, JSON.stringify(copy));
    } catch (error) {
      // Full storage: the beforeunload guard remains.
    }
  }

  function dropCopy(key) {
    const store = key && storage();
    if (store) store.removeItem(key);
  }

  document.addEventListener("DOMContentLoaded", () => {
    const form = document.getElementById("article_form");
    const marker = document.getElementById("story-draft");
    if (!form || !marker) return;

    // A new story keeps no copy here: one per browser would be shared by every new-story tab;
    // the server keeps each new-story page's draft (admin-story-autosave.js).
    const key = marker.dataset.story === "new" ? null : "newsroom:story-draft:" + marker.dataset.story;
    const versionInput = form.querySelector("input[name=expected_version]");
    const version = versionInput ? parseInt(versionInput.value, 10) || 0 : 0;
    const refused = !!document.querySelector(".errornote");
    let dirty = false;
    let leaving = false;
    let timer = null;

    function field(name) {
      return form.elements.namedItem(name);
    }

    function currentText() {
      const text = {};
      TEXT_FIELDS.forEach((name) => {
        const input = field(name);
        if (input && "value" in input) text[name] = input.value;
      });
      return text;
    }

    function sameAsPage(text) {
      return TEXT_FIELDS.every((name) => {
        const input = field(name);
        return !input || !(name in text) || input.value === text[name];
      });
    }

    function keepCopy() {
      timer = null;
      writeCopy(key, {
        version,
        savedAt: new Date().toISOString(),
        submitted: false,
        text: currentText(),
      });
    }

    function markDirty() {
      dirty = true;
      if (timer) window.clearTimeout(timer);
      timer = window.setTimeout(keepCopy, 400);
    }

    function restore(text) {
      TEXT_FIELDS.forEach((name) => {
        const input = field(name);
        if (!input || !(name in text)) return;
        input.value = text[name];
        if (name === "body" && bodyEditor) {
          bodyEditor.commands.setContent(text[name], { emitUpdate: true });
          input.value = text[name];
        }
      });
      markDirty();
    }

    function offer(copy) {
      const when = new Date(copy.savedAt);
      const time = isNaN(when) ? "" : " from " + when.toLocaleString([], {
        month: "short", day: "numeric", hour: "2-digit", minute: "2-digit",
      });
      const banner = document.createElement("div");
      banner.className = "story-draft-offer";
      banner.setAttribute("role", "alert");
      const message = document.createElement("p");
      message.textContent = "Unsaved text" + time + " was kept in this browser.";
      if (version && copy.version && copy.version < version) {
        message.textContent += " The story was saved since (version " + copy.version +
          " then, version " + version + " now): restoring puts your text over the newer " +
          "one in the form; compare before you save.";
      }
      const restoreButton = document.createElement("button");
      restoreButton.type = "button";
      restoreButton.className = "button default story-draft-restore";
      restoreButton.textContent = "Restore my unsaved text";
      const discardButton = document.createElement("button");
      discardButton.type = "button";
      discardButton.className = "button story-draft-discard";
      discardButton.textContent = "Discard it";
      restoreButton.addEventListener("click", () => {
        restore(copy.text || {});
        banner.remove();
      });
      discardButton.addEventListener("click", () => {
        dropCopy(key);
        banner.remove();
      });
      banner.append(message, restoreButton, " ", discardButton);
      marker.after(banner);
    }

    // What a previous visit left behind.
    const copy = readCopy(key);
    if (copy && refused) {
      // The save was refused and the form holds the typed text again: keep the copy.
      copy.submitted = false;
      writeCopy(key, copy);
    } else if (copy && copy.submitted && (!version || version > copy.version)) {
      dropCopy(key); // saved
    } else if (copy && copy.text && !sameAsPage(copy.text)) {
      offer(copy);
    } else if (copy) {
      dropCopy(key); // nothing the page does not already hold
    }

    form.addEventListener("input", markDirty);
    form.addEventListener("change", markDirty);
    form.addEventListener("submit", () => {
      flush();
      const kept = readCopy(key);
      if (kept) {
        kept.submitted = true;
        writeCopy(key, kept);
      }
      leaving = true;
    });

    function flush() {
      if (timer) {
        window.clearTimeout(timer);
        keepCopy();
      }
    }

    // A tab closed within the debounce still leaves its copy behind.
    window.addEventListener("pagehide", flush);
    window.addEventListener("beforeunload", (event) => {
      flush();
      if (!dirty || leaving) return;
      event.preventDefault();
      event.returnValue = "";
    });

    // The forward workflow buttons belong to the story form (form="article_form"): they
    // post the typed text, saved before the move, so no dialog. The take-downs post their
    // own forms: the typed text stays in this copy, offered back on the next visit.
    document.querySelectorAll(".workflow-panel form").forEach((own) => {
      own.addEventListener("submit", () => {
        flush();
        leaving = true;
      });
    });

    document.addEventListener("keydown", (event) => {
      if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === "s") {
        // form.elements includes the side panel's buttons (outside the form, form="article_form").
        let save = form.elements.namedItem("_continue");
        if (save && !save.click && save.length) save = save[0];
        if (!save) return;
        event.preventDefault();
        save.click();
      }
    });
  });
})();
