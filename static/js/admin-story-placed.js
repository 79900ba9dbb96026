// A library item placed in the story's body by its number: <figure data-gallery="12"></figure>
// or <figure data-clip="12"></figure>. `placedNode` makes the editor's node for one kind (one
// block the editor keeps, shows as a labelled box, and lets the writer drag elsewhere or
// delete) and its menu button, which opens a chooser: a <dialog> listing the library's items
// (from the admin's chooser address, searchable, each with what the server says of it, e.g.
// "Used 3 times, last on 2 Dec 2026 in …"), and a field for a number typed by hand. No native
// prompt, no inline style: the CSSOM, which the CSP allows.
//
// Used by admin-story-gallery.js and admin-story-clip.js (django-prose-editor extension modules).
import { Node } from "django-prose-editor/editor";

function adminUrl(path) {
  const here = window.location.pathname;
  return here.slice(0, here.indexOf("/articles/article/")) + path;
}

function element(tag, text, style) {
  const made = document.createElement(tag);
  if (text) made.textContent = text;
  if (style) Object.assign(made.style, style);
  return made;
}

// The chooser: resolves to the chosen number (a string of digits), or null when cancelled.
export function choose({ title, help, chooserPath, numberLabel }) {
  return new Promise((resolve) => {
    const dialog = element("dialog", "", { maxWidth: "36rem", width: "90vw", padding: "1rem 1.25rem" });
    dialog.setAttribute("aria-labelledby", "placed-dialog-title");
    dialog.className = "placed-chooser";
    const heading = element("h2", title);
    heading.id = "placed-dialog-title";
    const search = element("input", "", { width: "100%", boxSizing: "border-box" });
    search.type = "search";
    search.setAttribute("aria-label", "Search the library");
    search.placeholder = "Search the library";
    const list = element("ul", "", { listStyle: "none", padding: "0", maxHeight: "50vh", overflowY: "auto" });
    list.setAttribute("aria-live", "polite");
    const form = element("form");
    form.method = "dialog";
    form.noValidate = true;
    const numberLabelEl = element("label", numberLabel, { display: "block", fontWeight: "600" });
    numberLabelEl.htmlFor = "placed-number";
    const number = element("input", "", { width: "8rem" });
    number.id = "placed-number";
    number.inputMode = "numeric";
    number.autocomplete = "off";
    const message = element("p", "", { color: "#ba2121", fontWeight: "600" });
    message.setAttribute("role", "alert");
    const place = element("button", "Place");
    place.type = "submit";
    place.className = "button default";
    const cancel = element("button", "Cancel", { marginLeft: "0.5rem" });
    cancel.type = "button";
    cancel.className = "button";
    const typed = element("p");
    typed.append(numberLabelEl, number, " ", place, cancel);
    form.append(typed, message);
    dialog.append(heading, element("p", help), search, list, form);
    document.body.append(dialog);

    const finish = (value) => {
      dialog.close();
      dialog.remove();
      resolve(value);
    };
    const show = (results) => {
      list.replaceChildren();
      if (!results.length) list.append(element("li", "Nothing found."));
      for (const item of results) {
        const row = element("li", "", { margin: "0.35rem 0" });
        const pick = element("button", `${item.id}: ${item.title}`);
        pick.type = "button";
        pick.className = "button";
        pick.addEventListener("click", () => finish(String(item.id)));
        row.append(pick, element("span", ` ${item.detail}`, { marginLeft: "0.35rem" }));
        list.append(row);
      }
    };
    let asked = 0;
    const load = async () => {
      const mine = ++asked;
      try {
        const url = adminUrl(chooserPath) + "?q=" + encodeURIComponent(search.value.trim());
        const answer = await fetch(url, { headers: { Accept: "application/json" } });
        const data = await answer.json();
        if (mine === asked) show(data.results || []);
      } catch (error) {
        if (mine === asked) list.replaceChildren(element("li", "The library could not be read: type the number below."));
      }
    };
    search.addEventListener("input", load);
    cancel.addEventListener("click", () => finish(null));
    dialog.addEventListener("cancel", (event) => {
      event.preventDefault();
      finish(null);
    });
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const id = number.value.trim();
      if (!/^[0-9]{1,11}$/.test(id)) {
        message.textContent = "Type its number in digits, e.g. 12, or choose one above.";
        number.setAttribute("aria-invalid", "true");
        number.focus();
        return;
      }
      finish(id);
    });
    dialog.showModal();
    search.focus();
    load();
  });
}

// A block chosen from the menu goes after the paragraph the caret is in (after the whole list
// or quote it stands in), never into it: a click in the middle of a word does not cut the
// paragraph in two. An empty paragraph is taken by the block; a selected block (a placed box
// being changed) is replaced.
export function placeBlock(editor, content) {
  const { selection } = editor.state;
  const { $from } = selection;
  if (selection.node || $from.depth === 0 || $from.parent.content.size === 0) {
    return editor.chain().focus().insertContent(content).run();
  }
  return editor.chain().focus().insertContentAt($from.after(1), content).run();
}

// The node and its menu button. `kind`: { name, attribute ("data-clip"), label(id), icon (an
// SVG), button (its title), colours: { border, background, color }, chooser: choose()'s }.
export function placedNode(kind) {
  return Node.create({
    name: kind.name,
    group: "block",
    atom: true,
    draggable: true,
    selectable: true,

    addAttributes() {
      return {
        id: {
          default: null,
          parseHTML: (element) => element.getAttribute(kind.attribute),
          renderHTML: (attributes) => ({ [kind.attribute]: attributes.id }),
        },
      };
    },

    parseHTML() {
      return [{ tag: `figure[${kind.attribute}]` }];
    },

    renderHTML({ HTMLAttributes }) {
      return ["figure", HTMLAttributes];
    },

    addNodeView() {
      return ({ node }) => {
        const dom = document.createElement("figure");
        dom.setAttribute(kind.attribute, node.attrs.id);
        dom.contentEditable = "false";
        dom.textContent = kind.label(node.attrs.id) +
          " Drag the box to move it; click it and press Delete to take it out.";
        Object.assign(dom.style, {
          margin: "0.75rem 0", padding: "0.75rem", border: `2px dashed ${kind.colours.border}`,
          background: kind.colours.background, color: kind.colours.color, cursor: "grab",
        });
        return { dom };
      };
    },

    addMenuItems({ menu, buttons }) {
      menu.defineItem({
        name: kind.name,
        groups: "nodes",
        // An SVG, not an icon-font name: the editor's font carries only its own icons.
        button: buttons.svg(kind.icon, kind.button),
        command(editor) {
          choose(kind.chooser).then((id) => {
            if (!id) {
              editor.commands.focus();
              return;
            }
            placeBlock(editor, { type: kind.name, attrs: { id } });
          });
        },
      });
    },
  });
}
