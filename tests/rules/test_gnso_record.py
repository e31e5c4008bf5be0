"""Votes from the GNSO Council's record, replayed on the built-in councils' seats.

The November 2012 motion on protecting IOC and Red Cross/Red Crescent names: the
Contracted Parties House 7 of 7 for, the Non-Contracted Parties House 6 of 13 for (7
needed), an IPC abstention counted as No (GNSO Operating Procedures §4.5.3), about 13
of the 20 voting councillors for; the motion failed (ICANN At-Large mailing list,
18 Nov 2012; GNSO Council list, 11 Jan 2016; that one of two IPC councillors abstained
to the end and "had [he] not abstained, the motion would have narrowly passed": J.
Robinson, gnso-improvem-impl-sc list, 8 Jan 2013). Which six non-contracted
councillors voted for is not in these sources: the tests run every placement of them.

The 9 July 2009 vote of the weighted council (7 of 21 councillors for at a meeting
with a bare quorum, 11 present casting 16 weighted votes; bc-gnso list, 15 Jul 2009;
Council minutes 9 Jul 2009) does not pin its ballot down: the tests show what it does
pin (who was present, by weight, and when the motion carries). See docs/rules.md.
"""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from govsim.designs import resolve
from govsim.designs.seating import group_ranges, seating
from govsim.rules import Stance, get_rule

YES, NO, ABSTAIN, ABSENT = Stance.SUPPORT, Stance.OPPOSE, Stance.ABSTAIN, Stance.ABSENT


def council(name: str) -> tuple[np.ndarray, np.ndarray, np.ndarray, object]:
    """Group name, weight and house of each seat of a built-in, and its bound rule."""
    design, scenario = resolve(name)
    seats = seating(design, scenario)
    owner = {i: g for g, members in group_ranges(scenario).items() for i in members}
    groups = np.array([owner[int(m)] for m in seats.member])
    rule = get_rule(design.rule.name, **dict(design.rule.params))
    return groups, seats.weight, seats.house, rule


def ballots_2012() -> np.ndarray:
    """Every ballot of the 2012 vote on the gnso-council seats, shape (placements, 21).

    Contracted Parties House: all 7 for. Non-Contracted Parties House: one IPC seat
    abstains; six of the other twelve vote for, the rest against, in every one of the
    C(12, 6) placements. The non-voting NomCom appointee (weight 0) is absent.
    """
    groups, weights, houses, _ = council("gnso-council")
    base = np.where(houses == 0, YES, NO).astype(np.int8)
    base[weights == 0] = ABSENT
    ipc = np.flatnonzero(groups == "ipc")
    base[ipc[0]] = ABSTAIN
    others = np.flatnonzero((houses == 1) & (weights > 0) & (np.arange(len(groups)) != ipc[0]))
    placements = list(itertools.combinations(others, 6))
    ballots = np.repeat(base[None], len(placements), axis=0)
    for row, chosen in enumerate(placements):
        ballots[row, list(chosen)] = YES
    return ballots


def test_the_gnso_council_built_in_has_the_2012_houses():
    groups, weights, houses, _ = council("gnso-council")
    assert weights[houses == 0].sum() == 7 and weights[houses == 1].sum() == 13
    assert (groups[houses == 0] != "nomcom").sum() == 6  # registries 3, registrars 3


def test_2012_ioc_red_cross_motion_fails_under_gnso_default():
    """7 of 7 and 6 of 13: a majority of each house (4 and 7) is not reached."""
    _, weights, houses, rule = council("gnso-council")
    ballots = ballots_2012()
    assert len(ballots) == 924
    decision = rule(ballots, weights, houses)
    np.testing.assert_array_equal(decision.tally.support[:, 0], 7)
    np.testing.assert_array_equal(decision.tally.support[:, 1], 6)
    assert not decision.passed.any()


def test_2012_motion_had_a_head_count_of_councillors_for():
    """13 of the 20 voting councillors for: a one-chamber majority would pass it."""
    _, weights, houses, _ = council("gnso-council")
    ballots = ballots_2012()
    voting = (weights > 0).astype(float)
    assert ((ballots == YES) @ voting == 13).all()
    assert get_rule("majority")(ballots, voting, np.zeros_like(houses)).passed.all()


def test_2012_motion_passes_had_the_last_ipc_councillor_voted_for():
    _, weights, houses, rule = council("gnso-council")
    ballots = ballots_2012()
    ballots[ballots == ABSTAIN] = YES
    assert rule(ballots, weights, houses).passed.all()


def test_2012_votes_on_the_2012_councillors_with_2003_weights():
    """Mapping 1, no assumption beyond the weights: the same 20 councillors, registry
    and registrar councillors casting two votes (the 2003 weighting), decided by the
    2003 rule. 12 + 1 (the contracted house's NomCom appointee) + 6 = 19 of 26 votes:
    a majority, and more than the 2/3 the 2003 council needed for consensus policy."""
    groups, weights, houses, _ = council("gnso-council")
    _, _, _, rule_2003 = council("gnso-council-2003")
    reweighted = np.where(np.isin(groups, ["rysg", "rrsg"]), 2.0, weights)
    ballots = ballots_2012()
    assert ((ballots == YES) @ reweighted == 19).all() and reweighted.sum() == 26
    assert rule_2003(ballots, reweighted, np.zeros_like(houses)).passed.all()
    two_thirds = get_rule("qualified-majority", base="present")
    assert two_thirds(ballots, reweighted, np.zeros_like(houses)).passed.all()


def splits_2012() -> list[dict[str, tuple[int, int]]]:
    """Every (for, of) per 2012 group consistent with the record.

    Voting seats: bc 2, ipc 2 (one abstained, so at most 1 for), ispcp 2, ncsg 6 and
    the non-contracted house's NomCom appointee; six of them for. The contracted
    house's NomCom appointee was for, so the NomCom's two voting appointees are 1 or 2
    of 2 for.
    """
    found = []
    for bc, ipc, ispcp, nom in itertools.product(range(3), range(2), range(3), range(2)):
        ncsg = 6 - bc - ipc - ispcp - nom
        if 0 <= ncsg <= 6:
            found.append(
                {
                    "rysg": (3, 3),
                    "rrsg": (3, 3),
                    "bc": (bc, 2),
                    "ipc": (ipc, 2),
                    "ispcp": (ispcp, 2),
                    "ncsg": (ncsg, 6),
                    "nomcom": (1 + nom, 2),
                }
            )
    return found


def test_2012_votes_mapped_onto_the_2003_council_pass_under_every_split():
    """Mapping 2, onto the gnso-council-2003 built-in's 21 seats: each 2003
    constituency (the NCUC from the NCSG) votes in the share its 2012 group did,
    rounded down to whole seats, the rounding least favourable to the motion; the
    rest vote against. Registries and registrars (12 of 27 votes) then need 2 of the
    other 15; every split the record allows gives 16 to 22 of 27, so the 2003 council
    would have carried the motion whichever six non-contracted councillors voted for
    (16, e.g., with all six from the NCSG). Its 2/3 bar for consensus policy (18 of 27) the
    motion would have cleared under some splits only."""
    groups, weights, houses, rule = council("gnso-council-2003")
    assert weights.sum() == 27
    ballots = []
    for split in splits_2012():
        ballot = np.full(len(groups), NO, dtype=np.int8)
        for group, (yes, of) in split.items():
            seats = np.flatnonzero(groups == group)
            ballot[seats[: len(seats) * yes // of]] = YES
        ballots.append(ballot)
    ballots = np.array(ballots)
    assert len(ballots) == 36
    support = (ballots == YES) @ weights
    assert support.min() == 16 and support.max() == 22
    assert rule(ballots, weights, houses).passed.all()
    assert 0 < (support >= 18).mean() < 1


@pytest.mark.parametrize("double", range(1, 6))
def test_9_july_2009_what_the_record_pins_down(double):
    """11 councillors present casting 16 weighted votes means exactly 5 of them were
    registry or registrar councillors (a + b = 11, 2a + b = 16), and a quorum of the
    27 votes (more than 27/2 present). Only 6 single-vote councillors were present,
    so at least 1 of the 7 for cast two votes; the record does not say how many. With
    ``double`` of them, the motion carries exactly when 7 + double > 16/2, i.e. when
    at least 2 did: the record fits the 2003 rule only if they did."""
    groups, weights, houses, rule = council("gnso-council-2003")
    two, one = np.flatnonzero(weights == 2), np.flatnonzero(weights == 1)
    ballot = np.full(len(groups), ABSENT, dtype=np.int8)
    ballot[two[:5]] = NO
    ballot[one[:6]] = NO
    ballot[two[:double]] = YES
    ballot[one[: 7 - double]] = YES
    present = ballot != ABSENT
    assert present.sum() == 11 and weights[present].sum() == 16
    assert (ballot == YES).sum() == 7
    assert bool(rule(ballot, weights, houses).passed) == (double >= 2)


def test_9_july_2009_quorum_is_bare():
    """The same meeting one two-vote councillor short (14 of 27 present) still has a
    quorum; two short (12 of 27) it has none, whatever the vote."""
    groups, weights, houses, rule = council("gnso-council-2003")
    two = np.flatnonzero(weights == 2)
    ballot = np.full(len(groups), ABSENT, dtype=np.int8)
    ballot[two[:5]] = YES
    ballot[np.flatnonzero(weights == 1)[:6]] = YES
    assert rule(ballot, weights, houses).passed
    ballot[two[4]] = ABSENT
    assert rule(ballot, weights, houses).passed  # 14 of 27 present
    ballot[two[3]] = ABSENT
    assert not rule(ballot, weights, houses).passed  # 12 of 27
