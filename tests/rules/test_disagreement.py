"""The agenda-free disagreement between a rule and a one-chamber majority: exact values."""

from __future__ import annotations

import numpy as np
import pytest

from govsim.errors import GovsimError
from govsim.rules import get_rule
from govsim.rules.disagreement import agenda_free_rates, disagreement_rates
from govsim.rules.passing import take_stances
from tests.rules.bodies import GNSO_COUNCIL


def monte_carlo(rule, positions, weights, houses, draws, rng, comparison_weights=None):
    """Blocked and imposed shares over uniform (q, y) draws, with the model's stances,
    and their standard errors."""
    q, y = rng.random((draws, 1)), rng.random((draws, 1))
    points = np.broadcast_to(np.asarray(positions, float)[:, None], (draws, len(positions), 1))
    stances = take_stances(points, y, q, 0.0)
    if comparison_weights is None:
        comparison_weights = (np.asarray(weights) > 0).astype(float)
    ours = rule(stances, weights, houses).passed
    theirs = get_rule("majority")(stances, comparison_weights, np.zeros_like(houses)).passed
    shares = np.array([(theirs & ~ours).mean(), (ours & ~theirs).mean()])
    return shares, np.sqrt(shares * (1 - shares) / draws)


def k_of_n_passing_length(x: np.ndarray, k: int, q: np.ndarray) -> np.ndarray:
    """Length inside [0, 1] of the k-of-n passing set, from its closed form: the open
    interval between q and 2c - q, c the point of the core [x_(n-k+1), x_(k)] nearest q
    (Black 1948; Krehbiel 1998)."""
    x = np.sort(x)
    c = np.clip(q, x[len(x) - k], x[k - 1])
    low, high = np.minimum(q, 2 * c - q), np.maximum(q, 2 * c - q)
    return np.clip(np.minimum(high, 1) - np.maximum(low, 0), 0, None)


def test_a_one_house_majority_never_disagrees_with_the_majority():
    d = disagreement_rates("houses", [0.1, 0.4, 0.9], [1, 1, 1], [0, 0, 0])
    assert (d.blocked, d.imposed) == (0.0, 0.0)


def test_unanimity_of_three_against_their_median_by_hand():
    """x = 1/4, 1/2, 3/4. For q < 1/4 the majority passes (q, 1 - q), unanimity
    (q, 1/2 - q): 1/2 blocked; for q in [1/4, 3/4] unanimity passes nothing and the
    majority |1 - 2q|; symmetric above 3/4. 2 * (1/4 * 1/2) + 2 * 1/16 = 3/8."""
    d = disagreement_rates("unanimity", [0.25, 0.5, 0.75], [1, 1, 1], [0, 0, 0])
    assert d.blocked == pytest.approx(3 / 8, abs=1e-12)
    assert d.imposed == 0.0


def test_unanimity_of_two_against_either_one_by_hand_with_the_unit_interval_cut():
    """x = 1/4, 3/4: what one of the two passes but not both is the symmetric
    difference of (q, 1/2 - q) and (q, 3/2 - q), cut to [0, 1]: 1/2 + q for q < 1/4,
    q + 1/2 on [1/4, 1/2], 3/2 - q on [1/2, 3/4], 3/2 - q above. Integral 3/4. (A
    majority of two is unanimity, so against the default comparison it is 0.)"""
    either = get_rule("weighted-quota", quota=1)
    d = disagreement_rates("unanimity", [0.25, 0.75], [1, 1], [0, 0], comparison=either)
    assert (d.blocked, d.imposed) == (pytest.approx(3 / 4, abs=1e-12), 0.0)
    swapped = disagreement_rates(either, [0.25, 0.75], [1, 1], [0, 0], comparison="unanimity")
    assert (swapped.blocked, swapped.imposed) == (0.0, pytest.approx(3 / 4, abs=1e-12))
    assert disagreement_rates("unanimity", [0.25, 0.75], [1, 1], [0, 0]) == (0.0, 0.0)


@pytest.mark.parametrize("seed", range(4))
def test_a_k_of_n_quota_against_the_median_matches_its_closed_form(seed):
    """The quota's passing set lies inside the majority's (its core contains the
    median), so nothing is imposed and blocked = ∫ (|W_maj| - |W_k|) dq over [0, 1],
    integrated here from the closed form on a fine grid (independent of the code)."""
    rng = np.random.default_rng(seed)
    x, k = rng.random(7), 5
    d = disagreement_rates(get_rule("weighted-quota", quota=k), x, np.ones(7), np.zeros(7, int))
    q = (np.arange(400_000) + 0.5) / 400_000
    expected = (k_of_n_passing_length(x, 4, q) - k_of_n_passing_length(x, k, q)).mean()
    assert d.imposed == 0.0
    assert d.blocked == pytest.approx(expected, abs=1e-9)


@pytest.mark.parametrize("seed", range(3))
def test_gnso_two_houses_against_one_chamber_matches_monte_carlo(seed):
    rng = np.random.default_rng(100 + seed)
    positions = np.concatenate([rng.normal(0.75, 0.1, 7), rng.normal(0.35, 0.15, 14)])
    positions = positions.clip(0, 1)
    rule = get_rule("houses", threshold="gnso-default")
    w, h = GNSO_COUNCIL.weights, GNSO_COUNCIL.houses
    exact = disagreement_rates(rule, positions, w, h)
    shares, se = monte_carlo(rule, positions, w, h, 400_000, rng)
    assert exact.blocked > 0.01
    np.testing.assert_array_less(np.abs(np.array(exact) - shares), 4 * se + 1e-12)


def test_a_weighted_council_against_its_head_count_matches_monte_carlo():
    """The 2003 council (registries and registrars cast two votes, majority of those
    present) can both block and impose against one seat, one vote."""
    rng = np.random.default_rng(7)
    positions = np.concatenate([rng.normal(0.8, 0.05, 6), rng.normal(0.3, 0.2, 15)]).clip(0, 1)
    weights, houses = np.r_[np.full(6, 2.0), np.ones(15)], np.zeros(21, int)
    rule = get_rule("majority", base="present")
    exact = disagreement_rates(rule, positions, weights, houses)
    shares, se = monte_carlo(rule, positions, weights, houses, 400_000, rng)
    assert min(exact) > 0.005
    np.testing.assert_array_less(np.abs(np.array(exact) - shares), 4 * se + 1e-12)


def test_a_batch_is_its_bodies_one_by_one():
    rng = np.random.default_rng(3)
    positions = rng.random((5, 21))
    rule = get_rule("houses", threshold="gnso-supermajority")
    w, h = GNSO_COUNCIL.weights, GNSO_COUNCIL.houses
    batch = disagreement_rates(rule, positions, w, h)
    for r in range(5):
        one = disagreement_rates(rule, positions[r], w, h)
        assert (batch.blocked[r], batch.imposed[r]) == (
            pytest.approx(float(one.blocked), abs=1e-14),
            pytest.approx(float(one.imposed), abs=1e-14),
        )


def test_chunking_does_not_change_the_result(monkeypatch):
    rng = np.random.default_rng(4)
    positions = rng.random((3, 21))
    w, h = GNSO_COUNCIL.weights, GNSO_COUNCIL.houses
    whole = disagreement_rates("houses", positions, w, h)
    monkeypatch.setattr("govsim.rules.disagreement.CHUNK_CELLS", 1)
    pieces = disagreement_rates("houses", positions, w, h)
    np.testing.assert_allclose(np.array(pieces), np.array(whole), atol=1e-14)


def test_a_non_voting_seat_stays_out_of_the_default_comparison():
    """Seats 0-2 vote, seat 3 (weight 0) does not: the majority is of the three."""
    with_silent = disagreement_rates(
        "unanimity", [0.25, 0.5, 0.75, 0.1], [1, 1, 1, 0], [0, 0, 0, 0]
    )
    assert with_silent.blocked == pytest.approx(3 / 8, abs=1e-12)


def test_agenda_free_rates_reads_one_replications_seats_and_is_nan_above_one_dimension():
    rule = get_rule("unanimity")
    blocked, imposed = agenda_free_rates([[0.25], [0.5], [0.75]], [1, 1, 1], [0, 0, 0], rule)
    assert (blocked, imposed) == (pytest.approx(3 / 8, abs=1e-12), 0.0)
    assert np.isnan(agenda_free_rates(np.full((3, 2), 0.5), [1, 1, 1], [0, 0, 0], rule)).all()


def test_positions_must_match_the_weights():
    with pytest.raises(GovsimError, match="disagreement needs positions"):
        disagreement_rates("majority", [0.1, 0.2], [1, 1, 1], [0, 0, 0])


@pytest.mark.parametrize("seed", range(3))
def test_a_self_dual_rule_blocks_as_often_as_it_imposes(seed):
    """A majority of an odd total weight never ties, so it passes y against q exactly
    when it fails q against y, and so does the head count; swapping the iid q and y
    turns every blocked pair into an imposed one: the two probabilities are equal."""
    rng = np.random.default_rng(seed)
    positions = np.sort(rng.random(21))
    weights = np.r_[np.ones(15), np.full(6, 2.0)]  # 27 votes, 21 heads: both odd
    d = disagreement_rates("majority", positions, weights, np.zeros(21, int))
    assert d.blocked > 0.001
    assert d.imposed == pytest.approx(float(d.blocked), abs=1e-12)


def test_two_houses_never_impose_against_the_council_majority():
    """A majority of each GNSO house (4 of 7 and 7 of 13) is 11 of 20, a majority."""
    rng = np.random.default_rng(9)
    d = disagreement_rates(
        "houses", rng.random((20, 21)), GNSO_COUNCIL.weights, GNSO_COUNCIL.houses
    )
    assert (d.imposed == 0).all() and (d.blocked > 0).any()
