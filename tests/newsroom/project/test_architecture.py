"""The layers of docs/architecture.md hold: no import circles, one direction between apps.

Every import in the project's apps is read from the source (module level and inside
functions alike: an import hidden in a function is still a dependency).
"""

import ast
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)
APPS = ("newsroom", "authors", "articles", "sources", "demo")
# What each app may import from the others (docs/architecture.md).
MAY_IMPORT = {
    "newsroom": set(),
    "authors": {"newsroom"},
    "articles": {"newsroom", "authors", "sources"},
    "sources": {"newsroom", "authors", "articles"},
    "demo": {"newsroom", "authors", "articles", "sources"},
}
# The named interface through which stories ask sourcing anything.
ARTICLES_MAY_USE = {
    "sources.standards",
    "sources.public_sourcing",
    "sources.models",
    "sources.admin.inlines",
    "sources.admin.proposals",
    "sources.proposals",
    "sources.history",
}


def _modules() -> dict[str, Path]:
    modules = {}
    for app in APPS:
        for path in (ROOT / app).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            parts = list(path.relative_to(ROOT).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts = parts[:-1]
            modules[".".join(parts)] = path
    return modules


def _imports(name: str, path: Path, modules: dict) -> set[str]:
    """The project modules `name` imports, resolved to the deepest module that exists."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                base = ".".join([*anchor, *([node.module] if node.module else [])])
            # `from package import module` imports the module; `from module import name` the module.
            targets = [
                f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules else base
                for alias in node.names
            ]
        else:
            continue
        for target in targets:
            while target and target not in modules and "." in target:
                target = target.rpartition(".")[0]
            if target in modules and target != name:
                found.add(target)
    return found


def _graph() -> dict[str, set[str]]:
    modules = _modules()
    graph = {}
    for name, path in modules.items():
        imports = _imports(name, path, modules)
        if path.name == "apps.py":
            # AppConfig.ready() must import late; it wires signals, it is not a dependency.
            imports = {m for m in imports if m.split(".")[0] != name.split(".")[0]}
        graph[name] = imports
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    index, low, stack, on_stack, found = {}, {}, [], set(), []

    def visit(node):
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for other in graph.get(node, ()):
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

    for node in graph:
        if node not in index:
            visit(node)
    return found


def test_no_import_circles():
    graph = _graph()
    assert len(graph) > 60  # the whole project was read
    assert _cycles(graph) == []


def test_apps_import_each_other_only_in_the_allowed_direction():
    wrong = [
        f"{module} imports {target}"
        for module, targets in _graph().items()
        for target in targets
        if target.split(".")[0] != module.split(".")[0]
        and target.split(".")[0] not in MAY_IMPORT[module.split(".")[0]]
    ]
    assert wrong == []


def test_stories_reach_sourcing_only_through_the_named_interface():
    wrong = [
        f"{module} imports {target}"
        for module, targets in _graph().items()
        if module.startswith("articles")
        for target in targets
        if target.startswith("sources") and target not in ARTICLES_MAY_USE
    ]
    assert wrong == []


def test_a_circle_would_be_found():
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
