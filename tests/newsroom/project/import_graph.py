"""The project's import graph, read from the source, and the layers docs/architecture.md draws.

Every import is read (module level and inside functions alike: an import hidden in a
function is still a dependency). The functions take the tree's root, so a test can plant a
wrong import in a small tree of its own and see it refused.
"""

import ast
import re
from pathlib import Path

APPS = ("newsroom", "authors", "articles", "sources", "demo")

# The apps from the bottom up: an app may import the apps below it, never those above.
# sources builds on articles (an Attribution points at an Article); articles never asks
# sources anything: sourcing plugs into the story's extension points instead.
APP_ORDER = ("newsroom", "authors", "articles", "sources", "demo")

# Screens answer people and programs: admin classes, public views, the API, feeds, URL
# configurations, management commands, template tags and the pages for people without an
# account. Domain modules hold the rules; they never import a screen.
SCREEN = re.compile(
    r"""^(
        [a-z_]+\.admin(\..+)?            # admin packages and modules
      | .+\.(views|urls|api|feeds|sitemaps|middleware|context_processors)
      | [a-z_]+\.external(\..+)?         # pages for people without an account
      | .+\.management\.commands\..+
      | .+\.templatetags\..+
      | newsroom\.(admin_site|admin_mixins|security\.two_factor_views|security\.two_factor_admin)
    )$""",
    re.VERBOSE,
)
# The language package reads text and knows nothing of Django or of any app.
LANGUAGE = "sources.assistant"


def layer(module: str) -> str:
    if module == LANGUAGE or module.startswith(LANGUAGE + "."):
        return "language"
    if SCREEN.match(module):
        return "screen"
    return "domain"


def modules(root: Path, apps=APPS) -> dict[str, Path]:
    found = {}
    for app in apps:
        for path in (root / app).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            parts = list(path.relative_to(root).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts = parts[:-1]
            found[".".join(parts)] = path
    return found


def _targets(node, package: str, known: dict) -> list[str]:
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    base = node.module or ""
    if node.level:
        anchor = package.split(".")[: len(package.split(".")) - (node.level - 1)]
        base = ".".join([*anchor, *([node.module] if node.module else [])])
    # `from package import module` imports the module; `from module import name` the module.
    return [f"{base}.{a.name}" if f"{base}.{a.name}" in known else base for a in node.names]


def imports(name: str, path: Path, known: dict, *, external: bool = False) -> set[str]:
    """The project modules `name` imports, resolved to the deepest module that exists
    (with `external`, also the top-level names of everything else it imports)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Import | ast.ImportFrom):
            continue
        for target in _targets(node, package, known):
            resolved = target
            while resolved and resolved not in known and "." in resolved:
                resolved = resolved.rpartition(".")[0]
            if resolved in known and resolved != name:
                found.add(resolved)
            elif external and resolved not in known:
                found.add(target)
    return found


def graph(root: Path, apps=APPS) -> dict[str, set[str]]:
    known = modules(root, apps)
    result = {}
    for name, path in known.items():
        found = imports(name, path, known)
        if path.name == "apps.py":
            # AppConfig.ready() must import late; it wires signals and hooks, it is no
            # dependency of the app's own code.
            found = {m for m in found if m.split(".")[0] != name.split(".")[0]}
        result[name] = found
    return result


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index, low, stack, on_stack, found = {}, {}, [], set(), []

    def visit(node):
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for other in edges.get(node, ()):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in edges:
        if node not in index:
            visit(node)
    return found


def wrong_app_direction(edges: dict[str, set[str]]) -> list[str]:
    def rank(module):
        return APP_ORDER.index(module.split(".")[0])

    return sorted(
        f"{module} imports {target}"
        for module, targets in edges.items()
        for target in targets
        if rank(target) > rank(module)
    )


def domain_importing_screens(edges: dict[str, set[str]]) -> list[str]:
    return sorted(
        f"{module} imports {target}"
        for module, targets in edges.items()
        if layer(module) != "screen"
        for target in targets
        if layer(target) == "screen"
    )


def language_importing_apps(root: Path) -> list[str]:
    """What the language package imports of Django or of any app (it may use only the
    standard library and its own modules)."""
    known = modules(root)
    apps_and_django = {*APPS, "django"}
    wrong = []
    for name, path in known.items():
        if layer(name) != "language":
            continue
        for target in imports(name, path, known, external=True):
            top = target.split(".")[0]
            if layer(target) != "language" and top in apps_and_django:
                wrong.append(f"{name} imports {target}")
    return sorted(wrong)
