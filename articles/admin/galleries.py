"""Galleries in the admin: build one (pictures in order, each with its caption and credit),
and place it in a story as its lead or in its body.

A gallery is made here ("Add gallery") or from the picture library (the Image list's action
"Make a gallery of the chosen pictures"). Only pictures the user may choose as a lead image
go in (`galleries.check_pictures`). A change to a gallery a story shows is an edit of that
story (`workflow.touch_article`), so a live story becomes "live + draft", as for a picture.
"Place in a story" (`place_view`) finds a story the user may edit and puts the gallery in it
(`gallery_placing.place_gallery`); the story page then shows it in the body, to be dragged
where it belongs.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count
from django.forms.models import BaseInlineFormSet
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from articles import workflow
from articles.images import galleries, gallery_placing, publishing, renditions
from articles.models import Article, ArticleState, Gallery, GalleryItem
from articles.workflow import permissions
from newsroom.ids import parse_id

PLACE_CHOICES = 20


def pictures(count: int) -> str:
    return "1 picture" if count == 1 else f"{count} pictures"


def can_change_gallery(user, gallery: Gallery) -> bool:
    """Editors, or the reporter who made it, if they may edit every story showing it."""
    if not user.has_perm("articles.change_gallery"):
        return False
    if not permissions.is_editor(user) and gallery.created_by_id != user.pk:
        return False
    return all(permissions.can_edit(user, story) for story in galleries.stories_using(gallery))


class GalleryItemFormSet(BaseInlineFormSet):
    user = None  # set by the inline for the request

    def clean(self):
        super().clean()
        chosen = [
            form.cleaned_data["image"]
            for form in self.forms
            if form.has_changed()
            and form.cleaned_data.get("image")
            and not form.cleaned_data.get("DELETE")
        ]
        galleries.check_pictures(self.user, chosen)


class GalleryItemInline(admin.TabularInline):
    model = GalleryItem
    formset = GalleryItemFormSet
    fields = ["thumbnail", "image", "position", "caption", "credit", "readiness"]
    readonly_fields = ["thumbnail", "readiness"]
    autocomplete_fields = ["image"]
    extra = 3
    verbose_name = "picture"
    verbose_name_plural = "Pictures, in order (lower numbers first)"

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        formset.user = request.user
        return formset

    @admin.display(description="Preview")
    def thumbnail(self, item: GalleryItem):
        if not item.pk:
            return "—"
        return format_html(
            '<img class="image-list-thumb" src="{}" alt="">', renditions.thumbnail_url(item.image)
        )

    @admin.display(description="Before publishing")
    def readiness(self, item: GalleryItem):
        if not item.pk:
            return "—"
        image = item.image
        problems = publishing.preparation_problems(image) + publishing.rights_problems(
            image, now=timezone.now()
        )
        if not image.alt_text.strip():
            problems.insert(0, "No alt text yet: write it on the picture's page.")
        link = format_html(
            '<a href="{}">The picture\'s page</a>',
            reverse("admin:articles_image_change", args=[image.pk]),
        )
        if not problems:
            return format_html("Ready. {}", link)
        return format_html(
            '<ul class="gallery-problems">{}</ul>{}',
            format_html_join("", "<li>{}</li>", ((p,) for p in problems)),
            link,
        )


@admin.register(Gallery)
class GalleryAdmin(admin.ModelAdmin):
    inlines = [GalleryItemInline]
    list_display = ["title", "number", "picture_count", "created_by", "created_at"]
    list_select_related = ["created_by"]
    search_fields = ["title", "description"]
    # The picture count's GROUP BY drops the model's own ordering (Django 3.1+): say it here.
    ordering = ["-created_at", "-pk"]
    readonly_fields = ["number", "used_in", "placing"]
    fieldsets = [
        (None, {"fields": ["title", "description", "number"]}),
        ("Where it is shown", {"fields": ["used_in", "placing"]}),
    ]

    class Media:
        css = {"all": ["css/admin-image-drop.css"]}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(picture_total=Count("items"))

    @admin.display(description="Number")
    def number(self, gallery: Gallery):
        # What the story editor's "Gallery…" button asks for.
        return gallery.pk or "—"

    @admin.display(description="Pictures", ordering="picture_total")
    def picture_count(self, gallery: Gallery):
        return getattr(gallery, "picture_total", None) or gallery.items.count()

    @admin.display(description="Shown in")
    def used_in(self, gallery: Gallery):
        stories = list(galleries.stories_using(gallery)) if gallery.pk else []
        if not stories:
            return "No story yet."
        return format_html_join(
            mark_safe("<br>"),
            '<a href="{}">{}</a> ({}, {})',
            (
                (
                    reverse("admin:articles_article_change", args=[story.pk]),
                    story.headline,
                    "lead" if story.lead_gallery_id == gallery.pk else "in the body",
                    story.state_label,
                )
                for story in stories
            ),
        )

    @admin.display(description="Place it")
    def placing(self, gallery: Gallery):
        if not gallery.pk:
            return "Save the gallery first."
        return format_html(
            '<a class="button" href="{}">Place in a story…</a> <span class="help">As its lead, '
            "or in its body (then drag it where it belongs in the editor; its button "
            "“Gallery…” asks for number {}).</span>",
            reverse("admin:articles_gallery_place", args=[gallery.pk]),
            gallery.pk,
        )

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        if obj is None or not allowed:
            return allowed
        return can_change_gallery(request.user, obj)

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        if obj is None or not allowed:
            return allowed
        return can_change_gallery(request.user, obj) and not galleries.stories_using(obj).exists()

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        with transaction.atomic():
            super().save_related(request, form, formsets, change)
            changed = form.has_changed() or any(f.has_changed() for f in formsets)
            if change and changed:
                # The next publish carries the new pictures or words: each story is edited.
                for article in galleries.stories_using(form.instance):
                    workflow.touch_article(
                        request.user, article, comment=f"Changed gallery: {form.instance}"
                    )

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("chooser/", wrap(self.chooser_view), name="articles_gallery_chooser"),
            path("<path:object_id>/place/", wrap(self.place_view), name="articles_gallery_place"),
            *super().get_urls(),
        ]

    def chooser_view(self, request):
        """The body editor's chooser: the newest galleries matching `q`, with their size."""
        if not self.has_view_permission(request):
            return JsonResponse({"results": []}, status=403)
        found = self.get_queryset(request).order_by("-pk")
        term = request.GET.get("q", "").strip()[:200]
        if term:
            found = found.filter(title__icontains=term)
        results = [
            {
                "id": gallery.pk,
                "title": gallery.title,
                "detail": pictures(gallery.picture_total),
            }
            for gallery in found[:24]
        ]
        return JsonResponse({"results": results})

    def place_view(self, request, object_id):
        """Find a story this user may edit and put the gallery in it (lead or body)."""
        gallery_id = parse_id(object_id)
        gallery = Gallery.objects.filter(pk=gallery_id).first() if gallery_id else None
        if gallery is None or not self.has_view_permission(request, gallery):
            raise Http404("No such gallery.")
        if request.method == "POST":
            return self._place(request, gallery)
        term = request.GET.get("q", "").strip()[:200]
        stories = permissions.editable_articles(request.user).exclude(state=ArticleState.SPIKED)
        if term:
            stories = stories.filter(headline__icontains=term)
        context = {
            **self.admin_site.each_context(request),
            "title": f"Place “{gallery}” in a story",
            "gallery": gallery,
            "term": term,
            "stories": stories.order_by("-updated_at")[:PLACE_CHOICES],
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/articles/gallery/place.html", context)

    def _place(self, request, gallery: Gallery):
        form = PlaceForm(request.POST)
        back = reverse("admin:articles_gallery_place", args=[gallery.pk])
        if not form.is_valid():
            self.message_user(request, "Choose a story and where to place it.", messages.ERROR)
            return HttpResponseRedirect(back)
        article = Article.objects.filter(pk=parse_id(form.cleaned_data["story"])).first()
        if article is None:
            self.message_user(request, "That story no longer exists.", messages.ERROR)
            return HttpResponseRedirect(back)
        try:
            gallery_placing.place_gallery(
                request.user, gallery, article, where=form.cleaned_data["where"]
            )
        except PermissionDenied:
            self.message_user(request, "You may not edit that story.", messages.ERROR)
            return HttpResponseRedirect(back)
        where = (
            "as its lead"
            if form.cleaned_data["where"] == gallery_placing.LEAD
            else ("at the end of its body: drag it where it belongs")
        )
        self.message_user(request, f"“{gallery}” is placed in “{article.headline}” {where}.")
        return HttpResponseRedirect(reverse("admin:articles_article_change", args=[article.pk]))


class PlaceForm(forms.Form):
    story = forms.CharField(max_length=20)
    where = forms.ChoiceField(
        choices=[(gallery_placing.LEAD, "lead"), (gallery_placing.BODY, "body")]
    )


def make_gallery_action(modeladmin, request, queryset):
    """The Image list's action: a new gallery of the chosen pictures, in the list's order."""
    if not request.user.has_perm("articles.add_gallery"):
        raise PermissionDenied("You may not make galleries.")
    images = list(queryset)
    try:
        galleries.check_pictures(request.user, images)
    except ValidationError as error:
        modeladmin.message_user(request, " ".join(error.messages), messages.ERROR)
        return None
    with transaction.atomic():
        gallery = Gallery.objects.create(
            title=f"Gallery of {len(images)} pictures", created_by=request.user
        )
        GalleryItem.objects.bulk_create(
            GalleryItem(gallery=gallery, image=image, position=(number + 1) * 10)
            for number, image in enumerate(images)
        )
    modeladmin.message_user(
        request, "Gallery made: give it a title, put the pictures in order, then place it."
    )
    return HttpResponseRedirect(reverse("admin:articles_gallery_change", args=[gallery.pk]))


make_gallery_action.short_description = "Make a gallery of the chosen pictures"
