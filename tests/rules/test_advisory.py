"""GAC advice that binds unless rejected, ALAC advice, and the executive rule."""

from __future__ import annotations

import numpy as np
import pytest

from govsim.errors import GovsimError
from govsim.rules import Stance, get_rule
from tests.rules.bodies import ballots, body, stances

YES, NO, ABSTAIN, ABSENT = Stance.SUPPORT, Stance.OPPOSE, Stance.ABSTAIN, Stance.ABSENT

# The ICANN Board: 16 voting directors and 4 non-voting liaisons (house 0); the GAC
# with 12 members present at the meeting (house 1).
BOARD_GAC = body([1] * 16 + [0] * 4 + [1] * 12, [0] * 20 + [1] * 12)

# A board of 4 (house 0) and an advisory body of 3 (house 1), with unequal weights.
WEIGHTED_BOARD = body([0.1, 0.3, 1 / 3, 0.7, 0.2, 1.0, 0.5], [0, 0, 0, 0, 1, 1, 1])

# Directors who must reject consensus advice to overturn it, per the reference: vote
# against advice for the proposal, or for the proposal against advice.
VARIANTS = {"60%": 10, ">1/2": 9, "2/3": 11}  # 2016 Bylaws, pre-2016, 2014 proposal

OVERRIDE = get_rule("advisory-override")


def board_rejects(against: int, gac: np.ndarray) -> np.ndarray:
    return np.concatenate([stances((against, NO), (16 - against, YES), (4, NO)), gac])


def board_carries(support: int, gac: np.ndarray) -> np.ndarray:
    # The non-voting liaisons support, to show that they do not count.
    return np.concatenate([stances((support, YES), (16 - support, NO), (4, YES)), gac])


GAC_CONSENSUS = stances((9, YES), (2, ABSTAIN), (1, ABSENT))
GAC_OPPOSES = stances((9, NO), (2, ABSTAIN), (1, ABSENT))


@pytest.mark.parametrize("reject_threshold", VARIANTS)
def test_gac_advice_rejection_thresholds(reject_threshold):
    against = np.arange(17)
    ballot = np.array([board_rejects(k, GAC_CONSENSUS) for k in against])
    rule = get_rule("advisory-override", reject_threshold=reject_threshold)
    decision = rule(ballot, BOARD_GAC.weights, BOARD_GAC.houses)
    rejected = against >= VARIANTS[reject_threshold]
    np.testing.assert_array_equal(decision.passed, ~rejected)
    np.testing.assert_array_equal(
        decision.designation, np.where(rejected, "advice rejected", "advice followed")
    )


@pytest.mark.parametrize("reject_threshold", VARIANTS)
def test_gac_advice_against_binds_unless_the_board_carries_the_proposal(reject_threshold):
    support = np.arange(17)
    ballot = np.array([board_carries(k, GAC_OPPOSES) for k in support])
    rule = get_rule("advisory-override", reject_threshold=reject_threshold)
    decision = rule(ballot, BOARD_GAC.weights, BOARD_GAC.houses)
    rejected = support >= VARIANTS[reject_threshold]
    np.testing.assert_array_equal(decision.passed, rejected)
    np.testing.assert_array_equal(
        decision.designation, np.where(rejected, "advice rejected", "advice followed")
    )


NINE_TEN_ELEVEN = [
    ("60%", 9, False),
    ("60%", 10, True),
    ("60%", 11, True),
    (">1/2", 9, True),
    (">1/2", 10, True),
    (">1/2", 11, True),
    ("2/3", 9, False),
    ("2/3", 10, False),
    ("2/3", 11, True),
]


@pytest.mark.parametrize(("variant", "against", "rejected"), NINE_TEN_ELEVEN)
def test_nine_ten_eleven_directors(variant, against, rejected):
    ballot = board_rejects(against, GAC_CONSENSUS)
    rule = get_rule("advisory-override", reject_threshold=variant)
    decision = rule(ballot, BOARD_GAC.weights, BOARD_GAC.houses)
    assert bool(decision.passed) is not rejected
    assert decision.designation == ("advice rejected" if rejected else "advice followed")


@pytest.mark.parametrize(("variant", "support", "rejected"), NINE_TEN_ELEVEN)
def test_nine_ten_eleven_directors_against_advice(variant, support, rejected):
    ballot = board_carries(support, GAC_OPPOSES)
    rule = get_rule("advisory-override", reject_threshold=variant)
    decision = rule(ballot, BOARD_GAC.weights, BOARD_GAC.houses)
    assert bool(decision.passed) is rejected  # only a rejection carries the proposal
    assert decision.designation == ("advice rejected" if rejected else "advice followed")


@pytest.mark.parametrize(
    "gac",
    [
        stances((11, YES), (1, NO)),  # split: one formal objection breaks consensus
        stances((1, YES), (11, NO)),  # split the other way
        stances((12, ABSTAIN)),  # silent
        stances((6, ABSTAIN), (6, ABSENT)),
    ],
)
def test_without_consensus_advice_the_board_decides_by_majority(gac):
    yes = np.arange(17)
    ballot = np.array([board_carries(k, gac) for k in yes])
    decision = OVERRIDE(ballot, BOARD_GAC.weights, BOARD_GAC.houses)
    np.testing.assert_array_equal(decision.passed, yes >= 9)  # 9 of 16, not 8 of 16
    np.testing.assert_array_equal(decision.designation, ["no consensus advice"] * 17)


def test_a_body_without_an_advisory_house_decides_by_majority():
    board = body([1] * 16, [0] * 16)
    ballot = np.array([stances((k, YES), (16 - k, NO)) for k in range(17)])
    decision = OVERRIDE(ballot, board.weights, board.houses)
    np.testing.assert_array_equal(decision.passed, np.arange(17) >= 9)
    np.testing.assert_array_equal(decision.designation, ["no consensus advice"] * 17)


@pytest.mark.parametrize("threshold", ["1/3", "1/2", "50%", ">=1/2", 0.5])
def test_reject_threshold_must_exceed_half(threshold):
    # At an inclusive 1/2 an 8-8 Board would both reject advice for the proposal and
    # carry it against advice: one GAC member turning to SUPPORT could then defeat it.
    rule = get_rule("advisory-override", reject_threshold=threshold)
    with pytest.raises(GovsimError, match="reject_threshold must be more than 1/2"):
        rule(board_rejects(0, GAC_CONSENSUS), BOARD_GAC.weights, BOARD_GAC.houses)


def test_reject_threshold_is_validated():
    with pytest.raises(GovsimError, match="reject_threshold must be a number"):
        get_rule("advisory-override", reject_threshold="most")(
            board_rejects(0, GAC_CONSENSUS), BOARD_GAC.weights, BOARD_GAC.houses
        )


@pytest.mark.parametrize("direction", ["for", "against"])
def test_strict_and_inclusive_differ_on_a_board_of_ten(direction):
    board = body([1] * 10 + [1] * 3, [0] * 10 + [1] * 3)
    if direction == "for":  # 6 of 10 oppose advice for the proposal
        ballot, rejected_passes = stances((6, NO), (4, YES), (3, YES)), False
    else:  # 6 of 10 support the proposal against advice
        ballot, rejected_passes = stances((6, YES), (4, NO), (3, NO)), True
    inclusive = get_rule("advisory-override", reject_threshold="60%")
    strict = get_rule("advisory-override", reject_threshold=">60%")
    assert bool(inclusive(ballot, board.weights, board.houses).passed) is rejected_passes
    assert bool(strict(ballot, board.weights, board.houses).passed) is not rejected_passes


@pytest.mark.parametrize("reject_threshold", [*VARIANTS, ">60%", "3/4", "1"])
@pytest.mark.parametrize("seats", [body([1] * 7, [0] * 4 + [1] * 3), WEIGHTED_BOARD])
def test_override_is_monotone_for_every_threshold(reject_threshold, seats):
    """Turning any one seat to SUPPORT never defeats a passing proposal.

    The contract test checks the default threshold only. The case to watch is an
    advisory member whose change from OPPOSE to SUPPORT breaks advice against.
    """
    profile = ballots(seats.n, np.random.default_rng(0))  # all 4^7 ballots
    raised = np.repeat(profile[None], seats.n, axis=0)
    raised[np.arange(seats.n), :, np.arange(seats.n)] = YES
    rule = get_rule("advisory-override", reject_threshold=reject_threshold)
    before = rule(profile, seats.weights, seats.houses).passed
    after = rule(raised, seats.weights, seats.houses).passed
    assert not (before & ~after).any()
    # Not vacuous: some proposals pass against advice that a single objector holds.
    gac = profile[:, 4:]
    lone_objector = ((gac == NO).sum(-1) == 1) & ((gac == YES).sum(-1) == 0)
    assert (before & lone_objector).any()


@pytest.mark.parametrize(
    ("board_yes", "alac", "passes", "designation"),
    [
        (9, ((10, YES), (5, NO)), True, "advice followed"),
        (8, ((10, YES), (5, NO)), False, "advice not followed"),
        (9, ((5, YES), (10, NO)), True, "advice not followed"),
        (9, ((5, YES), (5, NO), (5, ABSENT)), True, "no advice"),
    ],
)
def test_alac_advice_is_recorded_only(board_yes, alac, passes, designation):
    alac_body = body([1] * 16 + [1] * 15, [0] * 16 + [1] * 15)
    ballot = stances((board_yes, YES), (16 - board_yes, ABSTAIN), *alac)
    decision = get_rule("advisory-nonbinding")(ballot, alac_body.weights, alac_body.houses)
    assert bool(decision.passed) is passes
    assert decision.designation == designation


@pytest.mark.parametrize(
    ("ministry", "groups", "passes", "designation"),
    [
        (((1, YES),), ((1, NO), (5, NO)), True, "consulted: disagreed"),
        (((1, NO),), ((1, NO), (5, NO)), False, "consulted: agreed"),
        (((1, YES),), ((4, YES), (2, NO)), True, "consulted: agreed"),
        (((1, ABSENT),), ((6, ABSTAIN),), False, "consulted: no view"),
    ],
)
def test_executive_decides_alone(ministry, groups, passes, designation):
    # One ministry seat (house 0); two consulted working groups (houses 1 and 2).
    ministry_body = body([1] * 7, [0, 1, 2, 2, 2, 2, 2])
    ballot = stances(*ministry, *groups)
    decision = get_rule("executive")(ballot, ministry_body.weights, ministry_body.houses)
    assert bool(decision.passed) is passes
    assert decision.designation == designation


def test_executive_of_several_seats_decides_by_weighted_majority():
    cabinet = body([3, 1, 1, 1], [0, 0, 0, 1])
    ballot = np.array([stances((1, YES), (2, NO), (1, NO)), stances((1, NO), (2, YES), (1, YES))])
    decision = get_rule("executive")(ballot, cabinet.weights, cabinet.houses)
    np.testing.assert_array_equal(decision.passed, [True, False])  # 3 of 5, then 2 of 5
