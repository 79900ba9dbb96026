"""Nothing confidential leaves the editorial side.

Unique marker strings are planted in every confidential field of demo-like data (the demo
content itself plus a fully sourced story) before publishing through the workflow. Then every
public URL (discovered from the URLconf and the snapshots, then by following links) is fetched
anonymously, and every admin page a reporter can open is fetched by a reporter who has every
permission except auth's and `sources.view_confidential_source`: the markers appear nowhere.
"""

import copy
import re
from collections import deque
from urllib.parse import parse_qs, urlsplit

import pytest
from django.conf import settings
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from articles.models import Article, ArticleState, PublishedArticle
from demo import content as demo_content
from demo import loader as demo_loader
from sources.models import (
    Attribution,
    AttributionConfidential,
    ConfidentialAccess,
    PolicyKind,
    Source,
    SourceConfidential,
)
from tests.conftest import (
    article_maker,
    new_author,
    new_image,
    new_section,
    shared_rows,
    user_maker,
)

from .conftest import new_correction, new_registry, new_sourced_story, publish_story

pytestmark = pytest.mark.django_db

PREFIX = "zqxsecret"  # every marker starts with it; nothing else in the project does
KNOWER = f"{PREFIX}-knower"
PUBLIC_PAGE_LIMIT = 800
ADMIN_PAGE_LIMIT = 2500
_LINK = re.compile(r"""(?:href|src|action)=["']([^"'#]+)|<(?:loc|link|id)>\s*([^<\s]+)""")


def marker(kind: str, pk) -> str:
    return f"{PREFIX}-{kind}-{pk}"


def _plant_in_demo_content(monkeypatch):
    """Demo data with a marked confidential record for every source and marked attribution
    justifications and bases, and a marked editor knowing every anonymous source."""
    sources = demo_content.load_sources()
    for number, data in enumerate(sources):
        data["confidential"] = {
            "real_identity": marker("demo-identity", number),
            "contact_details": marker("demo-contact", number),
            "private_notes": marker("demo-notes", number),
        }
    stories = demo_content.load_stories()
    for s_number, story in enumerate(stories):
        for a_number, data in enumerate(story.get("attributions", [])):
            data["internal_justification"] = marker("demo-justification", f"{s_number}x{a_number}")
            data["basis"] = marker("demo-basis", f"{s_number}x{a_number}")
    monkeypatch.setattr(demo_content, "load_sources", lambda: copy.deepcopy(sources))
    monkeypatch.setattr(demo_content, "load_stories", lambda: copy.deepcopy(stories))

    knower = _knower()
    create_story = demo_loader.create_story

    def create_story_with_knower(*args, **kwargs):
        article = create_story(*args, **kwargs)
        for attribution in article.attributions.filter(anonymous=True):
            attribution.confidential.editors_who_know.add(knower)
        return article

    monkeypatch.setattr(demo_loader, "create_story", create_story_with_knower)


def _knower():
    user, _ = get_user_model().objects.get_or_create(
        username=KNOWER,
        defaults={
            "is_staff": True,
            "first_name": f"{PREFIX}first",
            "last_name": f"{PREFIX}last",
            "email": f"{KNOWER}@example.com",
        },
    )
    return user


def _plant_in_story(article):
    knower = _knower()
    for attribution in article.attributions.all():
        record, _ = AttributionConfidential.objects.get_or_create(attribution=attribution)
        record.internal_justification = marker("justification", attribution.pk)
        record.basis = marker("basis", attribution.pk)
        record.save()
        if attribution.anonymous:
            record.editors_who_know.add(knower)
    for record in SourceConfidential.objects.filter(source__attributions__article=article):
        record.real_identity = marker("identity", record.pk)
        record.contact_details = marker("contact", record.pk)
        record.private_notes = marker("notes", record.pk)
        record.save()


@pytest.fixture(scope="module")
def planted(django_db_setup, django_db_blocker):
    """Demo content and the sourced story, markers planted, published through the workflow.

    Built once for the module (loading the demo is seconds of work) and rolled back after
    it; each test reads it in a savepoint of its own (tests/conftest.py shared_rows)."""
    from articles.images import renditions as images

    with shared_rows(django_db_blocker), pytest.MonkeyPatch.context() as monkeypatch:
        # One small JPEG per picture: the sweep is about text, and AVIF encoding is slow.
        monkeypatch.setattr(images, "rendition_formats", lambda: ("jpeg",))
        monkeypatch.setattr(images, "WIDTHS", (480,))
        make_article = article_maker(new_section(), new_author(), new_image())
        sourced_story = new_sourced_story(make_article, user_maker(), new_registry())
        new_correction(sourced_story)
        _plant_in_demo_content(monkeypatch)
        counts = demo_loader.load_demo()
        _plant_in_story(sourced_story)
        publish_story(sourced_story)
        assert PublishedArticle.objects.visible().count() >= 5, counts
        assert SourceConfidential.objects.count() >= Source.objects.count() - 4
        knowers = Attribution.objects.filter(confidential__editors_who_know__username=KNOWER)
        assert knowers.count() >= 2
        yield sourced_story


def _body(response) -> str:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode("utf-8", "replace")
    return response.content.decode("utf-8", "replace")


# An unselected choice in a list of people (a reviewer or a plan's writer, chosen among all
# staff) names someone without saying what they know; a selected one, or the name anywhere
# else, would tie them to a source. So unselected <option>s are left out of the search.
_UNSELECTED_OPTION = re.compile(r"<option(?![^>]*\bselected\b)[^>]*>[^<]*</option>", re.I)


def _leaks(text: str) -> list[str]:
    text = _UNSELECTED_OPTION.sub("", text)
    return sorted(set(re.findall(rf"{PREFIX}[\w-]*", text, flags=re.IGNORECASE)))


def _local_path(url: str) -> str | None:
    url = url.strip().replace("&amp;", "&")
    for base in (settings.SITE_URL, "http://testserver", "https://testserver"):
        if url.startswith(base):
            url = url[len(base) :] or "/"
    if not url.startswith("/") or url.startswith("//"):
        return None
    return url


# --- public URLs -----------------------------------------------------------------------------


def _routes(resolver=None, prefix=""):
    """(route, name) of every URL pattern outside the admin and static files."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            if entry.namespace == "admin" or route.startswith("admin/"):
                continue
            yield from _routes(entry, route)
        elif isinstance(entry, URLPattern):
            if route.startswith(("static", "media", "^static", "^media")):
                continue
            yield route.lstrip("^").rstrip("$"), entry.name


def _candidates() -> dict[str, list[str]]:
    snapshots = list(PublishedArticle.objects.all())
    sections = sorted({s.section_slug for s in snapshots})
    authors = sorted({slug for s in snapshots for slug in s.author_slugs})
    tags = sorted({slug for s in snapshots for slug in s.tag_slugs})
    try:
        from articles.public.sitemaps import SITEMAPS

        sitemap_keys = list(SITEMAPS)
    except ImportError:
        sitemap_keys = []
    return {
        "sections": sections,
        "authors": authors,
        "tags": tags,
        "stories": sorted({s.slug for s in snapshots}),
        "sitemaps": sitemap_keys,
        "ids": sorted({str(s.article_id) for s in snapshots}),
        "kinds": [kind.value for kind in PolicyKind],
    }


def _values_for(route: str, param: str, converter: str, candidates) -> list[str]:
    if converter == "int" or param.endswith("id") or param == "pk":
        return candidates["ids"]
    if param == "kind":
        return candidates["kinds"]
    if "author" in route:
        return candidates["authors"]
    if "tag" in route:
        return candidates["tags"]
    if "sitemap" in route:
        return candidates["sitemaps"] + candidates["sections"]
    if param == "section" or "section" in route:
        return candidates["sections"]
    return candidates["sections"] + candidates["stories"]


def public_start_urls() -> list[str]:
    candidates = _candidates()
    urls = [s.url_path for s in PublishedArticle.objects.all()]
    for route, _name in _routes():
        params = re.findall(r"<(?:(\w+):)?(\w+)>", route)
        if not params:
            urls.append("/" + route)
        elif len(params) == 1:
            converter, param = params[0]
            for value in _values_for(route, param, converter, candidates):
                urls.append("/" + re.sub(r"<[^>]+>", value, route))
        # Routes with several parameters (the dated story address) come from the snapshots.
    try:
        search = reverse("search")
    except Exception:
        search = None
    if search:
        urls += [f"{search}?q={PREFIX}", f"{search}?q=ferry", f"{search}?q=Navy+officials"]
        urls += [f"{search}?q={marker('demo-identity', 0)}", f"{search}?q={KNOWER}"]
    return list(dict.fromkeys(urls))


def _without_query_echo(text: str, url: str) -> str:
    """A search page repeats what was searched for: that echo is not a leak."""
    if "q=" not in url:
        return text
    term = parse_qs(urlsplit(url).query).get("q", [""])[0]
    return text.replace(term, "") if term else text


def crawl(client, start: list[str], *, inside: str = "/", limit: int, skip=()) -> dict:
    """Fetch `start` and every local link found under `inside`; returns {url: (status, leaks)}."""
    seen, queue, results = set(start), deque(start), {}
    while queue and len(results) < limit:
        url = queue.popleft()
        response = client.get(url)
        text = _body(response) if response.status_code < 300 else ""
        results[url] = (response.status_code, _leaks(_without_query_echo(text, url)))
        for match in _LINK.finditer(text):
            path = _local_path(match.group(1) or match.group(2))
            if not path or not path.startswith(inside) or any(s in path for s in skip):
                continue
            path = path.split("?")[0]  # filters and sort orders would multiply pages, not content
            if path not in seen:
                seen.add(path)
                queue.append(path)
    return results


def test_markers_are_visible_where_they_belong(planted, standards_editor, client):
    """The sweep is meaningful: the planted markers are really in the editorial records."""
    source = Source.objects.get(name="Harbor Authority officials (terminal repairs)")
    client.force_login(standards_editor)
    page = _body(client.get(reverse("admin:sources_source_change", args=[source.pk])))
    assert marker("identity", source.confidential.pk) in page
    assert ConfidentialAccess.objects.filter(user=standards_editor, source=source).exists()
    article_page = _body(client.get(reverse("admin:articles_article_change", args=[planted.pk])))
    # Editors who know are named by their names (newsroom.people.display_name), not logins.
    knower_name = f"{PREFIX}first {PREFIX}last"
    assert PREFIX + "-justification" in article_page and knower_name in article_page


def test_no_public_url_shows_a_confidential_marker(planted, client):
    results = crawl(
        client,
        public_start_urls(),
        limit=PUBLIC_PAGE_LIMIT,
        skip=("/admin/", "/static/", "/media/"),
    )
    leaks = {url: found for url, (status, found) in results.items() if found}
    assert not leaks
    errors = {url: status for url, (status, _) in results.items() if status >= 500}
    assert not errors
    ok = {url for url, (status, _) in results.items() if status == 200}
    snapshot_paths = set(PublishedArticle.objects.visible().values_list("url_path", flat=True))
    assert snapshot_paths <= ok
    assert {"/", "/corrections/", "/corrections/feed/"} <= ok
    assert any(url.startswith("/api/stories/") for url in ok)
    assert len(ok) > 40


def test_public_search_for_confidential_text_finds_no_story(planted, client):
    paths = list(PublishedArticle.objects.values_list("url_path", flat=True))
    for term in (PREFIX, marker("demo-identity", 0), marker("demo-basis", "0x0"), KNOWER):
        page = _body(client.get(reverse("search"), {"q": term}))
        assert not [path for path in paths if path in page], term
    assert planted.headline in _body(client.get(reverse("search"), {"q": "ferry terminal"}))


@pytest.fixture
def reporter_with_everything_else(make_user):
    """Every permission of the project's apps except the confidential one (and user admin)."""
    user = make_user("rita-allbut")
    user.user_permissions.add(
        *Permission.objects.exclude(content_type__app_label="auth").exclude(
            codename="view_confidential_source"
        )
    )
    user = get_user_model().objects.get(pk=user.pk)
    assert not user.has_perm("sources.view_confidential_source")
    return user


def _admin_start_urls() -> list[str]:
    urls = [reverse("admin:index")]
    for model, model_admin in admin.site._registry.items():
        info = model._meta.app_label, model._meta.model_name
        changelist = reverse("admin:{}_{}_changelist".format(*info))
        urls += [changelist, f"{changelist}?q={PREFIX}", reverse("admin:{}_{}_add".format(*info))]
        pks = model._default_manager.order_by("pk").values_list("pk", flat=True)[:400]
        for number, pk in enumerate(pks):
            # History and delete pages show the same fields for every row: a sample will do.
            for view in ("change", "history", "delete") if number < 25 else ("change",):
                urls.append(reverse("admin:{}_{}_{}".format(*info, view), args=[pk]))
        for field in getattr(model_admin, "autocomplete_fields", ()):
            urls.append(
                f"{reverse('admin:autocomplete')}?app_label={info[0]}&model_name={info[1]}"
                f"&field_name={field}&term={PREFIX[:3]}"
            )
    return urls


def test_no_admin_page_a_reporter_can_open_shows_a_confidential_marker(
    planted, reporter_with_everything_else, client
):
    client.force_login(reporter_with_everything_else)
    accesses = ConfidentialAccess.objects.count()
    results = crawl(
        client,
        _admin_start_urls(),
        inside="/admin/",
        limit=ADMIN_PAGE_LIMIT,
        skip=("/logout/", "/password/", "/jsi18n/"),
    )
    leaks = {url: found for url, (status, found) in results.items() if found}
    assert not leaks
    assert not {url: status for url, (status, _) in results.items() if status >= 500}
    opened = {url for url, (status, _) in results.items() if status == 200}
    article_page = reverse("admin:articles_article_change", args=[planted.pk])
    assert article_page in opened  # the story with its attribution inline
    source_pages = [u for u in opened if u.startswith("/admin/sources/source/") and "change" in u]
    assert len(source_pages) >= Source.objects.count()
    assert len(opened) > 200
    # Nothing confidential was shown, so nothing was logged as viewed.
    assert ConfidentialAccess.objects.count() == accesses


def test_search_for_a_marker_finds_nothing_for_the_reporter(
    planted, reporter_with_everything_else, client
):
    """Searching the admin must not reveal confidential text by which rows match."""
    client.force_login(reporter_with_everything_else)
    searched = 0
    for model, model_admin in admin.site._registry.items():
        if not model_admin.search_fields:
            continue
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        for term in (PREFIX, marker("identity", ""), KNOWER, "Deputy director"):
            response = client.get(url, {"q": term})
            if response.status_code != 200:
                continue
            searched += 1
            assert response.context["cl"].result_count == 0, (url, term)
    assert searched >= 20


def test_public_story_page_shows_the_sourcing_box_but_no_secret(planted, client):
    snapshot = PublishedArticle.objects.get(article=planted)
    page = _body(client.get(snapshot.url_path))
    assert "How we sourced this" in page
    assert "because the board has not voted on the closure" in page
    assert "The Lantern Gazette" in page
    assert "Ferry Operators Union Local 9" in page
    assert not _leaks(page)
    assert "Deputy director" not in page
    assert planted.editor.username not in page  # the editor who knows
    assert Article.objects.get(pk=planted.pk).state == ArticleState.PUBLISHED


def test_snapshots_and_the_story_export_carry_no_marker(planted):
    """The public copy itself is clean, so every public reader of it is clean by construction."""
    from io import StringIO

    from django.core import serializers
    from django.core.management import call_command

    snapshots = PublishedArticle.objects.all()
    assert snapshots.count() >= 5
    assert not _leaks(serializers.serialize("json", snapshots))
    out = StringIO()
    call_command("export_stories", stdout=out)
    assert len(out.getvalue().splitlines()) == PublishedArticle.objects.visible().count()
    assert not _leaks(out.getvalue())
