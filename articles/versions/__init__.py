"""A story's public change log and its signed versions.

Every publish that gives readers new text or a new correction records a `StoryVersion`
(`record`): its canonical text (`canonical`), what changed in substance or that it was only a
typo fix (`classify`), the SHA-256 of the text and an Ed25519 signature of a short statement
by the newsroom's key (`signing`). Readers see the announced changes under "Updated", the
versions at `…/<story>/versions/`, the public keys at `/.well-known/newsroom-signing-keys.json`,
and check a text at `/verify/` or with `manage.py verify_story_text` (`verify`). Existing
stories get their live text as version 1 from `manage.py record_story_versions` (`backfill`).
See docs/signed-versions.md.
"""
