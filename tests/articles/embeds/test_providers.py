"""Reading an address to embed (articles.embeds.providers): the providers on the allow-list
are found, with the privacy-enhanced player; hostile or look-alike addresses are refused with
a reason; the sanitizer keeps an embed figure only with values of the allowed shape."""

import pytest
from django.core.exceptions import ValidationError

from articles.embeds import facade
from articles.embeds import providers as embeds
from newsroom.html import sanitize_html


@pytest.mark.parametrize(
    ("address", "provider", "player"),
    [
        ("https://www.youtube.com/watch?v=aqz-KE-bpKQ&t=30s", "youtube",
         "https://www.youtube-nocookie.com/embed/aqz-KE-bpKQ?autoplay=1"),
        ("https://youtu.be/aqz-KE-bpKQ?si=abc", "youtube",
         "https://www.youtube-nocookie.com/embed/aqz-KE-bpKQ?autoplay=1"),
        ("https://youtube.com/shorts/aqz-KE-bpKQ", "youtube",
         "https://www.youtube-nocookie.com/embed/aqz-KE-bpKQ?autoplay=1"),
        ("https://vimeo.com/76979871", "vimeo", "https://player.vimeo.com/video/76979871?dnt=1&autoplay=1"),
        ("https://twitter.com/jack/status/20", "x",
         "https://platform.twitter.com/embed/Tweet.html?id=20&dnt=true"),
        ("https://www.instagram.com/reel/C1abcDEF/", "instagram",
         "https://www.instagram.com/p/C1abcDEF/embed/"),
        ("https://www.tiktok.com/@scout2015/video/6718335390845095173", "tiktok",
         "https://www.tiktok.com/embed/v2/6718335390845095173"),
        ("https://bsky.app/profile/did:plc:z72i7hdynmk6r22z27h6tvur/post/3k44deefqdk2g", "bluesky",
         "https://embed.bsky.app/embed/did:plc:z72i7hdynmk6r22z27h6tvur/app.bsky.feed.post/3k44deefqdk2g"),
        ("https://mastodon.social/@Gargron/109", "mastodon", "https://mastodon.social/@Gargron/109/embed"),
    ],
)  # fmt: skip
def test_an_address_on_the_allow_list_gives_its_provider_and_player(address, provider, player):
    embed = embeds.read_address(f"  {address} ")
    assert (embed.provider.key, embed.player_url) == (provider, player)


@pytest.mark.parametrize(
    ("address", "code"),
    [
        ("", "address_missing"),
        ("javascript:alert(1)", "scheme_refused"),
        ("JaVaScRiPt:alert(1)//https://youtu.be/aqz-KE-bpKQ", "scheme_refused"),
        ("data:text/html;base64,PHNjcmlwdD4=", "scheme_refused"),
        ("https://youtube.com.evil.example/watch?v=aqz-KE-bpKQ", "provider_refused"),
        ("https://evil-youtube.com/watch?v=aqz-KE-bpKQ", "provider_refused"),
        ("https://yоutube.com/watch?v=aqz-KE-bpKQ", "host_not_ascii"),  # a Cyrillic о
        ("https://xn--ytube-7ve.com/watch?v=aqz-KE-bpKQ", "host_not_ascii"),
        ("https://ｙｏｕｔｕｂｅ.com/watch?v=aqz-KE-bpKQ", "host_not_ascii"),
        ("https://youtube.com@evil.example/watch?v=aqz-KE-bpKQ", "host_refused"),
        ("https://www.youtube.com:8443/watch?v=aqz-KE-bpKQ", "host_refused"),
        ("https://evil.example\\@youtube.com/watch?v=aqz-KE-bpKQ", "not_an_address"),
        ("https://www.youtube.com/watch?v=aqz-KE-bpKQ\nhttps://evil.example", "not_an_address"),
        ('<iframe src="https://www.youtube.com/embed/aqz-KE-bpKQ"></iframe>', "embed_code"),
        ('https://www.youtube.com/watch?v=aqz"><b>KE', "address_not_understood"),
        ("https://vimeo.com/٣٤٥", "address_not_understood"),  # Arabic-Indic digits
        ("https://bsky.app/profile/jay.bsky.team/post/3k44deefqdk2g", "address_not_understood"),
    ],
)
def test_a_hostile_or_unknown_address_is_refused_with_a_reason(address, code):
    with pytest.raises(ValidationError) as refused:
        embeds.read_address(address)
    assert refused.value.code == code
    assert refused.value.messages[0].endswith(".")


def test_the_refusal_names_the_providers_a_story_may_embed():
    with pytest.raises(ValidationError, match="YouTube, Vimeo, X, Instagram, TikTok, Bluesky"):
        embeds.read_address("https://www.dailymotion.com/video/x7tgad0")


def test_a_figure_survives_the_sanitizer_and_reads_back_with_its_words():
    embed = embeds.Embed(
        embeds.PROVIDERS["youtube"], "aqz-KE-bpKQ", 'The "film" <b>', "A short film.", "Blender"
    )
    kept = sanitize_html(embeds.figure_html(embed))
    assert embeds.read_figure(kept) == embed
    assert embeds.figure_problems(kept) == []


def test_the_sanitizer_drops_embed_values_of_the_wrong_shape_and_readers_get_no_unknown_provider():
    body = (
        '<figure data-embed="Evil!" data-embed-id="x&quot; onload=&quot;1" onclick="x()" '
        'data-embed-player="https://evil.example"></figure>'
    )
    assert sanitize_html(body) == "<figure></figure>"
    unknown = '<figure data-embed="evil" data-embed-id="123" data-embed-caption="c" data-embed-credit="d"></figure>'  # fmt: skip
    assert facade.body_with_embeds(sanitize_html(unknown)) == ""


def test_an_embed_without_caption_or_credit_or_provider_is_a_problem():
    bare = '<figure data-embed="youtube" data-embed-id="aqz-KE-bpKQ"></figure>'
    assert "needs a caption and a credit" in embeds.figure_problems(bare)[0]
    wrong_id = '<figure data-embed="youtube" data-embed-id="1/2" data-embed-caption="c" data-embed-credit="d"></figure>'  # fmt: skip
    assert "not from an allowed provider" in embeds.figure_problems(wrong_id)[0]
    with pytest.raises(ValidationError) as refused:
        embeds.check_figures(bare)
    assert refused.value.code == "embed_invalid"


def test_a_feed_gets_a_plain_link_to_the_providers_page():
    embed = embeds.Embed(embeds.PROVIDERS["vimeo"], "76979871", "", "The flood.", "Ana Ruiz")
    html = embeds.as_links(embeds.figure_html(embed))
    assert html == (
        '<p><a href="https://vimeo.com/76979871">A video on Vimeo</a>: The flood. Ana Ruiz</p>'
    )


def test_each_embed_in_a_text_is_found_and_an_unclosed_one_swallows_none():
    words = {"caption": "The flood > the seawall.", "credit": "Ana <Ruiz>"}
    video = embeds.figure_html(embeds.Embed(embeds.PROVIDERS["vimeo"], "76979871", **words))
    post = embeds.figure_html(embeds.Embed(embeds.PROVIDERS["x"], "20", **words))
    html = sanitize_html(f"<p>One.</p>{video}<p>Two.</p>{post}")
    found = [embeds.read_figure(m[0]) for m in embeds.FIGURE.finditer(html)]
    assert [(e.provider.key, e.id, e.credit) for e in found] == [
        ("vimeo", "76979871", "Ana <Ruiz>"),
        ("x", "20", "Ana <Ruiz>"),
    ]
    # A figure left open (raw text, before any sanitizer) does not take the next one with it.
    unclosed = video.replace("</figure>", "") + "<p>Two.</p>" + post
    assert [embeds.read_figure(m[0]).id for m in embeds.FIGURE.finditer(unclosed)] == ["20"]
