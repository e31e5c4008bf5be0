"""Full consensus, GNSO working-group levels and IETF rough consensus."""

from __future__ import annotations

import numpy as np
import pytest

from govsim.errors import GovsimError
from govsim.rules import Stance, get_rule
from tests.rules.bodies import stances

YES, NO, ABSTAIN, ABSENT = Stance.SUPPORT, Stance.OPPOSE, Stance.ABSTAIN, Stance.ABSENT


def equal_seats(n: int) -> tuple[np.ndarray, np.ndarray]:
    return np.ones(n), np.zeros(n, dtype=int)


@pytest.mark.parametrize(
    ("groups", "passes"),
    [
        (((3, YES), (2, ABSTAIN), (5, ABSENT)), True),
        (((9, YES), (1, NO)), False),
        (((5, ABSTAIN), (5, ABSENT)), False),
    ],
)
def test_full_consensus_is_blocked_by_one_objection_only(groups, passes):
    assert bool(get_rule("full-consensus")(stances(*groups), *equal_seats(10)).passed) is passes


@pytest.mark.parametrize(
    ("groups", "level"),
    [
        (((10, YES),), "full consensus"),
        (((8, YES), (2, ABSTAIN)), "full consensus"),
        (((9, YES), (1, NO)), "consensus"),  # opposition exactly 1/10 of votes cast
        (((18, YES), (2, NO)), "consensus"),
        (((8, YES), (2, NO)), "strong support but significant opposition"),
        (((6, YES), (4, NO)), "strong support but significant opposition"),
        (((5, YES), (5, NO)), "divergence"),  # half is not "most"
        (((2, YES), (8, NO)), "divergence"),
        (((10, ABSTAIN),), "divergence"),
    ],
)
def test_gnso_wg_levels(groups, level):
    ballot = stances(*groups)
    decision = get_rule("gnso-wg-consensus")(ballot, *equal_seats(len(ballot)))
    assert decision.designation == level
    assert bool(decision.passed) is (level in ("full consensus", "consensus"))


@pytest.mark.parametrize(
    ("passes_at", "expected"),
    [
        ("full consensus", [True, False, False, False]),
        ("consensus", [True, True, False, False]),
        ("strong support but significant opposition", [True, True, True, False]),
    ],
)
def test_gnso_wg_passes_at(passes_at, expected):
    tallies = [((10, YES),), ((9, YES), (1, NO)), ((7, YES), (3, NO)), ((4, YES), (6, NO))]
    ballot = np.array([stances(*groups) for groups in tallies])
    decision = get_rule("gnso-wg-consensus", passes_at=passes_at)(ballot, *equal_seats(10))
    np.testing.assert_array_equal(decision.passed, expected)


def test_gnso_wg_cut_offs_are_parameters():
    ballot = stances((8, YES), (2, NO))
    looser = get_rule("gnso-wg-consensus", consensus_max_opposition="20%")
    assert looser(ballot, *equal_seats(10)).designation == "consensus"
    stricter = get_rule("gnso-wg-consensus", strong_support_min="4/5")
    assert stricter(ballot, *equal_seats(10)).designation == "divergence"


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"passes_at": "divergence"}, "passes_at must be one of"),
        ({"passes_at": "rough"}, "passes_at must be one of"),
        ({"consensus_max_opposition": "a few"}, "consensus_max_opposition must be"),
        ({"strong_support_min": 2}, "strong_support_min must be"),
    ],
)
def test_gnso_wg_bad_parameters(params, message):
    with pytest.raises(GovsimError, match=message):
        get_rule("gnso-wg-consensus", **params)(stances((3, YES)), *equal_seats(3))


def test_rough_consensus_judges_unaddressed_objections_not_shares():
    # RFC 7282 §6: "100 for and 5 against might not be rough consensus; 5 for and 100
    # against might still be."
    rule = get_rule("rough-consensus")
    many_for = stances((100, YES), (5, NO))
    decision = rule(many_for, *equal_seats(105), addressed=np.zeros(105, dtype=bool))
    assert not decision.passed and decision.designation == "objections unaddressed"
    assert not rule(many_for, *equal_seats(105)).passed  # addressed=None: none addressed
    many_against = stances((5, YES), (100, NO))
    decision = rule(many_against, *equal_seats(105), addressed=many_against == NO)
    assert decision.passed and decision.designation == "rough consensus"


def test_rough_consensus_counts_unaddressed_weight():
    ballot = np.array([stances((3, YES), (2, NO)), stances((5, ABSTAIN))])
    addressed = np.array([[False, False, False, True, False]] * 2)
    strict = get_rule("rough-consensus")(ballot, *equal_seats(5), addressed=addressed)
    np.testing.assert_array_equal(strict.passed, [False, False])
    np.testing.assert_array_equal(strict.designation, ["objections unaddressed", "no support"])
    tolerant = get_rule("rough-consensus", max_unaddressed=1)
    np.testing.assert_array_equal(
        tolerant(ballot, *equal_seats(5), addressed=addressed).passed, [True, False]
    )
    # Addressed flags on seats that do not object change nothing.
    flags = np.ones((2, 5), dtype=bool)
    flags[0, 3:] = False
    assert not get_rule("rough-consensus")(ballot, *equal_seats(5), addressed=flags).passed[0]


def test_rough_consensus_checks_addressed_shape_and_limit():
    with pytest.raises(GovsimError, match="addressed must have the shape of stances"):
        get_rule("rough-consensus")(stances((3, YES)), *equal_seats(3), addressed=[True] * 2)
    with pytest.raises(GovsimError, match="max_unaddressed must be a non-negative number"):
        get_rule("rough-consensus", max_unaddressed=-1)(stances((3, YES)), *equal_seats(3))
