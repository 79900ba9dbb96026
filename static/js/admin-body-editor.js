// Story editor: the body's rich-text editor (django-prose-editor's 140 KB bundle) is fetched
// when the pointer comes over the body or it is first pressed or focused; until then an
// editable stand-in with the editor's look takes every key, paste and composition, keeping
// the field (what Save posts) in step. The editor takes over in one synchronous step (no key
// can come in between): the box read as ProseMirror reads a page, spaces kept, the caret found
// by that reading, one undoable change; pastes made meanwhile are pasted again by the
// editor's rules (admin-story-paste.js). A value set meanwhile shows in the box. Other scripts
// hear "prose-editor:ready" once the editor holds the text. docs/desk.md, issue 26.
(() => {
  "use strict";

  const SELECTOR = "textarea[data-django-prose-editor-configurable]";
  const KEEP = new Set([
    "P", "H2", "H3", "STRONG", "B", "EM", "I", "S", "STRIKE", "A", "UL", "OL", "LI",
    "BLOCKQUOTE", "HR", "BR", "FIGURE",
  ]);
  const DROP = new Set(["SCRIPT", "STYLE", "TEMPLATE", "IFRAME", "OBJECT", "EMBED", "IMG", "SVG"]);
  // Where the editor's reading keeps no text of spaces alone (between blocks).
  const HOLDERS = new Set(["DIV", "UL", "OL", "LI", "BLOCKQUOTE", "FIGURE"]);
  const TEXTBLOCKS = "p, h2, h3";
  const valueOf = Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, "value");
  let loading = null;

  // The text's own tags only (the server sanitized it; a restored copy comes from this
  // browser): no attribute but a link's address and a gallery's number, so nothing here runs
  // or asks for a style.
  function copyInto(target, source) {
    source.childNodes.forEach((node) => {
      if (node.nodeType === Node.TEXT_NODE) {
        if (!HOLDERS.has(target.tagName) || /\S/.test(node.textContent)) {
          target.append(node.textContent);
        }
      } else if (node.nodeType === Node.ELEMENT_NODE && !DROP.has(node.tagName)) {
        if (!KEEP.has(node.tagName) || (node.tagName === "FIGURE" && !node.dataset.gallery)) {
          copyInto(target, node);
          return;
        }
        const element = document.createElement(node.tagName.toLowerCase());
        const href = node.tagName === "A" ? node.getAttribute("href") || "" : "";
        if (/^(https?:|mailto:|\/|#)/i.test(href)) element.setAttribute("href", href);
        if (node.tagName === "FIGURE") {
          element.dataset.gallery = node.dataset.gallery.replace(/\D/g, "");
        } else {
          copyInto(element, node);
        }
        target.append(element);
      }
    });
  }

  // Spaces as the editor reads saved HTML: a run is one space, none at a paragraph's ends.
  // The box shows spaces as typed (white-space: pre-wrap), so what it shows is what the
  // editor will hold.
  function collapseSpaces(box) {
    box.querySelectorAll(TEXTBLOCKS).forEach((block) => {
      const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
      let previous = null;
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        let text = node.nodeValue.replace(/[ \t\r\n\f]+/g, " ");
        if (text.startsWith(" ") && (!previous || previous.nodeValue.endsWith(" "))) {
          text = text.slice(1);
        }
        node.nodeValue = text;
        if (text) previous = node;
      }
      if (previous) previous.nodeValue = previous.nodeValue.replace(/ $/, "");
    });
  }

  function show(box, html) {
    const parsed = new DOMParser().parseFromString(html || "<p></p>", "text/html");
    box.replaceChildren();
    copyInto(box, parsed.body);
    collapseSpaces(box);
    box.querySelectorAll("figure").forEach((figure) => {
      figure.contentEditable = "false";
    });
    if (!box.firstChild) box.append(document.createElement("p"));
  }

  // What the field holds while the stand-in is typed in: the box's text in the body's tags.
  function fieldValue(box) {
    const copy = document.createElement("div");
    copyInto(copy, box);
    return copy.innerHTML;
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

  // The position nearest `pos` where text goes (ProseMirror's caret cannot sit between blocks).
  function inText(doc, pos) {
    const size = doc.content.size;
    const clamped = Math.max(0, Math.min(pos, size));
    if (doc.resolve(clamped).parent.inlineContent) return clamped;
    let best = null;
    doc.descendants((node, at) => {
      if (!node.isTextblock) return true;
      const start = at + 1;
      const end = start + node.content.size;
      const near = Math.max(start, Math.min(clamped, end));
      if (best === null || Math.abs(near - clamped) < Math.abs(best - clamped)) best = near;
      return false;
    });
    return best === null ? 0 : best;
  }

  function childIndex(node) {
    return Array.prototype.indexOf.call(node.parentNode.childNodes, node);
  }

  // The stand-in's text, caret and pending pastes into the editor, in one synchronous step.
  function handOver(editor, box, openedHtml) {
    const parser = editor.schema.cached.domParser;
    const { view } = editor;
    const focused = document.activeElement === box;
    const selection = window.getSelection();
    const caret = [];
    if (focused && selection && selection.rangeCount
        && box.contains(selection.anchorNode) && box.contains(selection.focusNode)) {
      caret.push(
        { node: selection.anchorNode, offset: selection.anchorOffset },
        { node: selection.focusNode, offset: selection.focusOffset },
      );
    }
    const pastes = [...box.querySelectorAll("[data-pasted]")].map((marker) => ({
      marker,
      from: { node: marker.parentNode, offset: childIndex(marker) },
      to: { node: marker.parentNode, offset: childIndex(marker) + 1 },
    }));
    const found = caret.concat(...pastes.map((paste) => [paste.from, paste.to]));
    const typed = parser.parse(box, { preserveWhitespace: true, findPositions: found });

    // The text as the page opened (or as last set) first, quietly; then what was typed on
    // it as one change, so a first Undo takes back the stand-in's typing.
    const base = document.createElement("div");
    show(base, openedHtml);
    view.dispatch(
      view.state.tr
        .replaceWith(0, view.state.doc.content.size,
          parser.parse(base, { preserveWhitespace: true }).content)
        .setMeta("addToHistory", false)
        .setMeta("preventUpdate", true),
    );
    const opened = view.state.doc;
    const start = opened.content.findDiffStart(typed.content);
    if (start !== null) {
      let { a: endOpened, b: endTyped } = opened.content.findDiffEnd(typed.content);
      const overlap = start - Math.min(endOpened, endTyped);
      if (overlap > 0) {
        endOpened += overlap;
        endTyped += overlap;
      }
      view.dispatch(view.state.tr.replace(start, endOpened, typed.slice(start, endTyped)));
    }

    // Pastes, the last first (each leaves the places before it where they were), each read
    // by the editor's paste rules; the caret follows the changes.
    const mappings = [];
    const follow = ({ transaction }) => mappings.push(transaction.mapping);
    editor.on("transaction", follow);
    try {
      pastes.reverse().forEach(({ marker, from, to }) => {
        if (typeof from.pos !== "number" || typeof to.pos !== "number") return;
        editor.commands.setTextSelection({ from: from.pos, to: to.pos });
        const event = new ClipboardEvent("paste");
        if (marker.dataset.pastedHtml) view.pasteHTML(marker.dataset.pastedHtml, event);
        else view.pasteText(marker.dataset.pasted, event);
      });
    } finally {
      editor.off("transaction", follow);
    }
    if (focused) {
      const place = (found) => {
        const pos = typeof found.pos === "number" ? found.pos : typed.content.size;
        return inText(view.state.doc, mappings.reduce((at, mapping) => mapping.map(at), pos));
      };
      view.focus();
      const anchor = caret.length ? place(caret[0]) : inText(view.state.doc, 1);
      const head = caret.length ? place(caret[1]) : anchor;
      editor.commands.setTextSelection({ from: anchor, to: head });
    }
  }

  // A paste before the editor is here: its plain text at once, where the caret is, marked
  // so the editor pastes the real thing over it at the hand-over.
  function keepPaste(box, textarea, event) {
    const data = event.clipboardData;
    const selection = window.getSelection();
    if (!data || !selection || !selection.rangeCount) return;
    const range = selection.getRangeAt(0);
    if (!box.contains(range.commonAncestorContainer)) return;
    event.preventDefault();
    const html = data.getData("text/html");
    const text = data.getData("text/plain");
    range.deleteContents();
    if (!html && !text) return;
    const marker = document.createElement("span");
    marker.className = "story-body-pasted";
    marker.contentEditable = "false";
    marker.dataset.pasted = text;
    if (html) marker.dataset.pastedHtml = html;
    marker.textContent = text || new DOMParser().parseFromString(html, "text/html").body.textContent;
    range.insertNode(marker);
    const block = marker.parentElement.closest(`${TEXTBLOCKS}, li`);
    if (!block || !box.contains(block)) {
      // Pasted over the whole text: in a paragraph of its own, as the editor will have it.
      const paragraph = document.createElement("p");
      marker.replaceWith(paragraph);
      paragraph.append(marker);
    }
    range.setStartAfter(marker);
    range.collapse(true);
    selection.removeAllRanges();
    selection.addRange(range);
    valueOf.set.call(textarea, fieldValue(box));
    box.dispatchEvent(new Event("input", { bubbles: true }));
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
    let opened = valueOf.get.call(textarea);
    show(box, opened);
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
        if (waiting) {
          opened = html;
          show(box, html);
        }
      },
    });
    box.addEventListener("input", () => {
      valueOf.set.call(textarea, fieldValue(box));
    });

    const start = () => {
      load().catch(() => {
        // Offline or refused: the box keeps working and the field keeps its text.
        box.title = "The editor could not be loaded: reload the page for its toolbar.";
      });
    };
    frame.addEventListener("pointerenter", start);
    frame.addEventListener("pointerdown", start);
    box.addEventListener("focus", () => {
      document.execCommand("defaultParagraphSeparator", false, "p");
      start();
    });
    box.addEventListener("paste", (event) => {
      start();
      keepPaste(box, textarea, event);
    });
    let composing = false;
    let ready = null;
    box.addEventListener("compositionstart", () => {
      composing = true;
    });
    box.addEventListener("compositionend", () => {
      composing = false;
      // After the browser has put the composed text in the box (the next task).
      if (ready) setTimeout(ready, 0);
    });

    // Added before configurable.js dispatches the event, so it runs before other listeners;
    // they hear it again once the editor holds the text.
    textarea.addEventListener(
      "prose-editor:ready",
      (event) => {
        event.stopImmediatePropagation();
        const { editor } = event.detail;
        const element = textarea.closest(".prose-editor");
        if (element) element.hidden = true;
        ready = () => {
          if (composing || !waiting) return;
          waiting = false; // the editor's own updates of the field are not shown in the box
          if (element) element.hidden = false; // it takes the focus
          try {
            handOver(editor, box, opened);
          } catch (error) {
            // The box stays, with the field in step: nothing typed is lost, only the toolbar.
            console.error("The body's editor could not take over:", error);
            waiting = true;
            valueOf.set.call(textarea, fieldValue(box));
            editor.destroy();
            return;
          }
          frame.remove();
          textarea.hidden = false;
          delete textarea.value;
          textarea.dispatchEvent(new CustomEvent("prose-editor:ready", {
            detail: event.detail, bubbles: true,
          }));
        };
        ready();
      },
      { once: true },
    );
  }

  document.addEventListener("DOMContentLoaded", () => {
    document.querySelectorAll(SELECTOR).forEach(wait);
  });
})();
