"""Tests of govsim.dynamics.pairwise against published results and its stopping rule.

Deffuant–Weisbuch: the mean is conserved, full confidence gives consensus at the mean,
and ε = 0.2 gives about ⌊1/(2ε)⌋ = 2 major clusters (Deffuant et al. 2000; Weisbuch et
al. 2002). ``converged`` is reported only at a fixed point: no pair that could still
meet is more than tol/μ apart, checked against a brute-force test of every pair.
"""

from __future__ import annotations

import numpy as np
import pytest
import scipy.sparse as sp

from govsim.dynamics import block_model, deffuant, deffuant_step, random_matching
from govsim.dynamics.pairwise import _settled_complete, _settled_on_links
from govsim.errors import GovsimError


def clusters(positions: np.ndarray, gap: float = 1e-6) -> list[np.ndarray]:
    """Groups of sorted positions separated by more than ``gap``."""
    s = np.sort(positions)
    return np.split(s, np.flatnonzero(np.diff(s) > gap) + 1)


def unsettled_pairs(X, eps, mu, tol, pairs):
    """Brute force: the candidate pairs a meeting would move by more than tol."""
    X = np.asarray(X, dtype=float).reshape(len(X), -1)
    return [
        (i, j)
        for i, j in pairs
        if np.linalg.norm(X[i] - X[j]) < min(eps[i], eps[j])
        and mu * np.linalg.norm(X[i] - X[j]) > tol
    ]


# --------------------------------------------------------------------------- matching


def test_random_matching_is_disjoint_on_edges_active_only_and_maximal():
    A = block_model(np.arange(500) % 5, 0.3, 8, seed=2)
    upper = sp.triu(A, k=1).tocoo()
    edges = np.column_stack([upper.row, upper.col])
    active = np.random.default_rng(3).random(500) < 0.7
    pairs = random_matching(edges, seed=4, active=active)
    assert pairs.shape[1] == 2 and pairs.dtype.kind == "i"
    assert np.bincount(pairs.ravel(), minlength=500).max() == 1  # disjoint
    assert np.all(A[pairs[:, 0], pairs[:, 1]] == 1)  # along edges
    assert active[pairs].all()
    matched = np.zeros(500, dtype=bool)
    matched[pairs.ravel()] = True
    free = active[edges[:, 0]] & active[edges[:, 1]] & ~matched[edges[:, 0]] & ~matched[edges[:, 1]]
    assert not free.any()  # maximal: no edge left between two free active agents
    one = random_matching(edges, seed=4, active=active, passes=1)
    assert {tuple(p) for p in one.tolist()} <= {tuple(p) for p in pairs.tolist()}


def test_random_matching_same_seed_same_pairs():
    edges = np.array([[0, 1], [1, 2], [2, 3], [3, 0], [0, 2]])
    a = random_matching(edges, seed=9)
    b = random_matching(edges, seed=9)
    np.testing.assert_array_equal(a, b)


def test_random_matching_is_the_random_order_greedy_matching():
    # On the path 0-1-2 either edge is taken with probability 1/2.
    edges = np.array([[0, 1], [1, 2]])
    rng = np.random.default_rng(0)
    first = sum(random_matching(edges, rng)[0, 0] == 0 for _ in range(4000))
    assert abs(first - 2000) < 4.5 * np.sqrt(1000)
    # Self-pairs are ignored; no edges, no pairs.
    assert random_matching([[1, 1]], seed=0).shape == (0, 2)
    assert random_matching(np.empty((0, 2), dtype=int), seed=0).shape == (0, 2)


# --------------------------------------------------------------------------- Deffuant


def test_deffuant_step_moves_close_pairs_mu_of_the_way():
    x = np.array([0.0, 0.3, 0.5, 1.0, 0.4, 0.6])
    pairs = np.array([[0, 1], [2, 3], [4, 5]])
    out = deffuant_step(x, pairs, confidence=0.35, mu=0.25)
    # 0.3 < 0.35 moves; 0.5 does not; 0.2 moves a quarter of the gap each.
    np.testing.assert_allclose(out, [0.075, 0.225, 0.5, 1.0, 0.45, 0.55])
    np.testing.assert_array_equal(x, [0.0, 0.3, 0.5, 1.0, 0.4, 0.6])  # input untouched


def test_deffuant_step_threshold_is_strict_and_uses_the_smaller_radius():
    x = np.array([0.0, 0.5])
    pair = np.array([[0, 1]])
    np.testing.assert_array_equal(deffuant_step(x, pair, 0.5, 0.5), x)  # distance = ε
    np.testing.assert_allclose(deffuant_step(x, pair, 0.51, 0.5), [0.25, 0.25])
    np.testing.assert_array_equal(deffuant_step(x, pair, [0.9, 0.4], 0.5), x)
    np.testing.assert_allclose(deffuant_step(x, pair, [0.9, 0.6], 0.5), [0.25, 0.25])


@pytest.mark.parametrize("network", [False, True])
def test_deffuant_conserves_the_mean(network):
    rng = np.random.default_rng(6)
    x = rng.random((400, 2))
    adjacency = block_model(np.arange(400) % 4, 0.5, 10, seed=1) if network else None
    out = deffuant(x, 0.3, 0.3, seed=2, adjacency=adjacency, rounds=200)
    np.testing.assert_allclose(out.positions.mean(axis=0), x.mean(axis=0), rtol=0, atol=1e-14)
    assert not np.allclose(out.positions, x)


def test_deffuant_full_confidence_converges_to_the_initial_mean():
    x = np.random.default_rng(4).random(500)
    out = deffuant(x, 1.0, 0.5, seed=3, tol=1e-13)
    assert out.converged
    np.testing.assert_allclose(out.positions, x.mean(), atol=1e-11)


@pytest.mark.parametrize("seed", range(4))
def test_deffuant_eps_02_gives_two_major_clusters(seed):
    # Deffuant et al. (2000): ε = 0.2, μ = 0.5, uniform opinions → ⌊1/(2ε)⌋ = 2
    # large clusters, plus possibly a few isolated extremists.
    # Converged means no pair within ε is left apart (see the fixed-point tests); two
    # isolated agents within ε meet about once in n rounds, so allow 2·10^4 rounds.
    x = np.random.default_rng(seed).random(1000)
    out = deffuant(x, 0.2, 0.5, seed=seed, tol=1e-10, max_rounds=20_000)
    assert out.converged
    major = [g for g in clusters(out.positions, gap=1e-3) if g.size >= 50]
    assert len(major) == 2
    assert sum(g.size for g in major) >= 950
    assert np.diff([g.mean() for g in major])[0] > 0.2


def test_deffuant_same_seed_same_result_and_inactive_agents_stay():
    x = np.random.default_rng(5).random(200)
    active = np.arange(200) % 3 != 0
    a = deffuant(x, 0.3, 0.5, seed=7, active=active, rounds=30)
    b = deffuant(x, 0.3, 0.5, seed=7, active=active, rounds=30)
    np.testing.assert_array_equal(a.positions, b.positions)
    np.testing.assert_array_equal(a.positions[~active], x[~active])
    c = deffuant(x, 0.3, 0.5, seed=8, active=active, rounds=30)
    assert not np.array_equal(a.positions, c.positions)


def test_deffuant_pairs_only_along_the_network():
    # Agents 4 and 5 have no link: they never move, whatever their distance.
    A = np.zeros((6, 6))
    for i, j in [(0, 1), (1, 2), (2, 3), (3, 0)]:
        A[i, j] = A[j, i] = 1
    x = np.array([0.1, 0.2, 0.3, 0.4, 0.25, 0.26])
    out = deffuant(x, 1.0, 0.5, seed=1, adjacency=A, tol=1e-12)
    np.testing.assert_array_equal(out.positions[4:], x[4:])
    np.testing.assert_allclose(out.positions[:4], 0.25, atol=1e-11)


# --------------------------------------------------------------------------- fixed points


def clustered_case(seed: int, n: int, d: int):
    """Tight clusters with a few agents 1e-3 off their cluster, per-agent radii.

    For even seeds the agents off their cluster have a radius too small to meet anyone,
    so the positions are a fixed point for tol >= 1e-10 (and not for tol = 0).
    """
    rng = np.random.default_rng(seed)
    centres = rng.random((4, d))
    X = centres[rng.integers(0, 4, n)] + rng.normal(0, 1e-12, (n, d))
    off = rng.random(n) < 0.1
    X[off] += 1e-3
    eps = rng.choice([0.0, 1e-4, 1e-2], n)
    if seed % 2 == 0:
        eps[off] = 1e-4
    return X, eps


@pytest.mark.parametrize("d", [1, 2])
@pytest.mark.parametrize("seed", range(6))
def test_the_complete_graph_fixed_point_test_equals_brute_force(seed, d):
    X, eps = clustered_case(seed, 60, d)
    idx = np.flatnonzero(np.random.default_rng(seed).random(60) < 0.8)
    everyone = [(int(i), int(j)) for a, i in enumerate(idx) for j in idx[a + 1 :]]
    for tol in (0.0, 1e-10, 1e-6):
        expected = not unsettled_pairs(X, eps, 0.5, tol, everyone)
        assert _settled_complete(idx, eps, 0.5, tol)(X, X) is expected


@pytest.mark.parametrize("seed", range(4))
def test_the_network_fixed_point_test_equals_brute_force(seed):
    X, eps = clustered_case(seed, 60, 2)
    A = block_model(np.arange(60) % 3, 0.5, 6, seed=seed)
    upper = sp.triu(A, k=1).tocoo()
    links = np.column_stack([upper.row, upper.col])
    for tol in (0.0, 1e-10, 1e-6):
        expected = not unsettled_pairs(X, eps, 0.3, tol, links.tolist())
        assert _settled_on_links(links, eps, 0.3, tol)(X, X) is expected


@pytest.mark.parametrize("network", [False, True])
def test_converged_only_when_no_pair_within_eps_is_left_apart(network):
    # Two isolated agents within ε of each other: a round in which they are not
    # matched moves nobody, but the run has not converged until they meet.
    x = np.array([0.0, 0.0, 0.0, 0.5, 0.6, 1.0, 1.0])
    adjacency = np.ones((7, 7)) if network else None
    out = deffuant(x, 0.2, 0.5, seed=0, adjacency=adjacency, tol=1e-12)
    assert out.converged
    np.testing.assert_array_equal(out.positions[3:5], [0.55, 0.55])
    stuck = deffuant(x, 0.2, 0.5, seed=0, adjacency=adjacency, rounds=0)
    assert not stuck.converged


def test_a_fixed_number_of_rounds_reports_whether_the_end_is_a_fixed_point():
    x = np.array([0.0, 0.5, 0.6, 1.0])
    ends_apart = deffuant(x, 0.2, 0.5, seed=1, active=np.array([1, 1, 0, 1], bool), rounds=3)
    assert ends_apart.converged  # agent 2 sits out: nobody within ε can meet
    assert not deffuant(x, 0.2, 0.5, seed=1, rounds=0).converged


# --------------------------------------------------------------------------- errors


@pytest.mark.parametrize(
    ("call", "match"),
    [
        (lambda: deffuant([0.0, 1.0], 0.1, 0.0), "mu"),
        (lambda: deffuant([0.0, 1.0], 0.1, 0.6), "mu"),
        (lambda: deffuant([0.0, 1.0], 0.1, "half"), "mu"),
        (lambda: deffuant_step([0.0, 1.0, 0.5], [[0, 1], [1, 2]], 0.1, 0.5), "disjoint"),
        (lambda: deffuant_step([0.0, 1.0], [[1, 1]], 0.1, 0.5), "disjoint"),
        (lambda: deffuant_step([0.0, 1.0], [[0, 2]], 0.1, 0.5), "pairs"),
        (lambda: deffuant_step([0.0, 1.0], [0, 1], 0.1, 0.5), "pairs"),
        (lambda: random_matching([[0, 1, 2]]), "edges"),
        (lambda: random_matching([[0, -1]]), "edges"),
        (lambda: random_matching([[0.0, 1.0]]), "edges"),
        (lambda: random_matching([[0, 3]], active=np.ones(2, dtype=bool)), "active"),
        (lambda: random_matching([[0, 1]], passes=0), "passes"),
    ],
)
def test_deffuant_bad_input(call, match):
    with pytest.raises(GovsimError, match=match):
        call()
