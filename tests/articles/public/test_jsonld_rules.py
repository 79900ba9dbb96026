"""The JSON-LD of every page that has some, held to Google's Article rules and schema.org's
vocabulary, and the organization's trust pages.

Google's rules (Search Central, "Article structured data"): a headline, ISO 8601 dates with a
time zone, authors as Person with a name and url, and images in 16:9, 4:3 and 1:1, each at
least 50,000 pixels, and, for Discover, 1,200 px wide where the original allows.
schema.org's vocabulary: every type and property used exists; the list below is the part of
the vocabulary this site uses, copied from the schema.org type pages.
"""

import io
import json
import re
from datetime import datetime

import pytest
from django.core.files.base import ContentFile
from PIL import Image as PILImage

from articles.models import Image
from sources.models import SCHEMA_PROPERTIES, PolicyKind, PolicyPage, policy_path

pytestmark = pytest.mark.django_db

THING = {"@context", "@type", "@id", "name", "url", "description", "image", "sameAs",
         "mainEntityOfPage", "potentialAction"}  # fmt: skip
CREATIVE_WORK = THING | {
    "headline", "author", "publisher", "datePublished", "dateModified", "keywords",
    "isAccessibleForFree", "inLanguage", "locationCreated", "citation", "correction",
    "creditText", "mainEntity", "text", "about",
}  # fmt: skip
ARTICLE = CREATIVE_WORK | {"articleSection", "backstory", "articleBody", "wordCount"}
ORGANIZATION = THING | {
    "logo", "publishingPrinciples", "ethicsPolicy", "correctionsPolicy",
    "unnamedSourcesPolicy", "actionableFeedbackPolicy", "diversityPolicy",
    "ownershipFundingInfo", "masthead", "verificationFactCheckingPolicy",
    "missionCoveragePrioritiesPolicy", "noBylinesPolicy",
}  # fmt: skip
VOCABULARY = {
    "NewsArticle": ARTICLE,
    "ReportageNewsArticle": ARTICLE,
    "AnalysisNewsArticle": ARTICLE,
    "OpinionNewsArticle": ARTICLE,
    "BackgroundNewsArticle": ARTICLE,
    "AdvertiserContentArticle": ARTICLE,
    "CreativeWork": CREATIVE_WORK,
    "CorrectionComment": CREATIVE_WORK,
    "WebPage": CREATIVE_WORK,
    "ProfilePage": CREATIVE_WORK,
    "WebSite": CREATIVE_WORK,
    "ImageObject": CREATIVE_WORK | {"width", "height", "caption", "contentUrl"},
    "Person": THING | {"jobTitle", "worksFor"},
    "NewsMediaOrganization": ORGANIZATION,
    "Organization": ORGANIZATION,
    "Place": THING,
    # "query-input" is the annotation Google and schema.org document for a SearchAction.
    "SearchAction": THING | {"target", "query-input"},
    "EntryPoint": THING | {"urlTemplate"},
    "LiveBlogPosting": ARTICLE | {"coverageStartTime", "coverageEndTime", "liveBlogUpdate"},
    "BlogPosting": ARTICLE,
}


def jsonld(html: str) -> dict:
    [block] = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return json.loads(block)


def vocabulary_problems(node, where="") -> list[str]:
    """Every type the vocabulary lacks and every property its type does not have."""
    problems = []
    if isinstance(node, list):
        for number, item in enumerate(node):
            problems += vocabulary_problems(item, f"{where}[{number}]")
    elif isinstance(node, dict):
        kind = node.get("@type")
        if kind is not None and kind not in VOCABULARY:
            problems.append(f"{where}: unknown type {kind}")
        allowed = VOCABULARY.get(kind, THING | {"@graph"})
        for key, value in node.items():
            if kind is not None and key not in allowed:
                problems.append(f"{where}: {kind} has no property {key}")
            problems += vocabulary_problems(value, f"{where}.{key}")
    return problems


def google_article_problems(data: dict) -> list[str]:
    problems = []
    if not data.get("headline") or len(data["headline"]) > 110:
        problems.append("headline missing or over 110 characters")
    for field in ("datePublished", "dateModified"):
        try:
            moment = datetime.fromisoformat(data.get(field) or "")
        except ValueError:
            moment = None
        if moment is None or moment.tzinfo is None:
            problems.append(f"{field} missing or without a time zone")
    for person in data.get("author", []):
        if person.get("@type") not in ("Person", "Organization") or not person.get("name"):
            problems.append(f"author without a type or name: {person}")
        if not person.get("url", "").startswith(("http://", "https://")):
            problems.append(f"author without an absolute url: {person}")
    ratios = set()
    for image in data.get("image", []):
        width, height = image.get("width") or 0, image.get("height") or 0
        if width * height < 50_000:
            problems.append(f"image under 50,000 pixels: {image['url']}")
        if width < 1200:
            problems.append(f"image under 1,200 px wide: {image['url']}")
        ratios.add(round(width / height, 2) if height else 0)
    if data.get("image") and not {1.78, 1.33, 1.0} <= ratios:
        problems.append(f"images not in 16:9, 4:3 and 1:1: {sorted(ratios)}")
    publisher = data.get("publisher", {})
    if not (publisher.get("name") and publisher.get("url")):
        problems.append("publisher without a name and url")
    return problems


def test_the_checks_catch_what_validators_flagged():
    """The two checkers themselves, on the faults the audit found and a few more."""
    flagged = {
        "@type": "NewsArticle",
        "headline": "",
        "datePublished": "2026-12-06T00:27:49",
        "correctionsPolicy": "https://example.org/policies/corrections-policy/",
        "author": [{"@type": "Person", "name": "A. Writer", "url": "/authors/a/"}],
        "image": [{"@type": "ImageObject", "url": "/a.jpg", "width": 640, "height": 360}],
        "publisher": {"@type": "NewsMediaOrganisation", "name": "Ledger"},
    }
    assert vocabulary_problems(flagged) == [
        ": NewsArticle has no property correctionsPolicy",
        ".publisher: unknown type NewsMediaOrganisation",
    ]
    assert google_article_problems(flagged) == [
        "headline missing or over 110 characters",
        "datePublished missing or without a time zone",
        "dateModified missing or without a time zone",
        "author without an absolute url: {'@type': 'Person', 'name': 'A. Writer', "
        "'url': '/authors/a/'}",
        "image under 1,200 px wide: /a.jpg",
        "images not in 16:9, 4:3 and 1:1: [1.78]",
        "publisher without a name and url",
    ]


@pytest.fixture
def big_picture(db, small_renditions):
    """A picture wide and tall enough for every crop to be 1,200 px wide."""
    out = io.BytesIO()
    PILImage.new("RGB", (2400, 1600), (30, 90, 160)).save(out, "JPEG")
    picture = Image(alt_text="The harbour at dawn", credit="Staff photo", caption="Dawn.")
    picture.file.save("harbour.jpg", ContentFile(out.getvalue()), save=True)
    return picture


@pytest.mark.parametrize(
    ("kind", "schema_type"),
    [
        ("news", "ReportageNewsArticle"),
        ("analysis", "AnalysisNewsArticle"),
        ("opinion", "OpinionNewsArticle"),
        ("background", "BackgroundNewsArticle"),
    ],
)
def test_a_story_meets_googles_article_rules_and_the_vocabulary(
    client, publish_through_workflow, big_picture, kind, schema_type
):
    _, snapshot = publish_through_workflow(
        "Harbour ferry adds a late sailing",
        kind_of_work=kind,
        lead_image=big_picture,
        how_we_reported="We rode the last boat three nights running and read the timetable.",
    )
    html = client.get(snapshot.url_path).content.decode()
    data = jsonld(html)

    assert data["@type"] == schema_type
    assert google_article_problems(data) == []
    assert vocabulary_problems(data) == []
    assert [(i["width"], i["height"]) for i in data["image"]] == [
        (1200, 675),
        (1200, 900),
        (1200, 1200),
    ]
    assert data["backstory"].startswith("We rode the last boat")
    assert '<meta name="robots" content="max-image-preview:large">' in html


def test_a_live_storys_liveblogposting_meets_the_rules_and_the_vocabulary(
    client, publish_through_workflow, people, django_capture_on_commit_callbacks
):
    """Google's live blog rules: LiveBlogPosting with coverageStartTime (and EndTime once it
    has ended), each update a BlogPosting with a headline, a body and dates with a time zone."""
    from articles.live import coverage, entries

    article, snapshot = publish_through_workflow("Storm live: the harbor floods")
    editor = people["editor"]
    with django_capture_on_commit_callbacks(execute=True):
        live = coverage.make_live(user=editor, article=article)
        coverage.move(user=editor, coverage=live, action=coverage.START)
        for text in ("Water over the seawall.", "Ferries stop for the night."):
            entries.file_entry(user=editor, coverage=live, body=f"<p>{text}</p>", publish=True)
        coverage.move(user=editor, coverage=live, action=coverage.END, closing_note="Done.")
    blocks = re.findall(
        r'<script type="application/ld\+json">(.*?)</script>',
        client.get(snapshot.url_path).content.decode(),
        re.S,
    )
    [data] = [json.loads(b) for b in blocks if json.loads(b).get("@type") == "LiveBlogPosting"]

    assert vocabulary_problems(data) == []
    assert google_article_problems(data) == []
    started, ended = (
        datetime.fromisoformat(data[k]) for k in ("coverageStartTime", "coverageEndTime")
    )
    assert started.tzinfo is not None and started <= ended
    updates = data["liveBlogUpdate"]
    assert [u["articleBody"] for u in updates] == [
        "Ferries stop for the night.",
        "Water over the seawall.",
    ]
    assert data["author"] and data["author"][0]["name"]  # the story's byline
    for update in updates:
        assert update["@type"] == "BlogPosting" and update["author"]["name"]
        assert update["headline"] and update["url"].startswith(("http://", "https://"))
        assert started <= datetime.fromisoformat(update["datePublished"]) <= ended
        assert datetime.fromisoformat(update["dateModified"]).tzinfo is not None


def test_a_small_picture_is_not_enlarged_for_search_engines(
    client, publish_through_workflow, image
):
    """The 640 × 360 picture gives crops as wide as it allows, never upscaled."""
    _, snapshot = publish_through_workflow("Bridge repainted blue", lead_image=image)
    data = jsonld(client.get(snapshot.url_path).content.decode())
    assert [(i["width"], i["height"]) for i in data["image"]] == [
        (640, 360),
        (480, 360),
        (360, 360),
    ]


def test_the_organization_names_every_trust_page_and_each_answers(
    client, publish_through_workflow, settings
):
    settings.ORGANIZATION_SAME_AS = ["https://social.example/@ledger"]
    _, snapshot = publish_through_workflow("Harbour ferry adds a late sailing")
    publisher = jsonld(client.get(snapshot.url_path).content.decode())["publisher"]
    assert publisher["@type"] == "NewsMediaOrganization"
    assert publisher["sameAs"] == ["https://social.example/@ledger"]
    assert publisher["logo"]["url"].startswith(settings.SITE_URL + "/static/")
    assert publisher["logo"]["width"] >= 112 and publisher["logo"]["height"] >= 112
    assert set(SCHEMA_PROPERTIES.values()) <= set(publisher)
    for prop in SCHEMA_PROPERTIES.values():
        page = client.get(publisher[prop].removeprefix(settings.SITE_URL))
        assert page.status_code == 200, prop
    # Validators flag the policies on the article: they are the organization's.
    data = jsonld(client.get(snapshot.url_path).content.decode())
    assert "correctionsPolicy" not in data and "unnamedSourcesPolicy" not in data


def test_the_home_page_describes_the_site_and_its_organization(client, make_story, settings):
    make_story()
    data = jsonld(client.get("/").content.decode())
    assert vocabulary_problems(data) == []
    website, organization = data["@graph"]
    assert website["@type"] == "WebSite"
    target = website["potentialAction"]["target"]["urlTemplate"]
    assert target == settings.SITE_URL + "/search/?q={search_term_string}"
    assert website["potentialAction"]["query-input"] == "required name=search_term_string"
    assert organization["@type"] == "NewsMediaOrganization"
    assert organization["masthead"] == settings.SITE_URL + "/masthead/"
    assert organization["ethicsPolicy"] == settings.SITE_URL + "/policies/ethics-policy/"
    search = client.get(target.replace("{search_term_string}", "budget"))
    assert search.status_code == 200


def test_an_author_page_is_a_profile_page_about_a_person(client, make_story, settings):
    make_story(authors=("mara",))
    html = client.get("/authors/mara-okonkwo/").content.decode()
    data = jsonld(html)
    assert vocabulary_problems(data) == []
    assert data["@type"] == "ProfilePage"
    person = data["mainEntity"]
    assert person["@type"] == "Person"
    assert person["name"] == "Mara Okonkwo"
    assert person["url"] == settings.SITE_URL + "/authors/mara-okonkwo/"
    assert "email" not in json.dumps(data)


def test_every_policy_page_has_its_canonical_and_own_description(client):
    descriptions = set()
    for kind in PolicyKind:
        html = client.get(policy_path(kind)).content.decode()
        [canonical] = re.findall(r'<link rel="canonical" href="([^"]*)">', html)
        assert canonical.endswith(policy_path(kind))
        [description] = re.findall(r'<meta name="description" content="([^"]*)">', html)
        descriptions.add(description)
    assert len(descriptions) == len(PolicyKind)


def test_an_editors_words_and_description_reach_the_page(client):
    PolicyPage.objects.filter(kind=PolicyKind.DIVERSITY).update(
        title="Who we hear from", description="We count whom we quote.", body="Every quarter."
    )
    html = client.get("/policies/diversity-policy/").content.decode()
    assert "<h1>Who we hear from</h1>" in html
    assert '<meta name="description" content="We count whom we quote.">' in html


def test_the_footer_reaches_corrections_every_policy_about_and_contact(client, make_story):
    make_story()
    html = client.get("/").content.decode()
    footer = html.split('<footer class="site-footer">', 1)[1]
    links = re.findall(r'<a href="([^"]+)">', footer)
    for kind in PolicyKind:
        assert policy_path(kind) in links, kind
    assert "/corrections/" in links
    for link in links:
        if link.startswith("/") and not link.startswith("/feeds/"):
            assert client.get(link).status_code == 200, link


def test_the_pages_readers_look_for_at_the_root_lead_to_the_one_address(client):
    assert client.get("/policies/masthead/")["Location"] == "/masthead/"
    assert client.get("/actionable-feedback/")["Location"] == "/policies/actionable-feedback/"
    assert client.get("/policies/ethics-policy/").status_code == 200
    assert client.get("/policies/no-such-policy/").status_code == 404
