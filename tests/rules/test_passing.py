"""Passing sets in one dimension: an oracle for every rule, and results from the literature."""

from __future__ import annotations

import numpy as np
import pytest

from govsim.errors import GovsimError
from govsim.model.cycle import take_stances as model_stances
from govsim.rules import RULES, Stance, get_rule
from govsim.rules.passing import Interval, PassingSet, passing_set, take_stances

NAMES = sorted(RULES)


def random_body(rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Positions, weights (some 0, some 2) and house codes 0/1 of a small body."""
    n = int(rng.integers(3, 9))
    houses = np.sort(rng.integers(0, 2, n))
    houses[0], houses[-1] = 0, 1  # both houses seated, for the advisory rules
    return rng.random(n), rng.choice([0.0, 1.0, 1.0, 2.0], n), houses


def breakpoints(positions: np.ndarray, q: float, tau: float) -> np.ndarray:
    r = np.abs(positions - q)
    inner = (r - tau)[r > tau]
    return np.concatenate(
        [
            positions[r > tau] - inner,
            positions[r > tau] + inner,
            positions - r - tau,
            positions + r + tau,
        ]
    )


def test_take_stances_is_the_models_bit_for_bit():
    rng = np.random.default_rng(0)
    position, proposal, q = rng.random((4, 30, 2)), rng.random((4, 2)), rng.random((4, 2))
    for tau in (0.0, 0.01):
        np.testing.assert_array_equal(
            take_stances(position, proposal, q, tau), model_stances(position, proposal, q, tau)
        )


@pytest.mark.parametrize("tau", [0.0, 0.02])
@pytest.mark.parametrize("name", NAMES)
def test_passing_set_agrees_with_the_rule_on_a_fine_grid(name, tau):
    """Brute-force oracle: decide the rule on a grid of proposals with the model's
    stances and compare with membership of the passing set, away from breakpoints."""
    rng = np.random.default_rng(abs(hash((name, tau))) % 2**32)
    rule = get_rule(name)
    grid = np.linspace(-1.5, 2.5, 8001)
    step = grid[1] - grid[0]
    for _ in range(12):
        positions, weights, houses = random_body(rng)
        q = float(rng.random())
        found = passing_set(rule, positions, q, weights, houses, indifference=tau)
        stances = model_stances(
            np.broadcast_to(positions[:, None], (len(grid), len(positions), 1)),
            grid[:, None],
            np.full((len(grid), 1), q),
            tau,
        )
        truth = rule(stances, weights, houses).passed
        member = np.array([y in found for y in grid])
        far = np.abs(grid[:, None] - breakpoints(positions, q, tau)).min(axis=1) > 2 * step
        assert far.sum() > len(grid) / 2
        np.testing.assert_array_equal(member[far], truth[far], err_msg=f"{name}: {found}")


def test_a_closed_end_where_the_last_voter_abstains():
    """Full consensus, tau = 0: at y = 2p - q the voter at p is indifferent, so the set
    ends there closed; just past it that voter objects."""
    positions, q = np.array([0.3, 0.6]), 0.0
    found = passing_set("full-consensus", positions, q, [1, 1], [0, 0])
    assert found == PassingSet((Interval(0.0, 0.6, False, True),))
    assert 0.6 in found and 0.6 + 1e-12 not in found and 0.0 not in found


def test_no_proposal_passes_at_the_status_quo():
    rng = np.random.default_rng(5)
    for name in NAMES:
        positions, weights, houses = random_body(rng)
        q = float(rng.random())
        assert q not in passing_set(name, positions, q, weights, houses), name


def k_of_n(k: int):
    """Support of at least k equal seats: the weighted game [k; 1, ..., 1]."""
    return get_rule("weighted-quota", quota=k)


def closed_form(x: np.ndarray, k: int, q: float, tau: float = 0.0) -> PassingSet:
    """The k-of-n passing set derived in :func:`govsim.rules.passing.passing_set`."""
    x = np.sort(x)
    n = len(x)
    c = min(max(q, x[n - k]), x[k - 1])  # the core point nearest q
    if c == q:
        return PassingSet(())
    side = np.sign(c - q)
    near, far = q + side * tau, 2 * c - q - side * tau
    low, high = min(near, far), max(near, far)
    return PassingSet((Interval(low, high, False, False),) if side * (far - near) > 0 else ())


def assert_same_set(a: PassingSet, b: PassingSet) -> None:
    assert len(a.intervals) == len(b.intervals), f"{a} != {b}"
    for i, j in zip(a.intervals, b.intervals, strict=True):
        assert (i.closed_low, i.closed_high) == (j.closed_low, j.closed_high), f"{a} != {b}"
        np.testing.assert_allclose([i.low, i.high], [j.low, j.high], atol=1e-12)


@pytest.mark.parametrize("tau", [0.0, 0.01])
def test_k_of_n_gridlock_interval(tau):
    """Black (1948), Krehbiel (1998, ch. 2): under a k-of-n rule (k > n/2) a status quo
    inside the gridlock interval [x_(n-k+1), x_(k)] cannot be beaten; outside it, the
    proposals that beat q for the pivot x_(n-k+1) or x_(k) pass."""
    rng = np.random.default_rng(1)
    for _ in range(200):
        n = int(rng.integers(3, 12))
        k = int(rng.integers(n // 2 + 1, n + 1))
        x = rng.random(n)
        low, high = np.sort(x)[n - k], np.sort(x)[k - 1]
        q = float(rng.choice([rng.uniform(low, high), rng.random()]))
        found = passing_set(k_of_n(k), x, q, np.ones(n), np.zeros(n, int), indifference=tau)
        if low <= q <= high:
            assert found.empty
        assert_same_set(found, closed_form(x, k, q, tau))


@pytest.mark.parametrize("rule", ["majority", "k-of-n"])
def test_winset_length_is_twice_the_distance_to_the_core(rule):
    """Tsebelis (2002, ch. 1): in one dimension the winset of q has length
    2 dist(q, core); under majority of n seats the core is the median (n odd) or the
    two middle positions (n even)."""
    rng = np.random.default_rng(2)
    for _ in range(200):
        n = int(rng.integers(2, 15))
        k = n // 2 + 1 if rule == "majority" else int(rng.integers(n // 2 + 1, n + 1))
        x, q = np.sort(rng.random(n)), float(rng.random())
        decide = get_rule("majority") if rule == "majority" else k_of_n(k)
        found = passing_set(decide, x, q, np.ones(n), np.zeros(n, int))
        distance = abs(q - np.clip(q, x[n - k], x[k - 1]))
        assert found.length == pytest.approx(2 * distance, abs=1e-12)


def test_a_house_whose_median_is_in_the_core_is_absorbed():
    """Tsebelis (2002, ch. 1, absorption rule): a veto player inside the core of the
    others adds nothing. House 0 decides by k of its n seats; adding house 1, deciding
    by majority, whose median lies in house 0's core changes no passing set."""
    rng = np.random.default_rng(3)
    for _ in range(200):
        n, half = int(rng.integers(3, 10)), int(rng.integers(0, 3))
        k = int(rng.integers(n // 2 + 1, n + 1))
        x = np.sort(rng.random(n))
        low, high = x[n - k], x[k - 1]
        median = rng.uniform(low, high)
        below, above = rng.uniform(median - 0.5, median, half), rng.uniform(median, 1.5, half)
        others = np.concatenate([below, [median], above])
        extra = len(others)
        for q in rng.random(5):
            alone = passing_set(
                get_rule("houses", threshold=f"h0 >= {k} votes"), x, q, np.ones(n), np.zeros(n, int)
            )
            both = passing_set(
                get_rule("houses", threshold=f"h0 >= {k} votes and h1 > 1/2"),
                np.concatenate([x, others]),
                q,
                np.ones(n + extra),
                np.repeat([0, 1], [n, extra]),
            )
            assert_same_set(both, alone)


def test_two_houses_gridlock_between_their_medians():
    """Hammond & Miller (1987): with two houses each deciding by majority, a status quo
    between the house medians is in the core: nothing passes."""
    rng = np.random.default_rng(4)
    rule = get_rule("houses", threshold="gnso-default")
    for _ in range(200):
        sizes = rng.integers(1, 6, 2) * 2 + 1
        x = rng.random(sizes.sum())
        houses = np.repeat([0, 1], sizes)
        medians = sorted(np.median(x[houses == h]) for h in (0, 1))
        inside = rng.uniform(*medians)
        assert passing_set(rule, x, inside, np.ones(len(x)), houses).empty
        outside = rng.choice([rng.uniform(0, medians[0]), rng.uniform(medians[1], 1)])
        assert not passing_set(rule, x, outside, np.ones(len(x)), houses).empty


def test_addressed_reaches_consensus_rules():
    """Rough consensus on the first round (nothing considered) passes only what nobody
    objects to, [0.6, 0.9); with every objection considered it tolerates one objector
    in ten, the voter at 0.75, down to 0.54 (where the one at 0.72 starts objecting)."""
    x = np.array([0.1, 0.5, 0.52, 0.55, 0.6, 0.62, 0.65, 0.7, 0.72, 0.75])
    rule = get_rule("rough-consensus", max_objectors="1/10")
    weights, houses = np.ones(10), np.zeros(10, int)
    first_round = passing_set(rule, x, 0.9, weights, houses)
    considered = passing_set(rule, x, 0.9, weights, houses, addressed=np.ones(10, dtype=bool))
    assert first_round == passing_set("full-consensus", x, 0.9, weights, houses)
    assert str(first_round) == "[0.6, 0.9)" and str(considered) == "[0.54, 0.9)"


def test_one_dimension_only():
    with pytest.raises(GovsimError, match="passing_set is one-dimensional"):
        passing_set("majority", np.zeros((3, 2)), [0.5, 0.5], [1, 1, 1], [0, 0, 0])


def test_stance_codes():
    assert take_stances([[0.0], [1.0]], [0.4], [0.5], 0.0).tolist() == [
        Stance.SUPPORT,
        Stance.OPPOSE,
    ]
