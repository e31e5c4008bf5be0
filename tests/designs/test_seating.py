"""How a design seats a scenario's stakeholders (the semantics docs/spec.md states)."""

import numpy as np

from govsim.designs import group_ranges, house_names, load_design, resolve, seating


def test_stakeholders_are_numbered_sector_groups_first_then_constituencies():
    _, scenario = resolve("gnso-council")
    ranges = group_ranges(scenario)
    assert list(ranges) == ["nomcom", "rysg", "rrsg", "bc", "ipc", "ispcp", "ncsg"]
    assert ranges["nomcom"] == range(0, 15) and ranges["rysg"] == range(15, 45)
    assert [g.constituency for g in scenario.groups] == [False] + [True] * 6


def test_seat_blocks_take_their_groups_members_in_order():
    seats = seating(*resolve("gnso-council"))
    assert seats.member[:3].tolist() == [15, 16, 17]  # the first three of rysg
    nomcom = [m for m in seats.member.tolist() if m < 15]
    assert nomcom == [0, 1, 2]  # CPH appointee, NCPH appointee, the non-voting one
    assert seats.weight[seats.member == 2].tolist() == [0.0]


def test_open_assembly_votes_by_decision_dial_in_one_house():
    design, scenario = resolve(
        {"name": "x", "inclusion": {"default": "collaborate", "government": "empower"}}
    )
    seats = seating(design, scenario)
    assert seats.houses == ("body",) and set(seats.house.tolist()) == {0}
    assert len(seats.member) == scenario.size
    gov = np.isin(seats.member, list(group_ranges(scenario)["government"]))
    assert set(seats.weight[gov].tolist()) == {1.0}
    assert set(seats.weight[~gov].tolist()) == {0.5}


def test_regional_preset_seats_five_per_sector_in_one_house():
    design, scenario = resolve("regional")
    seats = seating(design, scenario)
    assert seats.houses == ("body",) and set(seats.house.tolist()) == {0}
    ranges = group_ranges(scenario)
    assert seats.member.tolist() == [m for g in scenario.groups for m in ranges[g.name][:5]]
    gov = np.isin(seats.member, list(ranges["government"]))
    assert seats.weight[gov].tolist() == [1.0] * 5
    assert seats.weight[~gov].tolist() == [0.5] * 20


def test_groups_with_decision_zero_do_not_vote_in_an_open_assembly():
    design, scenario = resolve(
        {"name": "x", "inclusion": {"default": "consult", "academia": "empower"}}
    )
    seats = seating(design, scenario)
    assert seats.member.tolist() == list(group_ranges(scenario)["academia"])


def test_coopted_seats_carry_the_coopting_sector():
    seats = seating(*resolve("authoritarian-coopted"))
    assert seats.coopted_by.count("government") == 4


def test_house_names_default_to_one_body():
    assert house_names(load_design("gnso-wg")) == ("body",)
    assert house_names(load_design("icann-board-gac")) == ("board", "gac")
