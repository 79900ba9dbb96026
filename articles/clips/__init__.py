"""Video and sound in the library, made ready by the task worker with Debian's ffmpeg.

| module | holds |
| --- | --- |
| `transcode` | ffprobe and ffmpeg: what an upload is, the web renditions (H.264/AAC MP4 and a poster frame; AAC for a sound), metadata dropped |
| `preparing` | the upload kept outside the public folder and queued (`accept_upload`), the task (`prepare_clip`), the rules before a publish (`clip_problems`) |
"""
