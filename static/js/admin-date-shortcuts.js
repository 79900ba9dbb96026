// Django's calendar and clock beside date and time fields (calendar.js and DateTimeShortcuts.js,
// 7 KB with their icons) come when such a field nears the screen or is reached with the
// keyboard, not with the page: on the story page they sit below the fold (the embargo, the
// sources' dates). The scripts' addresses are this tag's data-calendar and data-shortcuts
// (articles/admin/story/media.py); once loaded, they work as on any admin page.
(() => {
  "use strict";

  const FIELDS = "input.vDateField, input.vTimeField";
  const tag = document.currentScript;
  let loading = null;

  function script(src) {
    return new Promise((resolve, reject) => {
      const element = document.createElement("script");
      element.src = src;
      element.onload = resolve;
      element.onerror = reject;
      document.head.append(element);
    });
  }

  function load() {
    if (!loading) {
      loading = script(tag.dataset.calendar)
        .then(() => script(tag.dataset.shortcuts))
        .then(() => {
          // Before it adds a field's links and notes: admin-time-zone.js silences one note.
          document.dispatchEvent(new Event("newsroom:date-shortcuts"));
          // DateTimeShortcuts.js sets itself up on the window's load event; after it, here.
          if (document.readyState === "complete") window.DateTimeShortcuts.init();
        })
        .catch(() => {
          loading = null;
        });
    }
    return loading;
  }

  document.addEventListener("DOMContentLoaded", () => {
    const fields = [...document.querySelectorAll(FIELDS)].filter(
      (field) => !field.name.includes("__prefix__"),
    );
    document.addEventListener("focusin", (event) => {
      if (event.target.matches && event.target.matches(FIELDS)) load();
    });
    if (!fields.length) return;
    if (!("IntersectionObserver" in window)) {
      load();
      return;
    }
    const watch = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting)) {
          watch.disconnect();
          load();
        }
      },
      { rootMargin: "300px 0px" },
    );
    fields.forEach((field) => watch.observe(field));
  });
})();
