"""The admin's scripts: one dialect (ES2015+, no `var`, no `function ()` callbacks) and one way
of posting (static/js/newsroom-fetch.js, loaded by the admin's frame before the others)."""

import re
from pathlib import Path

from django.conf import settings

JS = Path(settings.BASE_DIR) / "static" / "js"
HELPER = JS / "newsroom-fetch.js"
SCRIPTS = sorted(path for path in JS.glob("*.js") if path != HELPER)


def _code(path: Path) -> str:
    """The script without its // comments (they may say "var" in prose)."""
    return "\n".join(re.sub(r"^\s*//.*$", "", line) for line in path.read_text().splitlines())


def test_there_are_scripts_to_check():
    assert HELPER.exists() and len(SCRIPTS) >= 10


def test_every_script_is_written_in_one_dialect():
    old = re.compile(r"\bvar\s|\bfunction\s*\(")
    found = [
        f"{path.name}:{number}: {line.strip()}"
        for path in [HELPER, *SCRIPTS]
        for number, line in enumerate(_code(path).splitlines(), 1)
        if old.search(line)
    ]
    assert found == []


def test_only_the_helper_reads_the_csrf_token_or_posts():
    copies = [
        path.name
        for path in SCRIPTS
        if re.search(r"csrfmiddlewaretoken\]|X-CSRFToken|method:\s*\"POST\"", _code(path))
    ]
    assert copies == []


def test_no_script_asks_for_json_with_a_header_the_server_never_reads():
    assert [path.name for path in SCRIPTS if "X-Requested-With" in path.read_text()] == []


def test_the_admin_frame_loads_the_helper_before_the_page_scripts():
    frame = (Path(settings.BASE_DIR) / "templates" / "admin" / "base_site.html").read_text()
    block = frame.split("{% block extrahead %}", 1)[1].split("{% endblock %}", 1)[0]
    assert "{{ block.super }}" in block  # the page's own media come after this block
    assert "js/newsroom-fetch.js" in block
