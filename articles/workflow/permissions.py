"""Who may do what to a story: small predicates shared by the workflow and the admin.

Roles are Django groups with model permissions (see the articles migration that creates
"Reporters" and "Editors"). The predicates read permissions, never group names, so an
admin can shape a role in the admin and the rules follow.

- Reporters (add/change article): create stories, edit their own while in draft, submit
  them, withdraw what they submitted; they see others' stories but do not edit them.
- Editors (review/publish/spike article): everything, on any story in any state.
- Images: a lead image follows the edit rule of every story using it; an unused image may
  be changed by whoever uploaded it, and by editors. As a story's lead image, someone who
  is not an editor may choose only a picture they uploaded or one readers already see as
  the lead image of a published story (`choosable_lead_images`).
"""

from django.apps import apps as django_apps

from articles.models import Article, ArticleState, Image, PublishedArticle, Rendition

PUBLISH = "articles.publish_article"
REVIEW = "articles.review_article"
SPIKE = "articles.spike_article"
CHANGE = "articles.change_article"
ADD = "articles.add_article"
VIEW = "articles.view_article"


def _active(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def is_editor(user) -> bool:
    """An editor may edit any story in any state (superusers are editors)."""
    return _active(user) and user.has_perm(PUBLISH) and user.has_perm(CHANGE)


def is_owner(user, article: Article) -> bool:
    """The reporter who created the story, or an author in its byline linked to the user."""
    if not _active(user):
        return False
    if article.pk is None:
        return True
    if article.created_by_id == user.pk:
        return True
    return article.author_links.filter(author__user=user).exists()


def can_view(user, article: Article | None = None) -> bool:
    return _active(user) and user.is_staff and (user.has_perm(VIEW) or user.has_perm(CHANGE))


def can_create(user) -> bool:
    return _active(user) and user.is_staff and user.has_perm(ADD)


def can_edit(user, article: Article) -> bool:
    """Editors edit anything; a reporter edits their own story while it is a draft."""
    if not _active(user) or not user.has_perm(CHANGE):
        return False
    if is_editor(user):
        return True
    if article.pk is None:
        return can_create(user)
    return article.state == ArticleState.DRAFT and is_owner(user, article)


def editable_articles(user, queryset=None):
    """The stories `user` may edit now (the queryset form of `can_edit`), e.g. to offer as choices."""
    from django.db.models import Q

    queryset = Article.objects.all() if queryset is None else queryset
    if not _active(user) or not user.has_perm(CHANGE):
        return queryset.none()
    if is_editor(user):
        return queryset
    mine = Q(created_by=user) | Q(
        pk__in=Article.objects.filter(author_links__author__user=user).values("pk")
    )
    return queryset.filter(mine, state=ArticleState.DRAFT)


# --- images -------------------------------------------------------------------------------

CHANGE_IMAGE = "articles.change_image"
DELETE_IMAGE = "articles.delete_image"


def stories_using_image(image):
    """The stories that show `image` as their lead image, in any state."""
    return Article.objects.filter(lead_image=image).order_by("pk")


def _may_alter_image(user, image, permission: str) -> bool:
    # A lead image is part of its stories: changing it edits every one of them.
    if not _active(user) or not user.has_perm(permission):
        return False
    if image.pk is None:
        return True
    stories = list(stories_using_image(image))
    if stories:
        return all(can_edit(user, article) for article in stories)
    return is_editor(user) or (image.uploaded_by_id is not None and image.uploaded_by_id == user.pk)


def can_change_image(user, image) -> bool:
    """A used image: whoever may edit every story using it. An unused one: its uploader, editors."""
    return _may_alter_image(user, image, CHANGE_IMAGE)


def can_delete_image(user, image) -> bool:
    """The change rule plus the delete permission (a used image is protected anyway)."""
    return _may_alter_image(user, image, DELETE_IMAGE)


def shown_lead_images(*, now=None):
    """The images readers see now as the lead image of a published story.

    Read from the visible snapshots themselves (the rendition they show), not from the
    stories' working copies: a picture set on the draft of a live story, or the new file of
    a replaced image, is not public until that update is published.
    """
    from django.db.models import CharField, Value
    from django.db.models.fields.json import KT
    from django.db.models.functions import Concat

    prefix = Rendition._meta.get_field("file").storage.url("")
    shown = (
        PublishedArticle.objects.visible(now)
        .annotate(shown_url=KT("lead_image__url"))
        .values("shown_url")
    )
    renditions = Rendition.objects.annotate(
        public_url=Concat(Value(prefix), "file", output_field=CharField())
    ).filter(public_url__in=shown)
    return Image.objects.filter(pk__in=renditions.values("image_id"))


def choosable_lead_images(user, queryset=None, *, now=None):
    """The images `user` may choose as a story's lead image (the queryset form of the rule).

    Editors (and superusers): any. Anyone else: the images they uploaded, and those readers
    already see with a published story; never a picture uploaded for someone else's story
    that has not been published.
    """
    from django.db.models import Q

    queryset = Image.objects.all() if queryset is None else queryset
    if not _active(user):
        return queryset.none()
    if is_editor(user):
        return queryset
    return queryset.filter(Q(uploaded_by=user) | Q(pk__in=shown_lead_images(now=now).values("pk")))


def can_choose_lead_image(user, image, *, now=None) -> bool:
    return choosable_lead_images(user, Image.objects.filter(pk=image.pk), now=now).exists()


def can_submit(user, article: Article) -> bool:
    return can_edit(user, article)


def can_withdraw(user, article: Article) -> bool:
    """The person who submitted the story, or an editor."""
    if not _active(user):
        return False
    return is_editor(user) or (
        article.submitted_by_id == user.pk and user.has_perm(CHANGE) and is_owner(user, article)
    )


def can_review(user, article: Article) -> bool:
    return _active(user) and user.has_perm(REVIEW)


def holders(permission: str):
    """Active staff who hold `permission` (through a group, directly, or as superusers), by
    name: Django's `with_perm`, asked of the model backend (axes' backend grants nothing)."""
    from django.contrib.auth import get_user_model

    return (
        get_user_model()
        .objects.with_perm(permission, backend="django.contrib.auth.backends.ModelBackend")
        .filter(is_active=True, is_staff=True)
        .order_by("first_name", "last_name", "username")
    )


def reviewers():
    """Everyone who may review stories, and so may be named a story's reviewer."""
    return holders(REVIEW)


def can_assign_reviewer(user, article: Article) -> bool:
    return can_review(user, article)


def can_request_changes(user, article: Article) -> bool:
    return can_review(user, article)


def can_publish(user, article: Article) -> bool:
    return _active(user) and user.has_perm(PUBLISH)


def can_break_embargo(user, article: Article) -> bool:
    """Publishing before a story's embargo is an editor's call (with a reason)."""
    return is_editor(user) and can_publish(user, article)


def can_clear_for_embargo(user, article: Article) -> bool:
    """Only editors may let a share link open while the story is embargoed."""
    return is_editor(user)


def can_unpublish(user, article: Article) -> bool:
    return can_publish(user, article)


def can_spike(user, article: Article) -> bool:
    return _active(user) and user.has_perm(SPIKE)


def can_restore(user, article: Article) -> bool:
    return can_spike(user, article)


def can_add_note(user, article: Article) -> bool:
    """Reporters and editors may leave notes on any story they can see."""
    return can_view(user, article)


def can_preview(user, article: Article) -> bool:
    return can_view(user, article)


def can_share_preview(user, article: Article) -> bool:
    """Share links go to the story's own reporters and to editors."""
    return is_editor(user) or (_active(user) and is_owner(user, article))


# --- comments on the text (articles.collaboration.comments) -----------------------------------------------


def can_comment(user, article: Article) -> bool:
    """Anyone who can see the story in the admin may comment on it and reply."""
    return can_view(user, article)


def can_change_comment(user, comment) -> bool:
    """Editing and deleting a comment is its author's alone."""
    return _active(user) and user.is_staff and comment.author_id == user.pk


def can_resolve_comment(user, comment) -> bool:
    """The comment's author, the story's reporter, and editors resolve and reopen a thread."""
    if not can_view(user, comment.article):
        return False
    return comment.author_id == user.pk or is_editor(user) or is_owner(user, comment.article)


# action name → predicate; the workflow and the admin's buttons both read this
ACTION_PERMISSIONS = {
    "submit": can_submit,
    "withdraw": can_withdraw,
    "request_changes": can_request_changes,
    "publish": can_publish,
    "publish_now": can_publish,
    "reschedule": can_publish,
    "update_scheduled": can_publish,
    "cancel_schedule": can_unpublish,
    "unpublish": can_unpublish,
    "spike": can_spike,
    "restore": can_restore,
}


def can_do(user, article: Article, action: str) -> bool:
    return ACTION_PERMISSIONS[action](user, article)


# --- the role groups ----------------------------------------------------------------------

REPORTER_PERMISSIONS = {
    "articles": [
        "add_article",
        "change_article",
        "view_article",
        "view_section",
        "add_image",
        "change_image",
        "view_image",
        "add_clip",  # videos and sounds (articles.clips)
        "change_clip",
        "view_clip",
        "add_gallery",  # galleries (articles.images.galleries): their own, see can_change_gallery
        "change_gallery",
        "view_gallery",
        "add_galleryitem",
        "change_galleryitem",
        "delete_galleryitem",
        "view_galleryitem",
        "add_articleauthor",
        "change_articleauthor",
        "delete_articleauthor",
        "view_articleauthor",
        "view_publishedarticle",
        "view_workflowevent",
        "add_editorialnote",
        "view_editorialnote",
        "add_previewlink",
        "view_previewlink",
        "view_front",  # the front editor, read-only (articles.fronts.permissions)
        "view_frontversion",
    ],
    "authors": ["view_author"],
    "sources": [
        "add_source",
        "change_source",
        "view_source",
        "add_attribution",
        "change_attribution",
        "delete_attribution",
        "view_attribution",
        "add_commentrequest",
        "change_commentrequest",
        "delete_commentrequest",
        "view_commentrequest",
        "add_correction",
        "change_correction",
        "view_correction",
        "view_standardsoverride",
        "add_attributionproposal",
        "change_attributionproposal",
        "view_attributionproposal",
        "view_policypage",
    ],
    "taggit": ["add_tag", "view_tag"],
}
# Editors get every permission of these apps, custom ones included.
EDITOR_APPS = ["articles", "authors", "sources", "taggit"]
# Knowing who an anonymous source is stays a separate grant (the "Standards editors" group);
# changing the review chains is an admin's (an editor could name themselves a step's signer).
EDITOR_EXCLUDED = ["view_confidential_source", "manage_review_chains"]


def ensure_role_groups(*, apps=django_apps) -> None:
    """Create "Reporters", "Editors" and "Legal" (no permissions: its members sign the
    steps named for it) with their permissions (idempotent).

    Called by the data migration (with its historical `apps`) and by anything that must
    rely on the groups existing, e.g. after a test database was flushed.
    """
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    reporters, _ = Group.objects.get_or_create(name="Reporters")
    for app_label, codenames in REPORTER_PERMISSIONS.items():
        reporters.permissions.add(
            *Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)
        )
    editors, _ = Group.objects.get_or_create(name="Editors")
    editors.permissions.add(
        *Permission.objects.filter(content_type__app_label__in=EDITOR_APPS).exclude(
            codename__in=EDITOR_EXCLUDED
        )
    )
    Group.objects.get_or_create(name="Legal")
