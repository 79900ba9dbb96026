// Story editor: the small writing tools under the headline, dek and body.
//
// - The headline shows its length against a guide: aim for under 70 characters; search
//   engines cut at about 60. Past 60 the count turns amber, past 70 red.
// - The dek shows its length; the body shows words and characters, read from the
//   rich-text editor's own text as it is typed.
// - The headline wraps (a one-row textarea that grows); Enter does not add a line to it.
(() => {
  "use strict";

  const HEADLINE_SEARCH_CUT = 60;
  const HEADLINE_AIM = 70;

  function plural(n, one, many) {
    return n + " " + (n === 1 ? one : many);
  }

  function countLine(row, id) {
    const line = document.createElement("div");
    line.id = id;
    line.className = "help story-count"; // "help": lined up under the field, as help text is
    line.setAttribute("aria-live", "polite");
    const anchor = row.querySelector(".flex-container") || row.lastElementChild;
    anchor.insertAdjacentElement("afterend", line);
    return line;
  }

  function describe(field, id) {
    const ids = (field.getAttribute("aria-describedby") || "").split(/\s+/).filter(Boolean);
    if (ids.indexOf(id) === -1) ids.push(id);
    field.setAttribute("aria-describedby", ids.join(" "));
  }

  function length(text) {
    return Array.from(text).length; // "é" or an emoji is one character, as readers see it
  }

  function headlineTools(field) {
    const line = countLine(field.closest(".form-row"), "headline-count");
    describe(field, line.id);
    const grows = window.CSS && CSS.supports && CSS.supports("field-sizing", "content");
    function update() {
      const n = length(field.value.trim());
      line.textContent =
        plural(n, "character", "characters") +
        " · aim for under " + HEADLINE_AIM + " characters; search engines cut at about " +
        HEADLINE_SEARCH_CUT;
      line.classList.toggle("story-count--near", n > HEADLINE_SEARCH_CUT && n <= HEADLINE_AIM);
      line.classList.toggle("story-count--over", n > HEADLINE_AIM);
      if (!grows) {
        field.style.height = "auto";
        field.style.height = field.scrollHeight + "px";
      }
    }
    field.addEventListener("keydown", (event) => {
      if (event.key === "Enter") event.preventDefault(); // a headline is one line that wraps
    });
    field.addEventListener("input", update);
    update();
  }

  // The search headline has the same guide as the headline; the social one only a count.
  function guideTools(field, id, near, over) {
    const line = countLine(field.closest(".form-row"), id);
    describe(field, line.id);
    function update() {
      const n = length(field.value.trim());
      line.textContent = plural(n, "character", "characters") +
        (near ? " · search engines cut at about " + near : "");
      line.classList.toggle("story-count--near", Boolean(near) && n > near && n <= over);
      line.classList.toggle("story-count--over", Boolean(over) && n > over);
    }
    field.addEventListener("input", update);
    update();
  }

  function dekTools(field) {
    const line = countLine(field.closest(".form-row"), "dek-count");
    describe(field, line.id);
    function update() {
      line.textContent = plural(length(field.value.trim()), "character", "characters");
    }
    field.addEventListener("input", update);
    update();
  }

  function bodyTools(row) {
    const line = countLine(row, "body-count");
    let watched = null;
    function bodyText() {
      const editor = row.querySelector(".ProseMirror[contenteditable]");
      if (editor) {
        let text = editor.innerText || editor.textContent || "";
        // A placed gallery's or embed's box (not editable) describes it: not the story's words.
        for (const box of editor.querySelectorAll("[contenteditable=false]")) {
          text = text.replace(box.innerText || box.textContent || "", "");
        }
        return text;
      }
      const textarea = row.querySelector("textarea");
      if (!textarea) return "";
      const scratch = document.createElement("div");
      scratch.innerHTML = textarea.value.replace(/<\/(p|li|h\d|blockquote)>/gi, "$&\n");
      return scratch.textContent || "";
    }
    function update() {
      const text = bodyText();
      const words = text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
      const characters = length(text.replace(/\n+/g, ""));
      const said = plural(words, "word", "words") + " · " + plural(characters, "character", "characters");
      // The observer below also sees this line change: write only when the count moved.
      if (line.textContent !== said) line.textContent = said;
      const editor = row.querySelector(".ProseMirror[contenteditable]");
      if (editor && editor !== watched) {
        watched = editor;
        const editorLabel = editor.getAttribute("aria-describedby");
        if (!editorLabel || editorLabel.split(/\s+/).indexOf(line.id) === -1) describe(editor, line.id);
      }
    }
    // The editor is built after this script runs and rewrites its own DOM as it is typed in:
    // watch the whole field rather than one element.
    new MutationObserver(update).observe(row, {
      childList: true,
      subtree: true,
      characterData: true,
    });
    document.addEventListener("prose-editor:ready", update);
    update();
  }

  function start() {
    const headline = document.getElementById("id_headline");
    if (headline) headlineTools(headline);
    const dek = document.getElementById("id_dek");
    if (dek) dekTools(dek);
    const seo = document.getElementById("id_seo_headline");
    if (seo) guideTools(seo, "seo-headline-count", HEADLINE_SEARCH_CUT, HEADLINE_AIM);
    const social = document.getElementById("id_social_headline");
    if (social) guideTools(social, "social-headline-count", 0, 0);
    const body = document.querySelector(".form-row.field-body");
    if (body) bodyTools(body);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
