// Names for controls that libraries build without one, so screen readers can announce them
// (axe: "ARIA input fields must have an accessible name"):
// - the body's rich-text editor (django-prose-editor) takes its field's label;
// - the search-as-you-type selects (select2, Django's autocomplete) take their field's label;
// - the cells of tabular inlines take their column's heading.
(() => {
  "use strict";

  function labelFor(id) {
    return id ? document.querySelector('label[for="' + id + '"]') : null;
  }

  function labelText(id) {
    const label = labelFor(id);
    return label ? label.textContent.replace(/:\s*$/, "").trim() : "";
  }

  function nameEditor(editorElement, textarea) {
    if (!editorElement || editorElement.hasAttribute("aria-label")) return;
    const name = labelText(textarea && textarea.id) || "Story text";
    editorElement.setAttribute("role", "textbox");
    editorElement.setAttribute("aria-multiline", "true");
    editorElement.setAttribute("aria-label", name);
  }

  function nameEditors() {
    document.querySelectorAll(".ProseMirror").forEach((element) => {
      const field = element.closest(".form-row, .prose-editor");
      const textarea = field ? field.querySelector("textarea") : null;
      nameEditor(element, textarea);
    });
  }

  function nameAutocompletes() {
    document.querySelectorAll("select.admin-autocomplete").forEach((select) => {
      const container = select.nextElementSibling;
      if (!container || !container.classList.contains("select2")) return;
      const label = labelFor(select.id);
      if (!label) return;
      if (!label.id) label.id = select.id + "-label";
      const rendered = container.querySelector(".select2-selection__rendered");
      const selection = container.querySelector(".select2-selection");
      // The combobox is named by its field's label, then the value chosen (empty at first).
      if (selection) {
        selection.setAttribute(
          "aria-labelledby",
          label.id + (rendered && rendered.id ? " " + rendered.id : "")
        );
      }
      if (rendered) rendered.setAttribute("aria-label", labelText(select.id));
    });
  }

  // A tabular inline's controls sit under a column heading, not beside a <label>: each is
  // named by its column, its row and, for a date-and-time pair, which half it is.
  function nameTabularCells() {
    document.querySelectorAll(".inline-group .tabular table").forEach((table) => {
      const headings = Array.prototype.map.call(table.querySelectorAll("thead th"), (th) => th.textContent.trim());
      table.querySelectorAll("tbody tr.form-row").forEach((row, index) => {
        Array.prototype.forEach.call(row.children, (cell, column) => {
          const heading = headings[column];
          if (!heading) return;
          cell.querySelectorAll("input:not([type=hidden]), select, textarea").forEach((control) => {
            if (control.hasAttribute("aria-label") || control.labels.length) return;
            const part = /_0$/.test(control.id) ? " (date)" : /_1$/.test(control.id) ? " (time)" : "";
            control.setAttribute("aria-label", heading + part + ", row " + (index + 1));
          });
        });
      });
    });
  }

  // A date-and-time pair (Django's split widget) outside a table: the field's label, and
  // which half it is.
  function nameSplitDateTimes() {
    document.querySelectorAll(".form-row p.datetime input, .form-row .datetime input").forEach(
      (control) => {
        if (control.hasAttribute("aria-label") || (control.labels && control.labels.length > 1)) return;
        if (control.closest(".tabular")) return; // named by its column
        const row = control.closest(".form-row");
        const label = row ? row.querySelector("label") : null;
        const name = label ? label.textContent.replace(/:\s*$/, "").trim() : "Date and time";
        const part = /_0$/.test(control.id) ? " (date)" : /_1$/.test(control.id) ? " (time)" : "";
        control.setAttribute("aria-label", name + part);
      }
    );
  }

  function nameAll() {
    nameEditors();
    nameAutocompletes();
    nameTabularCells();
    nameSplitDateTimes();
  }

  document.addEventListener("prose-editor:ready", (event) => {
    const detail = event.detail || {};
    const dom = detail.editor && detail.editor.view ? detail.editor.view.dom : null;
    nameEditor(dom, detail.textarea);
  });
  // select2 builds its widgets in a jQuery ready handler (run after a timer, so possibly
  // after "load") and again for each added inline row: name them whenever some appear.
  let pending = false;
  function soon() {
    if (pending) return;
    pending = true;
    window.setTimeout(() => {
      pending = false;
      nameAll();
    }, 0);
  }
  document.addEventListener("DOMContentLoaded", () => {
    new MutationObserver(soon).observe(document.body, { childList: true, subtree: true });
    soon();
  });
})();
