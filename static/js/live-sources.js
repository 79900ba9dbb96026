// The live box's source fields: as a reporter types a name, offer the registry's sources
// that match (the admin's own source search) in the shared list. Choosing one sends its
// name as the registry lists it; the server finds it, or adds a new source. Without this
// script the name is still looked up when the entry is filed.
(() => {
  "use strict";
  const script = document.currentScript;
  const list = document.getElementById("live-source-list");
  if (!script || !list || !window.fetch) return;
  const search = script.getAttribute("data-search");
  let timer = null;
  let asked = "";

  const offer = (results) => {
    list.replaceChildren(
      ...results.map((result) => {
        const option = document.createElement("option");
        option.value = result.text;
        return option;
      })
    );
  };

  const ask = (term) => {
    if (term === asked || term.length < 2) return;
    asked = term;
    const params = new URLSearchParams({
      term,
      app_label: "sources",
      model_name: "attribution",
      field_name: "source",
    });
    fetch(`${search}?${params}`, { credentials: "same-origin" })
      .then((response) => (response.ok ? response.json() : { results: [] }))
      .then((data) => offer(data.results || []))
      .catch(() => {});
  };

  document.addEventListener("input", (event) => {
    const field = event.target;
    if (!field.classList || !field.classList.contains("live-source-name")) return;
    clearTimeout(timer);
    timer = setTimeout(() => ask(field.value.trim()), 200);
  });
})();
