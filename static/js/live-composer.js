// The live composer keeps what is typed in it. While an entry is typed, a copy waits in this
// tab (sessionStorage, one per story); when the page comes back without the entry having
// been sent (another button of the live box: Pin, Key event, another entry's Publish, Start;
// the story's own Save; a reload), the copy is put back, its folded parts opened. Sending the
// entry (Publish, File for an editor) drops the copy: a refused entry comes back from the
// server with what was typed (articles.admin.story.live), and that wins over the copy.
(() => {
  "use strict";
  const composer = document.querySelector(".live-composer");
  if (!composer) return;
  let store = null;
  try {
    store = window.sessionStorage;
  } catch (error) {
    return; // storage turned off: the box works as before
  }
  const key = "newsroom:live-composer:" + composer.getAttribute("action");
  const fields = () =>
    Array.from(composer.elements).filter(
      (field) => field.name && !["hidden", "submit", "button"].includes(field.type)
    );
  const valueOf = (field) =>
    field.type === "checkbox" || field.type === "radio" ? field.checked : field.value;
  const read = () => Object.fromEntries(fields().map((field) => [field.name, valueOf(field)]));
  const blank = read();
  const changed = (copy) => Object.keys(copy).some((name) => copy[name] !== blank[name]);

  let kept = null;
  try {
    kept = JSON.parse(store.getItem(key) || "null");
  } catch (error) {
    kept = null;
  }
  const empty = fields().every((field) =>
    field.tagName === "SELECT" || (field.type === "checkbox" || field.type === "radio" ? !field.checked : !field.value)
  );
  if (kept && empty) {
    // The server sent the box empty (not a refused entry's text): put the copy back.
    for (const field of fields()) {
      if (!(field.name in kept) || kept[field.name] === blank[field.name]) continue;
      if (field.type === "checkbox" || field.type === "radio") field.checked = kept[field.name];
      else field.value = kept[field.name];
      const folded = field.closest("details");
      if (folded) folded.open = true;
    }
  }

  const keep = () => {
    const copy = read();
    try {
      if (changed(copy)) store.setItem(key, JSON.stringify(copy));
      else store.removeItem(key);
    } catch (error) {
      // full storage: nothing more to do
    }
  };
  composer.addEventListener("input", keep);
  composer.addEventListener("change", keep);
  composer.addEventListener("submit", () => store.removeItem(key));
})();
