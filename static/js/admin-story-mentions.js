// @mentions in the story's comment boxes (articles/collaboration/mentions.py, issue 26).
//
// - Typing "@" and a few letters in any comment box of the panel (a new comment, a reply, an
//   edit) lists up to 8 people: staff by name or username, and the bylines linked to them.
//   Arrow keys move, Enter or Tab picks, Escape closes; a click picks too. The box is a
//   combobox and the list a listbox (aria-activedescendant), so a screen reader follows.
// - Picking writes the name that means that person alone ("@Jonah Perrault", else their
//   username).
// - Under the box, "Will notify: …" says who posting would mail, as the server reads the text.
//   A name that fits two people ("@Jonah") asks which one, with a button for each.
(() => {
  "use strict";

  const MAX_PREFIX = 40;
  let counter = 0;

  document.addEventListener("DOMContentLoaded", () => {
    const panel = document.getElementById("comments");
    if (!panel || !panel.dataset.mentionsUrl) return;
    const list = document.createElement("ul");
    list.id = "comment-mention-list";
    list.className = "mention-list";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", "People to mention");
    list.hidden = true;
    panel.append(list); // in the page from the start: the boxes' aria-controls point at it
    let field = null; // the textarea whose "@name" is being completed
    let token = null; // {start, end} of "@name" in it
    let options = [];
    let active = -1;
    let asked = 0; // answers to older questions are ignored
    let lookup = null;

    // "@" and what follows it up to the caret, when it can be the start of a name.
    function tokenAt(textarea) {
      const before = textarea.value.slice(0, textarea.selectionStart);
      const at = before.lastIndexOf("@");
      if (at === -1 || (at > 0 && /[\w@]/.test(before[at - 1]))) return null;
      const prefix = before.slice(at + 1);
      if (!prefix || prefix.length > MAX_PREFIX || /^\s|\s\s|\n/.test(prefix)) return null;
      return { start: at, end: textarea.selectionStart, prefix };
    }

    function close() {
      list.hidden = true;
      list.replaceChildren();
      options = [];
      active = -1;
      if (field) {
        field.setAttribute("aria-expanded", "false");
        field.removeAttribute("aria-activedescendant");
      }
    }

    function choose(index) {
      active = index;
      options.forEach((option, i) => option.setAttribute("aria-selected", String(i === index)));
      const option = options[index];
      if (option) {
        field.setAttribute("aria-activedescendant", option.id);
        option.scrollIntoView({ block: "nearest" });
      }
    }

    function show(results) {
      close();
      if (!results.length || !field) return;
      options = results.map((person) => {
        const option = document.createElement("li");
        option.id = `comment-mention-${++counter}`;
        option.setAttribute("role", "option");
        option.dataset.insert = person.insert;
        const name = document.createElement("span");
        name.className = "mention-name";
        name.textContent = person.name;
        const detail = document.createElement("span");
        detail.className = "mention-detail";
        detail.textContent = person.detail;
        option.append(name, " ", detail);
        return option;
      });
      list.append(...options);
      field.after(list);
      list.hidden = false;
      field.setAttribute("aria-expanded", "true");
      choose(0);
    }

    function insert(text, start, end) {
      const value = field.value;
      const after = value.slice(end);
      const spacer = /^\s/.test(after) ? "" : " ";
      field.value = `${value.slice(0, start)}@${text}${spacer}${after}`;
      const caret = start + text.length + 1 + spacer.length;
      field.setSelectionRange(caret, caret);
      field.focus();
      close();
      previewSoon(field);
    }

    function pick(index) {
      const option = options[index];
      if (!option || !token) return;
      insert(option.dataset.insert, token.start, token.end);
    }

    function suggest(textarea) {
      field = textarea;
      token = tokenAt(textarea);
      clearTimeout(lookup);
      if (!token) {
        close();
        return;
      }
      const number = ++asked;
      lookup = setTimeout(() => {
        const url = `${panel.dataset.mentionsUrl}?q=${encodeURIComponent(token.prefix)}`;
        fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
          .then((response) => (response.ok ? response.json() : { results: [] }))
          .then((data) => {
            if (number === asked) show(data.results || []);
          })
          .catch(close);
      }, 120);
    }

    // "Will notify: …" under the box, as the server reads the text.
    const previews = new WeakMap();
    function noteFor(textarea) {
      let note = textarea.parentElement.querySelector(":scope > .comment-notify");
      if (!note) {
        note = document.createElement("div");
        note.className = "comment-notify";
        note.setAttribute("aria-live", "polite");
        (textarea.nextElementSibling === list ? list : textarea).after(note);
      }
      return note;
    }

    function showPreview(textarea, data) {
      const note = noteFor(textarea);
      note.replaceChildren();
      const line = (text, className) => {
        const paragraph = document.createElement("p");
        paragraph.className = className;
        paragraph.textContent = text;
        note.append(paragraph);
        return paragraph;
      };
      if (data.notify && data.notify.length) line(`Will notify: ${data.notify.join(", ")}`, "mention-will");
      if (data.cannot_see && data.cannot_see.length) {
        line(`Cannot see this story, so not notified: ${data.cannot_see.join(", ")}`, "mention-cannot");
      }
      for (const item of data.ambiguous || []) {
        const paragraph = line(`“@${item.name}” could be more than one person. Which one? `, "mention-which");
        for (const choice of item.choices) {
          const button = document.createElement("button");
          button.type = "button";
          button.className = "button small mention-choice";
          button.textContent = choice.name;
          button.addEventListener("click", () => {
            const at = textarea.value.toLowerCase().indexOf(`@${item.name.toLowerCase()}`);
            if (at === -1) return;
            field = textarea;
            insert(choice.insert, at, at + item.name.length + 1);
          });
          paragraph.append(button, " ");
        }
      }
    }

    function previewSoon(textarea) {
      clearTimeout(previews.get(textarea));
      if (!textarea.value.includes("@")) {
        const note = textarea.parentElement.querySelector(":scope > .comment-notify");
        if (note) note.replaceChildren();
        return;
      }
      previews.set(
        textarea,
        setTimeout(() => {
          const form = textarea.form;
          const url = panel.dataset.notifyUrl;
          NewsroomFetch.post(url, { text: textarea.value }, { scope: form || panel })
            .then((answer) => {
              if (answer.ok) showPreview(textarea, answer.data);
            })
            .catch(() => {});
        }, 300),
      );
    }

    function isCommentBox(target) {
      return target instanceof HTMLTextAreaElement && target.name === "text" && panel.contains(target);
    }

    panel.addEventListener("focusin", (event) => {
      if (!isCommentBox(event.target)) return;
      const textarea = event.target;
      textarea.setAttribute("role", "combobox");
      textarea.setAttribute("aria-autocomplete", "list");
      textarea.setAttribute("aria-controls", list.id);
      textarea.setAttribute("aria-expanded", "false");
    });
    panel.addEventListener("input", (event) => {
      if (!isCommentBox(event.target)) return;
      suggest(event.target);
      previewSoon(event.target);
    });
    panel.addEventListener("keydown", (event) => {
      if (!isCommentBox(event.target) || list.hidden || event.target !== field) return;
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        const step = event.key === "ArrowDown" ? 1 : -1;
        choose((active + step + options.length) % options.length);
      } else if (event.key === "Enter" || event.key === "Tab") {
        event.preventDefault();
        pick(active);
      } else if (event.key === "Escape") {
        event.preventDefault();
        event.stopPropagation();
        close();
      }
    });
    panel.addEventListener("focusout", (event) => {
      if (event.target === field) setTimeout(() => document.activeElement !== field && close(), 150);
    });
    // A click on a person picks them (mousedown keeps the box focused).
    list.addEventListener("mousedown", (event) => event.preventDefault());
    list.addEventListener("click", (event) => {
      const option = event.target.closest("[role=option]");
      if (option) pick(options.indexOf(option));
    });
    // After a post the box is emptied: so is its note.
    panel.addEventListener("reset", (event) => {
      const note = event.target.querySelector(".comment-notify");
      if (note) note.replaceChildren();
    });
  });
})();
