// Comments on the story's text (articles/collaboration/comments.py, articles/admin/comments.py).
//
// - Select words in the body (the editor, or the read-only text) and a "Comment" button
//   appears next to them; it opens the form in the side panel with the passage quoted.
// - The passage is sent as a quote with up to 32 characters on each side, in the text as
//   the server reads it: whitespace runs (paragraph breaks too) as one space.
// - Every form of the panel (comment, reply, edit, delete, resolve, reopen) is posted with
//   fetch and the threads are swapped in place: the story form, and what is typed in it,
//   is never touched. Deleting asks first, in the page.
// - A thread's passage button highlights the passage in the text (the CSS Custom Highlight
//   API, else a selection) and scrolls to it. Nothing is written into the body's HTML.
(() => {
  "use strict";

  const CONTEXT = 32;
  const HIGHLIGHT = "story-comment";
  const BLOCKS = /^(P|H[1-6]|LI|UL|OL|BLOCKQUOTE|PRE|DIV|HR|FIGURE|FIGCAPTION|TABLE|TR|TD|TH)$/;
  let bodyEditor = null;
  let pending = null; // {quote, prefix, suffix} of the current selection in the body

  document.addEventListener("prose-editor:ready", (event) => {
    if (event.detail && event.detail.textarea && event.detail.textarea.name === "body") {
      bodyEditor = event.detail.editor;
    }
  });

  function bodyRoot() {
    if (bodyEditor && bodyEditor.view && bodyEditor.view.dom) return bodyEditor.view.dom;
    return (
      document.querySelector(".field-body .ProseMirror[contenteditable]") ||
      document.querySelector(".field-body_as_read .readonly") ||
      document.querySelector(".field-body .readonly")
    );
  }

  // The root's text with whitespace squashed, and for each character the text node and
  // offset it comes from (a squashed space maps to the character after it).
  function readText(root) {
    const chars = [];
    const points = [];
    let space = false;
    function walk(node) {
      if (node.nodeType === Node.TEXT_NODE) {
        const value = node.nodeValue;
        for (let i = 0; i < value.length; i++) {
          if (/\s/.test(value[i])) {
            space = true;
            continue;
          }
          if (space && chars.length) {
            chars.push(" ");
            points.push([node, i]);
          }
          space = false;
          chars.push(value[i]);
          points.push([node, i]);
        }
        return;
      }
      if (node.nodeType !== Node.ELEMENT_NODE) return;
      const block = BLOCKS.test(node.nodeName) || node.nodeName === "BR";
      if (block) space = true;
      for (let child = node.firstChild; child; child = child.nextSibling) walk(child);
      if (block) space = true;
    }
    walk(root);
    return { text: chars.join(""), points };
  }

  function commonTail(a, b) {
    let n = 0;
    while (n < a.length && n < b.length && a[a.length - 1 - n] === b[b.length - 1 - n]) n++;
    return n;
  }

  function commonHead(a, b) {
    let n = 0;
    while (n < a.length && n < b.length && a[n] === b[n]) n++;
    return n;
  }

  // The occurrence of `needle` whose surroundings match prefix/suffix best (as the server).
  function bestOccurrence(text, needle, prefix, suffix) {
    if (!needle) return -1;
    let best = -1;
    let bestScore = -1;
    let at = text.indexOf(needle);
    while (at !== -1) {
      const score =
        commonTail(text.slice(Math.max(0, at - prefix.length), at), prefix) +
        commonHead(text.slice(at + needle.length, at + needle.length + suffix.length), suffix);
      if (score > bestScore) {
        best = at;
        bestScore = score;
      }
      at = text.indexOf(needle, at + 1);
    }
    return best;
  }

  function rangeOf(read, start, end) {
    const range = document.createRange();
    const first = read.points[start];
    const last = read.points[end - 1];
    range.setStart(first[0], first[1]);
    range.setEnd(last[0], last[1] + 1);
    return range;
  }

  // The selection in the body as {quote, prefix, suffix, range}, or null.
  function selectedPassage() {
    const root = bodyRoot();
    const selection = window.getSelection();
    if (!root || !selection || selection.isCollapsed || !selection.rangeCount) return null;
    const range = selection.getRangeAt(0);
    if (!root.contains(range.commonAncestorContainer)) return null;
    const read = readText(root);
    let start = -1;
    let end = -1;
    for (let i = 0; i < read.points.length; i++) {
      const point = read.points[i];
      // A character is selected when its start is in the range and its end is too.
      if (range.isPointInRange(point[0], point[1]) && range.comparePoint(point[0], point[1] + 1) <= 0) {
        if (start === -1) start = i;
        end = i + 1;
      }
    }
    while (start !== -1 && start < end && read.text[start] === " ") start++;
    while (end > start && read.text[end - 1] === " ") end--;
    if (start === -1 || end <= start) return null;
    return {
      quote: read.text.slice(start, end),
      prefix: read.text.slice(Math.max(0, start - CONTEXT), start),
      suffix: read.text.slice(end, end + CONTEXT),
      range,
    };
  }

  function highlight(range) {
    if (window.CSS && CSS.highlights && typeof Highlight === "function") {
      CSS.highlights.set(HIGHLIGHT, new Highlight(range));
    } else {
      const selection = window.getSelection();
      selection.removeAllRanges();
      selection.addRange(range);
    }
    const target = range.startContainer.parentElement;
    if (target && target.scrollIntoView) target.scrollIntoView({ block: "center", behavior: "smooth" });
  }

  function clearHighlight() {
    if (window.CSS && CSS.highlights) CSS.highlights.delete(HIGHLIGHT);
  }

  document.addEventListener("DOMContentLoaded", () => {
    const panel = document.getElementById("comments");
    if (!panel) return;
    const threads = panel.querySelector("[data-comment-threads]");
    const status = panel.querySelector(".comment-status");
    const count = panel.querySelector("[data-comments-count]");
    const form = panel.querySelector("form.comment-new");
    const hint = panel.querySelector(".comment-hint");
    const start = panel.querySelector("[data-comment-start]");

    const button = document.createElement("button");
    button.type = "button";
    button.className = "comment-float button";
    button.textContent = "Comment";
    button.hidden = true;
    document.body.appendChild(button);

    function say(text) {
      status.textContent = text || "";
    }

    function placeButton() {
      const passage = form ? selectedPassage() : null;
      if (!passage) {
        button.hidden = true;
        return;
      }
      pending = passage;
      if (start) start.hidden = false;
      const box = passage.range.getBoundingClientRect();
      button.style.top = window.scrollY + box.bottom + 6 + "px";
      button.style.left = window.scrollX + box.left + "px";
      button.hidden = false;
    }

    let timer = null;
    document.addEventListener("selectionchange", () => {
      clearTimeout(timer);
      timer = setTimeout(placeButton, 120);
    });
    // Keep the selection when the button is pressed.
    button.addEventListener("mousedown", (event) => {
      event.preventDefault();
    });
    if (start && form) {
      panel.querySelector(".comment-shortcut").hidden = false;
      start.addEventListener("mousedown", (event) => {
        event.preventDefault();
      });
      start.addEventListener("click", openForm);
    }
    // From the keyboard: Ctrl+Alt+M (as in other editors) comments on the selection.
    document.addEventListener("keydown", (event) => {
      if (!form || !event.ctrlKey || !event.altKey || event.key.toLowerCase() !== "m") return;
      const root = bodyRoot();
      if (!root || !root.contains(document.activeElement)) return;
      const passage = selectedPassage();
      if (!passage) return;
      event.preventDefault();
      pending = passage;
      openForm();
    });

    button.addEventListener("click", openForm);

    function openForm() {
      if (!pending || !form) return;
      form.elements.quote.value = pending.quote;
      form.elements.prefix.value = pending.prefix;
      form.elements.suffix.value = pending.suffix;
      form.querySelector("[data-comment-quote]").textContent = pending.quote;
      form.querySelector(".comment-error").hidden = true;
      form.hidden = false;
      if (hint) hint.hidden = true;
      button.hidden = true;
      highlight(pending.range);
      panel.scrollIntoView({ block: "nearest" });
      form.elements.text.focus();
    }

    if (form) {
      form.querySelector("[data-comment-cancel]").addEventListener("click", () => {
        form.hidden = true;
        if (hint) hint.hidden = false;
        clearHighlight();
      });
    }

    function send(target) {
      const error = target.querySelector(".comment-error");
      const submit = target.querySelector("[type=submit]");
      if (submit) submit.disabled = true;
      return NewsroomFetch.post(target.action, new FormData(target), { scope: panel })
        .then((answer) => {
          if (submit) submit.disabled = false;
          if (!answer.ok) {
            // What was typed stays in the form, with the reason next to it.
            if (error) {
              NewsroomFetch.show(error, answer.data.error || "The comment could not be saved.", {
                hide: true,
              });
            } else {
              say(answer.data.error || "That did not work.");
            }
            return false;
          }
          threads.innerHTML = answer.data.html;
          if (count) count.textContent = answer.data.open;
          say(answer.data.done);
          return true;
        })
        .catch(() => {
          if (submit) submit.disabled = false;
          say("The comment could not be sent (no connection?). Your text is still in the form.");
          return false;
        });
    }

    if (form) {
      form.addEventListener("submit", (event) => {
        event.preventDefault();
        send(form).then((ok) => {
          if (!ok) return;
          form.reset();
          form.hidden = true;
          if (hint) hint.hidden = false;
          clearHighlight();
        });
      });
    }

    threads.addEventListener("submit", (event) => {
      const target = event.target.closest("form[data-comment-form]");
      if (!target) return;
      event.preventDefault();
      if (target.querySelector(".comment-delete") && !target.dataset.confirmed) {
        askBeforeDeleting(target);
        return;
      }
      send(target);
    });

    // Deleting asks first, in the page (no browser dialog): "Yes, delete" or "Keep it".
    function askBeforeDeleting(target) {
      let question = target.querySelector(".comment-confirm");
      if (!question) {
        question = document.createElement("p");
        question.className = "comment-confirm";
        question.setAttribute("role", "group");
        question.setAttribute("aria-label", "Delete this comment?");
        const yes = document.createElement("button");
        yes.type = "button";
        yes.className = "button small comment-delete-yes";
        yes.textContent = "Yes, delete";
        yes.addEventListener("click", () => {
          target.dataset.confirmed = "1";
          send(target).then(() => delete target.dataset.confirmed);
        });
        const no = document.createElement("button");
        no.type = "button";
        no.className = "button small";
        no.textContent = "Keep it";
        no.addEventListener("click", () => {
          question.hidden = true;
          target.querySelector(".comment-delete").focus();
        });
        question.append("Delete this comment? ", yes, " ", no);
        target.append(question);
      }
      question.hidden = false;
      question.querySelector(".comment-delete-yes").focus();
    }

    threads.addEventListener("click", (event) => {
      const show = event.target.closest("[data-comment-show]");
      if (!show) return;
      const thread = show.closest(".comment-thread");
      const root = bodyRoot();
      if (!root) return;
      const read = readText(root);
      const prefix = thread.dataset.prefix || "";
      const suffix = thread.dataset.suffix || "";
      let needle = thread.dataset.passage || thread.dataset.quote;
      let at = bestOccurrence(read.text, needle, prefix, suffix);
      if (at === -1 && needle !== thread.dataset.quote) {
        needle = thread.dataset.quote;
        at = bestOccurrence(read.text, needle, prefix, suffix);
      }
      if (at === -1) {
        clearHighlight();
        say("That passage is not in the text as it is now (changed since the last save?).");
        return;
      }
      say("");
      highlight(rangeOf(read, at, at + needle.length));
    });
  });
})();
