"""Admin widgets: the tag input that suggests existing tags as you type."""

from django.urls import reverse_lazy
from taggit.forms import TagWidget


class TagSuggestWidget(TagWidget):
    """taggit's comma-separated input, plus suggestions for the tag being typed.

    Without JavaScript it is the plain input; admin-tags.js fills a <datalist> from
    the admin's tag-suggestions endpoint, completing only the last comma-separated term.
    """

    def __init__(self, attrs=None):
        super().__init__(attrs)
        self.attrs.setdefault("class", "vTextField tag-suggest")
        self.attrs.setdefault("autocomplete", "off")

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["attrs"]["data-suggest-url"] = str(
            reverse_lazy("admin:articles_article_tag_suggestions")
        )
        return context

    class Media:
        js = ["js/admin-tags.js"]
