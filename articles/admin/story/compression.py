"""The story page's HTML is gzipped for people who are shown no confidential sourcing.

The page is about 110 KB of HTML (the form, its inlines' empty rows, the side panel); gzip
makes it about 15 KB. It is compressed here, after rendering, with Django's GZipMiddleware,
and only when `articles.sourcing` says the page shows the reader nothing confidential (who a
source is, why anonymity was granted, who approved it). Why that line (BREACH):

- BREACH reads a secret out of a compressed response by reflecting guesses into the same
  response and watching its length change. A page holding confidential sourcing is never
  compressed, whoever asks, so it leaks nothing that way.
- The other secret on every page, the CSRF token, is masked afresh in each response (Django),
  so no guess ever matches it twice; the session cookie is a header, never compressed.
- Django's GZipMiddleware also pads each compressed response with 0-100 random bytes
  ("Heal the Breach"), so lengths differ by more than one guessed character would change them.
- The public site's own compression is the public pages' business (articles.public).
"""

from django.middleware.gzip import GZipMiddleware

from articles.sourcing import answers


def compress_unless_confidential(request, article, response):
    """Gzip `response` (a TemplateResponse of `article`'s page) once rendered, unless it shows
    `request.user` confidential sourcing. Returns `response`."""
    if answers().shows_confidential(request.user, article) or not hasattr(
        response, "add_post_render_callback"
    ):
        return response
    gzip = GZipMiddleware(lambda _request: response)
    response.add_post_render_callback(lambda rendered: gzip.process_response(request, rendered))
    return response
