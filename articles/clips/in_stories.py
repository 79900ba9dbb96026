"""Videos and sounds placed in a story's body: what the gate checks, what readers get.

The body places a clip as `<figure data-clip="12"></figure>` (kept by `newsroom.html`'s
allow-list and by the editor's NewsroomClip node, static/js/admin-story-clip.js). Before a
publish each placed clip must exist and pass `preparing.clip_problems` (prepared, credited,
captions for a video, a transcript or captions for a sound, licensed for the web now). At
publish `snapshot_clips` is what the snapshot keeps (web copy, poster, captions, words,
public rights), `body_with_clips` puts each clip's player in place of its figure, and
`articles.public.structured_data` describes each as a `VideoObject` or `AudioObject`:
public code reads only the snapshot.
"""

import re

from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from articles.clips.preparing import clip_problems
from articles.images.rights import public_rights
from articles.models import Article, Clip, ClipKind

FIGURE = re.compile(r'<figure data-clip="(?P<id>[0-9]{1,11})"[^>]*>.*?</figure>', re.S)


def figure_html(clip_id: int) -> str:
    return f'<figure data-clip="{int(clip_id)}"></figure>'


def placed_ids(html: str) -> list[int]:
    """The clips a body places, in their order, each once."""
    found: list[int] = []
    for match in FIGURE.finditer(html or ""):
        if int(match["id"]) not in found:
            found.append(int(match["id"]))
    return found


def story_clips(article: Article) -> tuple[list[Clip], list[int]]:
    """The clips the body places, and the ids it names that no longer exist."""
    wanted = placed_ids(article.body)
    found = Clip.objects.in_bulk(wanted)
    return [found[i] for i in wanted if i in found], [i for i in wanted if i not in found]


def clips_problems(article: Article, *, now) -> list[str]:
    """Why the story's clips keep it off the public site now, in words."""
    found, missing = story_clips(article)
    problems = [
        f"The body places clip {clip_id}, which no longer exists: take it out of the body."
        for clip_id in missing
    ]
    for clip in found:
        problems += clip_problems(clip, now=now)
    return problems


def clip_data(clip: Clip) -> dict:
    """What a snapshot keeps of a clip (readers' copies and words only)."""
    return {
        "id": clip.pk,
        "kind": clip.kind,
        "title": clip.title,
        "caption": clip.caption,
        "credit": clip.credit,
        "url": clip.web_file.url,
        "small_url": clip.small_file.url if clip.small_file else "",
        "mime_type": "video/mp4" if clip.kind == ClipKind.VIDEO else "audio/mp4",
        "poster": clip.poster.url if clip.poster else "",
        "width": clip.width,
        "height": clip.height,
        "duration": clip.duration or 0,
        "captions": clip.captions.url if clip.captions else "",
        "transcript": clip.transcript,
        "uploaded_at": clip.uploaded_at.isoformat(),
        "rights": public_rights(clip),
    }


def snapshot_clips(article: Article) -> list[dict]:
    found, _ = story_clips(article)
    return [clip_data(clip) for clip in found if clip.web_file]


def body_with_clips(body_html: str, clips: list[dict]) -> SafeString:
    """The body with each clip figure replaced by its player (one the snapshot does not
    carry is left out)."""
    by_id = {str(clip["id"]): clip for clip in clips}

    def replace(match) -> str:
        clip = by_id.get(match["id"])
        if clip is None:
            return ""
        return render_to_string("articles/includes/clip.html", {"clip": clip})

    return mark_safe(FIGURE.sub(replace, body_html or ""))  # noqa: S308 -- sanitized, escaped
