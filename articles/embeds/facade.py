"""Outside players in a story's body, as readers get them: a facade first, the player on click.

The body keeps an embed as a figure (`articles.embeds.providers`: the allow-list, the stored shape).
At publish, `body_with_embeds` replaces each figure with the facade
(`templates/articles/includes/embed.html`): a card with the provider, the title, the caption
and credit, and a plain link to the provider's page. Nothing on it comes from the provider,
so the page makes no request to a third party. `static/js/embed-facade.js` (loaded only on
pages that carry an embed) adds a button that swaps the card for the provider's
privacy-enhanced player in a sandboxed, lazy frame; without JavaScript the link is all there
is.

The site's Content-Security-Policy allows no frame at all. A page with embeds gets its own
policy with `frame-src` naming exactly the players it carries, and a Permissions-Policy that
lets them (and only them) autoplay after the click (`allow_players`): set by the story view
and the preview, kept by the page cache, and the reason such pages are not kept whole in
`stored_pages` (which keeps no headers of its own). A live story's page allows every player
of the allow-list (`all_player_origins`): an entry arriving by poll may carry one the page
did not have; an entry's permalink allows its own (`allow_origins`).
"""

import re
from html import unescape
from urllib.parse import urlsplit

from csp.constants import HEADER
from csp.utils import build_policy
from django.conf import settings
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from articles.embeds import providers as embeds
from newsroom.security import permissions_policy_header

PLAYER_FEATURES = ("autoplay", "encrypted-media", "fullscreen", "picture-in-picture")


def render_facade(embed: embeds.Embed, number: int) -> str:
    return render_to_string(
        "articles/includes/embed.html", {"embed": embed, "anchor": f"embed-{number}"}
    )


def body_with_embeds(body_html: str) -> SafeString:
    """The sanitized body with each embed figure replaced by its facade (one that names no
    allowed provider is left out)."""
    count = 0

    def replace(match) -> str:
        nonlocal count
        embed = embeds.read_figure(match[0])
        if embed is None:
            return ""
        count += 1
        return render_facade(embed, count)

    return mark_safe(embeds.FIGURE.sub(replace, body_html or ""))  # noqa: S308 -- sanitized


def player_origins(body_html: str) -> list[str]:
    """The origins of the players `body_html` may load, each once, in a stable order."""
    found = (embeds.read_figure(match[0]) for match in embeds.FIGURE.finditer(body_html or ""))
    return sorted({embed.player_origin for embed in found if embed is not None})


# A facade's player address, as `embed.html` renders it (built from the allow-list).
_PLAYER = re.compile(r'data-embed-player="(?P<url>https://[^"]+)"')


def page_player_origins(snapshot) -> list[str]:
    """The players a story page may load: from its stored markup when it has some (the
    public page reads no other column for it), else from its body (a preview)."""
    if snapshot.article_html:
        urls = (unescape(match["url"]) for match in _PLAYER.finditer(snapshot.article_html))
        return sorted({"{0.scheme}://{0.netloc}".format(urlsplit(url)) for url in urls})
    return player_origins(snapshot.body_html)


def content_security_policy(origins: list[str]) -> str:
    """The site's policy with `frame-src` allowing exactly `origins`."""
    return build_policy(update={"frame-src": list(origins)})


def permissions_policy(origins: list[str]) -> str:
    """The site's Permissions-Policy, with the player features allowed to `origins`."""
    allowed = ["self", *(f'"{origin}"' for origin in origins)]
    policy = dict(getattr(settings, "PERMISSIONS_POLICY", {}))
    policy.update({feature: allowed for feature in PLAYER_FEATURES})
    return permissions_policy_header(policy)


def all_player_origins() -> list[str]:
    """The origin of every player of the allow-list (a Mastodon player: each allowed host)."""
    origins = set()
    for provider in embeds.PROVIDERS.values():
        if "{host}" in provider.player:
            origins.update(f"https://{host}" for host in embeds.MASTODON_HOSTS)
        else:
            parts = urlsplit(provider.player)
            origins.add(f"{parts.scheme}://{parts.netloc}")
    return sorted(origins)


def allow_origins(response, origins: list[str]):
    """Give `response` the policies that let the players of `origins` load (none: the
    site's own stay). Returns it."""
    if origins:
        response[HEADER] = content_security_policy(origins)
        response["Permissions-Policy"] = permissions_policy(origins)
    return response


def allow_players(response, snapshot):
    """Give `response`, `snapshot`'s page, the policies its embeds need. Returns it."""
    return allow_origins(response, page_player_origins(snapshot))


def has_embeds(snapshot) -> bool:
    return bool(page_player_origins(snapshot))
