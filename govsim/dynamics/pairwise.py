"""Bounded confidence, pairwise: the Deffuant–Weisbuch kernel and its random matchings.

:func:`deffuant` (Deffuant, Neau, Amblard & Weisbuch 2000): each round a random
matching of the active agents; a pair closer than ε (strictly) moves a share μ of the
way toward each other. :func:`random_matching` and :func:`deffuant_step` are its two
halves, for callers that draw pairs with their own generators.

It keeps the opinion space fragmented when ε is small: clusters end up more than ε
apart, about 1/(2ε) of them from uniform initial opinions on [0, 1] (Deffuant et al.
2000; Weisbuch et al. 2002; Lorenz 2007).

References
----------
Deffuant, G., Neau, D., Amblard, F. & Weisbuch, G. (2000). Mixing beliefs among
    interacting agents. *Advances in Complex Systems* 3, 87-98.
Weisbuch, G., Deffuant, G., Amblard, F. & Nadal, J.-P. (2002). Meet, discuss, and
    segregate! *Complexity* 7(3), 55-63.
Lorenz, J. (2007). Continuous opinion dynamics under bounded confidence: a survey.
    *International Journal of Modern Physics C* 18(12), 1819-1838.
Blelloch, G. E., Fineman, J. T. & Shun, J. (2012). Greedy sequential maximal
    independent set and matching are parallel on average. *SPAA 2012*, 308-317.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from govsim.dynamics.kernels import (
    _CHUNK_PAIRS,
    Trajectory,
    _active,
    _distance,
    _iterate,
    _largest_move,
    _links,
    _per_agent,
    _positions,
    _square_csr,
    _stopping,
)
from govsim.errors import GovsimError
from govsim.rng import SeedLike, make_rng

__all__ = ["deffuant", "deffuant_step", "random_matching"]


def _check_mu(mu: Any) -> float:
    try:
        value = float(mu)
    except (TypeError, ValueError):
        raise GovsimError(f"mu: expected a number in (0, 1/2], found {mu!r}") from None
    if not 0.0 < value <= 0.5:
        raise GovsimError(f"mu: expected a number in (0, 1/2], found {mu!r}")
    return value


def _update(X: np.ndarray, pairs: np.ndarray, eps: np.ndarray, mu: float) -> np.ndarray:
    """Move each close pair a share mu toward each other (pairs are disjoint)."""
    i, j = pairs[:, 0], pairs[:, 1]
    diff = X[j] - X[i]
    close = _distance(diff) < np.minimum(eps[i], eps[j])
    shift = mu * diff[close]
    new = X.copy()
    new[i[close]] += shift
    new[j[close]] -= shift
    return new


def _greedy_matching(edges: np.ndarray, n: int, rng: np.random.Generator, passes: Any) -> Any:
    """Random greedy matching by local minima of random edge priorities (see below)."""
    if edges.shape[0] == 0:
        return np.empty((0, 2), dtype=np.int64)
    u, v = edges[:, 0], edges[:, 1]
    rank = rng.permutation(edges.shape[0])
    alive = np.arange(edges.shape[0])
    matched = np.zeros(n, dtype=bool)
    chosen = []
    done = 0
    while alive.size and (passes is None or done < passes):
        best = np.full(n, edges.shape[0])
        np.minimum.at(best, u[alive], rank[alive])
        np.minimum.at(best, v[alive], rank[alive])
        r = rank[alive]
        win = alive[(best[u[alive]] == r) & (best[v[alive]] == r)]
        chosen.append(win)
        matched[u[win]] = matched[v[win]] = True
        alive = alive[~(matched[u[alive]] | matched[v[alive]])]
        done += 1
    return edges[np.concatenate(chosen)] if chosen else np.empty((0, 2), dtype=np.int64)


def random_matching(
    edges: Any,
    seed: SeedLike = None,
    *,
    active: Any = None,
    passes: int | None = None,
) -> np.ndarray:
    """Disjoint random pairs along the given edges (a random greedy matching).

    Parameters
    ----------
    edges
        (m, 2) integer array of undirected candidate pairs (i, j). Self-pairs are
        ignored; an edge listed both ways counts once in effect.
    seed
        Anything :func:`govsim.rng.make_rng` accepts.
    active
        Optional boolean mask over agents 0..n-1; edges touching an inactive agent are
        dropped. n is the mask's length, else the largest agent index + 1.
    passes
        At most this many rounds of the scheme below; None until the matching is
        maximal (no remaining edge joins two unmatched agents).

    Returns
    -------
    numpy.ndarray
        (k, 2) int array of edges, no agent in two of them.

    Notes
    -----
    Every edge gets a random priority (a random permutation). In one pass an edge is
    kept when its priority is the smallest among the surviving edges at both of its
    endpoints; kept edges are disjoint. Edges touching a matched agent are removed and
    the pass repeats. With fixed priorities the result is exactly the greedy matching
    that takes edges in random priority order, and O(log² m) passes suffice with high
    probability (Blelloch, Fineman & Shun 2012). Every pass is a few vector operations
    over the surviving edges.

    Examples
    --------
    >>> path = np.array([[0, 1], [1, 2], [2, 3]])
    >>> pairs = random_matching(path, seed=3)
    >>> len(np.unique(pairs)) == pairs.size  # disjoint
    True
    """
    try:
        E = np.asarray(edges)
        ok = E.size == 0 or np.issubdtype(E.dtype, np.integer)
    except (TypeError, ValueError):
        ok = False
    if not ok or (E.size and (E.ndim != 2 or E.shape[1] != 2)) or (E.size and E.min() < 0):
        raise GovsimError("edges: expected an (m, 2) array of agent indices >= 0")
    E = E.reshape(-1, 2).astype(np.int64, copy=False)
    n = int(E.max()) + 1 if E.size else 0
    if active is not None:
        mask = np.asarray(active)
        if mask.dtype != np.bool_ or mask.ndim != 1 or mask.size < n:
            raise GovsimError(
                f"active: expected a boolean mask covering agents 0..{n - 1}, found dtype "
                f"{mask.dtype} and shape {mask.shape}"
            )
        n = mask.size
        E = E[mask[E[:, 0]] & mask[E[:, 1]]]
    if passes is not None and (
        isinstance(passes, bool) or not isinstance(passes, int | np.integer) or passes < 1
    ):
        raise GovsimError(f"passes: expected an integer >= 1 or None, found {passes!r}")
    E = E[E[:, 0] != E[:, 1]]
    return _greedy_matching(E, n, make_rng(seed), passes)


def deffuant_step(x: Any, pairs: Any, confidence: Any, mu: float) -> np.ndarray:
    """One synchronous Deffuant–Weisbuch update of disjoint pairs.

    Each pair (i, j) with ‖x_i − x_j‖ < min(ε_i, ε_j) moves
    x_i ← x_i + μ (x_j − x_i) and x_j ← x_j + μ (x_i − x_j), from the old positions.

    Parameters
    ----------
    x
        Positions, (n,) or (n, d).
    pairs
        (m, 2) int array of disjoint pairs, e.g. from :func:`random_matching`.
    confidence
        ε_i >= 0, scalar or (n,).
    mu
        Convergence parameter in (0, 1/2]; 1/2 meets in the middle.

    Returns
    -------
    numpy.ndarray
        New positions, shape of ``x``.

    Raises
    ------
    GovsimError
        For an agent in two pairs, a pair (i, i), an index out of range, μ outside
        (0, 1/2] or a negative ε.

    Examples
    --------
    >>> deffuant_step([0.0, 0.3, 0.9], np.array([[0, 1]]), confidence=0.5, mu=0.5)
    array([0.15, 0.15, 0.9 ])
    """
    X, shape = _positions(x)
    n = X.shape[0]
    eps = _per_agent(confidence, n, "confidence", low=0.0)
    m = _check_mu(mu)
    P = np.asarray(pairs)
    if P.size == 0:
        return X.reshape(shape)
    if not np.issubdtype(P.dtype, np.integer) or P.ndim != 2 or P.shape[1] != 2:
        raise GovsimError(f"pairs: expected an (m, 2) integer array, found shape {P.shape}")
    if P.min() < 0 or P.max() >= n:
        raise GovsimError(f"pairs: expected agent indices in [0, {n}), found {P.min()}..{P.max()}")
    if np.bincount(P.ravel(), minlength=n).max() > 1:
        raise GovsimError("pairs: expected disjoint pairs, found an agent in two pairs or (i, i)")
    return _update(X, P, eps, m).reshape(shape)


# --------------------------------------------------------------------------- fixed points


def _settled_on_links(links: np.ndarray, eps: np.ndarray, mu: float, tol: float) -> Callable:
    """Fixed-point test when pairs meet along ``links``: no linked pair would move > tol.

    Asked only after a round that moved nobody by more than tol (see :func:`deffuant`).
    """
    i, j = links[:, 0], links[:, 1]
    radius = np.minimum(eps[i], eps[j])

    def settled(X: np.ndarray, old: np.ndarray) -> bool:
        if _largest_move(X, old) > tol:
            return False
        gap = _distance(X[j] - X[i])
        return not np.any((gap < radius) & (mu * gap > tol))

    return settled


def _settled_sorted(x: np.ndarray, e: np.ndarray, mu: float, tol: float) -> bool:
    """No pair of 1-D positions x would move > tol if matched: scan right after sorting.

    From each agent, the scan starts at the first agent that may lie beyond tol/mu (a
    few ulps early, then tested exactly) and stops at the first one outside the
    agent's own radius; the gaps only grow along the sorted order. Once clusters have
    formed, most scans end at once.
    """
    order = np.argsort(x, kind="stable")
    xs, es = x[order], e[order]
    reach = tol / mu
    agent = np.arange(xs.size)
    start = np.searchsorted(xs, xs + reach - 8.0 * np.spacing(np.abs(xs) + reach))
    k = np.maximum(start, agent + 1)
    while agent.size:
        inside = k < xs.size
        agent, k = agent[inside], k[inside]
        gap = xs[k] - xs[agent]
        heard = gap < es[agent]
        agent, k, gap = agent[heard], k[heard], gap[heard]
        if np.any((gap < es[k]) & (mu * gap > tol)):
            return False
        k = k + 1
    return True


def _settled_dense(X: np.ndarray, e: np.ndarray, mu: float, tol: float) -> bool:
    """No pair of positions X (m, d) would move > tol if matched: all pairs, in blocks."""
    chunk = max(1, _CHUNK_PAIRS // max(X.shape[0], 1))
    for start in range(0, X.shape[0], chunk):
        rows = slice(start, start + chunk)
        sq = np.zeros((X[rows].shape[0], X.shape[0]))
        for k in range(X.shape[1]):
            diff = X[None, :, k] - X[rows, k, None]
            sq += diff * diff
        gap = np.sqrt(sq)
        if np.any((gap < np.minimum(e[rows, None], e[None, :])) & (mu * gap > tol)):
            return False
    return True


def _settled_complete(idx: np.ndarray, eps: np.ndarray, mu: float, tol: float) -> Callable:
    """Fixed-point test when any two of the agents ``idx`` may meet.

    Asked only after a round that moved nobody by more than tol (see :func:`deffuant`).
    """
    e = eps[idx]

    def settled(X: np.ndarray, old: np.ndarray) -> bool:
        if _largest_move(X, old) > tol:
            return False
        Xa = X[idx]
        if Xa.shape[1] == 1:
            return _settled_sorted(Xa[:, 0], e, mu, tol)
        return _settled_dense(Xa, e, mu, tol)

    return settled


# --------------------------------------------------------------------------- rounds


def _on_links(
    X: np.ndarray,
    shape: tuple[int, ...],
    block_links: Sequence[np.ndarray],
    generators: Sequence[np.random.Generator],
    eps: np.ndarray,
    mu: float,
    stopping: tuple[int | None, float, int],
) -> Trajectory:
    """Deffuant rounds along the links of equal blocks of agents.

    The blocks are replications stacked block-diagonally, each matched by its own
    generator, in block order.

    ``block_links`` holds each block's usable links (both ends active) in block-local
    indices, so a block's matchings never depend on the other blocks.
    """
    size = X.shape[0] // len(block_links)
    links = [block + b * size for b, block in enumerate(block_links)]

    def draw() -> np.ndarray:
        pairs = [
            _greedy_matching(block, size, rng, None) + b * size
            for b, (block, rng) in enumerate(zip(block_links, generators, strict=True))
        ]
        return np.concatenate(pairs).reshape(-1, 2)

    settled = _settled_on_links(np.concatenate(links).reshape(-1, 2), eps, mu, stopping[1])
    return _iterate(lambda P: _update(P, draw(), eps, mu), X, shape, *stopping, settled)


def deffuant(
    x: Any,
    confidence: Any,
    mu: float,
    *,
    seed: SeedLike = None,
    adjacency: Any = None,
    active: Any = None,
    rounds: int | None = None,
    tol: float = 1e-10,
    max_rounds: int = 10_000,
) -> Trajectory:
    """Deffuant–Weisbuch bounded confidence with random pairwise meetings.

    Each round draws a random matching of the active agents and applies
    :func:`deffuant_step` to it: matched agents i, j with ‖x_i − x_j‖ < min(ε_i, ε_j)
    each move μ of the way toward the other (Deffuant et al. 2000).

    Parameters
    ----------
    x
        Positions, (n,) or (n, d).
    confidence
        ε_i >= 0, scalar or (n,). A pair meets when closer than the smaller of the two
        radii, so the interaction stays symmetric (with a common ε this is the
        original model).
    mu
        Convergence parameter in (0, 1/2].
    seed
        Anything :func:`govsim.rng.make_rng` accepts.
    adjacency
        Optional (n, n) matrix, dense or scipy.sparse: pairs are drawn along its
        non-zero links (either direction) with :func:`random_matching`. None is the
        complete graph: the active agents are shuffled and consecutive ones paired
        (a uniform random matching leaving at most one out).
    active
        Boolean mask (n,); inactive agents are never matched.
    rounds, tol, max_rounds
        Stopping rule, as for every kernel (see :mod:`govsim.dynamics.kernels`).

    Returns
    -------
    Trajectory
        ``converged`` is True when the positions are a fixed point up to ``tol``: no
        pair of active agents that could be matched (linked, or any two on the
        complete graph) and are closer than their radii is more than tol/μ apart, so
        no further round can move anyone by more than ``tol``. The test is made only
        after a round that moved nobody by more than ``tol``, which any round from a
        fixed point is, so a run stops at most one round after reaching one.

    Notes
    -----
    One round is about n/2 meetings, the usual time unit of the model. Every meeting
    keeps the pair's sum, so the mean opinion is conserved (up to rounding) on any
    graph. The fixed-point test is exact: on a network it checks every link among
    active agents, O(m); on the complete graph in one dimension it sorts the positions
    and scans from each agent to the right while still within its radius, O(n log n)
    once clusters have formed; in d > 1 it compares all pairs in blocks, O(n²).

    Examples
    --------
    >>> out = deffuant([0.1, 0.2, 0.3, 0.4], confidence=1.0, mu=0.5, seed=1)
    >>> out.converged, out.positions.round(6)
    (True, array([0.25, 0.25, 0.25, 0.25]))
    """
    X, shape = _positions(x)
    n = X.shape[0]
    eps = _per_agent(confidence, n, "confidence", low=0.0)
    m = _check_mu(mu)
    act = _active(active, n)
    stopping = _stopping(rounds, tol, max_rounds)
    rng = make_rng(seed)
    if adjacency is not None:
        edges = _links(_square_csr(adjacency, n))
        if act is not None:
            edges = edges[act[edges[:, 0]] & act[edges[:, 1]]]
        return _on_links(X, shape, [edges], [rng], eps, m, stopping)
    idx = np.arange(n) if act is None else np.flatnonzero(act)
    even = idx.size // 2 * 2

    def draw() -> np.ndarray:
        return rng.permutation(idx)[:even].reshape(-1, 2)

    settled = _settled_complete(idx, eps, m, stopping[1])
    return _iterate(lambda P: _update(P, draw(), eps, m), X, shape, *stopping, settled)
