"""Video and sound transcoding (issue 22): `./dev bench transcode`.

What the task worker does for one clip (`articles.clips.transcode`), timed on this machine
with clips made here by ffmpeg: a camera-like video (MPEG-4 Part 2, 1920×1080 at 30 frames
a second, with PCM sound; the web copy is H.264 at 1280 wide plus AAC, and its poster; then
the same with the small screens' 360p copy made from the same decoding, as the worker does)
and a sound (WAV to AAC). Printed as seconds per clip and as media minutes prepared per wall
minute (above 1: faster than real time). No database, no Django settings needed.

Usage: ./dev bench transcode [--seconds N]
"""

import argparse
import subprocess
import tempfile
import time
from pathlib import Path

from articles.clips import transcode


def _make(arguments: list[str], target: Path) -> Path:
    subprocess.run(["ffmpeg", "-nostdin", "-v", "error", "-y", *arguments, str(target)],
                   check=True, timeout=600)  # fmt: skip
    return target


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="./dev bench transcode")
    parser.add_argument("--seconds", type=int, default=20, help="length of each test clip")
    args = parser.parse_args(argv)
    seconds = args.seconds
    with tempfile.TemporaryDirectory(prefix="bench-clips-") as folder:
        work = Path(folder)
        video = _make(["-f", "lavfi", "-i", f"testsrc2=size=1920x1080:rate=30:duration={seconds}",
                       "-f", "lavfi", "-i", f"sine=frequency=440:duration={seconds}",
                       "-c:v", "mpeg4", "-q:v", "3", "-c:a", "pcm_s16le", "-shortest"],
                      work / "camera.mov")  # fmt: skip
        sound = _make(["-f", "lavfi", "-i", f"sine=frequency=220:duration={seconds}"],
                      work / "interview.wav")  # fmt: skip
        rows = []
        started = time.perf_counter()
        transcode.video_to_web(video, work / "web.mp4", work / "poster.jpg")
        rows.append(("video 1080p30 → H.264/AAC 720p + poster", time.perf_counter() - started))
        started = time.perf_counter()
        made = transcode.video_to_web(video, work / "web.mp4", work / "poster.jpg",
                                      work / "small.mp4")  # fmt: skip
        assert made, "a 1080p video gets its 360p copy"
        rows.append(("video 1080p30 → 720p and 360p + poster", time.perf_counter() - started))
        started = time.perf_counter()
        transcode.audio_to_web(sound, work / "web.m4a")
        rows.append(("sound WAV → AAC", time.perf_counter() - started))
    print(f"clips of {seconds} s, one at a time")
    for name, took in rows:
        print(f"  {name:42} {took:6.2f} s   {seconds / 60 / (took / 60):5.2f} media min per min")
    return 0
