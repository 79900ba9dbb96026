// Suggest existing tags for the term being typed in a comma-separated tag input.
"use strict";
(function () {
  function setUp(input) {
    const list = document.createElement("datalist");
    list.id = input.id + "-suggestions";
    input.after(list);
    input.setAttribute("list", list.id);
    let last = "";
    input.addEventListener("input", function () {
      const parts = input.value.split(",");
      const term = parts.pop().trim();
      const done = parts.map(function (p) { return p.trim(); }).filter(Boolean);
      if (term.length < 1 || term === last) return;
      last = term;
      fetch(input.dataset.suggestUrl + "?q=" + encodeURIComponent(term), {credentials: "same-origin"})
        .then(function (r) { return r.ok ? r.json() : {results: []}; })
        .then(function (data) {
          const prefix = done.length ? done.join(", ") + ", " : "";
          list.replaceChildren.apply(list, data.results
            .filter(function (name) { return done.indexOf(name) === -1; })
            .map(function (name) {
              const option = document.createElement("option");
              option.value = prefix + name;
              return option;
            }));
        });
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("input.tag-suggest[data-suggest-url]").forEach(setUp);
  });
})();
