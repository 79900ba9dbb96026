// The byline on the story form: rows are put in order by dragging their handle (HTML5 drag
// and drop), or with the arrow keys on the handle. The hidden position fields
// (articles.workflow.byline.BylinePositionWidget) are written from the order of the rows after each
// move and before the story is saved. No inline script or style (CSP).
(() => {
  "use strict";

  const GROUP = "author_links-group";

  function rows(body) {
    return Array.prototype.filter.call(body.children, (row) => row.classList.contains("form-row") && !row.classList.contains("empty-form"));
  }

  function renumber(body) {
    rows(body).forEach((row, index) => {
      const input = row.querySelector("input[data-byline-position]");
      if (input) input.value = String(index);
    });
  }

  function nameOf(row) {
    const select = row.querySelector("select");
    const option = select && select.selectedOptions[0];
    return option && option.value ? option.textContent.trim() : "this author";
  }

  function setUp(group) {
    const body = group.querySelector("tbody");
    if (!body) return;
    const status = document.createElement("p");
    status.className = "byline-order-status";
    status.setAttribute("role", "status");
    group.querySelector("fieldset").appendChild(status);
    const help = document.createElement("p");
    help.className = "help byline-order-help";
    help.textContent = "Drag a row by its handle to change the order of names in the byline.";
    group.querySelector("h2").after(help);
    let dragged = null;

    function moved(row) {
      renumber(body);
      const position = rows(body).indexOf(row) + 1;
      status.textContent = nameOf(row) + " is now name " + position + " of " + rows(body).length + ".";
      // The story form's unsaved-changes guard listens for change events.
      const input = row.querySelector("input[data-byline-position]");
      if (input) input.dispatchEvent(new Event("change", {bubbles: true}));
    }

    function addHandle(row) {
      const cell = row.querySelector("td.original");
      if (!cell || cell.querySelector(".byline-handle")) return;
      const handle = document.createElement("button");
      handle.type = "button";
      handle.className = "byline-handle";
      handle.textContent = "⠿";
      handle.title = "Drag to reorder";
      handle.setAttribute("aria-label", "Move in the byline: drag, or press the up and down arrow keys");
      cell.prepend(handle);
      // Only the handle starts a drag: the row's inputs keep their own mouse behaviour.
      handle.addEventListener("mousedown", () => { row.draggable = true; });
      handle.addEventListener("keydown", (event) => {
        const list = rows(body);
        const index = list.indexOf(row);
        if (event.key === "ArrowUp" && index > 0) list[index - 1].before(row);
        else if (event.key === "ArrowDown" && index < list.length - 1) list[index + 1].after(row);
        else return;
        event.preventDefault();
        handle.focus();
        moved(row);
      });
      row.addEventListener("dragstart", (event) => {
        dragged = row;
        row.classList.add("byline-dragging");
        event.dataTransfer.effectAllowed = "move";
        event.dataTransfer.setData("text/plain", nameOf(row));
      });
      row.addEventListener("dragend", () => {
        row.draggable = false;
        row.classList.remove("byline-dragging");
        if (dragged) moved(dragged);
        dragged = null;
      });
    }

    body.addEventListener("dragover", (event) => {
      if (!dragged) return;
      event.preventDefault();
      event.dataTransfer.dropEffect = "move";
      const over = event.target.closest("tr.form-row");
      if (!over || over === dragged || over.classList.contains("empty-form")) return;
      const box = over.getBoundingClientRect();
      if (event.clientY < box.top + box.height / 2) over.before(dragged);
      else over.after(dragged);
    });
    body.addEventListener("drop", (event) => {
      if (dragged) event.preventDefault();
    });

    rows(body).forEach(addHandle);
    document.addEventListener("formset:added", (event) => {
      if (event.detail && event.detail.formsetName === "author_links") {
        addHandle(event.target);
        renumber(body);
      }
    });
    const form = group.closest("form");
    if (form) form.addEventListener("submit", () => { renumber(body); });
  }

  document.addEventListener("DOMContentLoaded", () => {
    const group = document.getElementById(GROUP);
    if (group) setUp(group);
  });
})();
