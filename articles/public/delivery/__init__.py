"""How public pages leave the app: content encodings (compression) and the feeds' extra markup.

The rooms beside it (`page_cache`, `feeds`) decide what a page is; this package decides how its
bytes are sent.
"""
