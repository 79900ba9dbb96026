// A gallery placed in the story's body: <figure data-gallery="12"></figure> (the shared node
// of admin-story-placed.js). Loaded by django-prose-editor as an extension module
// (settings.DJANGO_PROSE_EDITOR_EXTENSIONS, "NewsroomGallery" in articles.models.BODY_EXTENSIONS);
// without it the editor would drop the figure as markup it does not know. The menu's
// "Gallery…" button opens the chooser of galleries; a gallery's page can also place it in a
// story (articles.admin.galleries). Readers see the pictures: articles.images.galleries.
import { placedNode } from "./admin-story-placed.js";

// Two stacked pictures, drawn like the editor's other SVG buttons (16 px, currentColor).
const GALLERY_ICON =
  '<svg xmlns="http://www.w3.org/2000/svg" width="16" height="16" viewBox="0 0 24 24" fill="none" ' +
  'stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round">' +
  '<rect x="7" y="3" width="14" height="14" rx="1"/><path d="M3 7v13a1 1 0 0 0 1 1h13"/>' +
  '<path d="m7 14 4-4 3 3 2-2 5 5"/></svg>';

export const NewsroomGallery = placedNode({
  name: "newsroomGallery",
  attribute: "data-gallery",
  label: (id) => `Gallery ${id} is placed here: readers see its pictures.`,
  icon: GALLERY_ICON,
  button: "Gallery…",
  colours: { border: "#417690", background: "#f1f6f9", color: "#1f3d4d" },
  chooser: {
    title: "Place a gallery",
    help: "Choose one of the library's galleries; readers see its pictures here.",
    chooserPath: "/articles/gallery/chooser/",
    numberLabel: "Or the gallery's number",
  },
});
