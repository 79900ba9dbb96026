"""What the story page loads: Django's admin media, less what this page never runs (issue 26).

Measured by `./dev bench story-page` (bench/README.md, "The story page"):

- XRegExp (45 KB gzipped), which Django's admin loads on every change page for one line of
  its slug script (urlify.js), is a 10-line stand-in (`static/js/xregexp-lite.js`);
- the story list's action script (`actions.js`) is not loaded by the story page;
- the slug is prepopulated from the headline only for a new story
  (`ArticleAdmin.get_prepopulated_fields`), so an existing story's page leaves out the
  slug scripts (urlify.js, prepopulate.js and the XRegExp stand-in);
- the calendar and clock of date and time fields (calendar.js, DateTimeShortcuts.js) are
  fetched by `static/js/admin-date-shortcuts.js` when such a field nears the screen: on this
  page they are below the fold (the embargo, the sources' dates).
"""

from django import forms
from django.forms.widgets import Script
from django.templatetags.static import static
from js_asset import Media

LIST_SCRIPTS = ("admin/js/actions.js",)
DATE_SCRIPTS = ("admin/js/calendar.js", "admin/js/admin/DateTimeShortcuts.js")
SLUG_SCRIPTS = ("admin/js/urlify.js", "admin/js/prepopulate.js", "js/xregexp-lite.js")


def without_scripts(media: forms.Media, scripts: tuple[str, ...]) -> forms.Media:
    """`media` without the scripts at the static paths `scripts` (import map and nonce kept)."""
    if isinstance(media, Media):
        lighter = Media.from_media(media)
    else:
        lighter = forms.Media()
        lighter._css_lists = media._css_lists[:]  # noqa: SLF001 (Media has no public lists)
    lighter._js_lists = [  # noqa: SLF001
        [script for script in scripts_list if not any(script == path for path in scripts)]
        for scripts_list in media._js_lists  # noqa: SLF001
    ]
    return lighter


def has_script(media: forms.Media, path: str) -> bool:
    return any(script == path for scripts in media._js_lists for script in scripts)  # noqa: SLF001


def date_shortcuts_loader() -> Script:
    calendar, shortcuts = (static(path) for path in DATE_SCRIPTS)
    return Script(
        "js/admin-date-shortcuts.js", **{"data-calendar": calendar, "data-shortcuts": shortcuts}
    )


class LightMediaMixin:
    """The story page's admin media, lightened as the module docstring says."""

    @property
    def media(self):
        media = super().media
        js = [
            "js/xregexp-lite.js" if "/xregexp/" in path else path
            for path in media._js  # noqa: SLF001 (Media has no public list of its scripts)
        ]
        return forms.Media(css=media._css, js=js)  # noqa: SLF001

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if "media" in context:
            media = context["media"]
            unused = LIST_SCRIPTS if add else LIST_SCRIPTS + SLUG_SCRIPTS
            context["media"] = without_scripts(media, unused + DATE_SCRIPTS)
            if has_script(media, DATE_SCRIPTS[0]):
                context["media"] += forms.Media(js=[date_shortcuts_loader()])
        return super().render_change_form(request, context, add, change, form_url, obj)
