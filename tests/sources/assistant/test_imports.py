"""The language package imports no Django and no app of the project, checked by importing it.

tests/newsroom/project/test_architecture.py reads the import statements; this test imports
every module of `sources.assistant` in a fresh interpreter and looks at what got loaded, so an
import made through a third party or by `importlib` is caught as well. The parser's spaCy is
loaded by `sources/assistant/parse.py` alone, lazily, when a story is first parsed: importing
the package loads none of it.
"""

import json
import subprocess
import sys
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)
FORBIDDEN = ("django", "articles", "authors", "demo", "newsroom", "sources")
ALLOWED_INSIDE = ("sources.assistant",)

_IMPORT_ALL = """
import importlib, json, pkgutil, sys
package = importlib.import_module("sources.assistant")
for info in pkgutil.walk_packages(package.__path__, "sources.assistant."):
    importlib.import_module(info.name)
print(json.dumps(sorted(sys.modules)))
"""


def loaded_by_importing(root: Path) -> list[str]:
    """Every module that importing every module of `root`'s sources.assistant loads."""
    result = subprocess.run(
        [
            sys.executable,
            "-I",
            "-c",
            f"import sys; sys.path.insert(0, {str(root)!r})\n{_IMPORT_ALL}",
        ],
        capture_output=True,
        text=True,
        cwd=root,
        check=True,
    )
    return json.loads(result.stdout)


def loaded_outside_the_package(root: Path) -> list[str]:
    """Modules of Django or of the project (other than the package itself) that importing
    every module of `root`'s sources.assistant loads."""
    loaded = loaded_by_importing(root)
    return [
        name
        for name in loaded
        if name.split(".")[0] in FORBIDDEN
        and name != "sources"
        and not any(name == inside or name.startswith(inside + ".") for inside in ALLOWED_INSIDE)
    ]


def test_the_assistant_loads_no_django_and_no_app():
    assert loaded_outside_the_package(ROOT) == []


def test_importing_the_assistant_loads_no_spacy():
    loaded = loaded_by_importing(ROOT)
    assert "sources.assistant.parse" in loaded
    assert [name for name in loaded if name.split(".")[0] in ("spacy", "thinc", "numpy")] == []


def test_an_app_or_django_imported_by_the_assistant_is_caught(tmp_path):
    (tmp_path / "sources" / "assistant" / "finders").mkdir(parents=True)
    (tmp_path / "newsroom").mkdir()
    for package in ("sources", "sources/assistant", "newsroom"):
        (tmp_path / package / "__init__.py").write_text("")
    (tmp_path / "sources" / "assistant" / "finders" / "__init__.py").write_text(
        "import django.utils.html\n"
    )
    (tmp_path / "sources" / "assistant" / "text.py").write_text("from newsroom import html\n")
    (tmp_path / "newsroom" / "html.py").write_text("")

    loaded = loaded_outside_the_package(tmp_path)

    assert "newsroom.html" in loaded
    assert "django.utils.html" in loaded
