"""The layers of docs/architecture.md hold, and each one is shown failing on a planted import.

- no import circles between modules;
- apps import only the apps below them: newsroom ← authors ← articles ← sources ← demo
  (the stories app never imports sourcing);
- domain modules never import screens (admin, views, URLs, API, feeds, commands, tags);
- the language package (sources/assistant) imports neither Django nor any app;
- no module over 500 lines (data tables excepted), the benchmarks and the deploy scripts
  included; no folder of an app of more than 15 modules.
"""

import textwrap
from pathlib import Path

from django.conf import settings

from tests.newsroom.project import import_graph

ROOT = Path(settings.BASE_DIR)
# Long because they are data, not code: the assistant's word lists.
DATA_TABLES = {"sources/assistant/vocabulary.py"}
MAX_LINES = 500
MAX_MODULES_IN_A_FOLDER = 15
# Not apps, but code people read and change: held to the same length.
TOOLS = ("bench", "deploy")


def _plant(tmp_path: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text))
    for app in import_graph.APPS:
        (tmp_path / app).mkdir(exist_ok=True)
    return tmp_path


def test_no_import_circles():
    edges = import_graph.graph(ROOT)
    assert len(edges) > 100  # the whole project was read
    assert import_graph.cycles(edges) == []


def test_a_circle_would_be_found():
    edges = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert import_graph.cycles(edges) == [["a", "b", "c"]]


def test_apps_import_only_the_apps_below_them():
    assert import_graph.wrong_app_direction(import_graph.graph(ROOT)) == []


def test_the_stories_app_asking_sourcing_is_refused(tmp_path):
    root = _plant(
        tmp_path,
        {
            "articles/workflow/publishing.py": "from sources.standards import check_article\n",
            "sources/standards.py": "from articles.models import Article\n",
            "articles/models.py": "",
        },
    )
    assert import_graph.wrong_app_direction(import_graph.graph(root)) == [
        "articles.workflow.publishing imports sources.standards"
    ]


def test_domain_modules_never_import_screens():
    assert import_graph.domain_importing_screens(import_graph.graph(ROOT)) == []


def test_a_screen_imported_by_domain_code_is_refused(tmp_path):
    root = _plant(
        tmp_path,
        {
            "articles/workflow/transitions.py": "from articles.admin.story import page\n",
            "articles/admin/story/page.py": "from articles.workflow import transitions\n",
            "articles/public/views.py": "from articles.workflow import transitions\n",
        },
    )
    edges = import_graph.graph(root)
    assert import_graph.domain_importing_screens(edges) == [
        "articles.workflow.transitions imports articles.admin.story.page"
    ]


def test_the_screens_are_recognised():
    screens = [
        "articles.admin",
        "articles.admin.story.page",
        "articles.public.views",
        "articles.public.urls",
        "articles.public.api",
        "articles.public.feeds",
        "articles.external.views",
        "articles.management.commands.import_stories",
        "articles.templatetags.public_site",
        "sources.admin.inlines",
        "newsroom.urls",
    ]
    domain = [
        "articles.workflow.transitions",
        "articles.public.queries",
        "articles.public.rendering",
        "articles.models.story",
        "sources.standards",
        "newsroom.html",
    ]
    assert [import_graph.layer(m) for m in screens] == ["screen"] * len(screens)
    assert [import_graph.layer(m) for m in domain] == ["domain"] * len(domain)


def test_the_language_package_imports_no_django_and_no_app():
    assert import_graph.language_importing_apps(ROOT) == []


def test_the_language_package_importing_django_is_refused(tmp_path):
    root = _plant(
        tmp_path,
        {
            "sources/assistant/reader.py": "import re\nfrom . import text\n",
            "sources/assistant/text.py": "from django.utils.html import strip_tags\n",
            "sources/assistant/finders/quotes.py": "from newsroom.html import html_to_text\n",
            "newsroom/html.py": "",
        },
    )
    assert import_graph.language_importing_apps(root) == [
        "sources.assistant.finders.quotes imports newsroom.html",
        "sources.assistant.text imports django.utils.html",
    ]


def _code_files(folders=import_graph.APPS):
    for folder in folders:
        for path in (ROOT / folder).rglob("*.py"):
            if "migrations" not in path.parts:
                yield path


def test_no_module_is_over_500_lines():
    long = {
        str(path.relative_to(ROOT)): n
        for path in _code_files((*import_graph.APPS, *TOOLS))
        if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
        and str(path.relative_to(ROOT)) not in DATA_TABLES
    }
    assert long == {}


def test_no_folder_holds_more_than_15_modules():
    folders = {}
    for path in _code_files():
        if path.name != "__init__.py":
            folders.setdefault(str(path.parent.relative_to(ROOT)), []).append(path.name)
    crowded = {
        f: len(names) for f, names in folders.items() if len(names) > MAX_MODULES_IN_A_FOLDER
    }
    assert crowded == {}
