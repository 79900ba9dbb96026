// A video or sound of the library placed in the story's body: <figure data-clip="12"></figure>,
// one block the editor keeps, shows as a labelled box, and lets the writer drag elsewhere or
// delete.
//
// Loaded by django-prose-editor as an extension module (settings.DJANGO_PROSE_EDITOR_EXTENSIONS,
// "NewsroomClip" in articles.models.BODY_EXTENSIONS). The menu's "Video or sound…" button asks
// for the clip's number (its page in the library says it). Readers get the browser's own
// player: articles.clips.in_stories renders it. No inline style: the CSSOM, which the CSP allows.
import { Node } from "django-prose-editor/editor";

function label(id) {
  return "Video or sound " + id + " is placed here: readers get its player. " +
    "Drag the box to move it; click it and press Delete to take it out.";
}

// A film frame with a play mark, drawn like the editor's other SVG buttons (16 px, currentColor).
const CLIP_ICON =
  '<svg xmlns="http://www.w3.org/2000/svg" width="16" height="16" viewBox="0 0 24 24" fill="none" ' +
  'stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round">' +
  '<rect x="3" y="5" width="18" height="14" rx="1"/><path d="M10 9v6l5-3z"/></svg>';

export const NewsroomClip = Node.create({
  name: "newsroomClip",
  group: "block",
  atom: true,
  draggable: true,
  selectable: true,

  addAttributes() {
    return {
      id: {
        default: null,
        parseHTML: (element) => element.getAttribute("data-clip"),
        renderHTML: (attributes) => ({ "data-clip": attributes.id }),
      },
    };
  },

  parseHTML() {
    return [{ tag: "figure[data-clip]" }];
  },

  renderHTML({ HTMLAttributes }) {
    return ["figure", HTMLAttributes];
  },

  addNodeView() {
    return ({ node }) => {
      const dom = document.createElement("figure");
      dom.setAttribute("data-clip", node.attrs.id);
      dom.contentEditable = "false";
      dom.textContent = label(node.attrs.id);
      Object.assign(dom.style, {
        margin: "0.75rem 0", padding: "0.75rem", border: "2px dashed #2f6b3a",
        background: "#f1f9f3", color: "#1f4d2a", cursor: "grab",
      });
      return { dom };
    };
  },

  addMenuItems({ menu, buttons }) {
    menu.defineItem({
      name: "newsroomClip",
      groups: "nodes",
      // An SVG, not an icon-font name: the editor's font carries only its own icons.
      button: buttons.svg(CLIP_ICON, "Video or sound…"),
      command(editor) {
        const answer = window.prompt("The video's or sound's number (on its page, under Videos and sounds):", "");
        const id = (answer || "").trim();
        if (!/^[0-9]{1,11}$/.test(id)) return;
        editor.chain().focus().insertContent({ type: "newsroomClip", attrs: { id } }).run();
      },
    });
  },
});
