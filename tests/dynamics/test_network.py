"""Tests of govsim.dynamics.network: the SBM is an exact draw, checked statistically.

Every statistical check uses a fixed seed, so it is deterministic; the tolerances are
4-5 standard deviations of the quantity under the model, so a correct sampler passes
for any seed but a wrong probability or a skewed pair mapping does not.
"""

from __future__ import annotations

import math

import networkx as nx
import numpy as np
import pytest
import scipy.sparse as sp
from scipy import stats

from govsim.dynamics import block_model, to_networkx
from govsim.dynamics.network import _triangle
from govsim.errors import GovsimError


def probabilities(n: int, degree: float, segregation: float) -> tuple[float, float]:
    """p_in and p_out as the reference model defines them."""
    p_in = min(1.0, degree / (n - 1))
    return p_in, p_in * (1.0 - segregation)


def pair_counts(A: sp.csr_array, blocks: np.ndarray) -> np.ndarray:
    """Edges between every ordered pair of blocks (the diagonal counts each edge twice)."""
    k = int(blocks.max()) + 1
    coo = A.tocoo()
    counts = np.zeros((k, k))
    np.add.at(counts, (blocks[coo.row], blocks[coo.col]), 1)
    return counts


def possible_pairs(sizes: np.ndarray) -> np.ndarray:
    pairs = np.outer(sizes, sizes).astype(float)
    np.fill_diagonal(pairs, sizes * (sizes - 1) / 2)
    return pairs


# --------------------------------------------------------------------------- structure


@pytest.mark.parametrize("segregation", [0.0, 0.4, 1.0])
def test_adjacency_is_symmetric_binary_without_self_loops(segregation):
    blocks = np.repeat([3, 7, 11], [40, 25, 60])
    A = block_model(blocks, segregation, 8, seed=2)
    assert isinstance(A, sp.csr_array)
    assert A.shape == (125, 125)
    assert A.dtype == np.float64
    assert A.has_canonical_format
    assert (A != A.T).nnz == 0
    assert np.all(A.data == 1.0)
    assert A.diagonal().sum() == 0


def test_full_segregation_leaves_no_cross_block_edge():
    blocks = np.tile([0, 1, 2, 3], 100)  # interleaved codes, not sorted
    A = block_model(blocks, 1.0, 20, seed=5).tocoo()
    assert A.nnz > 0
    assert np.all(blocks[A.row] == blocks[A.col])


def test_same_seed_same_graph_and_different_seed_different_graph():
    blocks = np.arange(600) % 4
    A = block_model(blocks, 0.5, 10, seed=11)
    B = block_model(blocks, 0.5, 10, seed=11)
    C = block_model(blocks, 0.5, 10, seed=12)
    assert (A != B).nnz == 0
    assert (A != C).nnz > 0


def test_degree_zero_and_tiny_inputs():
    assert block_model([0, 1, 1], 0.0, 0, seed=1).nnz == 0
    assert block_model([5], 0.0, 3, seed=1).shape == (1, 1)
    assert block_model(np.array([], dtype=int), 0.0, 3).shape == (0, 0)
    # p_in is capped at 1: a complete graph.
    A = block_model([0, 0, 1, 1], 0.0, 100, seed=1)
    assert A.nnz == 12


def test_triangle_index_maps_onto_each_pair_once():
    m = 57
    i, j = _triangle(np.arange(m * (m - 1) // 2))
    assert np.all(j < i)
    assert len(set(zip(i.tolist(), j.tolist(), strict=True))) == m * (m - 1) // 2
    assert i.max() == m - 1
    # Large positions, where a float square root alone would be off by one.
    t = np.array([2**40, 2**45 + 12345, 5 * 10**11, 10**15 - 1], dtype=np.int64)
    i, j = _triangle(t)
    assert np.all(i * (i - 1) // 2 <= t)
    assert np.all(t < i * (i + 1) // 2)
    assert np.all((j >= 0) & (j < i))


# --------------------------------------------------------------------------- statistics


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_mean_degree_at_zero_segregation_is_degree(seed):
    n, degree = 3000, 12
    blocks = np.arange(n) % 5
    A = block_model(blocks, 0.0, degree, seed=seed)
    # At s = 0 the edge count is Binomial(n(n-1)/2, p) and the mean degree is 2E/n.
    M = n * (n - 1) / 2
    p = degree / (n - 1)
    sd = 2.0 * math.sqrt(M * p * (1 - p)) / n
    assert abs(A.nnz / n - degree) < 5 * sd


def test_edge_density_of_every_block_pair_matches_p_in_and_p_out():
    # Block sizes chosen so both samplers run: small pairs (M <= 64) pair by pair, the
    # rest by a binomial count of distinct pairs.
    sizes = np.array([5, 9, 60, 150, 280])
    blocks = np.repeat(np.arange(sizes.size), sizes)
    n, degree, s = blocks.size, 25, 0.6
    p_in, p_out = probabilities(n, degree, s)
    counts = np.zeros((sizes.size, sizes.size))
    draws = 30
    for seed in range(draws):
        counts += pair_counts(block_model(blocks, s, degree, seed=seed), blocks)
    np.fill_diagonal(counts, counts.diagonal() / 2)
    M = possible_pairs(sizes) * draws
    p = np.where(np.eye(sizes.size, dtype=bool), p_in, p_out)
    z = (counts - M * p) / np.sqrt(M * p * (1 - p))
    assert np.abs(z).max() < 4.5
    statistic = float(np.sum(np.triu(z) ** 2))
    dof = sizes.size * (sizes.size + 1) // 2
    assert stats.chi2.sf(statistic, dof) > 1e-4


@pytest.mark.parametrize(
    ("sizes", "degree", "segregation"),
    [
        ([40], 4, 0.0),  # one block of 780 pairs: the binomial sampler
        ([30, 40], 6, 0.5),  # within and across blocks
        ([12, 14], 20, 0.2),  # p_in > 1/4: pair by pair
    ],
)
def test_every_single_pair_is_equally_likely(sizes, degree, segregation):
    sizes = np.array(sizes)
    blocks = np.repeat(np.arange(sizes.size), sizes)
    n = blocks.size
    p_in, p_out = probabilities(n, degree, segregation)
    same = blocks[:, None] == blocks[None, :]
    P = np.where(same, p_in, p_out)[np.triu_indices(n, 1)]
    draws = 300
    hits = np.zeros(P.size)
    for seed in range(draws):
        A = block_model(blocks, segregation, degree, seed=seed).toarray()
        hits += A[np.triu_indices(n, 1)]
    # Independent Binomial(draws, p) counts per pair: the sum of squared z is chi-square.
    z2 = (hits - draws * P) ** 2 / (draws * P * (1 - P))
    assert stats.chi2.sf(z2.sum(), P.size) > 1e-4
    assert stats.chi2.sf(z2.max(), 1) > 1e-4 / P.size  # no single pair stands out


def test_within_and_between_probabilities_match_networkx():
    sizes, degree, s = [30, 45], 9, 0.5
    blocks = np.repeat([0, 1], sizes)
    n = blocks.size
    p_in, p_out = probabilities(n, degree, s)
    ours = np.zeros(2)
    theirs = np.zeros(2)
    draws = 200
    for seed in range(draws):
        A = block_model(blocks, s, degree, seed=seed)
        G = nx.stochastic_block_model(sizes, [[p_in, p_out], [p_out, p_in]], seed=seed)
        B = nx.to_scipy_sparse_array(G, nodelist=range(n))
        for counts, M in ((ours, A), (theirs, B)):
            c = pair_counts(sp.csr_array(M), blocks)
            counts += [c[0, 0] / 2 + c[1, 1] / 2, c[0, 1]]
    within = draws * (sizes[0] * (sizes[0] - 1) + sizes[1] * (sizes[1] - 1)) / 2
    between = draws * sizes[0] * sizes[1]
    for k, (pairs, p) in enumerate(((within, p_in), (between, p_out))):
        # Two-proportion z-test, and each estimate against the model's p.
        a, b = ours[k] / pairs, theirs[k] / pairs
        pooled = (a + b) / 2
        assert abs(a - b) / math.sqrt(2 * pooled * (1 - pooled) / pairs) < 4
        assert abs(a - p) / math.sqrt(p * (1 - p) / pairs) < 4


@pytest.mark.slow
def test_a_million_nodes_in_seconds():
    import time

    n = 1_000_000
    start = time.perf_counter()
    A = block_model(np.arange(n) % 5, 0.5, 12, seed=0)
    elapsed = time.perf_counter() - start
    assert elapsed < 30  # about 2 s on the 2-core reference machine
    # Mean degree: 12 · (1/5 + 4/5 · 0.5) = 7.2.
    assert abs(A.nnz / n - 7.2) < 0.02


# --------------------------------------------------------------------------- networkx


def test_to_networkx_keeps_edges_and_blocks():
    blocks = np.repeat([0, 1], [10, 15])
    A = block_model(blocks, 0.3, 6, seed=4)
    G = to_networkx(A, blocks)
    assert G.number_of_nodes() == 25
    assert G.number_of_edges() == A.nnz // 2
    assert [G.nodes[i]["block"] for i in range(25)] == blocks.tolist()
    assert (nx.to_scipy_sparse_array(G, nodelist=range(25)) != A).nnz == 0
    H = to_networkx(A.toarray())
    assert H.number_of_edges() == G.number_of_edges()


def test_to_networkx_rejects_a_directed_matrix():
    with pytest.raises(GovsimError, match="symmetric"):
        to_networkx(np.array([[0, 1], [0, 0]]))


# --------------------------------------------------------------------------- errors


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"segregation": 1.5}, "segregation"),
        ({"segregation": -0.1}, "segregation"),
        ({"segregation": float("nan")}, "segregation"),
        ({"degree": -1}, "degree"),
        ({"degree": float("inf")}, "degree"),
        ({"blocks": [0.5, 1.0]}, "blocks"),
        ({"blocks": [[0, 1], [1, 0]]}, "blocks"),
        ({"degree": "many"}, "degree"),
    ],
)
def test_bad_input_raises_govsim_error(kwargs, match):
    args = {"blocks": [0, 0, 1, 1], "segregation": 0.5, "degree": 2} | kwargs
    with pytest.raises(GovsimError, match=match):
        block_model(**args)
