"""Every address the site answers, asked with hostile values, never gives a server error.

The URL patterns come from the resolver itself (admin, each model's admin pages, our custom
admin pages, the public site), so a new page is fuzzed without anyone listing it here. Each
pattern is requested as an anonymous reader, a reporter and an editor:

- with each hostile value in place of each path argument (non-numeric ids, NUL, a huge number,
  a 10,000-character string, invalid UTF-8, path traversal);
- at a real object's address, with the hostile values in the query string (the parameters our
  views read, and in admin lists every filter, date and search parameter one at a time);
- at a real object's address, POSTed with the hostile values in every form field, and for the
  workflow page once per workflow action, so free text reaches the code that stores it.

Each request runs in a savepoint that is rolled back, so all of them meet the same data.

Exceptions become 500 responses (`raise_request_exception=False`); the test lists every
request that got one.
"""

import itertools
import os
import re
from collections import Counter
from urllib.parse import quote

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone
from reversion.models import Version
from taggit.models import Tag

from articles import workflow
from articles.collaboration import comments
from articles.images.renditions import create_renditions
from articles.models import Article, ArticleState, PublishedArticle, ReviewStep, Section
from articles.review import links as sign_off_links
from articles.workflow import preview, revisions
from articles.workflow.permissions import ensure_role_groups
from authors.models import Author
from demo.loader import demo_users, load_demo
from sources.proposals import proposals_refresh
from tests.conftest import shared_rows, use_small_renditions

pytestmark = pytest.mark.django_db

LONG = "x" * 10_000
# Digits and numbers beyond ASCII, one of each Unicode class, already percent-encoded (they go
# into addresses and bodies as they are). str.isdigit() says yes to the first five; int() reads
# the decimal ones (Arabic-Indic, Devanagari, fullwidth) and refuses the rest, which isnumeric()
# alone lets through.
NON_ASCII_DIGITS = [
    "%C2%B2",  # ² superscript two (Unicode "digit", not decimal)
    "%E2%91%A0",  # ① circled one (digit, not decimal)
    "%D9%A1%D9%A2%D9%A3",  # ١٢٣ Arabic-Indic (decimal: int() reads 123)
    "%E0%A5%AA%E0%A5%A8",  # ४२ Devanagari (decimal: 42)
    "%EF%BC%91%EF%BC%92",  # １２ fullwidth (decimal: 12)
    "%C2%BD",  # ½ vulgar fraction (numeric only)
    "%E2%85%AB",  # Ⅻ Roman numeral twelve (numeric only)
    "1%C2%B2",  # 1² an ASCII digit then a superscript
]
# Numbers just past what a column holds, and spellings int() accepts but an id is not.
NUMBERS = [
    "9223372036854775808",  # 2**63: one past PostgreSQL's bigint
    "-9223372036854775809",
    "9" * 5000,  # past int()'s 4,300-digit limit: ValueError, not a number
    "%2B1",  # +1
    "1_000",
    "0x10",
    "1e3",
    "%201",  # " 1"
    "0",
]
PATH_VALUES = [
    *["abc", "%00", "99999999999999999999", LONG, "%ff%fe", "../../etc/passwd"],
    *NON_ASCII_DIGITS,
    *["9223372036854775808", "9" * 5000, "-1", "0"],
]
VALUES = [
    "abc",
    "%00",
    "1%00",
    "99999999999999999999",
    LONG,
    "%ff%fe",
    "..%2F..%2Fetc%2Fpasswd",
    "-1",
    "-" * 40,  # overflowed PostgreSQL's full-text query parser
    *NON_ASCII_DIGITS,
    *NUMBERS,
]
# What our own views read from the query string, sent all at once.
QUERY_PARAMS = [
    *["q", "page", "a", "b", "from", "to", "section", "next", "term", "days", "format"],
    *["day", "week", "person", "status"],  # the story budget's views
    *["after", "before", "order"],  # a live story's stream and its updates
]
# Admin pages anonymous readers may use (the last two redirect to articles.external's pages).
OPEN_ADMIN_PAGES = {"login", "articles_shared_preview", "articles_sign_off_link"}
# What admin lists read, sent one at a time (one bad name makes Django ignore the rest).
CHANGELIST_PARAMS = ["q", "p", "o", "_changelist_filters", "_to_field"]
# Form fields our hand-written admin views read, besides each model's own fields.
POST_FIELDS = [
    "action",
    "live_action",
    "note",
    "changes_note",
    "retraction_notice",
    "withdraw_note",
    "text",
    "at",
    "mode",
    "correction_text",
    "correction_kind",
    "break_embargo_reason",  # the embargo: "Break the embargo", and the share form's box
    "embargo_cleared",
    "days",
    "expected_version",
    "index",
    "_selected_action",
    "select_across",
    "username",
    "password",
    "old_password",
    "new_password1",
    "new_password2",
    "term",
    "q",
    "next",
    "plan",
    "day",
    "revoke",
    # presence: the heartbeat's version, and the merge view's "Continue editing" form
    *["version", "continue", "based_on", "theirs_version", "choose_headline", "choose_body"],
    *["mine_headline", "mine_body"],
    *["step", "decision", "name", "email", "sent_to"],  # review chains' sign-offs and links
    *["zone", "slot", "story", "section", "tag", "kind"],  # the front editor (and "version")
]
# Review chain pages whose id is a story's, though they sit under the review steps' admin.
REVIEW_CHAIN_STORY_PAGES = {
    "articles_reviewstep_decide",
    "articles_reviewstep_send_link",
    "articles_reviewstep_ask",
}
ROUTE_ARG = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>\w+)>")
REGEX_GROUP = re.compile(r"\(\?P<(?P<name>\w+)>[^)]*\)")


def url_templates():
    """(template, url name, argument names) for every pattern; arguments as {name}."""

    def walk(resolver, prefix):
        for entry in resolver.url_patterns:
            if isinstance(entry, URLResolver):
                yield from walk(entry, prefix + _template(entry.pattern))
            elif isinstance(entry, URLPattern):
                yield prefix + _template(entry.pattern), entry.name

    for template, name in walk(get_resolver(), ""):
        yield template, name, re.findall(r"{(\w+)}", template)


def _template(pattern) -> str:
    text = str(pattern)
    if ROUTE_ARG.search(text) or "(?P<" not in text:
        return ROUTE_ARG.sub(r"{\g<name>}", text)
    return REGEX_GROUP.sub(r"{\g<name>}", text).replace("^", "").replace("$", "")


def _admin_model(template: str):
    match = re.match(r"admin/(\w+)/(\w+)/", template)
    if not match:
        return None
    for model, model_admin in admin.site._registry.items():
        if (model._meta.app_label, model._meta.model_name) == match.groups():
            return model, model_admin
    return None


class Samples:
    """A real value for each kind of path argument, from the demo content."""

    def __init__(self, reporter):
        self.article = (
            Article.objects.filter(created_by=reporter, state=ArticleState.IN_REVIEW).first()
            or Article.objects.filter(created_by=reporter).first()
        )
        self.snapshot = PublishedArticle.objects.filter(status="live").first()
        self.link = preview.create_preview_link(reporter, self.article, days=2)
        self.sign_off_link = self._sign_off_link(reporter)
        revisions.record_revision(self.article, user=reporter, comment="Before the fuzz")
        # Made after commit in real life, which a test never reaches; each preview would
        # otherwise encode them again (and roll them back).
        create_renditions(self.article.lead_image)
        self.version = Version.objects.get_for_object(self.article).first()
        self.section = Section.objects.filter(articles__isnull=False).first()
        self.author = Author.objects.first()
        self.tag = Tag.objects.first()
        self.comment = comments.add_comment(
            reporter, self.article, text="A sample comment", quote=self.article.headline
        )

    def kwargs(self, template: str, name: str, args: list[str]) -> dict | None:
        """Real arguments for the pattern; {} for an admin page of a model with no rows yet;
        None for a pattern this test does not know how to fill (add it below)."""
        if not args:
            return {}
        found = _admin_model(template)
        if name in REVIEW_CHAIN_STORY_PAGES:  # under the review steps' admin, about a story
            return {args[0]: self.article.pk}
        if name == "articles_storycomment_story":  # a story's comments: the story's id
            return {args[0]: self.article.pk}
        if found and len(args) == 1:
            model = found[0]
            if issubclass(model, Article):  # the story pages, the review queue
                return {args[0]: self.article.pk}
            obj = model._default_manager.order_by("pk").first()
            return {args[0]: obj.pk} if obj else {}
        story = self.snapshot.url_path.strip("/").split("/")
        known = {
            "view_on_site": {
                "content_type_id": ContentType.objects.get_for_model(Article).pk,
                "object_id": self.article.pk,
            },
            "app_list": {"app_label": "articles"},
            None: {"url": "nowhere/"},
            "auth_user_password_change": {"id": get_user_model().objects.first().pk},
            "sources_attributionproposal_refresh": {"article_id": self.article.pk},
            "articles_shared_preview": {"token": preview.signed_token(self.link)},
            "shared_preview": {"token": preview.signed_token(self.link)},
            "sign_off": {"token": sign_off_links.signed_token(self.sign_off_link)},
            "articles_article_restore": {
                "object_id": self.article.pk,
                "version_id": self.version.pk,
            },
            "articles_sign_off_link": {"token": sign_off_links.signed_token(self.sign_off_link)},
            "articles_reviewstep_revoke_link": {
                "object_id": self.article.pk,
                "link_id": self.sign_off_link.pk,
            },
            "articles_reviewstep_remove": {
                "object_id": self.article.pk,
                "step_id": self.sign_off_link.step_id,
            },
            "articles_sign_off_decide": {
                "article_id": self.article.pk,
                "step_id": self.sign_off_link.step_id,
            },
            "articles_storycomment_action": {"comment_id": self.comment.pk, "action": "edit"},
            "articles_article_share_revoke": {
                "object_id": self.article.pk,
                "link_id": self.link.pk,
            },
            "policy": {"kind": self._policy_kind()},
            "sitemap-section": {"section": self.section.slug},
            "sitemap-stories": {"number": 1},
            "feed-section": {"slug": self.section.slug},
            "feed-section-atom": {"slug": self.section.slug},
            "feed-author": {"slug": self.author.slug},
            "feed-author-atom": {"slug": self.author.slug},
            "feed-tag": {"slug": self.tag.slug},
            "feed-tag-atom": {"slug": self.tag.slug},
            "api-story": {"article_id": self.snapshot.article_id},
            "report-error": {"story_id": self.snapshot.article_id},
            "author": {"slug": self.author.slug},
            "tag": {"slug": self.tag.slug},
            "story": dict(zip(["section", "year", "month", "day", "slug"], story, strict=True)),
            "story-versions": self._story_kwargs(story),
            "story-versions-json": self._story_kwargs(story),
            "story-version-text": {**self._story_kwargs(story), "number": 1},
            "story-version-statement": {**self._story_kwargs(story), "number": 1},
            "live-updates": {"article_id": self.snapshot.article_id},
            "live-feed": dict(zip(["section", "year", "month", "day", "slug"], story, strict=True)),
            "live-feed-atom": dict(
                zip(["section", "year", "month", "day", "slug"], story, strict=True)
            ),
            "articles_article_live_entry": {"object_id": self.article.pk, "entry_id": 1},
            "live-entry": {
                **dict(zip(["section", "year", "month", "day", "slug"], story, strict=True)),
                "entry_id": 1,
            },
            "section": {"slug": self.section.slug},
        }
        return known.get(name)

    @staticmethod
    def _story_kwargs(story: list[str]) -> dict:
        return dict(zip(["section", "year", "month", "day", "slug"], story, strict=True))

    def _sign_off_link(self, user):
        """A review chain step (in a section of its own, so the sample story's publish is not
        held by it) and a sign-off link for the sample story; its page then says the story is
        not in that chain, after reading every field."""
        section = Section.objects.create(name="Fuzz investigations", slug="fuzz-investigations")
        step = ReviewStep.objects.create(section=section, name="Legal", user=user)
        return sign_off_links.new_link(
            user, self.article, step, days=2, sent_to="counsel", now=timezone.now()
        )

    def _policy_kind(self):
        from sources.models import TOP_LEVEL_PAGES, PolicyPage

        # One served under /policies/ (the top-level ones answer there with a redirect).
        pages = PolicyPage.objects.exclude(kind__in=TOP_LEVEL_PAGES)
        return pages.values_list("kind", flat=True).first() or "anonymous-sources"


def changelist_params(model_admin) -> list[str]:
    """Every filter and date parameter the admin list accepts, as Django names them."""
    names = list(CHANGELIST_PARAMS)
    for entry in model_admin.list_filter:
        if isinstance(entry, (list, tuple)):
            entry = entry[0]
        if isinstance(entry, str):
            names += [
                f"{entry}__exact",
                f"{entry}__isnull",
                f"{entry}__id__exact",
                f"{entry}__gte",
                f"{entry}__lt",
            ]
        elif getattr(entry, "parameter_name", None):
            names.append(entry.parameter_name)
    if model_admin.date_hierarchy:
        names += [f"{model_admin.date_hierarchy}__{part}" for part in ("year", "month", "day")]
    return names


def mixed(names, shift: int) -> str:
    """Each parameter a different hostile value, rotated by `shift`: over all shifts every
    parameter meets every value, and every request carries every kind of value."""
    return "&".join(
        f"{quote(name)}={VALUES[(i + shift) % len(VALUES)]}" for i, name in enumerate(names)
    )


def form_fields(model) -> list[str]:
    fields = list(POST_FIELDS)
    if model is not None:
        fields += [f.name for f in model._meta.get_fields() if not f.auto_created]
    return fields


def requests_for(samples: Samples, *, full: bool):
    """(method, address, body, who) for every request of the fuzz; `who` is "all" or
    "staff" (an admin page: anonymous readers get only its hostile-id requests, which
    redirect to the login page)."""
    shifts = range(len(VALUES)) if full else (0, len(VALUES) // 2)
    for template, name, args in url_templates():
        found = _admin_model(template)
        model, model_admin = found if found else (None, None)
        staff_only = template.startswith("admin/") and name not in OPEN_ADMIN_PAGES
        who = "staff" if staff_only else "all"
        valid = samples.kwargs(template, name, args)
        for arg in args:
            for value in PATH_VALUES:
                values = {a: quote(str((valid or {}).get(a, "1"))) for a in args}
                values[arg] = value
                yield "GET", "/" + template.format(**values), None, "all"
        if valid is None:
            yield "MISSING", template, name, None
            continue
        if len(valid) < len(args):
            continue  # an admin list with no rows yet (the hostile ids above still ran)
        if name == "logout":
            continue  # a POST logs the user out, and the rest would run as anonymous
        address = "/" + template.format(**{a: quote(str(v)) for a, v in valid.items()})
        if name and name.endswith("_changelist"):
            for i, param in enumerate(changelist_params(model_admin)):
                for shift in shifts:
                    value = VALUES[(i + shift) % len(VALUES)]
                    yield "GET", f"{address}?{param}={value}", None, who
        else:
            for shift in shifts:
                yield "GET", f"{address}?{mixed(QUERY_PARAMS, shift)}", None, who
        for shift in shifts:
            yield "POST", address, mixed(form_fields(model), shift), who
        if name == "articles_article_workflow":
            fields = [f for f in POST_FIELDS if f != "action"]
            for action in [*workflow.ACTION_LABELS, "break_embargo"]:  # + the embargo's
                for shift in shifts:
                    yield "POST", address, f"action={action}&{mixed(fields, shift)}", who
        if name == "autocomplete":
            for model, model_admin in admin.site._registry.items():
                for field in model_admin.autocomplete_fields:
                    for value in VALUES if full else VALUES[:4]:
                        query = (
                            f"app_label={model._meta.app_label}&model_name="
                            f"{model._meta.model_name}&field_name={field}&term={value}"
                        )
                        yield "GET", f"{address}?{query}", None, who


class RollBack(Exception):
    """Leaves the request's savepoint by rolling it back."""


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo newsroom (small pictures) and its reporter and editor, loaded once for the
    module and rolled back after it (tests/conftest.py shared_rows). test_fuzz_properties
    and test_unicode_digits use it too: one load per module, each test in a savepoint."""
    with shared_rows(django_db_blocker), pytest.MonkeyPatch.context() as monkeypatch:
        use_small_renditions(monkeypatch)
        ensure_role_groups()
        cache.clear()
        load_demo()
        for article in Article.objects.all():
            proposals_refresh(article=article)
        yield demo_users()


def test_no_address_gives_a_server_error(demo):
    reporter, editor = demo
    samples = Samples(reporter)
    full = os.environ.get("NEWSROOM_FUZZ_FULL") == "1"
    clients = {"anonymous": Client(raise_request_exception=False)}
    for role, user in (("reporter", reporter), ("editor", editor)):
        clients[role] = Client(raise_request_exception=False)
        clients[role].force_login(user)
    # Each request goes to the next role in turn (in full mode to every role), so every
    # role meets every pattern and every kind of value without tripling the run time.
    turns = {"all": itertools.cycle(["anonymous", "reporter", "editor"]), "staff": None}
    turns["staff"] = itertools.cycle(["reporter", "editor"])
    failures, missing, counts = [], set(), Counter()
    for method, address, body, who in requests_for(samples, full=full):
        if method == "MISSING":
            missing.add(f"{address} ({body})")
            continue
        roles = clients if full and who == "all" else [next(turns[who])]
        if full and who == "staff":
            roles = ["reporter", "editor"]
        for role in roles:
            response = _request(clients[role], method, address, body)
            counts[role] += 1
            if response.status_code >= 500:
                failures.append(f"{role} {method} {address[:160]} {(body or '')[:80]}")
    for role, user in (("reporter", reporter), ("editor", editor)):
        # Still logged in: nothing above ran as anonymous by mistake.
        assert clients[role].get("/admin/").wsgi_request.user == user
    print(f"fuzz: {sum(counts.values())} requests {dict(counts)}, {len(failures)} server errors")
    assert not missing, "Give these patterns a real sample in Samples.kwargs: " + ", ".join(
        sorted(missing)
    )
    assert not failures, f"{len(failures)} server errors:\n" + "\n".join(failures[:200])


def _request(client, method: str, address: str, body: str | None):
    """One request in a savepoint that is rolled back: every request meets the same data,
    and a database error in one does not break the test's transaction for the rest."""
    try:
        with transaction.atomic():
            if method == "GET":
                response = client.get(address)
            else:
                response = client.post(
                    address, body, content_type="application/x-www-form-urlencoded"
                )
            raise RollBack
    except RollBack:
        return response
