"""Outside players a story may embed, by address: the allow-list, reading an address, the
stored figure.

An editor pastes an address (a YouTube video, a post on X, …); `read_address` finds the
provider and the item's id in it, or refuses with a sentence saying why (a `ValidationError`
with a code). Only the provider's key and the id are kept, in the body as

    <figure data-embed="youtube" data-embed-id="aqz-KE-bpKQ" data-embed-title="…"
            data-embed-caption="…" data-embed-credit="…"></figure>

Everything a reader's browser is given (the link, the player's address) is built from the
provider's constants and that id, which must match the provider's own pattern: no text an
editor typed ever becomes an address a reader's browser loads. A host is matched exactly
(no look-alike, no sub-domain, no Unicode or punycode host, no user or port in the
address), and only http(s) addresses are read at all.

The sanitizer (`newsroom.html`) keeps these attributes only with values of their shape, the
story field refuses a figure that is not valid (`check_figures`, its last sanitizing step),
the publish gate asks `figure_problems`, and `articles.embeds.facade` turns each valid
figure into what readers get (an invalid one is left out).
"""

import re
from dataclasses import dataclass
from html import escape
from html.parser import HTMLParser
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError

ATTRIBUTES = ("data-embed", "data-embed-id", "data-embed-title", "data-embed-caption",
              "data-embed-credit")  # fmt: skip
TEXT_LIMITS = {"title": 200, "caption": 500, "credit": 200}
MASTODON_HOSTS = ("mastodon.social", "mastodon.online", "mstdn.social", "journa.host")


@dataclass(frozen=True)
class Provider:
    key: str
    name: str
    kind: str  # "video" (a 16:9 player) or "post" (a social post, taller)
    # The parts of an item's id and the shape of each: a path in `ADDRESSES` names them as
    # <part>, and the stored id is `id_format` filled with them.
    parts: dict[str, str]
    id_format: str
    page: str  # the provider's own page: the readers' link
    player: str  # the privacy-enhanced player, loaded in a frame only on a reader's click

    def with_parts(self, pattern: str) -> str:
        """`pattern` with each <part> as the named group of its shape."""
        return re.sub(r"<(\w+)>", lambda m: f"(?P<{m[1]}>{self.parts[m[1]]})", pattern)

    def id_parts(self, embed_id: str) -> dict | None:
        id_pattern = re.escape(self.id_format).replace(r"\{", "<").replace(r"\}", ">")
        match = re.fullmatch(self.with_parts(id_pattern), embed_id or "", re.ASCII)
        return match.groupdict() if match else None

    def page_url(self, embed_id: str) -> str:
        return self.page.format(**self.id_parts(embed_id))

    def player_url(self, embed_id: str) -> str:
        return self.player.format(**self.id_parts(embed_id))

    def player_origin(self, embed_id: str) -> str:
        parts = urlsplit(self.player_url(embed_id))
        return f"{parts.scheme}://{parts.netloc}"


PROVIDERS = {
    provider.key: provider
    for provider in (
        Provider("youtube", "YouTube", "video", {"video": r"[A-Za-z0-9_-]{11}"}, "{video}",
                 page="https://www.youtube.com/watch?v={video}",
                 player="https://www.youtube-nocookie.com/embed/{video}?autoplay=1"),
        Provider("vimeo", "Vimeo", "video", {"video": "[0-9]{1,12}"}, "{video}",
                 page="https://vimeo.com/{video}",
                 player="https://player.vimeo.com/video/{video}?dnt=1&autoplay=1"),
        Provider("x", "X", "post", {"post": "[0-9]{1,20}"}, "{post}",
                 page="https://x.com/i/status/{post}",
                 player="https://platform.twitter.com/embed/Tweet.html?id={post}&dnt=true"),
        Provider("instagram", "Instagram", "post", {"post": r"[A-Za-z0-9_-]{5,40}"}, "{post}",
                 page="https://www.instagram.com/p/{post}/",
                 player="https://www.instagram.com/p/{post}/embed/"),
        Provider("tiktok", "TikTok", "post", {"user": "[A-Za-z0-9._]{1,30}", "post": "[0-9]{5,25}"},
                 "{user}/{post}", page="https://www.tiktok.com/@{user}/video/{post}",
                 player="https://www.tiktok.com/embed/v2/{post}"),
        Provider("bluesky", "Bluesky", "post", {"did": "did:plc:[a-z2-7]{24}", "post": "[a-z2-7]{13}"},
                 "{did}/{post}", page="https://bsky.app/profile/{did}/post/{post}",
                 player="https://embed.bsky.app/embed/{did}/app.bsky.feed.post/{post}"),
        Provider("mastodon", "Mastodon", "post",
                 {"host": "|".join(map(re.escape, MASTODON_HOSTS)), "user": "[A-Za-z0-9_]{1,30}",
                  "post": "[0-9]{1,20}"},
                 "{host}/{user}/{post}", page="https://{host}/@{user}/{post}",
                 player="https://{host}/@{user}/{post}/embed"),
    )
}  # fmt: skip

# After the id: an optional slash, then any query.
END = r"/?(?:\?.*)?"
YOUTUBE = (r"/watch\?(?:.*&)?v=<video>(?:&.*)?", "/(?:shorts|embed|live|v)/<video>" + END)
X = ("/[A-Za-z0-9_]{1,15}/status/<post>" + END,)

# Which addresses are read, host by host (matched exactly): the provider, and where the id's
# parts are in the address's path (and query, for YouTube's ?v=). youtu.be/ID is a video;
# youtube.com/ID is a channel, so it is not read there.
ADDRESSES: dict[str, tuple[str, tuple[str, ...]]] = {
    **dict.fromkeys(("youtube.com", "www.youtube.com", "m.youtube.com", "youtube-nocookie.com",
                     "www.youtube-nocookie.com"), ("youtube", YOUTUBE)),
    "youtu.be": ("youtube", ("/<video>" + END,)),
    **dict.fromkeys(("vimeo.com", "www.vimeo.com", "player.vimeo.com"),
                    ("vimeo", ("/(?:video/|channels/[A-Za-z0-9_-]+/)?<video>" + END,))),
    **dict.fromkeys(("x.com", "www.x.com", "mobile.x.com", "twitter.com", "www.twitter.com",
                     "mobile.twitter.com"), ("x", X)),
    **dict.fromkeys(("instagram.com", "www.instagram.com"),
                    ("instagram", ("/(?:p|reel|tv)/<post>" + END,))),
    **dict.fromkeys(("tiktok.com", "www.tiktok.com", "m.tiktok.com"),
                    ("tiktok", ("/@<user>/video/<post>" + END,))),
    "bsky.app": ("bluesky", ("/profile/<did>/post/<post>" + END,)),
    **dict.fromkeys(MASTODON_HOSTS, ("mastodon", ("/@<user>/<post>" + END,))),
}  # fmt: skip


def provider_names() -> str:
    return ", ".join(provider.name for provider in PROVIDERS.values())


@dataclass(frozen=True)
class Embed:
    provider: Provider
    id: str
    title: str = ""
    caption: str = ""
    credit: str = ""

    @property
    def page_url(self) -> str:
        return self.provider.page_url(self.id)

    @property
    def player_url(self) -> str:
        return self.provider.player_url(self.id)

    @property
    def player_origin(self) -> str:
        return self.provider.player_origin(self.id)

    @property
    def shown_title(self) -> str:
        what = "video" if self.provider.kind == "video" else "post"
        return self.title or f"A {what} on {self.provider.name}"


def _refuse(message: str, code: str):
    raise ValidationError(message, code=code)


def read_address(text: str) -> Embed:
    """The provider and id an address points at, or a `ValidationError` saying why not."""
    text = (text or "").strip()
    if not text:
        _refuse("Paste the address of the video or post.", "address_missing")
    if text.lower().startswith("<"):
        _refuse(
            "Paste the address of the video or post (https://…), not its embed code.",
            "embed_code",
        )
    if any(ch.isspace() or ord(ch) < 32 or ord(ch) == 127 for ch in text) or "\\" in text:
        _refuse(
            "That does not read as one address (a space or an odd character in it): paste it again from the provider's Share button.",
            "not_an_address",
        )
    parts = urlsplit(text)
    if parts.scheme.lower() not in ("http", "https"):
        _refuse(
            f"Only web addresses (https://…) can be embedded, not “{parts.scheme or text[:30]}:”.",
            "scheme_refused",
        )
    host = parts.netloc.rsplit("@", 1)[-1].split(":", 1)[0]
    if not host.isascii() or "xn--" in host.lower():
        _refuse(
            "The address's site name has letters outside plain Latin (a look-alike of a "
            "real site): copy the address from the provider's own Share button.",
            "host_not_ascii",
        )
    try:
        port = parts.port
    except ValueError:
        port = -1
    if "@" in parts.netloc or port is not None:
        _refuse("An address with a user name or a port cannot be embedded.", "host_refused")
    host = host.lower().rstrip(".")
    if host not in ADDRESSES:
        _refuse(
            f"“{host}” is not one of the providers a story may embed ({provider_names()}).",
            "provider_refused",
        )
    provider = PROVIDERS[ADDRESSES[host][0]]
    found = _match_path(host, parts.path + (f"?{parts.query}" if parts.query else ""))
    if found is None:
        _refuse(
            f"That {provider.name} address does not point at one "
            f"{'video' if provider.kind == 'video' else 'post'}: copy it from the "
            f"{'video' if provider.kind == 'video' else 'post'}'s Share button."
            + (
                " For Bluesky, use the post's address that names the account by its did:plc: "
                "id (an address with the account's handle cannot be embedded here)."
                if provider.key == "bluesky"
                else ""
            ),
            "address_not_understood",
        )
    return Embed(provider=provider, id=found)


def _match_path(host: str, path: str) -> str | None:
    """The stored id an address's path (and query) on `host` names, or None."""
    key, patterns = ADDRESSES[host]
    provider = PROVIDERS[key]
    for pattern in patterns:
        match = re.fullmatch(provider.with_parts(pattern), path, re.ASCII)
        if match:
            return provider.id_format.format(host=host, **match.groupdict())
    return None


def clean_words(value, *, field: str, required: bool) -> str:
    """An embed's title, caption or credit: one line of plain text, within its limit."""
    text = " ".join(str(value or "").replace("\x00", "").split())
    limit = TEXT_LIMITS[field]
    if required and not text:
        what = {"caption": "a caption (what readers will see)", "credit": "a credit (who made it)"}
        _refuse(f"Write {what[field]} for the embed.", f"{field}_missing")
    if len(text) > limit:
        _refuse(f"The embed's {field} is too long: at most {limit} characters.", f"{field}_long")
    return text


def figure_html(embed: Embed) -> str:
    """The stored figure for `embed` (attribute values escaped)."""
    values = (embed.provider.key, embed.id, embed.title, embed.caption, embed.credit)
    attributes = " ".join(
        f'{name}="{escape(value, quote=True)}"'
        for name, value in zip(ATTRIBUTES, values, strict=True)
    )
    return f"<figure {attributes}></figure>"


# A stored embed figure, as the sanitizers leave it (attributes only, no content; no < or >
# inside an attribute: the sanitizer escapes them). Linear in the text's length whatever the
# text: the opening tag is read once (the lookahead, then a possessive run), and a figure
# never runs on past the next one's start (an unclosed figure cannot swallow the rest).
FIGURE = re.compile(r"<figure\b(?=[^<>]*\bdata-embed=)[^<>]*+>(?:(?!<figure\b).)*?</figure>", re.S)


class _Attributes(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: dict[str, str] = {}

    def handle_starttag(self, tag, attrs):
        if tag == "figure" and not self.found:
            self.found = {name: value or "" for name, value in attrs}


def read_figure(figure: str) -> Embed | None:
    """The embed a stored figure describes, or None when it names no allowed provider or
    its id does not match that provider's pattern."""
    parser = _Attributes()
    parser.feed(figure)
    values = parser.found
    provider = PROVIDERS.get(values.get("data-embed", ""))
    embed_id = values.get("data-embed-id", "")
    if provider is None or provider.id_parts(embed_id) is None:
        return None
    return Embed(
        provider=provider,
        id=embed_id,
        title=values.get("data-embed-title", "")[: TEXT_LIMITS["title"]],
        caption=values.get("data-embed-caption", "")[: TEXT_LIMITS["caption"]],
        credit=values.get("data-embed-credit", "")[: TEXT_LIMITS["credit"]],
    )


def figure_problems(html: str) -> list[str]:
    """Why the embeds in `html` may not be shown to readers, in words (none: all fine)."""
    problems = []
    for number, match in enumerate(FIGURE.finditer(html or ""), start=1):
        embed = read_figure(match[0])
        if embed is None:
            problems.append(
                f"Embed {number} is not from an allowed provider ({provider_names()}): take "
                "it out, or embed it again from its address."
            )
            continue
        missing = [
            w for w, v in (("a caption", embed.caption), ("a credit", embed.credit)) if not v
        ]
        if missing:
            problems.append(
                f"Embed {number} ({embed.provider.name}) needs {' and '.join(missing)}: click "
                "it in the text and choose Embed… again."
            )
    return problems


def check_figures(html: str) -> str:
    """The story field's last sanitizing step: `html` as it is, or a `ValidationError` when an
    embed in it is not valid (the form then shows the message and keeps the text)."""
    problems = figure_problems(html)
    if problems:
        raise ValidationError(" ".join(problems), code="embed_invalid")
    return html


def as_links(html: str) -> str:
    """`html` with each embed as a plain paragraph linking to the provider's page (for feeds,
    where no facade runs and no player may load)."""

    def link(match) -> str:
        embed = read_figure(match[0])
        if embed is None:
            return ""
        words = " ".join(w for w in (embed.caption, embed.credit) if w)
        return (
            f'<p><a href="{escape(embed.page_url)}">{escape(embed.shown_title)}</a>'
            f"{': ' + escape(words) if words else ''}</p>"
        )

    return FIGURE.sub(link, html or "")
