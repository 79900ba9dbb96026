"""Checking a text against the published versions: the reads behind the versions page, the
verify page and `manage.py verify_story_text`.

A text matches a version when its canonical text (`articles.versions.canonical`) has the
version's SHA-256, and the version counts only if its statement names that hash and its
signature checks against the published key that made it: a row changed in the database
without the private key verifies as "signature invalid", never as a match.

Public reads see only versions readers have been shown (go-live come) of stories still
live; a withdrawn or retracted story's versions are answered like its page (410 Gone), and
its text matches nothing here. The command, run by the newsroom, also names those.
"""

from dataclasses import dataclass

from django.utils import timezone

from articles.models import PublicStatus, PublishedArticle, StoryVersion
from articles.versions import canonical, signing

# A text longer than this is no story of ours (the verify page refuses it with a message).
MAX_TEXT_CHARS = 200_000


@dataclass(frozen=True)
class Match:
    version: StoryVersion
    signature_valid: bool
    story_status: str  # the snapshot's status now: live, withdrawn, retracted

    @property
    def sentence(self) -> str:
        """ "matches version 3 published 12 Dec 2026 14:05, signed by key k1" and what
        else a reader must know."""
        version = self.version
        at = timezone.localtime(version.published_at)
        said = (
            f"matches version {version.number} of “{version.headline}” published "
            f"{at:%-d %b %Y %H:%M} {at:%Z}, signed by key {version.key.key_id}"
        )
        if not self.signature_valid:
            said += " — but its signature does NOT check: do not trust this record"
        if self.story_status != PublicStatus.LIVE:
            said += f" (the story has since been {self.story_status})"
        return said


def signature_valid(version: StoryVersion) -> bool:
    """Whether the version's statement names its hash and is signed by its key."""
    return canonical.digest_in(version.statement) == version.sha256 == canonical.sha256(
        version.text
    ) and signing.signature_is_valid(
        public_key=version.key.public_key, message=version.statement, signature=version.signature
    )


def public_versions(article_id: int, *, now=None):
    """The versions of a visible story that readers have been shown, oldest first."""
    now = now or timezone.now()
    return (
        StoryVersion.objects.filter(article_id=article_id, published_at__lte=now)
        .select_related("key")
        .order_by("number")
    )


def matches(text: str, *, public: bool = True, now=None) -> list[Match]:
    """The versions whose canonical text is `text`'s (normalised first). `public`: only
    those of stories readers can read now (the verify page); else all (the command)."""
    now = now or timezone.now()
    digest = canonical.sha256(canonical.canonical_text(text))
    found = StoryVersion.objects.filter(sha256=digest, published_at__lte=now).select_related("key")
    statuses = dict(
        PublishedArticle.objects.filter(
            article_id__in={version.article_id for version in found}
        ).values_list("article_id", "status")
    )
    if public:
        visible = set(
            PublishedArticle.objects.visible(now)
            .filter(article_id__in=statuses)
            .values_list("article_id", flat=True)
        )
        found = [version for version in found if version.article_id in visible]
    return [
        Match(
            version=version,
            signature_valid=signature_valid(version),
            story_status=statuses.get(version.article_id, PublicStatus.WITHDRAWN),
        )
        for version in sorted(found, key=lambda v: (v.article_id, v.number))
    ]
