// Suggest existing tags for the term being typed in a comma-separated tag input.
"use strict";
(() => {
  function setUp(input) {
    const list = document.createElement("datalist");
    list.id = input.id + "-suggestions";
    input.after(list);
    input.setAttribute("list", list.id);
    let last = "";
    input.addEventListener("input", () => {
      const parts = input.value.split(",");
      const term = parts.pop().trim();
      const done = parts.map((p) => p.trim()).filter(Boolean);
      if (term.length < 1 || term === last) return;
      last = term;
      fetch(input.dataset.suggestUrl + "?q=" + encodeURIComponent(term), {credentials: "same-origin"})
        .then((r) => r.ok ? r.json() : {results: []})
        .then((data) => {
          const prefix = done.length ? done.join(", ") + ", " : "";
          list.replaceChildren(...data.results
            .filter((name) => done.indexOf(name) === -1)
            .map((name) => {
              const option = document.createElement("option");
              option.value = prefix + name;
              return option;
            }));
        });
    });
  }
  document.addEventListener("DOMContentLoaded", () => {
    document.querySelectorAll("input.tag-suggest[data-suggest-url]").forEach(setUp);
  });
})();
