"""Regional presets from the ATLAS II survey (London, 22 June 2014)."""

import pytest

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
)
from govsim.designs.regional import REGIONAL_SECTORS
from govsim.errors import GovsimError

FIVE = ("government", "private-sector", "civil-society", "technical-community", "academia")


def seat_weight_by_sector(design, scenario):
    """Total seat weight each sector holds on the council."""
    seats = seating(design, scenario)
    sector_of = {i: g.sector for g in scenario.groups for i in group_ranges(scenario)[g.name]}
    totals = dict.fromkeys(scenario.sectors, 0.0)
    for member, weight in zip(seats.member.tolist(), seats.weight.tolist(), strict=True):
        totals[sector_of[member]] += weight
    return totals


@pytest.mark.parametrize(
    ("answer", "dial"), [(0, 0.0), (1, 0.0), (2, 0.25), (3, 0.5), (4, 0.75), (5, 1.0), (2.5, 0.375)]
)
def test_likert_maps_1_to_5_onto_0_to_1_and_reads_0_as_1(answer, dial):
    assert likert(answer) == dial


def test_latin_america_gave_2_to_question_1_so_dialogue_is_a_quarter():
    design = load_design("regional")
    outside = design.dials("civil-society", "civil-society")
    assert outside.agenda == outside.dialogue == 0.25  # q1 = 2, the answer on record
    assert outside.decision == 0.5  # q2 = 3, a placeholder
    assert design.deliberation.segregation == 0.5  # q5 = q6 = 3, placeholders
    assert design.dials("government", "government") == LEVELS["empower"]
    assert "placeholder" in design.description
    # 5 seats per sector; the government's weigh 1, the others' 0.5 (q2 = 3)
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


def test_government_process_uses_questions_1_2_5_6():
    design = regional_design([5, 1, 2, 2, 1, 5], name="x")
    assert design.default_inclusion == Inclusion(agenda=1.0, dialogue=1.0, decision=0.0)
    assert design.deliberation.segregation == 0.5
    assert design.deliberation.blocks == "sector"
    assert dict(design.inclusion) == {"government": LEVELS["empower"]}
    assert design.seats == (
        Seats("government", 5, weight=1.0),
        *(Seats(sector, 5, weight=0.0) for sector in FIVE[1:]),
    )
    assert design.rule.name == "majority"


def test_cctld_process_uses_questions_3_4_and_empowers_the_technical_community():
    design = regional_design([1, 1, 4, 2, 2, 2], body="cctld")
    assert design.default_inclusion == Inclusion(agenda=0.75, dialogue=0.75, decision=0.25)
    assert dict(design.inclusion) == {"technical-community": LEVELS["empower"]}
    assert design.name == "regional-cctld" and design.deliberation.segregation == 0.25
    weights = {s.group: s.weight for s in design.seats}
    assert weights == {s: 1.0 if s == "technical-community" else 0.25 for s in FIVE}


@pytest.mark.parametrize(
    ("q2", "weight"), [(0, 0.0), (1, 0.0), (2, 0.25), (3, 0.5), (4, 0.75), (5, 1.0)]
)
def test_other_sectors_seats_weigh_the_mapped_answer_to_question_2(q2, weight):
    design = regional_design([3, q2, 3, 3, 3, 3])
    assert {s.group: s.weight for s in design.seats} == {
        s: 1.0 if s == "government" else weight for s in FIVE
    }


def test_q2_of_1_gives_only_the_deciding_sector_a_vote():
    design, scenario = resolve({"name": "x", "regional": {"answers": [3, 1, 3, 3, 3, 3]}})
    totals = seat_weight_by_sector(design, scenario)
    assert totals == {"government": 5.0} | dict.fromkeys(FIVE[1:], 0.0)
    seats = seating(design, scenario)
    assert len(seats.member) == 25  # the other sectors keep non-voting seats


def test_q2_of_5_gives_every_sector_equal_weight():
    design, scenario = resolve({"name": "x", "regional": {"answers": [3, 5, 3, 3, 3, 3]}})
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
        "regional.toml: design.regional.seats_per_sector: expected at most 40 seats per "
        "sector (the smallest of the five sectors in scenario 'five-sectors' has 40 "
        "members); found 41"
    )


@pytest.mark.parametrize(
    ("regional", "message"),
    [
        ({"answers": [2, 3]}, "design.regional.answers: expected six answers"),
        ({"answers": [2, 3, 3, 3, 3, 6]}, "design.regional.answers[5]: expected a number in"),
        ({"answers": [2, 3, 3, 3, 3, True]}, "found the boolean true"),
        ({"answers": "2,3"}, "design.regional.answers: expected a list of six answers"),
        ({"answers": [2] * 6, "body": "cctlds"}, "did you mean 'cctld'?"),
        ({"body": "cctld"}, "design.regional.answers: missing required key"),
        ({"answers": [2] * 6, "bdy": "x"}, "design.regional.bdy: unknown key"),
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
    assert message in str(caught.value) and str(caught.value).startswith("<dict>: design.")
