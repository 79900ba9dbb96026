"""The slot rules as data: fill pushes unpinned stories down, pins hold, a story shows once."""

import pytest

from articles.fronts import layout
from articles.fronts.layout import LayoutError

SPECS = layout.zone_specs("", [{"slug": "city", "name": "City"}])
LABELS = {spec.key: spec.label for spec in SPECS}


def stories(draft, zone):
    return [slot["story"] for slot in draft["zones"][zone]["slots"]]


def with_top(*ids, pinned=()):
    draft = layout.normalized({}, SPECS)
    for i, story in enumerate(ids):
        draft["zones"]["top"]["slots"][i] = {"story": story, "pinned": i in pinned}
    return draft


def test_a_home_front_has_its_zones_in_reading_order_and_a_rail_per_section():
    keys = [spec.key for spec in SPECS]
    assert keys == ["breaking", "lead", "top", "latest", "rail-city"]
    assert [len(z["slots"]) for z in layout.normalized({}, SPECS)["zones"].values()] == [
        1,
        1,
        4,
        8,
        3,
    ]


def test_filling_an_occupied_slot_pushes_the_unpinned_stories_below_it_down():
    draft = layout.fill(with_top(1, 2, 3, 4), "top", 1, 9, labels=LABELS)
    assert stories(draft, "top") == [1, 9, 2, 3]  # 4 dropped off the end


def test_a_pinned_slot_keeps_its_story_while_others_are_pushed_past_it():
    draft = layout.fill(with_top(1, 2, 3, pinned={1}), "top", 0, 9, labels=LABELS)
    assert stories(draft, "top") == [9, 2, 1, 3]


def test_a_push_stops_at_the_first_empty_slot():
    draft = layout.fill(with_top(1, None, 3), "top", 0, 9, labels=LABELS)
    assert stories(draft, "top") == [9, 1, 3, None]


def test_a_story_placed_again_leaves_its_old_slot():
    draft = layout.fill(with_top(1, 2), "lead", 0, 2, labels=LABELS)
    assert stories(draft, "lead") == [2] and 2 not in stories(draft, "top")


def test_a_pinned_slot_refuses_another_story_and_a_move():
    draft = with_top(1, 2, pinned={0})
    with pytest.raises(LayoutError, match="Top stories, slot 1 is pinned") as refused:
        layout.fill(draft, "top", 0, 9, labels=LABELS)
    assert refused.value.code == "pinned"
    with pytest.raises(LayoutError, match="slot 1 is pinned and stays"):
        layout.move(draft, "top", 1, -1, labels=LABELS)
    with pytest.raises(LayoutError, match="pinned in Top stories, slot 1"):
        layout.fill(draft, "lead", 0, 1, labels=LABELS)


def test_moving_swaps_neighbours_and_refuses_past_the_ends():
    assert stories(layout.move(with_top(1, 2), "top", 0, 1, labels=LABELS), "top")[:2] == [2, 1]
    with pytest.raises(LayoutError, match="already the first"):
        layout.move(with_top(1, 2), "top", 0, -1, labels=LABELS)


def test_emptying_a_slot_unpins_it():
    draft = layout.empty(with_top(1, pinned={0}), "top", 0, labels=LABELS)
    assert draft["zones"]["top"]["slots"][0] == {"story": None, "pinned": False}


@pytest.mark.parametrize(
    ("zone", "index", "code"),
    [("<script>", 0, "no_zone"), ("top", 4, "no_slot"), ("top", -1, "no_slot")],
)
def test_a_slot_that_does_not_exist_is_named_in_the_refusal(zone, index, code):
    with pytest.raises(LayoutError) as refused:
        layout.fill(with_top(), zone, index, 9, labels=LABELS)
    assert refused.value.code == code


@pytest.mark.parametrize(
    ("fields", "code"),
    [
        ({"section": "nowhere", "tag": "", "kind": ""}, "bad_section"),
        ({"section": "", "tag": "<b>x</b>", "kind": ""}, "bad_tag"),
        ({"section": "", "tag": "", "kind": "gossip"}, "bad_kind"),
    ],
)
def test_a_rule_names_a_real_section_tag_slug_and_type_of_work(fields, code):
    with pytest.raises(LayoutError) as refused:
        layout.set_rule(with_top(), "top", sections={"city"}, labels=LABELS, **fields)
    assert refused.value.code == code


def test_a_stored_layout_is_fitted_to_the_zones_and_drops_what_is_not_an_id():
    stored = {"zones": {"top": {"slots": [{"story": "7"}, {"story": True}, {"story": 5}] * 3},
                        "gone": {"slots": [{"story": 1}]}}}  # fmt: skip
    draft = layout.normalized(stored, SPECS)
    assert "gone" not in draft["zones"] and stories(draft, "top") == [None, None, 5, None]
