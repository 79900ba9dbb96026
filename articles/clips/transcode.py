"""What an upload is, and its web renditions, with ffprobe and ffmpeg (Debian's `ffmpeg`).

A video becomes an MP4 (H.264 video at most 1280 pixels wide, AAC sound, the index at the
front so it starts playing while it loads), a smaller MP4 for small screens (360 pixels on
its short side, `SMALL_SIDE`) when the first is bigger than that (never one larger than the
upload), both from one decoding of the upload, and a JPEG poster frame from its first
second; a sound becomes an M4A (AAC). Every copy drops the upload's metadata (`-map_metadata -1`: the
camera, its GPS position) and its chapters. Each command has a time limit, and reads no
standard input.
"""

import json
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

TIMEOUT_SECONDS = 600
MAX_WIDTH = 1280
SMALL_SIDE = 360  # the small screens' copy: "360p" (its short side)


class TranscodeError(Exception):
    """The file could not be read or converted: the message is for the uploader."""


@dataclass(frozen=True)
class Probe:
    kind: str  # "video" or "audio"
    duration: float
    width: int = 0
    height: int = 0


def available() -> bool:
    return shutil.which("ffmpeg") is not None and shutil.which("ffprobe") is not None


def _run(command: list[str]) -> subprocess.CompletedProcess:
    if not available():
        raise TranscodeError("ffmpeg is not installed on the server: ask the administrator.")
    try:
        return subprocess.run(  # noqa: S603 -- fixed program, our own arguments, no shell
            command,
            capture_output=True,
            timeout=TIMEOUT_SECONDS,
            check=False,
            stdin=subprocess.DEVNULL,
        )
    except subprocess.TimeoutExpired as error:
        raise TranscodeError("converting it took too long.") from error


def probe(path: Path) -> Probe:
    """What the file holds: a video (with its size), a sound, or neither (TranscodeError)."""
    done = _run(["ffprobe", "-v", "error", "-print_format", "json", "-show_format",
                 "-show_streams", str(path)])  # fmt: skip
    if done.returncode != 0:
        raise TranscodeError("it is not a video or sound file ffmpeg can read.")
    found = json.loads(done.stdout or b"{}")
    streams = found.get("streams") or []
    video = next(
        (s for s in streams if s.get("codec_type") == "video"
         and not (s.get("disposition") or {}).get("attached_pic")),
        None,
    )  # fmt: skip
    audio = next((s for s in streams if s.get("codec_type") == "audio"), None)
    duration = float((found.get("format") or {}).get("duration") or 0)
    if video is not None:
        return Probe("video", duration, int(video.get("width") or 0), int(video.get("height") or 0))
    if audio is not None:
        return Probe("audio", duration)
    raise TranscodeError("it holds neither pictures nor sound.")


def _even(value: float) -> int:
    return max(2, round(value / 2) * 2)


def web_size(width: int, height: int) -> tuple[int, int]:
    """The size of the main web copy of a `width`×`height` video: at most MAX_WIDTH wide."""
    if width <= MAX_WIDTH:
        return width, height
    return MAX_WIDTH, _even(height * MAX_WIDTH / width)


def small_size(width: int, height: int) -> tuple[int, int] | None:
    """The small screens' copy of a `width`×`height` video (SMALL_SIDE on its short side), or
    None when the main copy is not bigger than that: nothing is ever scaled up."""
    width, height = web_size(width, height)
    short = min(width, height)
    if short <= SMALL_SIDE:
        return None
    return _even(width * SMALL_SIDE / short), _even(height * SMALL_SIDE / short)


def video_to_web(source: Path, target: Path, poster: Path, small: Path | None = None) -> bool:
    """`source` as an H.264/AAC MP4 at most MAX_WIDTH wide, its poster frame (JPEG), and, when
    `small` is given and the video is big enough, the small screens' copy there. Whether the
    small copy was made."""
    found = probe(source)
    smaller = small_size(found.width, found.height) if small is not None else None
    encode = ["-map_metadata", "-1", "-map_chapters", "-1", "-c:v", "libx264",
              "-preset", "veryfast", "-crf", "23", "-pix_fmt", "yuv420p", "-c:a", "aac",
              "-b:a", "128k", "-movflags", "+faststart"]  # fmt: skip
    scale = f"scale='min({MAX_WIDTH},iw)':-2"
    if smaller is None:
        outputs = ["-map", "0:v:0", "-map", "0:a:0?", "-vf", scale, *encode, str(target)]
    else:
        # One decoding, two sizes: the decoded frames are split and scaled twice.
        graph = f"[0:v:0]split=2[a][b];[a]{scale}[web];[b]scale={smaller[0]}:{smaller[1]}[small]"
        outputs = ["-filter_complex", graph,
                   "-map", "[web]", "-map", "0:a:0?", *encode, str(target),
                   "-map", "[small]", "-map", "0:a:0?", *encode, "-b:a", "96k", str(small)]  # fmt: skip
    done = _run(["ffmpeg", "-nostdin", "-y", "-v", "error", "-i", str(source), *outputs])
    if done.returncode != 0:
        raise TranscodeError("ffmpeg could not convert the video.")
    done = _run(["ffmpeg", "-nostdin", "-y", "-v", "error", "-ss", "0", "-i", str(target),
                 "-frames:v", "1", "-map_metadata", "-1", "-q:v", "3", str(poster)])  # fmt: skip
    if done.returncode != 0:
        raise TranscodeError("ffmpeg could not take a still from the video.")
    return smaller is not None


def audio_to_web(source: Path, target: Path) -> None:
    """`source` as AAC in an M4A, without its metadata or cover picture."""
    done = _run(["ffmpeg", "-nostdin", "-y", "-v", "error", "-i", str(source),
                 "-map", "0:a:0", "-vn", "-map_metadata", "-1", "-map_chapters", "-1",
                 "-c:a", "aac", "-b:a", "128k", "-movflags", "+faststart", str(target)])  # fmt: skip
    if done.returncode != 0:
        raise TranscodeError("ffmpeg could not convert the sound.")
