"""Every built-in design and scenario loads, fits its scenario, round-trips, and
encodes the facts of its source (bylaws, RFCs, the ATLAS II transcript)."""

import json
import tomllib

import numpy as np
import pytest

from govsim.designs import (
    BUILTIN_DESIGNS,
    BUILTIN_SCENARIOS,
    LEVELS,
    amendment_rounds,
    builtin_designs,
    builtin_scenarios,
    check_compatible,
    from_dict,
    group_ranges,
    load_design,
    load_scenario,
    resolve,
    seating,
    to_dict,
)
from govsim.designs.library import BUILTIN_DIR, builtin_path
from govsim.rules import Stance, get_rule

DESIGNS = sorted(BUILTIN_DESIGNS)
SCENARIOS = sorted(BUILTIN_SCENARIOS)


def test_the_library_has_the_designs_of_the_reference_model():
    assert set(DESIGNS) >= {
        "gnso-council",
        "gnso-council-2003",
        "gnso-wg",
        "ietf-wg",
        "netmundial",
        "icann-board-gac",
        "icann-board-alac",
        "top-down-ministry",
        "authoritarian-coopted",
        "nethui",
        "crisis-mobilisation",
        "regional",
        "cgi-br",
    }
    assert set(SCENARIOS) >= {"five-sectors", "gnso", "icann-board", "crisis", "cgi-br"}
    assert builtin_designs() == dict(BUILTIN_DESIGNS)
    assert builtin_scenarios() == dict(BUILTIN_SCENARIOS)


@pytest.mark.parametrize("name", DESIGNS)
def test_builtin_design_loads_fits_its_scenario_and_round_trips(name):
    design = load_design(name)
    assert design.name == name
    assert design.description and design.source
    assert BUILTIN_DESIGNS[name] == design.description
    resolved, scenario = resolve(name)
    assert resolved == design and scenario.name == design.scenario
    check_compatible(design, scenario)
    assert scenario.size <= 1_000
    data = to_dict(design)
    assert load_design(data) == design
    assert from_dict(json.loads(json.dumps(data))) == design
    assert hash(design) == hash(load_design(data))


@pytest.mark.parametrize("name", SCENARIOS)
def test_builtin_scenario_loads_and_round_trips(name):
    scenario = load_scenario(name)
    assert scenario.name == name and scenario.description
    assert BUILTIN_SCENARIOS[name] == scenario.description
    data = to_dict(scenario)
    assert load_scenario(data) == scenario
    assert from_dict(json.loads(json.dumps(data))) == scenario
    assert hash(scenario) == hash(load_scenario(data))


@pytest.mark.parametrize("path", sorted(BUILTIN_DIR.glob("*.toml")), ids=lambda p: p.name)
def test_every_builtin_file_opens_with_a_comment_naming_its_source(path):
    text = path.read_text(encoding="utf-8")
    header = text.split("\n[", 1)[0]
    assert text.startswith("# ")
    assert "Source" in header
    data = tomllib.loads(text)
    assert len(data) == 1  # one design or one scenario per file
    kind = next(iter(data))
    assert builtin_path(data[kind]["name"], kind) == path


def comment_header(name):
    """The opening comment of a built-in design's file, as one line of text."""
    text = builtin_path(name, "design").read_text(encoding="utf-8").split("\n[", 1)[0]
    return " ".join(line.lstrip("#").strip() for line in text.splitlines()).strip()


def voting_seats(seats, house=None):
    mask = seats.weight > 0 if house is None else (seats.weight > 0) & (seats.house == house)
    return int(mask.sum())


def seats_by_group(design, scenario, seats):
    groups = {i: g for g, r in group_ranges(scenario).items() for i in r}
    counts = {}
    for member, weight in zip(seats.member, seats.weight, strict=True):
        key = (groups[member], weight > 0)
        counts[key] = counts.get(key, 0) + 1
    return counts


def test_gnso_council_has_7_plus_13_voting_seats_and_one_non_voting():
    design, scenario = resolve("gnso-council")
    seats = seating(design, scenario)
    assert seats.houses == ("contracted", "non-contracted")
    assert [h.seats for h in design.houses] == [7, 13]
    assert voting_seats(seats, 0) == 7 and voting_seats(seats, 1) == 13
    assert int((seats.weight == 0).sum()) == 1
    assert seats_by_group(design, scenario, seats) == {
        ("rysg", True): 3,
        ("rrsg", True): 3,
        ("bc", True): 2,
        ("ipc", True): 2,
        ("ispcp", True): 2,
        ("ncsg", True): 6,
        ("nomcom", True): 2,
        ("nomcom", False): 1,
    }
    # Three different NomCom appointees hold the three NomCom seats.
    nomcom = seats.member[np.isin(seats.member, list(group_ranges(scenario)["nomcom"]))]
    assert len(set(nomcom.tolist())) == 3
    assert design.rule.name == "houses" and dict(design.rule.params) == {
        "threshold": "gnso-default"
    }
    assert design.deliberation.segregation == 1 and design.deliberation.blocks == "constituency"


def test_gnso_council_seven_votes_beat_thirteen():
    design, scenario = resolve("gnso-council")
    seats = seating(design, scenario)
    rule = get_rule(design.rule.name, **dict(design.rule.params))
    stances = np.where(seats.house == 0, Stance.OPPOSE, Stance.SUPPORT).astype(np.int8)
    assert not rule(stances, seats.weight, seats.house).passed
    stances = np.full(len(seats.member), Stance.SUPPORT, dtype=np.int8)
    stances[np.flatnonzero(seats.house == 0)[:3]] = Stance.OPPOSE  # 4 of 7 CPH still for
    stances[np.flatnonzero(seats.house == 1)[:6]] = Stance.OPPOSE  # 7 of 13 NCPH still for
    assert rule(stances, seats.weight, seats.house).passed


def test_gnso_council_2003_has_27_votes_registries_and_registrars_weigh_2():
    design, scenario = resolve("gnso-council-2003")
    seats = seating(design, scenario)
    assert len(seats.member) == 21 and seats.weight.sum() == 27
    groups = {i: g for g, r in group_ranges(scenario).items() for i in r}
    weight = {groups[m]: w for m, w in zip(seats.member, seats.weight, strict=True)}
    assert weight == {
        "rysg": 2,
        "rrsg": 2,
        "bc": 1,
        "ispcp": 1,
        "ipc": 1,
        "ncsg": 1,
        "nomcom": 1,
    }
    assert dict(design.rule.params) == {"base": "present", "quorum": ">1/2"}


def test_gnso_council_2003_needs_a_quorum_of_a_majority_of_the_votes():
    design, scenario = resolve("gnso-council-2003")
    seats = seating(design, scenario)
    rule = get_rule(design.rule.name, **dict(design.rule.params))
    stances = np.full(21, Stance.ABSENT, dtype=np.int8)
    stances[seats.weight == 2] = Stance.SUPPORT  # 12 votes present, all for: no quorum
    assert not rule(stances, seats.weight, seats.house).passed
    stances[np.flatnonzero(seats.weight == 1)[:2]] = Stance.OPPOSE  # 14 of 27 present
    assert rule(stances, seats.weight, seats.house).passed


def test_icann_board_gac_16_directors_and_10_of_16_reject_advice():
    design, scenario = resolve("icann-board-gac")
    seats = seating(design, scenario)
    assert seats.houses == ("board", "gac")
    assert voting_seats(seats, 0) == 16
    assert dict(design.rule.params) == {"reject_threshold": "60%"}
    rule = get_rule(design.rule.name, **dict(design.rule.params))
    board = np.flatnonzero(seats.house == 0)
    for rejecting, passed in [(10, False), (9, True)]:
        stances = np.full(len(seats.member), Stance.SUPPORT, dtype=np.int8)  # GAC consensus
        stances[board[:rejecting]] = Stance.OPPOSE
        decision = rule(stances, seats.weight, seats.house)
        assert bool(decision.passed) is passed


def test_icann_board_alac_has_2_per_ralo_and_5_nomcom_and_advises():
    design, scenario = resolve("icann-board-alac")
    seats = seating(design, scenario)
    assert voting_seats(seats, 0) == 16 and voting_seats(seats, 1) == 15
    counts = seats_by_group(design, scenario, seats)
    assert {g: n for (g, _), n in counts.items() if g != "board"} == {
        "afralo": 2,
        "apralo": 2,
        "euralo": 2,
        "lacralo": 2,
        "naralo": 2,
        "nomcom": 5,
    }
    assert design.rule.name == "advisory-nonbinding"
    assert design.dials("afralo", "users").advisory  # ALAC advice pulls the Board


def test_top_down_ministry_industry_working_groups_draft_as_setters_the_ministry_decides():
    design, scenario = resolve("top-down-ministry")
    seats = seating(design, scenario)
    assert design.rule.name == "executive"
    assert voting_seats(seats, 0) == 1
    assert seats.member[seats.house == 0].tolist() == [group_ranges(scenario)["government"][0]]
    assert (design.agenda.proposers, design.agenda.strategy) == ("seats", "setter")
    # Only the industry members of the working groups draft; the ministry drafts
    # nothing and every other sector is consulted.
    assert design.dials("government", "government").agenda == 0
    assert design.dials("government", "government").dialogue == 1
    assert design.dials("private-sector", "private-sector").agenda == 1
    for sector in ("civil-society", "technical-community", "academia"):
        assert design.dials(sector, sector) == LEVELS["consult"]
    assert "Romer & Rosenthal 1978" in comment_header("top-down-ministry")


def test_authoritarian_coopted_civil_society_seats_are_the_governments_friends():
    design, scenario = resolve("authoritarian-coopted")
    coopted = [s for s in design.seats if s.coopted_by]
    assert [(s.group, s.coopted_by) for s in coopted] == [("civil-society", "government")]
    assert design.rule.name == "majority"
    for sector in scenario.sectors:
        expected = LEVELS["empower" if sector == "government" else "inform"]
        assert design.dials(sector, sector) == expected
    # The "inform" dial covers seated members too; the header says they still
    # deliberate (seat holders always do) but cannot raise issues.
    header = comment_header("authoritarian-coopted")
    assert "A seat holder always takes part in deliberation (dialogue 1)" in header
    assert "agenda access follows their group's dial" in header


def test_nethui_government_decides_everyone_else_advises_in_mixed_rooms():
    design, scenario = resolve("nethui")
    assert design.rule.name == "advisory-nonbinding"
    assert {s.group for s in design.seats} == {"government"}
    assert all(design.dials(s, s) == LEVELS["involve"] for s in scenario.sectors[1:])
    assert design.deliberation.segregation <= 0.2


def test_crisis_scenario_shock_mobilises_three_sectors():
    _, scenario = resolve("crisis-mobilisation")
    assert scenario.name == "crisis"
    (shock,) = scenario.shocks
    assert set(shock.sectors) == {"civil-society", "technical-community", "private-sector"}
    engagement = {g.sector: g.engagement for g in scenario.groups}
    assert all(shock.engagement > engagement[s] for s in shock.sectors)


def test_crisis_is_one_question_the_executive_tables_a_tax_the_legislature_decides():
    design, scenario = resolve("crisis-mobilisation")
    assert scenario.issues.process == "fixed"
    executive = next(g for g in scenario.groups if g.name == "executive")
    assert executive.constituency and executive.sector == "government" and executive.count == 1
    (tax,) = executive.ideal.points
    assert tax[0] < scenario.status_quo[0]  # the tax is a move away from the law
    seats = seating(design, scenario)
    assert set(seats.member.tolist()) <= set(group_ranges(scenario)["government"])
    assert design.rule.name == "majority" and design.agenda.proposers == "all"
    assert design.dials("government", "government").agenda == 0  # legislators table nothing
    assert design.dials("executive", "government").agenda == 1
    for sector in ("private-sector", "civil-society", "technical-community", "academia"):
        assert design.dials(sector, sector) == LEVELS["involve"]
    # The record: a 3% tax on Internet access, the campaign from 19 October 2009, the
    # tax dropped within about a week (Global Voices 2009; NDN 2010).
    header = " ".join(
        line.lstrip("#").strip()
        for line in builtin_path("crisis", "scenario").read_text().split("\n[", 1)[0].splitlines()
    )
    for fact in ("19 October 2009", "3% tax on Internet access", "about a week", "Global Voices"):
        assert fact in header


def test_cgi_br_has_the_21_seats_of_the_decree():
    design, scenario = resolve("cgi-br")
    seats = seating(design, scenario)
    assert len(seats.member) == 21 and set(seats.weight.tolist()) == {1.0}
    assert seats_by_group(design, scenario, seats) == {
        ("government", True): 9,
        ("private-sector", True): 4,  # business
        ("civil-society", True): 4,  # third sector
        ("academia", True): 3,  # scientific and technological community
        ("technical-community", True): 1,  # the Internet expert
    }
    # The electoral colleges of the three elected sectors: 620 electors in 2017.
    electors = {"private-sector", "civil-society", "academia"}
    assert sum(g.count for g in scenario.groups if g.name in electors) == 620
    header = comment_header("cgi-br")
    assert "620 electors, 590 voted" in header and "Decree 4,829" in header


def test_cgi_br_government_is_two_seats_short_of_a_majority():
    design, scenario = resolve("cgi-br")
    seats = seating(design, scenario)
    rule = get_rule(design.rule.name, **dict(design.rule.params))
    government = np.isin(seats.member, list(group_ranges(scenario)["government"]))
    others = np.flatnonzero(~government)
    for extra, passed in [(0, False), (1, False), (2, True)]:
        stances = np.where(government, Stance.SUPPORT, Stance.OPPOSE).astype(np.int8)
        stances[others[:extra]] = Stance.SUPPORT
        assert bool(rule(stances, seats.weight, seats.house).passed) is passed


#: Expressions of interest by sector (netmundial.br, 25 February 2014).
NETMUNDIAL_SHARES = {
    "private-sector": 0.288,
    "civil-society": 0.254,
    "government": 0.141,
    "academia": 0.135,
    "technical-community": 0.128,
}


def test_netmundial_sector_mix_follows_the_published_expressions_of_interest():
    scenario = load_scenario("netmundial")
    counts = {g.sector: g.count for g in scenario.groups}
    for sector, share in NETMUNDIAL_SHARES.items():
        assert abs(counts[sector] / scenario.size - share) < 0.002, sector
    # What the published shares leave unassigned goes to users.
    assert counts["users"] == scenario.size - sum(counts[s] for s in NETMUNDIAL_SHARES)
    assert abs(counts["users"] / scenario.size - (1 - sum(NETMUNDIAL_SHARES.values()))) < 0.002
    header = builtin_path("netmundial", "scenario").read_text().split("\n[", 1)[0]
    assert "netmundial.br, 25 February 2014" in header


def test_no_builtin_cites_a_file_users_do_not_have():
    for path in BUILTIN_DIR.glob("*.toml"):
        assert "shared/" not in path.read_text(encoding="utf-8"), path.name


@pytest.mark.parametrize(
    ("name", "rule", "segregation"),
    [("ietf-wg", "rough-consensus", 0.0), ("netmundial", "rough-consensus", 0.5)],
)
def test_open_assemblies_give_everyone_a_vote(name, rule, segregation):
    design, scenario = resolve(name)
    seats = seating(design, scenario)
    assert not design.seats and design.rule.name == rule
    assert len(seats.member) == scenario.size and set(seats.weight.tolist()) == {1.0}
    assert amendment_rounds(design) == 5
    if segregation is not None:
        assert design.deliberation.segregation == segregation


def test_gnso_wg_is_open_and_the_chair_designates_consensus():
    design, scenario = resolve("gnso-wg")
    assert not design.seats and design.rule.name == "gnso-wg-consensus"
    assert 30 <= scenario.size <= 60
    assert amendment_rounds(design) == 5


def test_netmundial_has_the_five_sectors_and_users():
    _, scenario = resolve("netmundial")
    # NETmundial Multistakeholder Statement (2014): governments, the private sector,
    # civil society, the technical community, academia and users.
    assert scenario.sectors == (
        "government",
        "private-sector",
        "civil-society",
        "technical-community",
        "academia",
        "users",
    )
    assert all(not g.constituency for g in scenario.groups)


def test_netmundial_passes_over_addressed_objections_by_rough_consensus():
    design, scenario = resolve("netmundial")
    assert design.rule.name == "rough-consensus" and dict(design.rule.params) == {}
    seats = seating(design, scenario)
    rule = get_rule(design.rule.name, **dict(design.rule.params))
    stances = np.full(len(seats.member), Stance.SUPPORT, dtype=np.int8)
    stances[:5] = Stance.OPPOSE  # a few objectors, as at the closing plenary
    addressed = np.zeros_like(stances, dtype=bool)
    assert not rule(stances, seats.weight, seats.house, addressed=addressed).passed
    addressed[:5] = True  # each objection addressed, not accommodated
    assert rule(stances, seats.weight, seats.house, addressed=addressed).passed
    # Full consensus would fail on the first objector however it was addressed.
    unanimous = get_rule("full-consensus")
    assert not unanimous(stances, seats.weight, seats.house, addressed=addressed).passed


def test_netmundial_segregation_reflects_one_microphone_per_stakeholder_group():
    design, _ = resolve("netmundial")
    assert design.deliberation.blocks == "sector"
    # between ICANN's constituency silos (1) and the IETF's one open room (0)
    assert design.deliberation.segregation == 0.5
    header = comment_header("netmundial")
    assert "adopted by consensus" in header and "microphone" in header and "RFC 7282" in header


def test_voting_rules_default_to_one_round_without_amendment():
    assert amendment_rounds(load_design("gnso-council")) == 1
