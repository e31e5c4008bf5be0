"""Full consensus, GNSO working-group levels and IETF rough consensus."""

from __future__ import annotations

import numpy as np
import pytest

from govsim.errors import GovsimError
from govsim.rules import Stance, get_rule
from tests.rules.bodies import ballots, stances

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


def test_rough_consensus_needs_objections_considered():
    """RFC 7282 §6: "100 for and 5 against might not be rough consensus": not while
    the five objections stand unconsidered; once each was considered, 5 of 105 is a
    small enough minority."""
    rule = get_rule("rough-consensus")
    many_for = stances((100, YES), (5, NO))
    decision = rule(many_for, *equal_seats(105), addressed=np.zeros(105, dtype=bool))
    assert not decision.passed and decision.designation == "objections unaddressed"
    assert not rule(many_for, *equal_seats(105)).passed  # addressed=None: none considered
    decision = rule(many_for, *equal_seats(105), addressed=many_for == NO)
    assert decision.passed and decision.designation == "rough consensus"


def test_rough_consensus_needs_support_ahead_of_opposition():
    """Five for and a hundred against, every objection considered, does not pass: the
    model cannot tell one repeated objection from many (RFC 7282 §7), so support
    must exceed opposition."""
    many_against = stances((5, YES), (100, NO))
    decision = get_rule("rough-consensus", max_objectors="99/100")(
        many_against, *equal_seats(105), addressed=many_against == NO
    )
    assert not decision.passed and decision.designation == "insufficient support"


@pytest.mark.parametrize(
    ("groups", "max_objectors", "designation"),
    [
        (((9, YES), (1, NO)), "1/10", "rough consensus"),  # 1 of 10 participants
        (((8, YES), (1, NO), (1, ABSTAIN)), "1/10", "rough consensus"),
        (((8, YES), (2, NO)), "1/10", "too many objectors"),
        (((8, YES), (2, NO)), "1/5", "rough consensus"),
        (
            ((8, YES), (2, NO), (10, ABSENT)),
            "1/10",
            "too many objectors",
        ),  # absent: not participants
        (((3, YES), (3, NO)), "1/2", "insufficient support"),
        (((5, ABSTAIN),), "1/10", "insufficient support"),
    ],
)
def test_rough_consensus_counts_objectors_among_participants(groups, max_objectors, designation):
    ballot = stances(*groups)
    rule = get_rule("rough-consensus", max_objectors=max_objectors)
    decision = rule(ballot, *equal_seats(len(ballot)), addressed=ballot == NO)
    assert decision.designation == designation
    assert bool(decision.passed) is (designation == "rough consensus")


def test_rough_consensus_reads_flags_of_objectors_of_positive_weight_only():
    ballot = stances((9, YES), (1, NO), (1, NO))
    weights = np.array([1.0] * 10 + [0.0])  # the last objector has no vote weight
    flags = np.array([True] * 9 + [True, False])
    assert get_rule("rough-consensus")(ballot, weights, np.zeros(11, int), addressed=flags).passed
    flags = np.array([True] * 9 + [False, True])  # flags on supporters change nothing
    assert not get_rule("rough-consensus")(
        ballot, weights, np.zeros(11, int), addressed=flags
    ).passed


def random_ballots(seed: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Every stance profile of 6 seats with random weights (some 0, some fractional)
    and a random ``addressed`` array."""
    rng = np.random.default_rng(seed)
    profile = ballots(6, rng)
    weights = rng.choice([0.0, 0.5, 1.0, 1.0, 2.0, 1 / 3], 6)
    return profile, weights, np.zeros(6, int), rng.random(profile.shape) < 0.5


@pytest.mark.parametrize("seed", range(5))
def test_rough_consensus_without_objectors_is_full_consensus(seed):
    """max_objectors = 0 decides exactly as full consensus, on every ballot and for
    every ``addressed`` array: no objection of positive weight may remain, so whether
    one was considered never matters, and support must be positive."""
    profile, weights, houses, addressed = random_ballots(seed)
    strict = get_rule("rough-consensus", max_objectors=0)(
        profile, weights, houses, addressed=addressed
    )
    full = get_rule("full-consensus")(profile, weights, houses)
    np.testing.assert_array_equal(strict.passed, full.passed)


@pytest.mark.parametrize("max_objectors", [0, "1/10", "1/3", "1/2", "99/100"])
def test_a_lone_supporter_never_carries_a_room_of_objectors(max_objectors):
    rule = get_rule("rough-consensus", max_objectors=max_objectors)
    for objectors in range(1, 30):
        for abstainers in (0, 3):
            ballot = stances((1, YES), (objectors, NO), (abstainers, ABSTAIN))
            n = len(ballot)
            assert not rule(ballot, *equal_seats(n), addressed=np.ones(n, dtype=bool)).passed


@pytest.mark.parametrize("seed", range(5))
def test_fewer_allowed_objectors_never_pass_more(seed):
    """Every ballot that passes at a share r passes at every larger share, so the pass
    rate never rises as max_objectors falls."""
    profile, weights, houses, addressed = random_ballots(seed)
    shares = ["0", "1/20", "1/10", "1/6", "1/5", "1/4", "1/3", "1/2", "2/3", "9/10"]
    passed = [
        get_rule("rough-consensus", max_objectors=r)(
            profile, weights, houses, addressed=addressed
        ).passed
        for r in shares
    ]
    for looser, stricter in zip(passed[1:], passed[:-1], strict=True):
        assert not (stricter & ~looser).any()
    rates = [p.mean() for p in passed]
    assert rates == sorted(rates) and rates[0] < rates[-1]


def test_rough_consensus_checks_addressed_shape_and_share():
    with pytest.raises(GovsimError, match="addressed must have the shape of stances"):
        get_rule("rough-consensus")(stances((3, YES)), *equal_seats(3), addressed=[True] * 2)
    with pytest.raises(GovsimError, match=r"max_objectors must be a share in \[0, 1\)"):
        get_rule("rough-consensus", max_objectors=1)(stances((3, YES)), *equal_seats(3))
    with pytest.raises(GovsimError, match="max_objectors must be a number in"):
        get_rule("rough-consensus", max_objectors=-1)(stances((3, YES)), *equal_seats(3))
    with pytest.raises(GovsimError, match="has no parameter 'max_unaddressed'"):
        get_rule("rough-consensus", max_unaddressed=0)
