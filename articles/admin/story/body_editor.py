"""The body's rich-text editor, fetched when the writer first reaches for it (issue 26).

django-prose-editor's admin widget loads its bundle (Tiptap and ProseMirror, 140 KB
compressed: most of the story page's weight) with the page. This widget keeps the package's
import map and styles and leaves the bundle out: `static/js/admin-body-editor.js` shows the
text in an editable box with the editor's look and imports the editor (through the import map)
when the pointer comes over the body or it is first clicked, tapped or tabbed into; the box
takes every key until the editor takes over, in one step, with the box's text and caret. The
field, its configuration and what the server keeps are the package's own.
"""

from django.forms import Media as FormMedia
from django_prose_editor.widgets import AdminProseEditorWidget, importmap
from js_asset import Media


class LazyBodyEditorWidget(AdminProseEditorWidget):
    """The package's admin widget without its scripts: admin-body-editor.js imports them."""

    @classmethod
    def replacing(cls, widget: AdminProseEditorWidget) -> "LazyBodyEditorWidget":
        return cls(config=widget.config, preset=widget.preset, attrs=widget.attrs)

    @property
    def media(self) -> FormMedia:
        return Media(
            importmap=importmap,
            css={
                "all": [
                    "django_prose_editor/material-icons.css",
                    "django_prose_editor/editor.css",
                    "django_prose_editor/overrides.css",
                ]
            },
            js=["js/admin-body-editor.js"],
        )
