"""Majorities, unanimity and the weighted quota, including the pre-2009 GNSO Council."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest

from govsim.errors import GovsimError
from govsim.rules import Stance, get_rule
from tests.rules.bodies import stances

YES, NO, ABSTAIN, ABSENT = Stance.SUPPORT, Stance.OPPOSE, Stance.ABSTAIN, Stance.ABSENT
FIVE = (np.ones(5), np.zeros(5, dtype=int))

# Pre-2009 GNSO Council: 6 registry and registrar councillors with 2 votes, 15 others
# (4 constituencies x 3 and 3 NomCom appointees) with 1: 21 members, 27 votes.
COUNCIL_2003 = (np.array([2.0] * 6 + [1.0] * 15), np.zeros(21, dtype=int))


@pytest.mark.parametrize(
    ("base", "inclusive", "passes"),
    [
        # 2 yes, 1 no, 1 abstain, 1 absent.
        ("seats", False, False),  # 2 of 5: abstention and absence are No
        ("present", False, False),  # 2 of 4: the abstention is No
        ("present", True, True),  # exactly half, inclusive
        ("cast", False, True),  # 2 of 3
    ],
)
def test_majority_base_decides_what_abstention_and_absence_count_as(base, inclusive, passes):
    ballot = stances((2, YES), (1, NO), (1, ABSTAIN), (1, ABSENT))
    decision = get_rule("majority", base=base, inclusive=inclusive)(ballot, *FIVE)
    assert bool(decision.passed) is passes
    expected = {"seats": 2 / 5, "present": 2 / 4, "cast": 2 / 3}[base]
    np.testing.assert_allclose(decision.fraction, [expected])


@pytest.mark.parametrize(
    ("quorum", "present", "passes"),
    [("1/2", 2, True), (">1/2", 2, False), (">1/2", 3, True), (">=0.6", 3, True), (None, 1, True)],
)
def test_quorum_counts_present_seat_weight(quorum, present, passes):
    four = (np.ones(4), np.zeros(4, dtype=int))
    ballot = stances((1, YES), (present - 1, ABSTAIN), (4 - present, ABSENT))
    rule = get_rule("majority", base="cast", quorum=quorum)
    assert bool(rule(ballot, *four).passed) is passes


@pytest.mark.parametrize("fraction", [Fraction(2, 3), "2/3", "4/6"])
def test_qualified_majority_compares_exactly(fraction):
    body = (np.ones(300), np.zeros(300, dtype=int))
    ballot = np.array([stances((200, YES), (100, NO)), stances((199, YES), (101, NO))])
    decide = get_rule("qualified-majority", fraction=fraction)
    np.testing.assert_array_equal(decide(ballot, *body).passed, [True, False])
    strict = get_rule("qualified-majority", fraction=fraction, inclusive=False)
    np.testing.assert_array_equal(strict(ballot, *body).passed, [False, False])


def test_fraction_spellings_agree():
    ballot = stances((3, YES), (2, NO))
    results = {
        bool(get_rule("qualified-majority", fraction=f)(ballot, *FIVE).passed)
        for f in ("60%", "3/5", 0.6, "0.6", Fraction(3, 5), np.float64(0.6))
    }
    assert results == {True}


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"fraction": "two thirds"}, "fraction must be a number in \\[0, 1\\]"),
        ({"fraction": "150%"}, "fraction must be a number in \\[0, 1\\].*found '150%'"),
        ({"fraction": -0.1}, "fraction must be"),
        ({"fraction": True}, "fraction must be"),
        ({"fraction": None}, "fraction must be"),
        ({"base": "members"}, "base must be one of \\['seats', 'present', 'cast'\\]"),
        ({"inclusive": "yes"}, "inclusive must be true or false; found 'yes'"),
        ({"quorum": "most"}, "quorum must be"),
        ({"quorum": ">2"}, "quorum must be"),
    ],
)
def test_bad_parameters_raise_one_line_errors(params, message):
    with pytest.raises(GovsimError, match=message) as error:
        get_rule("qualified-majority", **params)(stances((5, YES)), *FIVE)
    assert "\n" not in str(error.value)


def test_unanimity_needs_every_voting_seat():
    weights, houses = np.array([1.0, 1.0, 0.0]), np.zeros(3, dtype=int)
    ballot = np.array([[YES, YES, NO], [YES, ABSTAIN, YES], [YES, ABSENT, YES], [YES, NO, YES]])
    decision = get_rule("unanimity")(ballot, weights, houses)
    np.testing.assert_array_equal(decision.passed, [True, False, False, False])
    assert not get_rule("unanimity")([YES], [0.0], [0]).passed


def test_pre_2009_consensus_policy_needs_18_of_27_votes():
    # 6 double-vote councillors and k single-vote councillors for: 12 + k votes.
    ballot = np.array([stances((6, YES), (k, YES), (15 - k, NO)) for k in range(16)])
    votes = 12 + np.arange(16)
    quota = get_rule("weighted-quota", quota=18)(ballot, *COUNCIL_2003)
    np.testing.assert_array_equal(quota.passed, votes >= 18)
    two_thirds = get_rule("qualified-majority", fraction="2/3")(ballot, *COUNCIL_2003)
    np.testing.assert_array_equal(two_thirds.passed, quota.passed)


def test_weighted_quota_equals_two_thirds_of_seats_on_random_ballots():
    rng = np.random.default_rng(0)
    ballot = rng.integers(0, 4, size=(5000, 21), dtype=np.int8)
    quota = get_rule("weighted-quota", quota="18")(ballot, *COUNCIL_2003)
    two_thirds = get_rule("qualified-majority")(ballot, *COUNCIL_2003)
    np.testing.assert_array_equal(quota.passed, two_thirds.passed)
    assert 0 < quota.passed.sum() < len(ballot)


def test_weighted_quota_default_is_a_weighted_majority():
    rule = get_rule("weighted-quota")
    assert rule(stances((6, YES), (2, YES), (13, NO)), *COUNCIL_2003).passed  # 14 of 27
    assert not rule(stances((6, YES), (1, YES), (14, NO)), *COUNCIL_2003).passed  # 13 of 27
    with pytest.raises(GovsimError, match="quota must be a positive number of votes"):
        get_rule("weighted-quota", quota=0)(stances((21, YES)), *COUNCIL_2003)


def test_issues_report_of_24_may_2007():
    # 8 of 15 members present voted for: 10 of the 21 weighted votes present, against
    # a bar of 25% of members present. Quorum: a majority of the 27 votes present.
    ballot = stances((2, YES), (4, NO), (6, YES), (3, NO), (6, ABSENT))
    rule = get_rule(
        "qualified-majority", fraction="25%", base="present", inclusive=True, quorum=">1/2"
    )
    decision = rule(ballot, *COUNCIL_2003)
    assert decision.passed
    np.testing.assert_allclose(decision.fraction, [10 / 21])
    # The same vote would not have initiated a PDP outside scope (more than 66%).
    outside_scope = get_rule("qualified-majority", fraction="66%", base="present", inclusive=False)
    assert not outside_scope(ballot, *COUNCIL_2003).passed


def test_chair_election_of_2003():
    # 17 members for (22 weighted votes), 1 abstaining (2 votes): 24 votes in all.
    ballot = stances((5, YES), (1, ABSTAIN), (12, YES), (3, ABSENT))
    decision = get_rule("majority", base="present", quorum=">1/2")(ballot, *COUNCIL_2003)
    assert decision.passed
    np.testing.assert_allclose(decision.fraction, [22 / 24])
