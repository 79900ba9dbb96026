// Story editor: the body's rich-text editor is fetched when the writer first reaches for it.
//
// django-prose-editor's bundle (Tiptap and ProseMirror) is 140 KB compressed, most of the
// story page's weight (bench/README.md, "The story page"). Until someone clicks, taps or tabs
// into the body, the page shows the text in a plain editable box with the editor's look; the
// first touch imports the editor (the import map on the page names it), which is built from
// the field's text. Whatever was typed in the box while the editor came is in the field (the
// box writes it there as it is typed), so the editor starts from it, with the selection where
// it was; a paste waits for the editor's clean-up. Anything that sets the field meanwhile (a restore, a colleague's version) shows in the
// box. Scripts that want the editor itself listen for "prose-editor:ready", as before.
(() => {
  "use strict";

  const SELECTOR = "textarea[data-django-prose-editor-configurable]";
  const KEEP = new Set([
    "P", "H2", "H3", "STRONG", "B", "EM", "I", "S", "STRIKE", "A", "UL", "OL", "LI",
    "BLOCKQUOTE", "HR", "BR",
  ]);
  const DROP = new Set(["SCRIPT", "STYLE", "TEMPLATE", "IFRAME", "OBJECT", "EMBED", "IMG", "SVG"]);
  const valueOf = Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, "value");
  let loading = null;

  // The text's own tags only (the server sanitized it; a restored copy comes from this
  // browser): no attribute but a link's address, so nothing here runs or asks for a style.
  function copyInto(target, source) {
    source.childNodes.forEach((node) => {
      if (node.nodeType === Node.TEXT_NODE) {
        target.append(node.textContent);
      } else if (node.nodeType === Node.ELEMENT_NODE && !DROP.has(node.tagName)) {
        if (!KEEP.has(node.tagName)) {
          copyInto(target, node);
          return;
        }
        const element = document.createElement(node.tagName.toLowerCase());
        const href = node.tagName === "A" ? node.getAttribute("href") || "" : "";
        if (/^(https?:|mailto:|\/|#)/i.test(href)) element.setAttribute("href", href);
        copyInto(element, node);
        target.append(element);
      }
    });
  }

  function show(box, html) {
    const parsed = new DOMParser().parseFromString(html || "<p></p>", "text/html");
    box.replaceChildren();
    copyInto(box, parsed.body);
    if (!box.firstChild) box.append(document.createElement("p"));
  }

  // A place in the text as a count: paragraphs (and headings, list items) entered, plus
  // characters of text before it. The same count finds the place in the editor's document,
  // whose paragraphs hold the same text.
  const BLOCKS = "p, h1, h2, h3, h4, h5, h6, div, li, blockquote, pre";

  function countTo(box, container, offset) {
    const range = document.createRange();
    range.selectNodeContents(box);
    range.setEnd(container, offset);
    let blocks = 0;
    box.querySelectorAll(BLOCKS).forEach((element) => {
      if (!element.querySelector(BLOCKS) && range.intersectsNode(element)) blocks += 1;
    });
    return blocks + range.toString().length;
  }

  function selectionCounts(box) {
    const selection = window.getSelection();
    if (!selection || !selection.rangeCount) return null;
    const selected = selection.getRangeAt(0);
    if (!box.contains(selected.startContainer) || !box.contains(selected.endContainer)) return null;
    return [
      countTo(box, selected.startContainer, selected.startOffset),
      countTo(box, selected.endContainer, selected.endOffset),
    ];
  }

  function positionOf(editor, count) {
    let position = null;
    let seen = 0;
    editor.state.doc.descendants((node, pos) => {
      if (position !== null) return false;
      if (node.isTextblock) {
        seen += 1;
        if (count <= seen) position = pos + 1;
      } else if (node.isText) {
        if (seen + node.text.length >= count) position = pos + (count - seen);
        seen += node.text.length;
      }
      return true;
    });
    return position === null ? editor.state.doc.content.size - 1 : position;
  }

  // At once, not in the next frame (Tiptap's focus command waits for one): a key pressed in
  // between would reach no field.
  function placeSelection(editor, counts) {
    editor.view.focus();
    const from = counts ? positionOf(editor, counts[0]) : 1;
    const to = counts ? positionOf(editor, counts[1]) : from;
    editor.commands.setTextSelection({ from, to });
  }

  function load() {
    if (!loading) {
      loading = import("django-prose-editor/configurable").catch((error) => {
        loading = null;
        throw error;
      });
    }
    return loading;
  }

  function wait(textarea) {
    if (textarea.id.includes("__prefix__") || textarea.closest(".prose-editor")) return;
    const frame = document.createElement("div");
    frame.className = "prose-editor story-body-waiting";
    const bar = document.createElement("div");
    bar.className = "prose-menubar";
    bar.setAttribute("aria-hidden", "true");
    const box = document.createElement("div");
    box.className = "tiptap ProseMirror";
    box.contentEditable = textarea.disabled ? "false" : "true";
    box.setAttribute("role", "textbox");
    box.setAttribute("aria-multiline", "true");
    const label = textarea.id && document.querySelector(`label[for="${textarea.id}"]`);
    box.setAttribute("aria-label", label ? label.textContent.replace(/:\s*$/, "").trim() : "Body");
    show(box, valueOf.get.call(textarea));
    frame.append(bar, box);
    textarea.before(frame);
    textarea.hidden = true;

    // The field and the box say the same until the editor takes over.
    let waiting = true;
    Object.defineProperty(textarea, "value", {
      configurable: true,
      get() {
        return valueOf.get.call(this);
      },
      set(html) {
        valueOf.set.call(this, html);
        if (waiting) show(box, html);
      },
    });
    box.addEventListener("input", () => {
      valueOf.set.call(textarea, box.innerHTML);
    });

    const start = () => {
      load().catch(() => {
        // Offline or refused: the box keeps working and the field keeps its text.
        box.title = "The editor could not be loaded: reload the page for its toolbar.";
      });
    };
    frame.addEventListener("pointerdown", start);
    box.addEventListener("focus", start);
    // A paste waits for the editor, which cleans Docs, Word and web HTML (admin-story-paste.js).
    box.addEventListener("paste", (event) => {
      const data = event.clipboardData;
      if (!data) return;
      event.preventDefault();
      const html = data.getData("text/html");
      const text = data.getData("text/plain");
      start();
      textarea.addEventListener(
        "prose-editor:ready",
        (ready) => {
          const view = ready.detail.editor.view;
          if (html) view.pasteHTML(html);
          else view.pasteText(text);
        },
        { once: true },
      );
    });
    // Added before configurable.js dispatches the event, so it runs before other listeners.
    textarea.addEventListener(
      "prose-editor:ready",
      (event) => {
        waiting = false;
        const hadFocus = document.activeElement === box;
        const counts = hadFocus ? selectionCounts(box) : null;
        if (hadFocus) placeSelection(event.detail.editor, counts);
        frame.remove();
        textarea.hidden = false;
        delete textarea.value;
      },
      { once: true },
    );
  }

  document.addEventListener("DOMContentLoaded", () => {
    document.querySelectorAll(SELECTOR).forEach(wait);
  });
})();
