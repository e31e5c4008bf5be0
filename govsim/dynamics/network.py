"""The deliberation network: a stochastic block model with a segregation dial.

Stakeholders sit in blocks (sectors or constituencies). Two stakeholders of the same
block are linked with probability ``p_in = min(1, degree / (n - 1))``, two of different
blocks with ``p_out = p_in · (1 − s)``. The segregation ``s`` runs from 0, one open room
where blocks do not matter (IETF mailing lists; an Erdős–Rényi graph of mean degree
``degree``), to 1, where every block is a silo with no link to the others (ICANN's
constituency microphones). This is the planted-partition model of Holland, Laskey &
Leinhardt (1983) with the mixing dial of the reference model (docs/dynamics.md).

Sampling is exact (every pair is an independent Bernoulli draw) but costs time in
proportion to the number of edges, not pairs, so a million stakeholders of mean degree
12 take seconds. The model engine draws one network per replication, from that
replication's generator, and stacks them block-diagonally.

References
----------
Holland, P. W., Laskey, K. B. & Leinhardt, S. (1983). Stochastic blockmodels: first
    steps. *Social Networks* 5(2), 109-137.
Batagelj, V. & Brandes, U. (2005). Efficient generation of large random networks.
    *Physical Review E* 71, 036113.
Erdős, P. & Rényi, A. (1959). On random graphs I. *Publicationes Mathematicae
    Debrecen* 6, 290-297.
"""

from __future__ import annotations

from typing import Any

import networkx as nx
import numpy as np
import scipy.sparse as sp

from govsim.errors import GovsimError
from govsim.rng import SeedLike, make_rng

__all__ = ["block_model", "to_networkx"]

# A block pair is drawn pair by pair (dense Bernoulli) when it has at most this many
# pairs, or when p is so high that the edges are a sizeable share of the pairs anyway;
# otherwise edge count first, then distinct pairs (cost proportional to the edges).
_DENSE_PAIRS = 64
_DENSE_P = 0.25
# Dense draws are made in chunks of at most this many pairs (128 MB of uniforms).
_CHUNK_PAIRS = 1 << 24


def _codes(values: Any, name: str, n: int | None = None) -> np.ndarray:
    """A 1-D integer code array (block labels)."""
    arr = np.asarray(values)
    if arr.ndim != 1 or (arr.size and not np.issubdtype(arr.dtype, np.integer)):
        raise GovsimError(
            f"{name}: expected a 1-D array of integer codes, found dtype {arr.dtype} "
            f"and shape {arr.shape}"
        )
    if n is not None and arr.size != n:
        raise GovsimError(f"{name}: expected shape ({n},) like blocks, found {arr.shape}")
    return arr.astype(np.int64, copy=False)


def _number(value: Any, name: str, low: float, high: float) -> float:
    try:
        out = float(value)
    except (TypeError, ValueError):
        raise GovsimError(f"{name}: expected a number, found {value!r}") from None
    if not (np.isfinite(out) and low <= out <= high):
        hi = "inf)" if high == np.inf else f"{high:g}]"
        raise GovsimError(f"{name}: expected a number in [{low:g}, {hi}, found {value!r}")
    return out


def _triangle(t: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Pair (i, j), j < i, at position t of the row-major strict lower triangle.

    Row i holds positions i(i-1)/2 .. i(i+1)/2 - 1. The float square root is off by at
    most one for t < 2^53, and is corrected in integers.
    """
    i = ((1.0 + np.sqrt(1.0 + 8.0 * t.astype(np.float64))) / 2.0).astype(np.int64)
    i -= i * (i - 1) // 2 > t
    i += (i + 1) * i // 2 <= t
    return i, t - i * (i - 1) // 2


def _bernoulli(rng: np.random.Generator, M: np.ndarray, p: np.ndarray) -> tuple:
    """Every pair of every block pair tried once: (block pair id, pair index)."""
    ids, hits = [np.empty(0, dtype=np.int64)], [np.empty(0, dtype=np.int64)]
    ends = np.cumsum(M)
    start = 0
    while start < M.size:
        base = ends[start] - M[start]
        stop = max(start + 1, int(np.searchsorted(ends, base + _CHUNK_PAIRS, "right")))
        local_ends = ends[start:stop] - base
        thresholds = np.repeat(p[start:stop], M[start:stop])
        hit = np.flatnonzero(rng.random(int(local_ends[-1])) < thresholds)
        which = np.searchsorted(local_ends, hit, "right")
        ids.append(which + start)
        hits.append(hit - (local_ends[which] - M[start:stop][which]))
        start = stop
    return np.concatenate(ids), np.concatenate(hits)


def _binomial(rng: np.random.Generator, M: np.ndarray, p: np.ndarray) -> tuple:
    """Edge counts k ~ Binomial(M, p), then k distinct pairs uniformly, per block pair.

    The first k distinct values of an i.i.d. uniform sequence form a uniform k-subset,
    so drawing with replacement, dropping repeats and topping up is exact. Keys are
    offsets into the concatenation of all block pairs' ranges.
    """
    k = rng.binomial(M, p)
    offsets = np.cumsum(M) - M
    keys = np.empty(0, dtype=np.int64)
    ids = np.empty(0, dtype=np.int64)
    want = k
    while want.any():
        which = np.repeat(np.arange(M.size), want)
        draws = offsets[which] + rng.integers(0, M[which])
        # Timsort merges the sorted keys with the few new draws in about linear time.
        keys = np.sort(np.concatenate([keys, draws]), kind="stable")
        keys = keys[np.r_[True, keys[1:] != keys[:-1]]]
        ids = np.searchsorted(offsets, keys, "right") - 1
        want = k - np.bincount(ids, minlength=M.size)
    return ids, keys - offsets[ids]


def block_model(
    blocks: Any,
    segregation: float,
    degree: float,
    seed: SeedLike = None,
) -> sp.csr_array:
    """Draw a stochastic block model whose cross-block links thin out with segregation.

    Parameters
    ----------
    blocks
        Integer block code of each of the n stakeholders (e.g. the sector), shape (n,).
    segregation
        s in [0, 1]. Cross-block pairs link with ``p_out = p_in · (1 − s)``.
    degree
        Target mean degree at s = 0, >= 0: ``p_in = min(1, degree / (n − 1))``.
    seed
        Anything :func:`govsim.rng.make_rng` accepts.

    Returns
    -------
    scipy.sparse.csr_array
        Symmetric 0/1 adjacency (float64 ones), no self-loops, canonical CSR
        (sorted indices, no duplicates).

    Raises
    ------
    GovsimError
        If blocks is not a 1-D integer array, segregation is outside [0, 1] or
        degree is negative or not finite.

    Notes
    -----
    Each block pair (a, b) with a <= b has M pairs of stakeholders
    (a(a−1)/2 inside a block, |a|·|b| across) and one link probability p. Small or
    dense block pairs (M <= 64 or p > 1/4) are drawn pair by pair. Otherwise the number
    of links is drawn from Binomial(M, p) and that many distinct pairs are drawn
    uniformly, by drawing with replacement and topping up the repeats; pair index t
    maps to stakeholders by ``divmod(t, |b|)`` across blocks and to the strict lower
    triangle inside one. Both are exact draws of the model: given its size the edge
    set of a Bernoulli graph is a uniform subset. The cost is O(n + edges) up to a
    sort of the edges, like the skip method of Batagelj & Brandes (2005).

    The same seed and the same inputs always give the same graph.

    Examples
    --------
    >>> A = block_model([0, 0, 0, 1, 1, 1], segregation=1.0, degree=5, seed=1)
    >>> A.toarray().astype(int)  # p_in = 1, p_out = 0: two complete silos
    array([[0, 1, 1, 0, 0, 0],
           [1, 0, 1, 0, 0, 0],
           [1, 1, 0, 0, 0, 0],
           [0, 0, 0, 0, 1, 1],
           [0, 0, 0, 1, 0, 1],
           [0, 0, 0, 1, 1, 0]])
    """
    codes = _codes(blocks, "blocks")
    n = codes.size
    s = _number(segregation, "segregation", 0.0, 1.0)
    deg = _number(degree, "degree", 0.0, np.inf)
    rng = make_rng(seed)
    if n == 0:
        return sp.csr_array((0, 0), dtype=np.float64)

    # Nodes sorted by block, then by index; block k holds order[first[k]:][:size[k]].
    _, block = np.unique(codes, return_inverse=True)
    order = np.argsort(block, kind="stable")
    size = np.bincount(block)
    first = np.cumsum(size) - size
    p_in = min(1.0, deg / max(n - 1, 1))

    # Every block pair (a, b), a <= b.
    a, b = np.triu_indices(size.size)
    same = a == b
    M = np.where(same, size[a] * (size[a] - 1) // 2, size[a] * size[b])
    p = np.where(same, p_in, p_in * (1.0 - s))
    keep = (M > 0) & (p > 0)
    a, b, same, M, p = a[keep], b[keep], same[keep], M[keep], p[keep]

    dense = (M <= _DENSE_PAIRS) | (p > _DENSE_P)
    parts = [(np.flatnonzero(dense), _bernoulli(rng, M[dense], p[dense]))]
    parts.append((np.flatnonzero(~dense), _binomial(rng, M[~dense], p[~dense])))
    heads, tails = [], []
    for selection, (ids, t) in parts:
        pair = selection[ids]
        i, j = np.divmod(t, size[b[pair]])
        inside = same[pair]
        i[inside], j[inside] = _triangle(t[inside])
        heads.append(order[first[a[pair]] + i])
        tails.append(order[first[b[pair]] + j])
    u, v = np.concatenate(heads), np.concatenate(tails)
    rows, cols = np.concatenate([u, v]), np.concatenate([v, u])
    A = sp.csr_array((np.ones(rows.size), (rows, cols)), shape=(n, n))
    A.sort_indices()
    return A


def to_networkx(adjacency: Any, blocks: Any = None) -> nx.Graph:
    """A networkx Graph of a symmetric adjacency matrix, for small graphs and export.

    Parameters
    ----------
    adjacency
        Symmetric (n, n) matrix, dense or scipy.sparse; non-zero entries become edges
        with their value as the ``"weight"`` attribute.
    blocks
        Optional (n,) integer codes, stored as the node attribute ``"block"``.

    Returns
    -------
    networkx.Graph
        Nodes 0..n-1.

    Raises
    ------
    GovsimError
        If the matrix is not square and symmetric or blocks has the wrong length.

    Examples
    --------
    >>> G = to_networkx(block_model([0, 0, 1], 1.0, 2, seed=0), blocks=[0, 0, 1])
    >>> sorted(G.edges()), G.nodes[2]["block"]
    ([(0, 1)], 1)
    """
    A = sp.csr_array(adjacency if sp.issparse(adjacency) else np.asarray(adjacency))  # type: ignore[arg-type]  # scipy-stubs reject a generic sparse input
    if A.ndim != 2 or A.shape[0] != A.shape[1]:
        raise GovsimError(f"adjacency: expected a square matrix, found shape {A.shape}")
    if (A != A.T).nnz:  # type: ignore[attr-defined]  # scipy-stubs type sparse != as bool
        raise GovsimError("adjacency: expected a symmetric matrix (an undirected graph)")
    G = nx.from_scipy_sparse_array(A)
    if blocks is not None:
        codes = _codes(blocks, "blocks", A.shape[0])
        nx.set_node_attributes(G, dict(enumerate(codes.tolist())), "block")
    return G
