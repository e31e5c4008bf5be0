"""Tests of govsim.dynamics.bounded_confidence against theorems and published results.

Hegselmann–Krause: finite-time convergence and order preservation in one dimension
(Krause 2000; Blondel, Hendrickx & Tsitsiklis 2009), clusters more than ε apart, about
1/(2ε) clusters from evenly spread opinions (Hegselmann & Krause 2002; Lorenz 2007),
and agreement with a brute-force all-pairs implementation.
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
import scipy.sparse as sp

from govsim.dynamics import block_model, hegselmann_krause
from govsim.errors import GovsimError

# --------------------------------------------------------------------------- references


def hk_brute_force(x, eps, *, adjacency=None, weights=None, active=None, rounds=1):
    """HK by comparing all pairs: the definition, O(n²) per round."""
    X = np.array(x, dtype=float).reshape(len(x), -1)
    n = X.shape[0]
    eps = np.broadcast_to(np.asarray(eps, dtype=float), (n,))
    w = np.ones(n) if weights is None else np.asarray(weights, dtype=float)
    act = np.ones(n, dtype=bool) if active is None else np.asarray(active)
    links = np.ones((n, n)) if adjacency is None else np.array(adjacency, dtype=float)
    np.fill_diagonal(links, 1.0)
    links = links * w[None, :] * (act[:, None] & act[None, :])
    for _ in range(rounds):
        diff = X[None, :, :] - X[:, None, :]
        dist = np.sqrt(np.sum(diff * diff, axis=-1))
        heard = np.where(dist <= eps[:, None], links, 0.0)
        total = heard.sum(axis=1, keepdims=True)
        new = heard @ X / np.where(total > 0, total, 1.0)
        X = np.where(act[:, None], new, X)
    return X.reshape(np.shape(x))


def hk_exact(x: list[Fraction], eps: Fraction) -> tuple[list[Fraction], int]:
    """HK in rational arithmetic until a round changes nothing; returns (x, rounds)."""
    rounds = 0
    while True:
        new = []
        for xi in x:
            heard = [xj for xj in x if abs(xi - xj) <= eps]
            new.append(sum(heard, Fraction(0)) / len(heard))
        rounds += 1
        if new == x:
            return x, rounds
        x = new


def clusters(positions: np.ndarray, gap: float = 1e-6) -> list[np.ndarray]:
    """Groups of sorted positions separated by more than ``gap``."""
    s = np.sort(positions)
    return np.split(s, np.flatnonzero(np.diff(s) > gap) + 1)


# --------------------------------------------------------------------------- HK: methods


@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize("per_agent", [False, True])
def test_hk_sorted_path_equals_brute_force(seed, per_agent):
    rng = np.random.default_rng(seed)
    n = 150
    x = rng.random(n)
    eps = rng.uniform(0.02, 0.3, n) if per_agent else 0.1
    weights = rng.uniform(0.5, 2.0, n)
    active = rng.random(n) < 0.8
    for rounds in (1, 4):
        fast = hegselmann_krause(x, eps, weights=weights, active=active, rounds=rounds)
        slow = hk_brute_force(x, eps, weights=weights, active=active, rounds=rounds)
        np.testing.assert_allclose(fast.positions, slow, rtol=0, atol=1e-12)


@pytest.mark.parametrize("n", [21, 101, 200])
def test_hk_sorted_path_settles_boundary_ties_like_brute_force(n):
    # Equidistant opinions put many pairs at distance ε up to rounding, and a
    # duplicated cluster sits right at the boundary: the exact comparison decides.
    x = np.concatenate([np.linspace(0.0, 1.0, n), np.full(7, 0.35)])
    for eps in (0.05, 0.1, 0.15, 0.3):
        fast = hegselmann_krause(x, eps, rounds=1).positions
        np.testing.assert_allclose(fast, hk_brute_force(x, eps), rtol=0, atol=1e-12)


@pytest.mark.parametrize("d", [1, 2, 3])
def test_hk_network_and_dense_paths_equal_brute_force(d):
    rng = np.random.default_rng(d)
    n = 90
    x = rng.random((n, d)) if d > 1 else rng.random(n)
    eps = rng.uniform(0.1, 0.5, n)
    weights = rng.uniform(0.5, 2.0, n)
    active = rng.random(n) < 0.75
    A = block_model(np.arange(n) % 3, 0.4, 15, seed=d)
    weighted = A.multiply(rng.uniform(0.5, 1.5, (n, n))).tocsr()
    weighted = (weighted + weighted.T) / 2
    for adjacency in (None, A, weighted, A.toarray()):
        dense = None if adjacency is None else sp.csr_array(adjacency).toarray()
        fast = hegselmann_krause(
            x, eps, adjacency=adjacency, weights=weights, active=active, rounds=3
        )
        slow = hk_brute_force(x, eps, adjacency=dense, weights=weights, active=active, rounds=3)
        np.testing.assert_allclose(fast.positions, slow, rtol=0, atol=1e-12)


def test_hk_complete_network_equals_no_network():
    rng = np.random.default_rng(3)
    x = rng.random(60)
    complete = np.ones((60, 60))
    a = hegselmann_krause(x, 0.12, adjacency=complete, tol=1e-12)
    b = hegselmann_krause(x, 0.12, tol=1e-12)
    np.testing.assert_allclose(a.positions, b.positions, atol=1e-12)
    assert a.rounds == b.rounds


def test_hk_inactive_agents_neither_move_nor_are_heard():
    rng = np.random.default_rng(8)
    x = rng.random(80)
    active = rng.random(80) < 0.5
    out = hegselmann_krause(x, 0.2, active=active, tol=1e-13)
    np.testing.assert_array_equal(out.positions[~active], x[~active])
    alone = hegselmann_krause(x[active], 0.2, tol=1e-13)
    np.testing.assert_allclose(out.positions[active], alone.positions, atol=1e-12)


# --------------------------------------------------------------------------- HK: theorems


@pytest.mark.parametrize("seed", range(4))
def test_hk_reaches_the_exact_fixed_point_in_finitely_many_rounds(seed):
    rng = np.random.default_rng(seed)
    x = [Fraction(int(k), 97) for k in rng.integers(0, 98, 14)]
    eps = Fraction(1, 6)
    final, rounds = hk_exact(x, eps)
    out = hegselmann_krause(np.array(x, dtype=float), float(eps), tol=1e-12)
    assert out.converged
    assert out.rounds == rounds
    np.testing.assert_allclose(out.positions, np.array(final, dtype=float), atol=1e-12)


@pytest.mark.parametrize("seed", range(3))
def test_hk_preserves_the_order_of_opinions(seed):
    rng = np.random.default_rng(seed)
    x = rng.random(300)
    for rounds in (1, 3, None):
        out = hegselmann_krause(x, 0.08, rounds=rounds, tol=1e-12)
        assert np.all(np.diff(out.positions[np.argsort(x, kind="stable")]) >= -1e-12)


@pytest.mark.parametrize("eps", [0.05, 0.15])
def test_hk_final_clusters_are_more_than_eps_apart_and_about_one_over_two_eps(eps):
    x = np.linspace(0.0, 1.0, 200)
    out = hegselmann_krause(x, eps, tol=1e-12)
    assert out.converged
    groups = clusters(out.positions)
    assert all(np.ptp(g) < 1e-9 for g in groups)  # each cluster is one opinion
    centres = np.array([g[0] for g in groups])
    assert np.all(np.diff(centres) > eps)  # otherwise they would still merge
    # The span is at most 1 and gaps exceed ε, so k < 1 + 1/ε; simulations give about
    # 1/(2ε) (Hegselmann & Krause 2002; Lorenz 2007), with gaps between ε and
    # about 3ε for finite n (Blondel et al. 2009): allow 60% of 1/(2ε) and one more.
    k = len(groups)
    assert 0.6 / (2 * eps) <= k <= 1 / (2 * eps) + 1


@pytest.mark.parametrize("eps", [0.3, 0.25])
def test_hk_consensus_at_the_mean_for_large_eps(eps):
    # Evenly spread opinions are symmetric about 1/2, so the consensus is the mean.
    x = np.linspace(0.0, 1.0, 200)
    out = hegselmann_krause(x, eps, tol=1e-13)
    np.testing.assert_allclose(out.positions, x.mean(), atol=1e-12)


def test_hk_full_confidence_is_one_round_to_the_mean():
    rng = np.random.default_rng(1)
    x = rng.random((50, 2))
    out = hegselmann_krause(x, 2.0, tol=1e-14)
    np.testing.assert_allclose(out.positions, np.tile(x.mean(axis=0), (50, 1)), atol=1e-14)
    assert out.rounds == 2 and out.converged  # the second round only confirms


# --------------------------------------------------------------------------- errors


@pytest.mark.parametrize(
    ("call", "match"),
    [
        (lambda: hegselmann_krause([0.0, 1.0], -0.1), "confidence"),
        (lambda: hegselmann_krause([0.0, 1.0], [0.1, 0.2, 0.3]), "confidence"),
        (lambda: hegselmann_krause([0.0, 1.0], 0.1, weights=[1.0, 0.0]), "weights"),
        (lambda: hegselmann_krause([0.0, 1.0], 0.1, adjacency=np.ones((3, 3))), "adjacency"),
    ],
)
def test_hk_bad_input(call, match):
    with pytest.raises(GovsimError, match=match):
        call()
