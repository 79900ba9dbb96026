"""The demo newsroom's data files, read into plain lists of dicts.

`sections.yaml`, `authors.yaml` and `sources.yaml` hold lists; `stories/` holds one file per
story, loaded in file-name order (hence the number in front). Every call reads the files
afresh, so a caller may change what it gets. The loader reads optional fields with
`dict.get` and the defaults in `demo.loader`; a file that is not valid YAML, or a story
missing a field the loader cannot do without, raises `DemoContentError` naming the file.
"""

from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
STORIES_DIR = HERE / "stories"

# Fields a story cannot be created without; the rest have defaults in the loader.
STORY_FIELDS = ("slug", "headline", "section", "authors", "body", "image")

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class DemoContentError(ValueError):
    """A demo data file that cannot be used, with the file and what is wrong."""


def _read(path: Path, expected: type):
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)
    except yaml.YAMLError as error:
        raise DemoContentError(f"{path.name}: not valid YAML: {error}") from None
    if not isinstance(data, expected):
        raise DemoContentError(f"{path.name}: expected a {expected.__name__} at the top level")
    return data


def load_sections() -> list[dict]:
    return _read(HERE / "sections.yaml", list)


def load_authors() -> list[dict]:
    return _read(HERE / "authors.yaml", list)


def load_sources() -> list[dict]:
    return _read(HERE / "sources.yaml", list)


def load_policies() -> list[dict]:
    """The trust pages' demo texts (`policies.yaml`), one per page kind."""
    return _read(HERE / "policies.yaml", list)


def load_plans() -> list[dict]:
    """The planned day on the story budget (`demo.planning`)."""
    return _read(HERE / "planning.yaml", list)


def story_files() -> list[Path]:
    return sorted(STORIES_DIR.glob("*.yaml"))


def load_stories() -> list[dict]:
    stories = []
    for path in story_files():
        story = _read(path, dict)
        missing = [field for field in STORY_FIELDS if not story.get(field)]
        if missing:
            raise DemoContentError(f"{path.name}: missing {', '.join(missing)}")
        stories.append(story)
    return stories
