// Pasting into the story's body: what Google Docs, Word and web pages put on the clipboard,
// cut down to bold, italics, links, lists and paragraphs before the editor reads it.
//
// Loaded by django-prose-editor as an extension module (settings.DJANGO_PROSE_EDITOR_EXTENSIONS,
// "NewsroomPaste" in articles.models.BODY_EXTENSIONS); Tiptap calls transformPastedHTML with the
// clipboard's text/html before ProseMirror parses it.
//
// Why not let the editor read the styles itself: its rules read `element.style`, and the admin's
// CSP (style-src without 'unsafe-inline') keeps a pasted style="" attribute from being applied,
// so `style.fontWeight` is empty. Google Docs wraps everything in <b style="font-weight:normal">,
// which then made the whole text bold, and spans styled font-style:italic lost their italics
// (issue 26). Here every style="" is renamed before the HTML is parsed (so the browser never
// applies one, and reports no violation) and read back as text.
//
// The output holds only <p>, <strong>, <em>, <a href> (http, https, mailto), <ul>, <ol>, <li>.
// A line break becomes a new paragraph (the body has no line breaks). The server sanitizes the
// saved body again (nh3); this is only about keeping what the writer meant.
import { Extension } from "django-prose-editor/editor";

const DROP = new Set([
  "SCRIPT", "STYLE", "HEAD", "TITLE", "META", "LINK", "NOSCRIPT", "TEMPLATE", "IFRAME",
  "OBJECT", "EMBED", "SVG", "MATH", "IMG", "PICTURE", "VIDEO", "AUDIO", "CANVAS", "BUTTON",
  "SELECT", "TEXTAREA", "INPUT", "XML",
]);
const BLOCK = new Set([
  "P", "DIV", "H1", "H2", "H3", "H4", "H5", "H6", "BLOCKQUOTE", "PRE", "TR", "SECTION",
  "ARTICLE", "HEADER", "FOOTER", "ASIDE", "MAIN", "NAV", "FIGURE", "FIGCAPTION", "ADDRESS",
  "DL", "DT", "DD", "TABLE", "HR", "CENTER",
]);
const LINKS = /^(https?:|mailto:)/i;
// What a copy from a ProseMirror editor keeps: the slice's open depths and links.
const PROSEMIRROR = new Set(["href", "data-pm-slice"]);
// An opening tag, its attributes quoted or not (a ">" inside quotes does not end it).
const TAG = /<[a-z][^\s/>]*(?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'>]+))?)*\s*\/?>/gi;
const ATTRIBUTE = /\s+([^\s"'>/=]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s"'>]+))?/g;
const STYLE_ELEMENT = /<style\b[\s\S]*?<\/style\s*>/gi;

// Every opening tag with only the attributes in `keep` (a style="" renamed data-paste-style):
// the browser never applies a pasted style or compiles a pasted onclick, both of which the CSP
// refuses, and reports.
function keepAttributes(html, keep) {
  return html.replace(STYLE_ELEMENT, "").replace(TAG, (tag) => {
    const name = /^<([^\s/>]+)/.exec(tag)[1];
    let kept = "";
    for (const [, attribute, value] of tag.slice(name.length + 1).matchAll(ATTRIBUTE)) {
      const lower = attribute.toLowerCase();
      if (lower === "style") kept += ` data-paste-style=${value || '""'}`;
      else if (keep.has(lower)) kept += ` ${lower}=${value || '""'}`;
    }
    return `<${name}${kept}>`;
  });
}

// Styles as a map, read from the attribute's text ("font-weight:700;font-style:italic").
function stylesOf(element) {
  const styles = new Map();
  for (const part of (element.getAttribute("data-paste-style") || "").split(";")) {
    const colon = part.indexOf(":");
    if (colon > 0) {
      styles.set(part.slice(0, colon).trim().toLowerCase(), part.slice(colon + 1).trim().toLowerCase());
    }
  }
  return styles;
}

function weightIsBold(value) {
  if (value === "bold" || value === "bolder") return true;
  const number = parseInt(value, 10);
  return Number.isFinite(number) && number >= 600;
}

// The marks an element sets for its text, from its tag and its own style (which wins).
function marksOf(element, marks) {
  const tag = element.tagName;
  const styles = stylesOf(element);
  const next = { ...marks };
  if (tag === "B" || tag === "STRONG") next.bold = true;
  if (tag === "I" || tag === "EM") next.italic = true;
  if (styles.has("font-weight")) next.bold = weightIsBold(styles.get("font-weight"));
  if (styles.has("font-style")) next.italic = /^(italic|oblique)/.test(styles.get("font-style"));
  if (tag === "A") {
    const href = (element.getAttribute("href") || "").trim();
    next.href = LINKS.test(href) ? href : null;
  }
  return next;
}

// Word's list paragraphs: <p style="mso-list:l0 level1 lfo1">, with their bullet or number
// between conditional comments ([if !supportLists] … [endif]) or in a mso-list:Ignore span.
function wordListOf(element) {
  const list = stylesOf(element).get("mso-list");
  if (!list || list === "ignore") return null;
  const level = /level(\d+)/.exec(list);
  const name = /^(l\d+)/.exec(list);
  return { level: level ? Math.min(parseInt(level[1], 10), 9) : 1, name: name ? name[1] : "" };
}

function isSupportListsStart(node) {
  return node.nodeType === Node.COMMENT_NODE && /^\[if !supportLists\]/i.test(node.data.trim());
}

function isEndif(node) {
  return node.nodeType === Node.COMMENT_NODE && /^\[endif\]/i.test(node.data.trim());
}

// Take Word's list marker out of a list paragraph; whether it is numbered ("1.", "a)").
function takeWordMarker(paragraph) {
  let text = "";
  let inside = false;
  const doomed = [];
  const gone = (node) => doomed.some((element) => element.contains(node));
  const walker = paragraph.ownerDocument.createTreeWalker(paragraph, NodeFilter.SHOW_ALL);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (gone(node)) continue;
    if (isSupportListsStart(node) || (inside && isEndif(node))) {
      inside = !inside;
      doomed.push(node);
    } else if (inside || (node.nodeType === Node.ELEMENT_NODE && stylesOf(node).get("mso-list") === "ignore")) {
      doomed.push(node);
      text += node.textContent;
    }
  }
  for (const node of doomed) node.remove();
  return /^\s*[0-9a-z]{1,4}[.)]/i.test(text);
}

class Writer {
  constructor(doc) {
    this.doc = doc;
    this.root = doc.createElement("div");
    this.container = this.root; // where the next paragraph or list goes
    this.paragraph = null; // the paragraph inline content goes into, made when needed
    this.wordLists = []; // the open Word list per level: [{element, name}]
  }

  endParagraph() {
    if (this.paragraph && !this.paragraph.textContent.trim()) this.paragraph.remove();
    this.paragraph = null;
  }

  text(value, marks) {
    if (!this.paragraph) {
      if (!value.trim()) return;
      this.paragraph = this.doc.createElement("p");
      this.container.appendChild(this.paragraph);
    }
    let node = this.doc.createTextNode(value);
    if (marks.italic) node = this.wrap("em", node);
    if (marks.bold) node = this.wrap("strong", node);
    if (marks.href) {
      node = this.wrap("a", node);
      node.setAttribute("href", marks.href);
    }
    this.paragraph.appendChild(node);
  }

  wrap(tag, child) {
    const element = this.doc.createElement(tag);
    element.appendChild(child);
    return element;
  }

  // Word list paragraphs become <li>s, nested by their level, in the list they name.
  wordItem(list, ordered) {
    this.endParagraph();
    if (this.wordLists.length && this.wordLists[0].name !== list.name) this.wordLists = [];
    this.wordLists.length = Math.min(this.wordLists.length, list.level);
    while (this.wordLists.length < list.level) {
      const parent = this.wordLists.length
        ? this.wordLists[this.wordLists.length - 1].element.lastElementChild
        : this.container;
      const element = this.doc.createElement(ordered ? "ol" : "ul");
      (parent || this.container).appendChild(element);
      this.wordLists.push({ element, name: list.name });
    }
    const item = this.doc.createElement("li");
    this.wordLists[this.wordLists.length - 1].element.appendChild(item);
    return item;
  }

  block(element, marks) {
    const saved = this.container;
    this.endParagraph();
    const list = element.tagName === "P" ? wordListOf(element) : null;
    if (list) {
      const ordered = takeWordMarker(element);
      this.container = this.wordItem(list, ordered);
    } else {
      this.wordLists = [];
    }
    this.children(element, marks);
    this.endParagraph();
    this.container = saved;
  }

  list(element, marks) {
    this.endParagraph();
    this.wordLists = [];
    const list = this.doc.createElement(element.tagName === "OL" ? "ol" : "ul");
    this.container.appendChild(list);
    const saved = this.container;
    this.container = list;
    this.children(element, marks);
    this.endParagraph();
    this.container = saved;
    if (!list.children.length) list.remove();
  }

  item(element, marks) {
    this.endParagraph();
    let list = this.container;
    if (list.tagName !== "UL" && list.tagName !== "OL") {
      list = this.doc.createElement("ul");
      this.container.appendChild(list);
    }
    const item = this.doc.createElement("li");
    list.appendChild(item);
    const saved = this.container;
    this.container = item;
    this.children(element, marks);
    this.endParagraph();
    this.container = saved;
    if (!item.textContent.trim()) item.remove();
  }

  children(parent, marks) {
    let skipping = false; // inside Word's [if !supportLists] … [endif] outside a list
    for (let node = parent.firstChild; node; node = node.nextSibling) {
      if (node.nodeType === Node.COMMENT_NODE) {
        if (isSupportListsStart(node)) skipping = true;
        else if (isEndif(node)) skipping = false;
      } else if (skipping) {
        continue;
      } else if (node.nodeType === Node.TEXT_NODE) {
        this.text(node.data, marks);
      } else if (node.nodeType === Node.ELEMENT_NODE) {
        this.element(node, marks);
      }
    }
  }

  element(element, marks) {
    const tag = element.tagName;
    // Word's <o:p>, <v:shape>, <w:data>; scripts, styles, pictures and form controls.
    if (tag.includes(":") || DROP.has(tag)) return;
    if (stylesOf(element).get("mso-list") === "ignore") return;
    if (tag === "BR") {
      this.endParagraph();
      return;
    }
    const inner = marksOf(element, marks);
    if (tag === "UL" || tag === "OL") this.list(element, inner);
    else if (tag === "LI") this.item(element, inner);
    else if (BLOCK.has(tag)) this.block(element, inner);
    else {
      if (tag === "TD" || tag === "TH") this.text(" ", marks);
      this.children(element, inner);
    }
  }
}

/**
 * Clipboard HTML from another app cut down to what the story's body keeps.
 * HTML copied from the editor itself (ProseMirror marks it with data-pm-slice) keeps its tags,
 * so a subhead or a quote copied within the story stays one; only its attributes go.
 */
export function cleanPastedHTML(html) {
  if (!html) return html;
  if (/\sdata-pm-slice=/.test(html)) return keepAttributes(html, PROSEMIRROR);
  const start = html.indexOf("<!--StartFragment-->");
  const end = html.indexOf("<!--EndFragment-->");
  if (start !== -1 && end > start) html = html.slice(start + 20, end);
  html = keepAttributes(html, new Set(["href"]));
  // DOMParser's document runs no script and loads nothing.
  const doc = new DOMParser().parseFromString(html, "text/html");
  const writer = new Writer(doc);
  writer.children(doc.body, { bold: false, italic: false, href: null });
  writer.endParagraph();
  return writer.root.innerHTML;
}

export const NewsroomPaste = Extension.create({
  name: "newsroomPaste",
  transformPastedHTML(html) {
    return cleanPastedHTML(html);
  },
});
