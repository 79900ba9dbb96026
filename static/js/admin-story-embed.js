// An outside player in the story's body (a YouTube video, a post on X, …), by its address:
// <figure data-embed="youtube" data-embed-id="…" data-embed-title="…" data-embed-caption="…"
// data-embed-credit="…"></figure>, one block the editor keeps, shows as a labelled box, and
// lets the writer drag elsewhere or delete.
//
// Loaded by django-prose-editor as an extension module (settings.DJANGO_PROSE_EDITOR_EXTENSIONS,
// "NewsroomEmbed" in articles.models.BODY_EXTENSIONS). The menu's "Embed…" button, or pasting
// an address of a provider on its own, opens a dialog: address, title, caption, credit. The
// server says whether it may be embedded (articles/admin/story/embeds.py, the allow-list in
// articles/embeds/providers.py) and builds the figure; a refusal is shown in the dialog next to the field
// it is about, and what was typed stays. Clicking a placed embed and choosing Embed… edits it.
// Readers see a facade (articles/embeds/facade.py). No inline style: the CSSOM, which the CSP
// allows.
import { Node, Plugin } from "django-prose-editor/editor";
import { placeBlock } from "./admin-story-placed.js";

const EMBED_ICON =
  '<svg xmlns="http://www.w3.org/2000/svg" width="16" height="16" viewBox="0 0 24 24" fill="none" ' +
  'stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round">' +
  '<rect x="2" y="4" width="20" height="16" rx="2"/><path d="m10 9 5 3-5 3z"/></svg>';

// Hosts worth opening the dialog for when an address is pasted alone (the server decides).
const PROVIDER_HOST = /^https?:\/\/([a-z0-9-]+\.)*(youtube\.com|youtu\.be|youtube-nocookie\.com|vimeo\.com|x\.com|twitter\.com|instagram\.com|tiktok\.com|bsky\.app|mastodon\.social|mastodon\.online|mstdn\.social|journa\.host)(\/|$)/i;

const FIELDS = [
  ["address", "Address of the video or post", "https://www.youtube.com/watch?v=…"],
  ["title", "Title (optional: what it is)", ""],
  ["caption", "Caption (required)", ""],
  ["credit", "Credit (required: who made it)", ""],
];

function checkUrl() {
  const path = window.location.pathname;
  const at = path.indexOf("/articles/article/");
  return path.slice(0, at) + "/articles/article/embed-check/";
}

const PROVIDER_NAMES = {
  youtube: "YouTube", vimeo: "Vimeo", x: "X", instagram: "Instagram", tiktok: "TikTok",
  bluesky: "Bluesky", mastodon: "Mastodon",
};

function label(attrs) {
  const provider = PROVIDER_NAMES[attrs.provider] || attrs.provider;
  return `Embed from ${provider}: ${attrs.title || attrs.id}. ` +
    `${attrs.caption} — ${attrs.credit}. Readers see a card and load the player on a click. ` +
    "Drag the box to move it; click it and press Delete to take it out, or choose Embed… to change it.";
}

// The dialog: resolves to the attributes of the figure, or null when cancelled.
function askForEmbed(scope, start) {
  return new Promise((resolve) => {
    const dialog = document.createElement("dialog");
    dialog.setAttribute("aria-labelledby", "embed-dialog-title");
    Object.assign(dialog.style, { maxWidth: "36rem", width: "90vw", padding: "1rem 1.25rem" });
    const form = document.createElement("form");
    form.method = "dialog";
    form.noValidate = true;
    const heading = document.createElement("h2");
    heading.id = "embed-dialog-title";
    heading.textContent = "Embed a video or post";
    const help = document.createElement("p");
    help.textContent = "YouTube, Vimeo, X, Instagram, TikTok, Bluesky or Mastodon. Readers see " +
      "a card with a link; the provider's player loads only when they click.";
    const message = document.createElement("p");
    message.setAttribute("role", "alert");
    Object.assign(message.style, { color: "#ba2121", fontWeight: "600" });
    form.append(heading, help, message);
    const inputs = {};
    for (const [name, text, placeholder] of FIELDS) {
      const field = document.createElement("p");
      const labelEl = document.createElement("label");
      labelEl.textContent = text;
      labelEl.htmlFor = `embed-${name}`;
      Object.assign(labelEl.style, { display: "block", fontWeight: "600" });
      const input = document.createElement("input");
      input.type = "text";
      input.id = `embed-${name}`;
      input.name = name;
      input.value = start[name] || "";
      input.placeholder = placeholder;
      input.autocomplete = "off";
      Object.assign(input.style, { width: "100%", boxSizing: "border-box" });
      field.append(labelEl, input);
      form.append(field);
      inputs[name] = input;
    }
    const buttons = document.createElement("p");
    const ok = document.createElement("button");
    ok.type = "submit";
    ok.className = "button default";
    ok.textContent = "Embed";
    const cancel = document.createElement("button");
    cancel.type = "button";
    cancel.className = "button";
    cancel.textContent = "Cancel";
    Object.assign(cancel.style, { marginLeft: "0.5rem" });
    buttons.append(ok, cancel);
    form.append(buttons);
    dialog.append(form);
    document.body.append(dialog);

    const finish = (value) => {
      dialog.close();
      dialog.remove();
      resolve(value);
    };
    cancel.addEventListener("click", () => finish(null));
    dialog.addEventListener("cancel", (event) => {
      event.preventDefault();
      finish(null);
    });
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      for (const input of Object.values(inputs)) input.removeAttribute("aria-invalid");
      message.textContent = "Checking…";
      const body = {};
      for (const [name, input] of Object.entries(inputs)) body[name] = input.value;
      let answer;
      try {
        answer = await window.NewsroomFetch.post(checkUrl(), body, { scope });
      } catch (error) {
        message.textContent = "The server could not be reached: try again.";
        return;
      }
      if (!answer.ok || !answer.data || !answer.data.attrs) {
        message.textContent = (answer.data && answer.data.error) || "That could not be embedded.";
        const wrong = inputs[(answer.data && answer.data.field) || "address"];
        if (wrong) {
          wrong.setAttribute("aria-invalid", "true");
          wrong.focus();
        }
        return;
      }
      finish(answer.data.attrs);
    });
    dialog.showModal();
    (start.address ? inputs.caption : inputs.address).focus();
  });
}

export const NewsroomEmbed = Node.create({
  name: "newsroomEmbed",
  group: "block",
  atom: true,
  draggable: true,
  selectable: true,

  addAttributes() {
    const attribute = (name, html) => ({
      default: "",
      parseHTML: (element) => element.getAttribute(html) || "",
      renderHTML: (attributes) => ({ [html]: attributes[name] }),
    });
    return {
      provider: attribute("provider", "data-embed"),
      id: attribute("id", "data-embed-id"),
      title: attribute("title", "data-embed-title"),
      caption: attribute("caption", "data-embed-caption"),
      credit: attribute("credit", "data-embed-credit"),
    };
  },

  parseHTML() {
    return [{ tag: "figure[data-embed]" }];
  },

  renderHTML({ HTMLAttributes }) {
    return ["figure", HTMLAttributes];
  },

  addNodeView() {
    return ({ node }) => {
      const dom = document.createElement("figure");
      dom.setAttribute("data-embed", node.attrs.provider);
      dom.contentEditable = "false";
      dom.textContent = label(node.attrs);
      Object.assign(dom.style, {
        margin: "0.75rem 0", padding: "0.75rem", border: "2px dashed #7a4d8f",
        background: "#f6f1f9", color: "#3a1f4d", cursor: "grab",
      });
      return { dom };
    };
  },

  addProseMirrorPlugins() {
    const editor = this.editor;
    return [
      new Plugin({
        props: {
          // An address of a provider pasted on its own: offer to embed it (Cancel pastes it
          // as text, so nothing is lost).
          handlePaste(view, event) {
            const text = (event.clipboardData && event.clipboardData.getData("text/plain")) || "";
            const address = text.trim();
            if (!address || /\s/.test(address) || !PROVIDER_HOST.test(address)) return false;
            const scope = view.dom.closest("form");
            askForEmbed(scope, { address }).then((attrs) => {
              if (attrs) {
                editor.chain().focus().insertContent({ type: "newsroomEmbed", attrs }).run();
              } else {
                editor.chain().focus().insertContent(address).run();
              }
            });
            return true;
          },
        },
      }),
    ];
  },

  addMenuItems({ menu, buttons }) {
    menu.defineItem({
      name: "newsroomEmbed",
      groups: "nodes",
      button: buttons.svg(EMBED_ICON, "Embed…"),
      command(editor) {
        const selected = editor.state.selection.node;
        const editing = selected && selected.type.name === "newsroomEmbed";
        const start = editing ? { ...selected.attrs, address: "" } : {};
        if (editing) {
          start.address = pageAddress(selected.attrs);
        }
        askForEmbed(editor.view.dom.closest("form"), start).then((attrs) => {
          if (!attrs) {
            editor.commands.focus();
            return;
          }
          placeBlock(editor, { type: "newsroomEmbed", attrs });
        });
      },
    });
  },
});

// The address a placed embed was made from, for editing it (the server reads it again).
function pageAddress(attrs) {
  const id = attrs.id || "";
  const parts = id.split("/");
  switch (attrs.provider) {
    case "youtube": return `https://www.youtube.com/watch?v=${id}`;
    case "vimeo": return `https://vimeo.com/${id}`;
    case "x": return `https://x.com/i/status/${id}`;
    case "instagram": return `https://www.instagram.com/p/${id}/`;
    case "tiktok": return `https://www.tiktok.com/@${parts[0]}/video/${parts[1]}`;
    case "bluesky": return `https://bsky.app/profile/${parts[0]}/post/${parts[1]}`;
    case "mastodon": return `https://${parts[0]}/@${parts[1]}/${parts[2]}`;
    default: return "";
  }
}
