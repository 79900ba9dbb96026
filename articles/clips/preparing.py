"""A video or sound is made ready by the task worker, not in the upload's request.

`accept_upload` keeps the upload as it came in the incoming folder (outside the public media
folder: it may carry the camera's GPS position) and marks the clip "preparing";
`queue` queues `prepare_clip` in the caller's transaction (with the database queue its row
commits with the clip's). The task reads what the file is (`transcode.probe`), makes the web
renditions (`transcode.video_to_web`: a video's and its small screens' copy, or
`audio_to_web`), stores them under random names and
marks the clip "ready", or "failed" with the reason in words. `clip_problems` is what keeps
a clip from readers: still preparing or failed, no credit, no captions (a video) or neither
captions nor transcript (a sound), a licence that ended or does not allow the web.
"""

import logging
import secrets
import shutil
import tempfile
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files import File
from django.utils import timezone
from django_tasks import task

from articles.clips import transcode
from articles.images import stored_files
from articles.images.rights import rights_problems
from articles.models import Clip, ClipKind, ImageStatus

logger = logging.getLogger("newsroom")

MAX_UPLOAD_BYTES = 2 * 1024**3
FAILED = "This file could not be prepared: %(reason)s Upload it again, or another file."


def accept_upload(clip: Clip, upload) -> None:
    """Keep `upload` for the worker and mark `clip` preparing. Call before saving `clip`."""
    if upload.size > MAX_UPLOAD_BYTES:
        raise ValidationError(
            "The file is over 2 GB: upload a shorter or smaller export.", code="clip_too_big"
        )
    clip.incoming.save("upload", upload, save=False)
    stored_files.delete_if_rolled_back(clip.incoming.storage, clip.incoming.name)
    clip.status = ImageStatus.PREPARING
    clip.problem = ""


def queue(clip: Clip) -> None:
    prepare_clip.enqueue(clip.pk)


def _fail(clip: Clip, reason: str) -> None:
    Clip.objects.filter(pk=clip.pk).update(
        status=ImageStatus.FAILED, problem=FAILED % {"reason": reason}
    )


@task()
def prepare_clip(clip_id: int) -> str:
    """The queued task: the clip's web renditions from its upload; its status afterwards."""
    clip = Clip.objects.filter(pk=clip_id).first()
    if clip is None or not clip.incoming:
        return "gone"
    with tempfile.TemporaryDirectory(prefix="clip-") as folder:
        work = Path(folder)
        source = work / "upload"
        with clip.incoming.open("rb") as incoming, source.open("wb") as copy:
            shutil.copyfileobj(incoming, copy)
        try:
            found = transcode.probe(source)
            small = None
            if found.kind == ClipKind.VIDEO:
                made, poster = work / "web.mp4", work / "poster.jpg"
                if transcode.video_to_web(source, made, poster, work / "small.mp4"):
                    small = work / "small.mp4"
            else:
                made, poster = work / "web.m4a", None
                transcode.audio_to_web(source, made)
            readers = transcode.probe(made)
        except transcode.TranscodeError as error:
            _fail(clip, str(error))
            return ImageStatus.FAILED
        name = secrets.token_urlsafe(16)
        with made.open("rb") as handle:
            clip.web_file.save(f"{name}{made.suffix}", File(handle), save=False)
        if poster is not None:
            with poster.open("rb") as handle:
                clip.poster.save(f"{name}.jpg", File(handle), save=False)
        if small is not None:
            with small.open("rb") as handle:
                clip.small_file.save(f"{name}-small.mp4", File(handle), save=False)
    clip.kind, clip.duration = found.kind, readers.duration
    clip.width, clip.height = readers.width, readers.height
    clip.incoming.delete(save=False)
    clip.status, clip.problem = ImageStatus.READY, ""
    clip.save()
    return ImageStatus.READY


def preparation_problems(clip: Clip) -> list[str]:
    if clip.status == ImageStatus.PREPARING:
        return [f"The clip “{clip}” is still being prepared: publish again in a moment."]
    if clip.status == ImageStatus.FAILED:
        return [f"The clip “{clip}” could not be prepared. {clip.problem}".strip()]
    return []


def clip_problems(clip: Clip, *, now=None) -> list[str]:
    """Everything that keeps `clip` from readers now, in words."""
    now = now or timezone.now()
    problems = preparation_problems(clip)
    if not clip.credit.strip():
        problems.append(f"The clip “{clip}” needs a credit: say who made it on its page.")
    if clip.kind == ClipKind.VIDEO and not clip.captions:
        problems.append(
            f"The video “{clip}” needs captions (a WebVTT file) for readers who cannot hear "
            "it: add them on its page."
        )
    if clip.kind == ClipKind.AUDIO and not (clip.captions or clip.transcript.strip()):
        problems.append(
            f"The sound “{clip}” needs a transcript or captions for readers who cannot hear "
            "it: add one on its page."
        )
    return problems + rights_problems(clip, use="web", now=now, what="clip")
