// A video or sound of the library placed in the story's body: <figure data-clip="12"></figure>
// (the shared node of admin-story-placed.js). Loaded by django-prose-editor as an extension
// module (settings.DJANGO_PROSE_EDITOR_EXTENSIONS, "NewsroomClip" in
// articles.models.BODY_EXTENSIONS). The menu's "Video or sound…" button opens the chooser of
// clips, each with its state and usage. Readers get the browser's own player:
// articles.clips.in_stories renders it.
import { placedNode } from "./admin-story-placed.js";

// A film frame with a play mark, drawn like the editor's other SVG buttons (16 px, currentColor).
const CLIP_ICON =
  '<svg xmlns="http://www.w3.org/2000/svg" width="16" height="16" viewBox="0 0 24 24" fill="none" ' +
  'stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round">' +
  '<rect x="3" y="5" width="18" height="14" rx="1"/><path d="M10 9v6l5-3z"/></svg>';

export const NewsroomClip = placedNode({
  name: "newsroomClip",
  attribute: "data-clip",
  label: (id) => `Video or sound ${id} is placed here: readers get its player.`,
  icon: CLIP_ICON,
  button: "Video or sound…",
  colours: { border: "#2f6b3a", background: "#f1f9f3", color: "#1f4d2a" },
  chooser: {
    title: "Place a video or sound",
    help: "Choose one of the library's videos and sounds; readers get its player here.",
    chooserPath: "/articles/clip/chooser/",
    numberLabel: "Or its number",
  },
});
