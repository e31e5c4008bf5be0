"""GAC advice that binds unless rejected, ALAC advice, and the executive rule."""

from __future__ import annotations

import numpy as np
import pytest

from govsim.errors import GovsimError
from govsim.rules import Stance, get_rule
from tests.rules.bodies import body, stances

YES, NO, ABSTAIN, ABSENT = Stance.SUPPORT, Stance.OPPOSE, Stance.ABSTAIN, Stance.ABSENT

# The ICANN Board: 16 voting directors and 4 non-voting liaisons (house 0); the GAC
# with 12 members present at the meeting (house 1).
BOARD_GAC = body([1] * 16 + [0] * 4 + [1] * 12, [0] * 20 + [1] * 12)

# Directors who must vote against consensus advice to reject it, per the reference.
VARIANTS = {"60%": 10, ">1/2": 9, "2/3": 11}  # 2016 Bylaws, pre-2016, 2014 proposal


def board_rejects(against: int, gac: np.ndarray) -> np.ndarray:
    return np.concatenate([stances((against, NO), (16 - against, YES), (4, NO)), gac])


GAC_CONSENSUS = stances((9, YES), (2, ABSTAIN), (1, ABSENT))


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


@pytest.mark.parametrize(
    ("variant", "against", "rejected"),
    [
        ("60%", 9, False),
        ("60%", 10, True),
        ("60%", 11, True),
        (">1/2", 9, True),
        (">1/2", 10, True),
        (">1/2", 11, True),
        ("2/3", 9, False),
        ("2/3", 10, False),
        ("2/3", 11, True),
    ],
)
def test_nine_ten_eleven_directors(variant, against, rejected):
    ballot = board_rejects(against, GAC_CONSENSUS)
    rule = get_rule("advisory-override", reject_threshold=variant)
    assert bool(rule(ballot, BOARD_GAC.weights, BOARD_GAC.houses).passed) is not rejected


def test_without_consensus_advice_the_board_decides_by_majority():
    split_gac = stances((11, YES), (1, NO))
    ballot = np.array([board_rejects(7, split_gac), board_rejects(8, split_gac)])
    decision = get_rule("advisory-override")(ballot, BOARD_GAC.weights, BOARD_GAC.houses)
    np.testing.assert_array_equal(decision.passed, [True, False])  # 9 of 16, then 8 of 16
    np.testing.assert_array_equal(decision.designation, ["no consensus advice"] * 2)
    silent_gac = stances((12, ABSTAIN))
    silent = get_rule("advisory-override")(
        board_rejects(8, silent_gac), BOARD_GAC.weights, BOARD_GAC.houses
    )
    assert silent.designation == "no consensus advice"


def test_reject_threshold_is_validated():
    rule = get_rule("advisory-override", reject_threshold="1/3")
    with pytest.raises(GovsimError, match="reject_threshold must be at least 1/2"):
        rule(board_rejects(0, GAC_CONSENSUS), BOARD_GAC.weights, BOARD_GAC.houses)
    with pytest.raises(GovsimError, match="reject_threshold must be a number"):
        get_rule("advisory-override", reject_threshold="most")(
            board_rejects(0, GAC_CONSENSUS), BOARD_GAC.weights, BOARD_GAC.houses
        )


def test_strict_and_inclusive_differ_on_a_board_of_ten():
    board = body([1] * 10 + [1] * 3, [0] * 10 + [1] * 3)
    ballot = stances((6, NO), (4, YES), (3, YES))
    inclusive = get_rule("advisory-override", reject_threshold="60%")
    strict = get_rule("advisory-override", reject_threshold=">60%")
    assert not inclusive(ballot, board.weights, board.houses).passed
    assert strict(ballot, board.weights, board.houses).passed


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
