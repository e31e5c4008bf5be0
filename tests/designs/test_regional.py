"""Regional presets from the ATLAS II survey (ICANN, London, 22 June 2014)."""

import pandas as pd
import pytest

from govsim import run_batch
from govsim.designs import (
    LEVELS,
    Inclusion,
    Seats,
    group_ranges,
    likert,
    load_design,
    regional_design,
    resolve,
    seating,
    to_dict,
)
from govsim.designs.regional import REGIONAL_SECTORS
from govsim.errors import GovsimError

FIVE = ("government", "private-sector", "civil-society", "technical-community", "academia")
OUTSIDE = ("private-sector", "civil-society", "academia")


def seat_weight_by_sector(design, scenario):
    """Total seat weight each sector holds on the council."""
    seats = seating(design, scenario)
    sector_of = {i: g.sector for g in scenario.groups for i in group_ranges(scenario)[g.name]}
    totals = dict.fromkeys(scenario.sectors, 0.0)
    for member, weight in zip(seats.member.tolist(), seats.weight.tolist(), strict=True):
        totals[sector_of[member]] += weight
    return totals


def leaves(data, path=()):
    """Every scalar of a nested dict/list as key path -> value."""
    if isinstance(data, dict):
        return {k: v for key, value in data.items() for k, v in leaves(value, (*path, key)).items()}
    if isinstance(data, list):
        return {k: v for i, value in enumerate(data) for k, v in leaves(value, (*path, i)).items()}
    return {path: data}


def changed(before, after):
    """The leaves of two designs' dicts that differ (the description aside), as (old, new)."""
    old, new = leaves(to_dict(before)), leaves(to_dict(after))
    assert old.keys() == new.keys()
    return {k: (old[k], new[k]) for k in old if old[k] != new[k] and k[-1] != "description"}


# -- the answer scales -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("answer", "dial"), [(1, 0.0), (2, 0.25), (3, 0.5), (4, 0.75), (5, 1.0), (2.5, 0.375)]
)
def test_likert_maps_1_to_5_onto_0_to_1(answer, dial):
    assert likert(answer) == likert(answer, "1-5") == dial


@pytest.mark.parametrize(
    ("answer", "dial"), [(0, 0.0), (1, 0.2), (2.5, 0.5), (3, 0.6), (4, 0.8), (5, 1.0)]
)
def test_likert_maps_0_to_5_onto_0_to_1(answer, dial):
    assert likert(answer, "0-5") == pytest.approx(dial, abs=1e-15)


def test_the_same_position_on_either_scale_builds_the_same_design():
    # 1, 3, 5 of 1-5 and 0, 2.5, 5 of 0-5: the bottom, middle and top of each scale.
    one_to_five = regional_design([1, 3, 5, 3, 1, 5], scale="1-5", name="x")
    zero_to_five = regional_design([0, 2.5, 5, 2.5, 0, 5], scale="0-5", name="x")
    assert changed(one_to_five, zero_to_five) == {}
    assert "scale 0-5" in zero_to_five.description and "scale 1-5" in one_to_five.description


def test_an_answer_of_0_is_not_at_all_on_0_to_5_and_an_error_on_1_to_5():
    design = regional_design([0, 0, 0, 0, 0, 0], scale="0-5")
    assert design.default_inclusion == Inclusion(agenda=0.0, dialogue=0.0, decision=0.0)
    assert design.deliberation.segregation == 0.0
    with pytest.raises(GovsimError) as caught:
        load_design({"name": "x", "regional": {"answers": [0, 3, 3, 3, 3, 3]}})
    assert str(caught.value) == (
        '<dict>: design.regional.answers[0]: expected a number in [1, 5] on scale "1-5" '
        '(set scale = "0-5" for answers from 0); found 0'
    )


def test_the_scale_key_is_read_from_files_and_overrides():
    design, _ = resolve(
        "regional", overrides=["regional.scale=0-5", "regional.answers=[0, 5, 0, 5, 0, 5]"]
    )
    assert design.default_inclusion.dialogue == 0.0
    assert {s.group: s.weight for s in design.seats}["civil-society"] == 1.0


# -- the built-in ------------------------------------------------------------------------


def test_latin_america_gave_2_to_question_1_so_dialogue_is_a_quarter():
    design = load_design("regional")
    outside = design.dials("civil-society", "civil-society")
    assert outside.agenda == outside.dialogue == 0.25  # q1 = 2, the answer on record
    assert outside.decision == 0.5  # q2 = 3, a placeholder
    technical = design.dials("technical-community", "technical-community")
    assert technical.agenda == technical.dialogue == technical.decision == 0.5  # q3 = q4 = 3
    assert design.deliberation.segregation == 0.5  # q5 = q6 = 3, placeholders
    assert design.dials("government", "government") == LEVELS["empower"]
    assert "placeholder" in design.description
    # 5 seats per sector; the government's weigh 1, the others' 0.5 (q2 = q4 = 3)
    assert [(s.group, s.count, s.weight) for s in design.seats] == [
        ("government", 5, 1.0),
        ("private-sector", 5, 0.5),
        ("civil-society", 5, 0.5),
        ("technical-community", 5, 0.5),
        ("academia", 5, 0.5),
    ]
    assert design.rule.name == "majority" and dict(design.rule.params) == {"base": "seats"}
    assert not design.houses and {s.house for s in design.seats} == {"body"}


def test_the_preset_seats_the_five_netmundial_sectors_of_five_sectors():
    _, scenario = resolve("regional")
    assert scenario.name == "five-sectors"
    assert REGIONAL_SECTORS == FIVE == scenario.sectors


# -- every question moves the design -------------------------------------------------------

OUTSIDE_SEATS = {("design", "seats", k, "weight") for k in (1, 2, 4)}  # seats in FIVE order
#: What raising each answer (from 2 to 4) changes, under q2 = "vote".
MOVED = {
    1: {("design", "inclusion", "default", f) for f in ("agenda", "dialogue")},
    2: OUTSIDE_SEATS | {("design", "inclusion", "default", "decision")},
    3: {("design", "inclusion", "technical-community", f) for f in ("agenda", "dialogue")},
    4: {
        ("design", "seats", 3, "weight"),
        ("design", "inclusion", "technical-community", "decision"),
    },
    5: {("design", "deliberation", "segregation")},
    6: {("design", "deliberation", "segregation")},
}


@pytest.mark.parametrize("question", sorted(MOVED))
def test_each_answer_raises_exactly_the_dials_it_is_documented_to(question):
    low, high = [2] * 6, [2] * 6
    high[question - 1] = 4
    moved = changed(regional_design(low), regional_design(high))
    assert set(moved) == MOVED[question]
    step = 0.25 if question in (5, 6) else 0.5  # 5 and 6 share the segregation dial
    assert all(new - old == pytest.approx(step) for old, new in moved.values())


def test_questions_1_and_2_are_the_outside_groups_3_and_4_the_technical_communitys():
    design = regional_design([5, 1, 2, 4, 1, 5], name="x")
    assert design.default_inclusion == Inclusion(agenda=1.0, dialogue=1.0, decision=0.0)
    assert dict(design.inclusion) == {
        "government": LEVELS["empower"],
        "technical-community": Inclusion(agenda=0.25, dialogue=0.25, decision=0.75),
    }
    assert design.seats == (
        Seats("government", 5, weight=1.0),
        Seats("private-sector", 5, weight=0.0),
        Seats("civil-society", 5, weight=0.0),
        Seats("technical-community", 5, weight=0.75),
        Seats("academia", 5, weight=0.0),
    )
    assert design.deliberation.segregation == 0.5 and design.deliberation.blocks == "sector"


@pytest.mark.parametrize(("q2", "weight"), [(1, 0.0), (2, 0.25), (3, 0.5), (4, 0.75), (5, 1.0)])
def test_read_as_a_vote_question_2_weighs_the_outside_sectors_seats(q2, weight):
    design = regional_design([3, q2, 3, 3, 3, 3], q2="vote")
    assert {s.group: s.weight for s in design.seats} == {
        "government": 1.0,
        "technical-community": 0.5,  # q4, whatever q2
        **dict.fromkeys(OUTSIDE, weight),
    }
    assert design.default_inclusion.decision == weight
    assert not design.default_inclusion.advisory


@pytest.mark.parametrize(("q2", "pull"), [(2, 0.25), (3, 0.5), (5, 1.0)])
def test_read_as_advice_question_2_is_how_hard_the_outside_groups_advice_pulls(q2, pull):
    design = regional_design([3, q2, 3, 3, 3, 3], q2="advice")
    assert {s.group: s.weight for s in design.seats} == {
        "government": 1.0,
        "technical-community": 0.5,
        **dict.fromkeys(OUTSIDE, 0.0),  # seated, deliberating, not voting
    }
    assert design.default_inclusion == Inclusion(0.5, 0.5, 0.0, advisory=True)
    assert design.deliberation.advisory_pull == pull
    assert not design.dials("technical-community", "technical-community").advisory


def test_under_advice_question_2_moves_only_the_pull():
    moved = changed(
        regional_design([3, 2, 3, 3, 3, 3], q2="advice"),
        regional_design([3, 4, 3, 3, 3, 3], q2="advice"),
    )
    assert moved == {("design", "deliberation", "advisory_pull"): (0.25, 0.75)}


def test_not_at_all_gives_neither_a_vote_nor_advice():
    advice = regional_design([3, 1, 3, 3, 3, 3], q2="advice")
    assert not advice.default_inclusion.advisory and advice.deliberation.advisory_pull == 0.0
    vote = regional_design([3, 1, 3, 3, 3, 3], q2="vote")
    assert {s.weight for s in vote.seats if s.group in OUTSIDE} == {0.0}


def test_q2_of_1_gives_only_the_government_and_the_technical_community_a_vote():
    design, scenario = resolve({"name": "x", "regional": {"answers": [3, 1, 3, 3, 3, 3]}})
    totals = seat_weight_by_sector(design, scenario)
    assert totals == {"government": 5.0, "technical-community": 2.5} | dict.fromkeys(OUTSIDE, 0)
    assert len(seating(design, scenario).member) == 25  # the others keep non-voting seats


def test_q2_and_q4_of_5_give_every_sector_equal_weight():
    design, scenario = resolve({"name": "x", "regional": {"answers": [3, 5, 3, 5, 3, 3]}})
    assert set(seat_weight_by_sector(design, scenario).values()) == {5.0}


def test_group_size_no_longer_swamps_the_answer():
    # As an open assembly, q2 = 3 let 260 members at 0.5 (130 votes) outvote 40
    # government members at 1; on the council every sector's share is set by q2 alone.
    design, scenario = resolve("regional")
    totals = seat_weight_by_sector(design, scenario)
    assert totals["government"] / sum(totals.values()) == pytest.approx(1 / 3)
    sizes = {g.sector: g.count for g in scenario.groups}
    assert sizes["private-sector"] == 2 * sizes["government"]
    assert totals["private-sector"] == totals["civil-society"] == totals["academia"]


# -- ... and the outcomes ------------------------------------------------------------------


def batch(answers, q2="vote", steps=40, seeds=range(12)):
    """Run and per-issue tables of a small batch of the built-in with these answers."""
    results = run_batch(
        "regional",
        steps=steps,
        seeds=list(seeds),
        overrides=[("regional.answers", answers), ("regional.q2", q2)],
    )
    return (
        pd.concat([r.summary for r in results], ignore_index=True),
        pd.concat([r.issues for r in results], ignore_index=True),
    )


def test_question_3_alone_sets_how_often_the_technical_community_moves_motions():
    _, closed = batch([3, 3, 1, 3, 3, 3])
    _, open_ = batch([3, 3, 5, 3, 3, 3])
    share = {
        name: (
            issues.loc[issues["has_proposal"], "proposer_sector"] == "technical-community"
        ).mean()
        for name, issues in (("closed", closed), ("open", open_))
    }
    # Agenda 0: its seat holders never move a motion; agenda 1: as often as the
    # government's, far more than the outside sectors' at agenda 0.5.
    assert share["closed"] == 0
    assert share["open"] > 0.2
    assert not closed["outcome"].equals(open_["outcome"])


@pytest.mark.parametrize("question", range(1, 7))
def test_each_answer_alone_changes_what_a_small_batch_decides(question):
    low, high = [3] * 6, [3] * 6
    low[question - 1], high[question - 1] = 1, 5
    runs_low, issues_low = batch(low)
    runs_high, issues_high = batch(high)
    assert not issues_low["outcome"].equals(issues_high["outcome"])
    assert runs_low["pass_rate"].mean() != runs_high["pass_rate"].mean()


def test_advice_moves_outcomes_and_not_at_all_is_the_same_under_both_readings():
    _, unheard = batch([3, 1, 3, 3, 3, 3], q2="advice")
    _, heard = batch([3, 5, 3, 3, 3, 3], q2="advice")
    assert not unheard["outcome"].equals(heard["outcome"])
    # At 1 ("not at all") neither reading gives the outside sectors a vote or advice.
    _, no_vote = batch([3, 1, 3, 3, 3, 3], q2="vote")
    pd.testing.assert_frame_equal(unheard, no_vote, check_exact=True)


# -- seats and errors ------------------------------------------------------------------------


@pytest.mark.parametrize("per_sector", [1, 3, 40])
def test_seats_per_sector_sets_the_council_size(per_sector):
    data = {
        "name": "x",
        "regional": {"answers": [2, 3, 3, 3, 3, 3], "seats_per_sector": per_sector},
    }
    design, scenario = resolve(data)
    assert [s.count for s in design.seats] == [per_sector] * 5
    assert len(seating(design, scenario).member) == 5 * per_sector
    assert regional_design([2, 3, 3, 3, 3, 3], seats_per_sector=per_sector).seats == design.seats


def test_seats_per_sector_beyond_the_smallest_sector_names_the_regional_key():
    with pytest.raises(GovsimError) as caught:
        resolve("regional", overrides=["regional.seats_per_sector=41"])
    assert str(caught.value) == (
        "--set: design.regional.seats_per_sector: expected at most 40 seats per "
        "sector (the smallest of the five sectors in scenario 'five-sectors' has 40 "
        "members); found 41"
    )


@pytest.mark.parametrize(
    ("regional", "message"),
    [
        ({"answers": [2, 3]}, "design.regional.answers: expected six answers"),
        (
            {"answers": [2, 3, 3, 3, 3, 6]},
            'design.regional.answers[5]: expected a number in [1, 5] on scale "1-5"; found 6',
        ),
        (
            {"answers": [2, 3, 3, 3, 3, 5.5], "scale": "0-5"},
            'design.regional.answers[5]: expected a number in [0, 5] on scale "0-5"; found 5.5',
        ),
        (
            {"answers": [2, 3, -1, 3, 3, 3], "scale": "0-5"},
            'design.regional.answers[2]: expected a number in [0, 5] on scale "0-5"; found -1',
        ),
        (
            {"answers": [2, 0.5, 3, 3, 3, 3]},
            'answers[1]: expected a number in [1, 5] on scale "1-5" (set scale = "0-5" for '
            "answers from 0); found 0.5",
        ),
        ({"answers": [2, 3, 3, 3, 3, True]}, "found the boolean true"),
        ({"answers": "2,3"}, "design.regional.answers: expected a list of six answers"),
        (
            {"answers": [2] * 6, "scale": "1-6"},
            "design.regional.scale: expected an answer scale",
        ),
        ({"answers": [2] * 6, "q2": "votes"}, "design.regional.q2: expected a reading of"),
        ({"answers": [2] * 6, "q2": "votes"}, "did you mean 'vote'?"),
        ({"scale": "0-5"}, "design.regional.answers: missing required key"),
        ({"answers": [2] * 6, "body": "cctld"}, "design.regional.body: unknown key"),
        (
            {"answers": [2] * 6, "seats_per_sector": 0},
            "design.regional.seats_per_sector: expected an integer in [1, 20000]; found 0",
        ),
        (
            {"answers": [2] * 6, "seats_per_sector": 2.0},
            "design.regional.seats_per_sector: expected an integer in [1, 20000]; found 2.0",
        ),
    ],
)
def test_bad_answers_are_one_line_errors(regional, message):
    with pytest.raises(GovsimError) as caught:
        load_design({"name": "x", "regional": regional})
    text = str(caught.value)
    assert message in text and text.startswith("<dict>: design.") and "\n" not in text
