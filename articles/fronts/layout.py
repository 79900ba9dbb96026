"""A front's zones and slots, and the changes editors make to them (plain data, no database).

A layout is JSON: `{"zones": {key: {"slots": [{"story": id | None, "pinned": bool}, ...],
"rule": {"section": slug, "tag": slug, "kind": kind of work}}}}`. Which zones a front has,
how many slots each and its default rule come from `zone_specs`, so a layout saved before a
section was added (or with a zone that no longer exists) is read through `normalized`.

The rules of a slot:
- filling a slot whose story is not pinned pushes the unpinned stories from there down one
  (the last one of the zone drops out); a pinned slot stays where it is and is refused;
- a story is on a front once: filling it into a slot takes it out of any other slot;
- a pinned story does not move: moving it, or moving another story over it, is refused;
- an empty slot fills itself at read time from the newest stories of its zone's rule.
"""

import copy
from dataclasses import dataclass, field

from articles.models import KindOfWork

BREAKING, LEAD, TOP, LATEST = "breaking", "lead", "top", "latest"
RAIL_PREFIX = "rail-"


class LayoutError(ValueError):
    """A change that cannot be made, with a message saying what and where."""

    def __init__(self, message: str, *, code: str):
        super().__init__(message)
        self.message = message
        self.code = code


@dataclass(frozen=True)
class ZoneSpec:
    key: str
    label: str
    slots: int
    rule: dict = field(default_factory=dict)  # the default; {} with auto=False: never filled
    auto: bool = True  # whether empty slots fill themselves


def empty_rule(section: str = "") -> dict:
    return {"section": section, "tag": "", "kind": ""}


def zone_specs(section_slug: str, sections: list[dict]) -> list[ZoneSpec]:
    """The zones of a front, in reading (and filling) order.

    `section_slug` is "" for the home page, whose section rails follow `sections` (menu order);
    a section front draws every zone from its own section by default.
    """
    own = empty_rule(section_slug)
    specs = [
        ZoneSpec(BREAKING, "Breaking news bar", 1, {}, auto=False),
        ZoneSpec(LEAD, "Lead", 1, own),
        ZoneSpec(TOP, "Top stories", 4, own),
        ZoneSpec(LATEST, "Latest", 8, own),
    ]
    if not section_slug:
        # After the latest, so "Latest" shows the newest stories and each rail the next.
        specs += [
            ZoneSpec(f"{RAIL_PREFIX}{item['slug']}", item["name"], 3, empty_rule(item["slug"]))
            for item in sections
        ]
    return specs


def normalized(layout: dict | None, specs: list[ZoneSpec]) -> dict:
    """`layout` fitted to `specs`: every zone present with its number of slots, unknown zones
    and malformed entries dropped (a story id must be a positive whole number)."""
    zones = (layout or {}).get("zones") or {}
    result = {}
    for spec in specs:
        stored = zones.get(spec.key) if isinstance(zones.get(spec.key), dict) else {}
        slots = []
        for entry in (stored.get("slots") or [])[: spec.slots]:
            entry = entry if isinstance(entry, dict) else {}
            story = entry.get("story")
            valid = isinstance(story, int) and not isinstance(story, bool) and story > 0
            slots.append(
                {"story": story if valid else None, "pinned": bool(valid and entry.get("pinned"))}
            )
        slots += [{"story": None, "pinned": False} for _ in range(spec.slots - len(slots))]
        rule = stored.get("rule") if isinstance(stored.get("rule"), dict) else spec.rule
        rule = {name: str(rule.get(name) or "") for name in ("section", "tag", "kind")}
        result[spec.key] = {"slots": slots, "rule": rule if spec.auto else empty_rule()}
    return {"zones": result}


def story_ids(layout: dict) -> list[int]:
    """The stories an editor placed, in zone and slot order."""
    return [
        slot["story"]
        for zone in layout["zones"].values()
        for slot in zone["slots"]
        if slot["story"] is not None
    ]


def _slots(layout: dict, zone: str, index: int, *, labels: dict) -> list[dict]:
    if zone not in layout["zones"]:
        raise LayoutError("This front has no such zone.", code="no_zone")
    slots = layout["zones"][zone]["slots"]
    if not 0 <= index < len(slots):
        raise LayoutError(
            f"{labels.get(zone, zone)} has {len(slots)} slot(s); there is no slot {index + 1}.",
            code="no_slot",
        )
    return slots


def _where(layout: dict, story: int) -> tuple[str, int] | None:
    for key, zone in layout["zones"].items():
        for i, slot in enumerate(zone["slots"]):
            if slot["story"] == story:
                return key, i
    return None


def fill(layout: dict, zone: str, index: int, story: int, *, labels: dict) -> dict:
    """Put `story` in a slot, pushing unpinned stories below it down (see the module)."""
    layout = copy.deepcopy(layout)
    slots = _slots(layout, zone, index, labels=labels)
    name = f"{labels.get(zone, zone)}, slot {index + 1}"
    if slots[index]["pinned"] and slots[index]["story"] != story:
        raise LayoutError(
            f"{name} is pinned: unpin it before putting another story there.", code="pinned"
        )
    found = _where(layout, story)
    if found == (zone, index):
        return layout
    if found is not None:
        other_zone, other_index = found
        other = layout["zones"][other_zone]["slots"][other_index]
        if other["pinned"]:
            raise LayoutError(
                f"That story is pinned in {labels.get(other_zone, other_zone)}, slot "
                f"{other_index + 1}: unpin it there first.",
                code="pinned_elsewhere",
            )
        other["story"] = None
    movable = [i for i in range(index, len(slots)) if not slots[i]["pinned"]]
    carried = [slots[i]["story"] for i in movable]
    # Push down into the first empty slot, or off the end of the zone.
    if None in carried:
        carried = carried[: carried.index(None)] + carried[carried.index(None) + 1 :]
    shifted = [story, *carried][: len(movable)]
    for i, value in zip(movable, shifted, strict=True):
        slots[i]["story"] = value
    return layout


def set_pinned(layout: dict, zone: str, index: int, pinned: bool, *, labels: dict) -> dict:
    layout = copy.deepcopy(layout)
    slot = _slots(layout, zone, index, labels=labels)[index]
    if pinned and slot["story"] is None:
        raise LayoutError(
            f"{labels.get(zone, zone)}, slot {index + 1} is empty: put a story in it to pin it.",
            code="pin_empty",
        )
    slot["pinned"] = pinned
    return layout


def move(layout: dict, zone: str, index: int, step: int, *, labels: dict) -> dict:
    """Swap a slot with the one above (step -1) or below (+1) in its zone."""
    layout = copy.deepcopy(layout)
    slots = _slots(layout, zone, index, labels=labels)
    target = index + step
    name = labels.get(zone, zone)
    if step not in (-1, 1) or not 0 <= target < len(slots):
        where = "first" if target < 0 else "last"
        raise LayoutError(f"{name}, slot {index + 1} is already the {where}.", code="edge")
    for i in (index, target):
        if slots[i]["pinned"]:
            raise LayoutError(
                f"{name}, slot {i + 1} is pinned and stays where it is: unpin it to move it.",
                code="pinned",
            )
    slots[index], slots[target] = slots[target], slots[index]
    return layout


def empty(layout: dict, zone: str, index: int, *, labels: dict) -> dict:
    layout = copy.deepcopy(layout)
    _slots(layout, zone, index, labels=labels)[index] = {"story": None, "pinned": False}
    return layout


def set_rule(
    layout: dict, zone: str, *, section: str, tag: str, kind: str, sections: set[str], labels: dict
) -> dict:
    """The rule that fills a zone's empty slots: any of section, tag and type of work."""
    layout = copy.deepcopy(layout)
    if zone not in layout["zones"]:
        raise LayoutError("This front has no such zone.", code="no_zone")
    name = labels.get(zone, zone)
    if zone == BREAKING:
        raise LayoutError(f"{name} is never filled by itself: put a story in it.", code="no_rule")
    if section and section not in sections:
        raise LayoutError(f"{name}: there is no section “{section[:80]}”.", code="bad_section")
    if kind and kind not in KindOfWork.values:
        raise LayoutError(f"{name}: “{kind[:40]}” is not a type of work.", code="bad_kind")
    tag = tag.strip().lower()
    if len(tag) > 100 or any(not (c.isascii() and (c.isalnum() or c in "-_")) for c in tag):
        raise LayoutError(
            f"{name}: a tag is named by its slug, like “local-politics”.", code="bad_tag"
        )
    layout["zones"][zone]["rule"] = {"section": section, "tag": tag, "kind": kind}
    return layout
