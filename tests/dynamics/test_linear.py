"""Tests of govsim.dynamics.linear against theorems: DeGroot consensus at the left
eigenvector (DeGroot 1974; Jackson 2008, §8.3) and the Friedkin–Johnsen closed form
(Friedkin & Johnsen 1999)."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
import scipy.sparse as sp

from govsim.dynamics import (
    InfluenceNetwork,
    block_model,
    degroot,
    friedkin_johnsen,
    friedkin_johnsen_equilibrium,
    influence_matrix,
)
from govsim.errors import GovsimError

F = Fraction
# Jackson (2008), Social and Economic Networks, §8.3: three agents.
JACKSON_W = [[F(1, 3), F(1, 3), F(1, 3)], [F(1, 2), F(1, 2), F(0)], [F(0), F(1, 4), F(3, 4)]]
JACKSON_PI = [F(3, 11), F(4, 11), F(4, 11)]


def random_stochastic(n: int, rng: np.random.Generator, density: float = 0.3) -> np.ndarray:
    """A primitive row-stochastic matrix: a ring plus random links, positive diagonal."""
    A = (rng.random((n, n)) < density).astype(float)
    A[np.arange(n), (np.arange(n) + 1) % n] = 1.0  # strongly connected
    np.fill_diagonal(A, 1.0)  # aperiodic
    A *= rng.uniform(0.2, 1.0, (n, n))
    return A / A.sum(axis=1, keepdims=True)


def left_unit_eigenvector(W: np.ndarray) -> np.ndarray:
    values, vectors = np.linalg.eig(W.T)
    k = int(np.argmin(np.abs(values - 1.0)))
    pi = np.real(vectors[:, k])
    return pi / pi.sum()


# --------------------------------------------------------------------------- influence


def influence_reference(A: np.ndarray, r: np.ndarray, active: np.ndarray) -> np.ndarray:
    """The definition, one entry at a time."""
    n = len(r)
    W = np.zeros((n, n))
    for i in range(n):
        if not active[i]:
            W[i, i] = 1.0
            continue
        W[i, i] = r[i]
        for j in range(n):
            if j != i and active[j]:
                W[i, j] = A[i, j] * r[j]
        W[i] /= W[i].sum()
    return W


def test_influence_matrix_equals_the_definition_on_a_small_case():
    rng = np.random.default_rng(4)
    n = 9
    A = (rng.random((n, n)) < 0.5) * rng.uniform(0.5, 2.0, (n, n))  # weighted, with self-loops
    r = rng.uniform(0.1, 3.0, n)
    active = rng.random(n) < 0.7
    expected = influence_reference(A, r, active)
    for adjacency in (A, sp.csr_array(A), sp.csr_matrix(A), sp.coo_array(A)):
        W = influence_matrix(adjacency, r, active)
        assert isinstance(W, sp.csr_array)
        np.testing.assert_allclose(W.toarray(), expected, rtol=0, atol=1e-15)


def test_influence_rows_sum_to_one_inactive_rows_are_identity():
    A = block_model(np.arange(400) % 4, 0.3, 10, seed=1)
    rng = np.random.default_rng(2)
    r = rng.uniform(0.5, 2.0, 400)
    active = rng.random(400) < 0.6
    W = influence_matrix(A, r, active)
    np.testing.assert_allclose(W.sum(axis=1), 1.0, atol=1e-14)
    dense = W.toarray()
    np.testing.assert_array_equal(dense[~active], np.eye(400)[~active])
    inactive_columns = dense[np.ix_(active, ~active)]
    assert not inactive_columns.any()
    assert np.all(np.diag(dense)[active] > 0)


def test_influence_is_proportional_to_resources():
    A = np.ones((4, 4)) - np.eye(4)
    r = np.array([1.0, 2.0, 3.0, 4.0])
    W = influence_matrix(A, r).toarray()
    # Complete graph: every row is r / sum(r), self included.
    np.testing.assert_allclose(W, np.tile(r / r.sum(), (4, 1)), atol=1e-15)


def test_influence_structure_does_not_depend_on_who_is_active():
    A = block_model(np.arange(300) % 3, 0.5, 8, seed=3)
    W1 = influence_matrix(A, active=np.arange(300) % 2 == 0)
    W2 = influence_matrix(A)
    np.testing.assert_array_equal(W1.indptr, W2.indptr)
    np.testing.assert_array_equal(W1.indices, W2.indices)
    assert W1.nnz == A.nnz + 300
    assert W1.has_canonical_format


def test_influence_matrix_leaves_a_non_canonical_input_alone():
    # Duplicate entries are summed (weight 2); the caller's arrays are not reordered.
    A = sp.csr_array(([1.0, 1.0, 1.0, 1.0], [1, 1, 0, 0], [0, 2, 4]), shape=(2, 2))
    before = A.indices.copy()
    W = influence_matrix(A).toarray()
    np.testing.assert_allclose(W, [[1 / 3, 2 / 3], [2 / 3, 1 / 3]])
    np.testing.assert_array_equal(A.indices, before)


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"resources": [1.0, 0.0, 1.0]}, "resources"),
        ({"resources": [1.0, 1.0]}, "resources"),
        ({"active": [1, 0, 1]}, "active"),
        ({"active": np.array([True, False])}, "active"),
        ({"adjacency": -np.ones((3, 3))}, "adjacency"),
        ({"adjacency": np.ones((3, 2))}, "adjacency"),
    ],
)
def test_influence_matrix_bad_input(kwargs, match):
    args = {"adjacency": np.ones((3, 3))} | kwargs
    with pytest.raises(GovsimError, match=match):
        influence_matrix(**args)


# --------------------------------------------------------------------------- DeGroot


def test_jackson_example_left_eigenvector_is_exact():
    # π W = π and Σπ = 1, in exact arithmetic.
    for j in range(3):
        assert sum(JACKSON_PI[i] * JACKSON_W[i][j] for i in range(3)) == JACKSON_PI[j]
    assert sum(JACKSON_PI) == 1
    assert all(sum(row) == 1 for row in JACKSON_W)


@pytest.mark.parametrize(
    "x0", [[1.0, 0.0, 0.0], [0.2, 0.9, 0.4], [[0.0, 1.0], [1.0, 0.5], [0.3, 0.0]]]
)
def test_degroot_consensus_is_the_left_eigenvector_average_jackson(x0):
    W = np.array(JACKSON_W, dtype=float)
    x0 = np.array(x0)
    out = degroot(x0, W, tol=1e-14)
    assert out.converged
    pi = np.array([float(p) for p in JACKSON_PI])
    expected = np.broadcast_to(pi @ x0, x0.shape)
    np.testing.assert_allclose(out.positions, expected, atol=1e-12)
    assert out.positions.shape == x0.shape


@pytest.mark.parametrize("seed", range(5))
def test_degroot_consensus_random_primitive_matrices(seed):
    rng = np.random.default_rng(seed)
    W = random_stochastic(30, rng)
    x0 = rng.random((30, 2))
    pi = left_unit_eigenvector(W)
    for matrix in (W, sp.csr_array(W)):
        out = degroot(x0, matrix, tol=1e-14)
        assert out.converged
        np.testing.assert_allclose(out.positions, np.tile(pi @ x0, (30, 1)), atol=1e-10)


def test_degroot_periodic_matrix_never_converges():
    W = np.array([[0.0, 1.0], [1.0, 0.0]])  # two agents who only listen to each other
    out = degroot([0.0, 1.0], W, max_rounds=51)
    assert not out.converged
    assert out.rounds == 51
    np.testing.assert_array_equal(out.positions, [1.0, 0.0])  # odd number of swaps


def test_degroot_fixed_rounds_is_a_matrix_power():
    rng = np.random.default_rng(7)
    W = random_stochastic(12, rng)
    x0 = rng.random(12)
    out = degroot(x0, W, rounds=5)
    assert out.rounds == 5
    np.testing.assert_allclose(out.positions, np.linalg.matrix_power(W, 5) @ x0, atol=1e-14)


# --------------------------------------------------------------------------- Friedkin–Johnsen


def closed_form(W: np.ndarray, lam: np.ndarray, anchor: np.ndarray) -> np.ndarray:
    n = len(lam)
    return np.linalg.solve(np.eye(n) - lam[:, None] * W, (1 - lam)[:, None] * anchor)


@pytest.mark.parametrize("seed", range(5))
def test_friedkin_johnsen_iterates_to_the_closed_form(seed):
    rng = np.random.default_rng(seed)
    n = 40
    W = random_stochastic(n, rng, density=0.15)
    lam = rng.uniform(0.0, 0.95, n)
    x0 = rng.random((n, 2))
    expected = closed_form(W, lam, x0)
    for matrix in (W, sp.csr_array(W)):
        out = friedkin_johnsen(x0, matrix, lam, tol=1e-15)
        assert out.converged
        np.testing.assert_allclose(out.positions, expected, atol=1e-10)
        np.testing.assert_allclose(
            friedkin_johnsen_equilibrium(matrix, lam, x0), expected, atol=1e-12
        )


def test_friedkin_johnsen_with_a_separate_anchor_and_1d_shape():
    rng = np.random.default_rng(9)
    W = random_stochastic(15, rng)
    x0, anchor = rng.random(15), rng.random(15)
    lam = np.full(15, 0.7)
    out = friedkin_johnsen(x0, W, 0.7, anchor=anchor, tol=1e-15)
    np.testing.assert_allclose(
        out.positions, closed_form(W, lam, anchor[:, None])[:, 0], atol=1e-10
    )
    assert out.positions.shape == (15,)
    np.testing.assert_allclose(
        friedkin_johnsen_equilibrium(W, 0.7, anchor), out.positions, atol=1e-10
    )


def test_friedkin_johnsen_fully_stubborn_agents_stay_at_the_anchor():
    rng = np.random.default_rng(1)
    W = random_stochastic(10, rng)
    x0, anchor = rng.random(10), rng.random(10)
    out = friedkin_johnsen(x0, W, 0.0, anchor=anchor)
    np.testing.assert_array_equal(out.positions, anchor)
    assert out.rounds == 2 and out.converged  # jump to the anchor, then stay
    still = friedkin_johnsen(x0, W, 0.0)
    np.testing.assert_array_equal(still.positions, x0)
    assert still.rounds == 1


def test_friedkin_johnsen_fully_susceptible_is_degroot():
    rng = np.random.default_rng(2)
    W = sp.csr_array(random_stochastic(20, rng))
    x0 = rng.random(20)
    for rounds in (1, 7, None):
        a = friedkin_johnsen(x0, W, 1.0, rounds=rounds, tol=1e-13)
        b = degroot(x0, W, rounds=rounds, tol=1e-13)
        np.testing.assert_array_equal(a.positions, b.positions)
        assert a.rounds == b.rounds


def test_block_diagonal_stack_equals_separate_runs():
    # The engine's use: many replications on one block-diagonal network.
    rng = np.random.default_rng(5)
    graphs = [block_model(np.arange(30) % 3, 0.5, 6, seed=s) for s in range(4)]
    r = rng.uniform(0.5, 2.0, 120)
    active = rng.random(120) < 0.8
    lam = rng.uniform(0.3, 0.9, 120)
    x0 = rng.random(120)
    stacked = friedkin_johnsen(
        x0, influence_matrix(sp.block_diag(graphs, format="csr"), r, active), lam, rounds=6
    )
    for k, A in enumerate(graphs):
        part = slice(30 * k, 30 * (k + 1))
        alone = friedkin_johnsen(
            x0[part], influence_matrix(A, r[part], active[part]), lam[part], rounds=6
        )
        np.testing.assert_allclose(stacked.positions[part], alone.positions, atol=1e-15)


def test_equilibrium_singular_cases_raise():
    W = np.array([[0.5, 0.5, 0.0], [0.5, 0.5, 0.0], [0.0, 0.5, 0.5]])
    # Agents 0 and 1 are fully susceptible and only listen to each other.
    with pytest.raises(GovsimError, match="2 agent"):
        friedkin_johnsen_equilibrium(W, [1.0, 1.0, 0.5], [0.0, 1.0, 0.5])
    with pytest.raises(GovsimError, match="closed group"):
        friedkin_johnsen_equilibrium(sp.csr_array(W), 1.0, [0.0, 1.0, 0.5])
    # An inactive agent (identity row) with susceptibility 1.
    W = influence_matrix(np.ones((3, 3)), active=np.array([True, True, False]))
    with pytest.raises(GovsimError, match="agent 2"):
        friedkin_johnsen_equilibrium(W, [0.5, 0.5, 1.0], [0.0, 1.0, 0.5])
    # With susceptibility below 1 it keeps its anchor: p2 = 0.9 p2 + 0.1 · 0.5. Agents
    # 0 and 1: p0 = 0.5 (p0 + p1) / 2, p1 = 0.5 (p0 + p1) / 2 + 0.5.
    p = friedkin_johnsen_equilibrium(W, [0.5, 0.5, 0.9], [0.0, 1.0, 0.5])
    np.testing.assert_allclose(p, [0.25, 0.75, 0.5], atol=1e-15)


@pytest.mark.parametrize(
    ("call", "match"),
    [
        (lambda: degroot([0.0, 1.0], np.eye(3)), "W"),
        (lambda: friedkin_johnsen([0.0, 1.0], np.eye(2), 1.5), "susceptibility"),
        (lambda: friedkin_johnsen([0.0, 1.0], np.eye(2), [0.5]), "susceptibility"),
        (lambda: friedkin_johnsen([0.0, 1.0], np.eye(2), 0.5, anchor=[0.0]), "anchor"),
        (lambda: friedkin_johnsen_equilibrium(np.eye(2), -0.1, [0.0, 1.0]), "susceptibility"),
        (lambda: degroot([[[0.0]]], np.eye(1)), "x"),
        (lambda: degroot([0.0, np.nan], np.eye(2)), "x"),
    ],
)
def test_linear_bad_input(call, match):
    with pytest.raises(GovsimError, match=match):
        call()


def test_reweighted_equals_weights_and_reuses_one_matrix():
    """The engine's in-place W holds exactly what a fresh W holds, issue after issue."""
    network = InfluenceNetwork(block_model(np.repeat(np.arange(4), 10), 0.5, 6, seed=2))
    rng = np.random.default_rng(3)
    resources = rng.uniform(0.5, 2.0, 40)
    first = None
    for _ in range(3):
        active = rng.random(40) < 0.6
        W = network.reweighted(resources, active)
        first = W if first is None else first
        assert W is first
        fresh = network.weights(resources, active)
        np.testing.assert_array_equal(W.data, fresh.data)
        np.testing.assert_array_equal(W.indices, fresh.indices)
