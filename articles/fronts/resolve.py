"""What readers see on a front: its live (or draft) layout resolved against live snapshots.

The one read path of the home page, each section page and the editor's preview: the
layout's version (one query), then every story it shows (one more, however many zones):
the stories editors placed that readers may see now, and for each distinct rule its newest
stories, in one UNION ALL (compiled once per shape of front). Placed stories that were
withdrawn, retracted or not yet live are simply not found, so their slots fill themselves like
empty ones: a story taken down leaves every front at once, with no job to run. No story is
shown twice on one front. `plan` (the zones and the UNION of a layout) and `assemble` (the
front from the UNION's rows) are shared with stored fronts (`articles.public.stored.fronts`),
which send the version and the UNION in one statement.
"""

import functools
from dataclasses import dataclass, field
from datetime import UTC, datetime

from django.db.models import IntegerField, Q, Value
from django.db.models.expressions import RawSQL
from django.utils import timezone

from articles.fronts.layout import (
    BREAKING,
    LATEST,
    LEAD,
    RAIL_PREFIX,
    TOP,
    ZoneSpec,
    normalized,
    zone_specs,
)
from articles.fronts.layout import story_ids as placed_ids
from articles.models import FrontVersion, PublishedArticle
from articles.public.queries import CARD_FIELDS, cursor_of, story_cards

HOME = "home"
# A card on a front also names its edge keys (story, authors, tags), and its corrections
# (a corrected story is marked "Updated").
FRONT_CARD_FIELDS = (*CARD_FIELDS, "article_id", "author_slugs", "tag_slugs", "corrections")
# What a light front reads of each story: which it is, where it links, when it was published
# (the order, "More stories"); the row version comes with every card (`_ROW_VERSION`).
LIGHT_CARD_FIELDS = ("id", "article_id", "published_at", "url_path")
PLACED = -1  # the UNION part of the stories editors placed; rule parts are numbered from 0


@dataclass
class ResolvedSlot:
    story: PublishedArticle | None
    pinned: bool = False
    placed: bool = False  # an editor's choice (else filled by the zone's rule, or empty)
    placed_id: int | None = None  # what the layout names, even if readers cannot see it


@dataclass
class ResolvedZone:
    spec: ZoneSpec
    rule: dict
    slots: list[ResolvedSlot]

    @property
    def key(self) -> str:
        return self.spec.key

    @property
    def label(self) -> str:
        return self.spec.label

    @property
    def section_slug(self) -> str:
        return self.spec.key.removeprefix(RAIL_PREFIX) if self.is_rail else ""

    @property
    def is_rail(self) -> bool:
        return self.spec.key.startswith(RAIL_PREFIX)

    @property
    def stories(self) -> list[PublishedArticle]:
        return [slot.story for slot in self.slots if slot.story is not None]


@dataclass
class ResolvedFront:
    slug: str
    zones: list[ResolvedZone]
    version_id: int | None = None
    older: bool = False  # stories older than the latest zone exist: "More stories" links them
    by_key: dict = field(default_factory=dict)
    now: datetime | None = None  # the moment it was resolved for

    def __post_init__(self):
        self.by_key = {zone.key: zone for zone in self.zones}

    def _stories(self, key: str) -> list:
        zone = self.by_key.get(key)
        return zone.stories if zone else []

    @property
    def breaking(self):
        return next(iter(self._stories(BREAKING)), None)

    @property
    def lead(self):
        return next(iter(self._stories(LEAD)), None)

    @property
    def top(self) -> list:
        return self._stories(TOP)

    @property
    def latest(self) -> list:
        return self._stories(LATEST)

    @property
    def rails(self) -> list[ResolvedZone]:
        return [zone for zone in self.zones if zone.is_rail and zone.stories]

    @property
    def stories(self) -> list[PublishedArticle]:
        return [story for zone in self.zones for story in zone.stories]

    @property
    def more_cursor(self) -> str:
        """Where "More stories" starts: after the oldest story of the latest zone."""
        latest = self.latest
        return cursor_of(min(latest, key=lambda s: (s.published_at, s.pk))) if latest else ""


def live_layout(slug: str, *, now: datetime) -> tuple[int | None, dict]:
    """The version readers see now (the newest whose time has come) and its layout. One query."""
    row = (
        FrontVersion.objects.filter(front__slug=slug, live_from__lte=now)
        .order_by("-live_from", "-id")
        .values_list("id", "layout")
        .first()
    )
    return row if row else (None, {})


def live_front(
    slug: str, *, section_slug: str, sections: list[dict], now=None, light: bool = False
) -> ResolvedFront:
    """The front `slug` ("home", or a section's slug) as readers see it now (two queries).
    `light`: its stories as ids, addresses, times and row versions only (`hydrate` gives
    them their cards), enough to tell whether a stored front still holds."""
    now = now or timezone.now()
    version_id, layout = live_layout(slug, now=now)
    front = resolve(
        layout, section_slug=section_slug, sections=sections, now=now, slug=slug, light=light
    )
    front.version_id = version_id
    return front


def hydrate(front: ResolvedFront) -> ResolvedFront:
    """A light front's stories with their whole cards (one query), for rendering. A story
    taken down since the front was resolved is left out, never shown."""
    ids = [story.pk for story in front.stories]
    cards = {
        card.pk: card for card in story_cards(front.now).filter(pk__in=ids).only(*FRONT_CARD_FIELDS)
    }
    for zone in front.zones:
        for slot in zone.slots:
            if slot.story is not None:
                slot.story = cards.get(slot.story.pk)
    return front


def _rule_filter(rule: dict) -> Q:
    condition = Q()
    if rule.get("section"):
        condition &= Q(section_slug=rule["section"])
    if rule.get("tag"):
        condition &= Q(tag_slugs__contains=[rule["tag"]])
    if rule.get("kind"):
        condition &= Q(kind_of_work=rule["kind"])
    return condition


def _rule_key(rule: dict) -> tuple:
    return tuple(sorted(rule.items()))


@dataclass(frozen=True)
class Plan:
    """What a layout asks of the database, worked out before any story is read: its zones
    (`specs`, the fitted `zones`), the placed stories' ids, its distinct rules, and the UNION
    that reads them all (`sql`, `params` with stand-ins for the time and the placed ids)."""

    specs: list
    zones: dict
    ids: list[int]
    rules: dict
    sql: str
    params: tuple

    def values(self, now: datetime) -> list:
        """The UNION's parameters for `now`."""
        return [now if p == _NOW else _real_id(p, self.ids) for p in self.params]


def plan(layout: dict, *, section_slug: str, sections: list[dict], light: bool = False) -> Plan:
    """`layout` (live or draft) fitted to its zones, and the one UNION that reads its stories
    (`light`: without their cards, see `live_front`)."""
    specs = zone_specs(section_slug, sections)
    layout = normalized(layout, specs)
    zones = layout["zones"]
    ids = placed_ids(layout)
    rules = {}
    for spec in specs:
        if spec.auto:
            rules.setdefault(_rule_key(zones[spec.key]["rule"]), zones[spec.key]["rule"])
    limits = tuple(_needed(key, specs, zones, placed=len(ids)) for key in rules)
    fields = LIGHT_CARD_FIELDS if light else FRONT_CARD_FIELDS
    sql, params = _union_sql(tuple(zip(rules, limits, strict=True)), len(ids), fields)
    return Plan(specs, zones, ids, rules, sql, params)


def resolve(
    layout: dict,
    *,
    section_slug: str,
    sections: list[dict],
    now: datetime,
    slug: str = "",
    light: bool = False,
) -> ResolvedFront:
    """A layout (live or draft) as readers would see it at `now`. One query. `light`: the
    stories without their cards (see `live_front`)."""
    shape = plan(layout, section_slug=section_slug, sections=sections, light=light)
    rows = PublishedArticle.objects.raw(shape.sql, shape.values(now)) if shape.sql else []
    return assemble(shape, rows, slug=slug, now=now)


def assemble(shape: Plan, rows, *, slug: str, now: datetime) -> ResolvedFront:
    """The front from its UNION's rows (cards, or `LightCard`s), each with its `part`."""
    placed: dict[int, PublishedArticle] = {}
    by_rule: dict[int, list[PublishedArticle]] = {}
    for card in rows:
        part = card.part
        if part == PLACED:
            placed[card.article_id] = card
        else:
            by_rule.setdefault(part, []).append(card)
    rule_numbers = {key: number for number, key in enumerate(shape.rules)}
    zones = _fill(shape.specs, shape.zones, placed, by_rule, rule_numbers)
    resolved = ResolvedFront(slug, zones, now=now)
    latest_rule = rule_numbers.get(_rule_key(shape.zones[LATEST]["rule"]))
    resolved.older = _older_than_latest(resolved, by_rule.get(latest_rule, []))
    return resolved


class LightCard:
    """A light front's story, read without a model (`articles.public.stored.fronts`): which
    it is, where it links, when it went live, its row's version, its UNION part."""

    __slots__ = ("article_id", "part", "pk", "published_at", "row_version", "url_path")

    def __init__(self, pk, article_id, published_at, url_path, row_version, part):
        self.pk, self.article_id, self.published_at = pk, article_id, published_at
        self.url_path, self.row_version, self.part = url_path, row_version, part

    @property
    def id(self) -> int:
        return self.pk


def _older_than_latest(front: ResolvedFront, candidates: list) -> bool:
    """Whether a story older than the latest zone's oldest exists (the newest `total + 1` of
    its rule hold one if any does)."""
    if not front.latest:
        return False
    oldest = min((s.published_at, s.pk) for s in front.latest)
    return any((c.published_at, c.pk) < oldest for c in candidates)


# Stand-ins for the request's values while the SQL is compiled: the time, and placed ids.
_NOW = datetime(1900, 1, 1, tzinfo=UTC)
_ID_BASE = -(10**15)


def _real_id(param, ids: list[int]):
    if isinstance(param, int) and not isinstance(param, bool) and param <= _ID_BASE:
        return ids[_ID_BASE - param]
    return param


def _overlap(one: tuple, other: tuple) -> bool:
    """Whether two rules may pick the same story (not when they name different sections)."""
    first, second = dict(one).get("section"), dict(other).get("section")
    return not (first and second and first != second)


def _needed(key: tuple, specs, zones, *, placed: int) -> int:
    """How many of a rule's newest stories its zones may need: their slots, plus every story
    that a zone filled before them could take from it (placed ones, and zones whose rules
    overlap), plus one, which tells whether older stories exist ("More stories")."""
    last = max(
        i for i, spec in enumerate(specs) if spec.auto and _rule_key(zones[spec.key]["rule"]) == key
    )
    taken = sum(
        spec.slots
        for spec in specs[: last + 1]
        if spec.auto and _overlap(key, _rule_key(zones[spec.key]["rule"]))
    )
    return placed + taken + 1


@functools.lru_cache(maxsize=512)
def _union_sql(rules: tuple, placed: int, fields: tuple) -> tuple[str, tuple]:
    """The UNION ALL of a front's shape (its distinct rules with how many rows each may need,
    how many placed stories), compiled once per process: compiling seven parts costs more
    than running them. Stand-ins mark where the time and the placed ids go."""
    parts = []
    if placed:
        ids = [_ID_BASE - i for i in range(placed)]
        parts.append(_part(story_cards(_NOW).filter(article_id__in=ids), PLACED, fields))
    for number, (rule, limit) in enumerate(rules):
        rows = story_cards(_NOW).filter(_rule_filter(dict(rule)))[:limit]
        parts.append(_part(rows, number, fields))
    if not parts:
        return "", ()
    return parts[0].union(*parts[1:], all=True).query.sql_with_params()


def _part(queryset, number: int, fields: tuple):
    return queryset.values(
        *fields,
        part=Value(number, output_field=IntegerField()),
        row_version=_ROW_VERSION,
    )


# The snapshot row's version (PostgreSQL's xmin and ctid: any write to it changes it), which
# tells a stored front (articles.public.stored.fronts) that a card it shows has changed.
_TABLE = PublishedArticle._meta.db_table
_ROW_VERSION = RawSQL(f'"{_TABLE}".xmin::text || \':\' || "{_TABLE}".ctid::text', ())


def _fill(specs, zones, placed, by_rule, rule_numbers) -> list[ResolvedZone]:
    """Placed stories first, then every empty slot in reading order from its rule's newest,
    skipping any story already on the front."""
    shown: set[int] = set()
    resolved = []
    for spec in specs:
        slots = []
        for entry in zones[spec.key]["slots"]:
            story = placed.get(entry["story"]) if entry["story"] is not None else None
            if story is not None and story.article_id in shown:
                story = None
            if story is not None:
                shown.add(story.article_id)
            slots.append(
                ResolvedSlot(story, entry["pinned"], story is not None, placed_id=entry["story"])
            )
        resolved.append(ResolvedZone(spec, zones[spec.key]["rule"], slots))
    for zone in resolved:
        if not zone.spec.auto:
            continue
        candidates = iter(by_rule.get(rule_numbers[_rule_key(zone.rule)], []))
        for slot in zone.slots:
            if slot.story is not None:
                continue
            for card in candidates:
                if card.article_id not in shown:
                    shown.add(card.article_id)
                    slot.story = card
                    break
    return resolved
