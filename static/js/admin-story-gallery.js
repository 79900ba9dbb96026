// A gallery placed in the story's body: <figure data-gallery="12"></figure>, one block the
// editor keeps, shows as a labelled box, and lets the writer drag elsewhere or delete.
//
// Loaded by django-prose-editor as an extension module (settings.DJANGO_PROSE_EDITOR_EXTENSIONS,
// "NewsroomGallery" in articles.models.BODY_EXTENSIONS). Without it the editor would drop the
// figure as markup it does not know. The menu's "Gallery…" button asks for the
// gallery's number (its page says it); a gallery's page can also place it in a story
// (articles.admin.galleries). Readers see the pictures: articles.images.galleries renders them.
// No inline style: the box is styled through the CSSOM, which the CSP allows.
import { Node } from "django-prose-editor/editor";

function label(id) {
  return "Gallery " + id + " is placed here: readers see its pictures. " +
    "Drag the box to move it; click it and press Delete to take it out.";
}

// Two stacked pictures, drawn like the editor's other SVG buttons (16 px, currentColor).
const GALLERY_ICON =
  '<svg xmlns="http://www.w3.org/2000/svg" width="16" height="16" viewBox="0 0 24 24" fill="none" ' +
  'stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round">' +
  '<rect x="7" y="3" width="14" height="14" rx="1"/><path d="M3 7v13a1 1 0 0 0 1 1h13"/>' +
  '<path d="m7 14 4-4 3 3 2-2 5 5"/></svg>';

export const NewsroomGallery = Node.create({
  name: "newsroomGallery",
  group: "block",
  atom: true,
  draggable: true,
  selectable: true,

  addAttributes() {
    return {
      id: {
        default: null,
        parseHTML: (element) => element.getAttribute("data-gallery"),
        renderHTML: (attributes) => ({ "data-gallery": attributes.id }),
      },
    };
  },

  parseHTML() {
    return [{ tag: "figure[data-gallery]" }];
  },

  renderHTML({ HTMLAttributes }) {
    return ["figure", HTMLAttributes];
  },

  addNodeView() {
    return ({ node }) => {
      const dom = document.createElement("figure");
      dom.setAttribute("data-gallery", node.attrs.id);
      dom.contentEditable = "false";
      dom.textContent = label(node.attrs.id);
      Object.assign(dom.style, {
        margin: "0.75rem 0", padding: "0.75rem", border: "2px dashed #417690",
        background: "#f1f6f9", color: "#1f3d4d", cursor: "grab",
      });
      return { dom };
    };
  },

  addMenuItems({ menu, buttons }) {
    menu.defineItem({
      name: "newsroomGallery",
      groups: "nodes",
      // An SVG, not an icon-font name: the editor's font carries only its own icons.
      button: buttons.svg(GALLERY_ICON, "Gallery…"),
      command(editor) {
        const answer = window.prompt("The gallery's number (on its page, under Galleries):", "");
        const id = (answer || "").trim();
        if (!/^[0-9]{1,11}$/.test(id)) return;
        editor.chain().focus().insertContent({ type: "newsroomGallery", attrs: { id } }).run();
      },
    });
  },
});
