"""Shared fixtures: the people in each role (the one home of role fixtures), and small
builders for stories."""

import contextlib
import io
import os
from pathlib import Path

import pytest
from _pytest.nodeid import NodeId
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser, Group
from django.core.cache import cache
from django.core.files.base import ContentFile
from PIL import Image as PILImage

from articles.models import Article, ArticleAuthor, Image, Section
from articles.workflow.permissions import ensure_role_groups
from authors.models import Author
from tests import db_template

COPIED_DATABASE = pytest.StashKey[str]()


def pytest_configure(config):
    config.addinivalue_line(
        "markers",
        "real_two_factor: client.force_login leaves the session without a second factor",
    )


TESTS = Path(__file__).resolve().parent
# The lanes, in one place. A test is marked by the folder it lives in ("paths", under tests/), by
# its module's file name ("modules") or its own name ("tests": module file::function), or by a
# fixture it uses, directly or through another fixture. Names are used rather than folders so a
# module keeps its mark when it moves; a new test in those folders or modules, or with those
# fixtures, is marked without anyone remembering to. `./dev test --fast` leaves these markers
# out; `./dev test` and CI run everything.
LANES = {
    # A real headless Chromium against the live server.
    "browser": {"paths": ("browser/",)},
    # A real varnishd in front of the live server (tests/articles/edge/conftest.py).
    "edge": {"fixtures": ("varnish",)},
    # Real processes besides the test's own, or seconds of work each.
    "slow": {
        # pg_dump, pg_restore and psql into databases of their own
        "modules": ("test_backup.py",),
        # the whole demo newsroom loaded (3 s quiet, 10-25 s under load, each)
        "fixtures": ("fresh_database", "demo", "demo_newsroom", "planted"),
        "tests": (
            # Django started in a new interpreter, with production settings
            "test_project.py::test_production_refuses_to_start_without_a_secret_key",
            "test_project.py::test_production_refuses_to_start_without_allowed_hosts",
            "test_project.py::test_production_refuses_to_start_without_a_shared_cache_or_site_url",
            "test_project.py::test_production_starts_with_all_of_them",
            "test_project.py::test_settings_refuse_a_non_postgres_database",
            "test_project.py::test_production_passes_djangos_deployment_checks",
            "test_uploads.py::test_pillow_itself_refuses_anything_beyond_the_limit_from_start_up",
            # Sweeps: every lookup path into a secret (the other sweeps load the demo)
            "test_confidential_lookups.py::"
            "test_no_lookup_into_a_confidential_model_answers_without_the_permission",
            # the whole demo newsroom loaded, the last one with every rendition (AVIF too)
            "test_loader.py::test_demo_content_loads_once",
            "test_loader.py::test_demo_content_is_rich_enough",
            "test_loader.py::test_the_demo_reporter_writes_as_a_byline_author",
            "test_planning.py::test_the_demo_has_a_planned_day_with_one_draft_started",
            "test_planning.py::test_the_planned_day_loads_once",
            "test_workflow.py::"
            "test_demo_stories_reach_their_states_through_the_workflow_and_its_standards",
            "test_workflow.py::test_demo_correction_comes_with_an_update_after_the_first_publication",
            "test_comments.py::test_the_demo_has_a_commented_story_in_review",
            # the Nu HTML Checker (Java, vnu.jar) over every page type of the demo
            "test_valid_html.py::test_every_public_page_type_is_valid_by_the_nu_html_checker",
        ),
    },
}


@pytest.hookimpl(tryfirst=True)  # before -m deselects by these markers
def pytest_collection_modifyitems(config, items):
    skip_browser = os.environ.get("NEWSROOM_SKIP_BROWSER") == "1"
    for item in items:
        try:
            where = item.path.relative_to(TESTS).as_posix()
        except ValueError:
            where = ""
        name = f"{item.path.name}::{getattr(item, 'originalname', item.name)}"
        for marker, rule in LANES.items():
            if (
                where.startswith(rule.get("paths", ()))
                or item.path.name in rule.get("modules", ())
                or name in rule.get("tests", ())
                or set(rule.get("fixtures", ())) & set(item.fixturenames)
            ):
                item.add_marker(marker)
        # Browser tests never skip silently: only this explicit setting skips them.
        if skip_browser and item.get_closest_marker("browser"):
            item.add_marker(pytest.mark.skip(reason="NEWSROOM_SKIP_BROWSER=1"))
        if _uses_shared_fixture(item):
            # One worker runs the module's tests that share it, one after another (--dist
            # loadgroup): handed out one by one, both workers built it (a demo load each).
            _group(config, item, item.path.relative_to(TESTS).as_posix())
    if hasattr(config, "workerinput"):
        # Under pytest-xdist the longest tests go first (every worker sorts alike, so they
        # agree on the order): a two-minute sweep handed out last would keep one worker busy
        # long after the other has finished.
        items.sort(key=_heaviest_first)


def _group(config, item, name: str) -> None:
    """pytest.mark.xdist_group(name), made to work: pytest-xdist 3.8 groups by the "@name" it
    appends to `item._nodeid`, which pytest 9 no longer reads (its nodeid is `item._id`), so
    under pytest 9 the suffix is put there too, as xdist would (the test's id in the report
    then ends in "@name", as with xdist on pytest 8). Only an xdist worker has the
    `loadgroup` option (with -n 0 there is none to read)."""
    item.add_marker(pytest.mark.xdist_group(name))
    if getattr(config.option, "loadgroup", False) and isinstance(
        getattr(item, "_id", None), NodeId
    ):
        item._id = NodeId.parse(f"{item.nodeid}@{name}")


def _uses_shared_fixture(item) -> bool:
    """Whether the test uses a module- or class-scoped fixture of the suite's own (the demo
    newsroom in shared_rows, a video made by ffmpeg), directly or through another fixture."""
    info = getattr(item, "_fixtureinfo", None)
    for definitions in info.name2fixturedefs.values() if info else ():
        fixture = definitions[-1]
        if (
            fixture.scope in ("module", "class")
            and TESTS in Path(fixture.func.__code__.co_filename).parents
        ):
            return True
    return False


def _heaviest_first(item) -> int:
    for rank, marker in enumerate(("slow", "browser", "edge")):
        if item.get_closest_marker(marker):
            return rank
    return 3


@pytest.fixture(scope="session")
def django_db_keepdb(
    request, django_test_environment, django_db_blocker, django_db_modify_db_settings
):
    """The test database is made as a copy of a template migrated once (tests/db_template.py),
    and pytest-django then uses it as a kept database. With --reuse-db, or
    NEWSROOM_TEST_DB_TEMPLATE=0, pytest-django's own way."""
    if request.config.getvalue("reuse_db") or not db_template.ENABLED:
        return request.config.getvalue("reuse_db")
    from django.db import connection

    with django_db_blocker.unblock():
        request.config.stash[COPIED_DATABASE] = db_template.copy_test_database(connection)
    return True


@pytest.fixture(scope="session")
def django_db_setup(request, django_db_setup, django_db_blocker):
    """pytest-django's test database (one per xdist worker: <NEWSROOM_TEST_DB_NAME>_gw0, ...),
    with every connection closed before it is dropped: a replica alias (a TEST MIRROR of
    default) left open by a test would make the DROP fail and leave the database behind.
    A copy of the template (above) is dropped here; pytest-django keeps what it thinks kept."""
    yield
    from django.db import connection, connections

    connections.close_all()
    copied = request.config.stash.get(COPIED_DATABASE, None)
    if copied:
        with django_db_blocker.unblock():
            db_template.drop_test_database(connection, copied)


@contextlib.contextmanager
def shared_rows(django_db_blocker):
    """For a module- or class-scoped fixture that builds rows many tests read (the demo
    newsroom, say): they are written once, in a transaction that is rolled back when the
    fixture ends. Each test still runs in a savepoint of its own inside it (pytest-django's
    `db`), so what one test writes the next never sees, as with rows built per test.
    Only for modules without transactional tests (live_server, transaction=True): those would
    run inside the open transaction while the fixture lives.

        @pytest.fixture(scope="module")
        def newsroom(django_db_setup, django_db_blocker):
            with shared_rows(django_db_blocker):
                yield build()
    """
    from django.db import transaction

    with django_db_blocker.unblock(), transaction.atomic():
        yield
        transaction.set_rollback(True)


@pytest.fixture(autouse=True)
def _force_login_passes_second_factor(request, monkeypatch):
    """`client.force_login(user)` stands for a finished login: for a user who needs a
    second factor (newsroom.security.two_factor) that includes entering a code, so the session gets
    a verified device as the code step would leave it. Tests of the two-factor rule itself
    are marked `real_two_factor` and see the bare session."""
    if request.node.get_closest_marker("real_two_factor"):
        return
    from django.test import Client

    from tests import otp

    original = Client.force_login

    def force_login(self, user, backend=None):
        original(self, user, backend)
        if otp.needs_second_factor(user):
            otp.verify_session(self, user)

    monkeypatch.setattr(Client, "force_login", force_login)


@pytest.fixture(autouse=True)
def _empty_cache():
    """Every test starts with an empty cache (page cache, menus, permission-free lookups)."""
    cache.clear()


@pytest.fixture
def small_renditions(monkeypatch):
    """One small JPEG per picture, for tests about stories rather than pictures (AVIF
    encoding of every width is what makes loading the demo slow)."""
    use_small_renditions(monkeypatch)


def use_small_renditions(monkeypatch) -> None:
    """small_renditions for a fixture of any scope (pytest.MonkeyPatch.context())."""
    from articles.images import renditions as images

    monkeypatch.setattr(images, "rendition_formats", lambda: ("jpeg",))
    monkeypatch.setattr(images, "WIDTHS", (480,))


@pytest.fixture
def role_groups(db):
    """The "Reporters" and "Editors" groups. A data migration makes them, but a transactional
    test elsewhere may have flushed them, so they are ensured again."""
    ensure_role_groups()


def user_maker():
    """`make(username, groups=..., superuser=..., **fields)`: a staff user whose password is
    "pw-<username>". A plain function, so fixtures of any scope can build with it."""
    groups_ensured = False  # once per maker: a dozen queries each time

    def make(username: str, *, groups=(), superuser=False, **extra):
        nonlocal groups_ensured
        User = get_user_model()
        if groups and not groups_ensured:
            ensure_role_groups()
            groups_ensured = True
        if superuser:
            user = User.objects.create_superuser(
                username, f"{username}@example.com", "pw-" + username
            )
        else:
            user = User.objects.create_user(
                username, f"{username}@example.com", "pw-" + username, is_staff=True, **extra
            )
        for name in groups:
            user.groups.add(Group.objects.get(name=name))
        return user

    return make


@pytest.fixture
def make_user(db):
    return user_maker()


@pytest.fixture
def superuser(make_user):
    return make_user("boss", superuser=True)


@pytest.fixture
def reporter(make_user):
    return make_user("rita", groups=["Reporters"], first_name="Rita", last_name="Reyes")


@pytest.fixture
def other_reporter(make_user):
    return make_user("omar", groups=["Reporters"])


@pytest.fixture
def editor(make_user):
    return make_user("edna", groups=["Editors"], first_name="Edna", last_name="Ives")


@pytest.fixture
def second_editor(make_user):
    return make_user("ezra", groups=["Editors"])


@pytest.fixture
def unprivileged(make_user):
    """Staff, with no group and no permission."""
    return make_user("ursula")


@pytest.fixture
def anonymous():
    return AnonymousUser()


def jpeg_bytes(size=(640, 360), color=(30, 90, 160)) -> bytes:
    out = io.BytesIO()
    PILImage.new("RGB", size, color).save(out, "JPEG")
    return out.getvalue()


def new_section() -> Section:
    return Section.objects.create(name="City", slug="city")


def new_author() -> Author:
    return Author.objects.create(
        name="Rosa Park-Lindqvist", slug="rosa-park-lindqvist", job_title="City reporter"
    )


def new_image() -> Image:
    img = Image(alt_text="A ferry at dusk", caption="The last ferry.", credit="Staff photo")
    img.file.save("ferry.jpg", ContentFile(jpeg_bytes()), save=True)
    return img


def article_maker(section, author, image):
    """`make(headline, **fields)`: a story in `section` by `author` with `image` on top."""

    def make(headline="Ferry fares rise for the first time in a decade", **fields):
        from django.utils.text import slugify

        fields.setdefault("slug", slugify(headline)[:200])
        fields.setdefault("dek", "Commuters will pay 50 cents more from March.")
        fields.setdefault("body", "<p>The harbor ferry will cost more.</p>")
        fields.setdefault("section", section)
        fields.setdefault("lead_image", image)
        article = Article.objects.create(headline=headline, **fields)
        ArticleAuthor.objects.create(article=article, author=author, position=0)
        return article

    return make


@pytest.fixture
def section(db):
    return new_section()


@pytest.fixture
def author(db):
    return new_author()


@pytest.fixture
def image(db):
    return new_image()


@pytest.fixture
def make_article(db, section, author, image):
    return article_maker(section, author, image)


def story_form_data(client, article, **changes) -> tuple[str, dict, object]:
    """The story form as the admin page sends it: (url, POST data, the GET response).

    An unsaved `article` gives the add form.

    Every inline formset is posted empty unless `changes` says otherwise.
    """
    from django.urls import reverse

    if article.pk is None:
        url = reverse("admin:articles_article_add")
    else:
        url = reverse("admin:articles_article_change", args=[article.pk])
    page = client.get(url)
    data = {
        "headline": article.headline,
        "slug": article.slug,
        "dek": article.dek,
        "body": article.body,
        "section": article.section_id,
        "tags": "",
        "lead_image": article.lead_image_id or "",
        "dateline": article.dateline,
        "kind_of_work": article.kind_of_work,
        "how_we_reported": article.how_we_reported,
        "expected_version": article.version,
    }
    for formset in page.context["inline_admin_formsets"]:
        prefix = formset.formset.prefix
        data.update({f"{prefix}-TOTAL_FORMS": 0, f"{prefix}-INITIAL_FORMS": 0})
    data.update(changes)
    return url, data, page
