"""Bounded confidence: agents only listen to positions within their confidence radius.

- :func:`hegselmann_krause` (Hegselmann & Krause 2002): synchronous; every active
  agent moves to the weighted mean of the active agents it hears (network neighbours
  and itself) within distance ε_i, boundary included.
- :func:`deffuant` (Deffuant, Neau, Amblard & Weisbuch 2000): each round a random
  matching of the active agents; a pair closer than ε (strictly) moves a share μ of
  the way toward each other. :func:`random_matching` and :func:`deffuant_step` are its
  two halves, for callers that draw pairs with their own generators.

Both keep the opinion space fragmented when ε is small: clusters end up more than ε
apart, about 1/(2ε) of them from uniform initial opinions on [0, 1] (Deffuant et al.
2000; Weisbuch et al. 2002; Lorenz 2007).

References
----------
Hegselmann, R. & Krause, U. (2002). Opinion dynamics and bounded confidence: models,
    analysis and simulation. *Journal of Artificial Societies and Social Simulation*
    5(3), 2.
Krause, U. (2000). A discrete nonlinear and non-autonomous model of consensus
    formation. In *Communications in Difference Equations*, 227-236. Gordon and Breach.
Blondel, V. D., Hendrickx, J. M. & Tsitsiklis, J. N. (2009). On Krause's multi-agent
    consensus model with state-dependent connectivity. *IEEE Transactions on Automatic
    Control* 54(11), 2586-2597.
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

from collections.abc import Callable
from typing import Any

import numpy as np
import scipy.sparse as sp

from govsim.dynamics.kernels import (
    Trajectory,
    _active,
    _csr,
    _iterate,
    _per_agent,
    _positions,
    _square_csr,
    _stopping,
    _with_diagonal,
)
from govsim.errors import GovsimError
from govsim.rng import SeedLike, make_rng

__all__ = ["deffuant", "deffuant_step", "hegselmann_krause", "random_matching"]

# Complete-graph HK in d > 1 compares blocks of this many agent pairs at a time.
_CHUNK_PAIRS = 1 << 22


def _distance(diff: np.ndarray) -> np.ndarray:
    """Euclidean norm over the last axis; |.| in one dimension, the same number."""
    if diff.shape[-1] == 1:
        return np.abs(diff[..., 0])
    return np.sqrt(np.sum(diff * diff, axis=-1))


# --------------------------------------------------------------------------- HK


def _first_true(pred: Callable, lo: np.ndarray, hi: np.ndarray) -> np.ndarray:
    """Smallest k in [lo, hi) with pred(agents, k) true, else hi; pred monotone in k.

    Vectorised bisection over all agents at once, on those whose bracket is not empty.
    """
    lo, hi = lo.copy(), hi.copy()
    open_ = np.flatnonzero(lo < hi)
    while open_.size:
        mid = (lo[open_] + hi[open_]) // 2
        yes = pred(open_, mid)
        hi[open_[yes]] = mid[yes]
        lo[open_[~yes]] = mid[~yes] + 1
        open_ = open_[lo[open_] < hi[open_]]
    return lo


def _hk_sorted(idx: np.ndarray, eps: np.ndarray, w: np.ndarray) -> Callable:
    """HK on the complete graph in one dimension: sort, prefix sums, two searches.

    The window of agent i is every sorted position k with |x_i − x_k| <= ε_i. A
    searchsorted on x_i ∓ ε_i finds it up to rounding; the few positions within a
    rounding error of the boundary are then settled by bisection on the exact test
    fl(x_i − x_k) <= ε_i (monotone in k, since rounding is), so the windows are the
    ones a brute-force comparison of all pairs would give.
    """
    e, wa = eps[idx], w[idx]

    def step(X: np.ndarray) -> np.ndarray:
        x = X[idx, 0]
        order = np.argsort(x, kind="stable")
        xs, ws = x[order], wa[order]
        mass = np.concatenate([[0.0], np.cumsum(ws)])
        moment = np.concatenate([[0.0], np.cumsum(ws * xs)])
        slack = 8.0 * np.spacing(np.abs(x) + e)

        def below(agents: np.ndarray, k: np.ndarray) -> np.ndarray:
            return x[agents] - xs[k] <= e[agents]

        def beyond(agents: np.ndarray, k: np.ndarray) -> np.ndarray:
            return xs[k] - x[agents] > e[agents]

        low = x - e
        lo = _first_true(
            below, np.searchsorted(xs, low - slack), np.searchsorted(xs, low + slack, "right")
        )
        high = x + e
        hi = _first_true(
            beyond, np.searchsorted(xs, high - slack), np.searchsorted(xs, high + slack, "right")
        )
        new = X.copy()
        new[idx, 0] = (moment[hi] - moment[lo]) / (mass[hi] - mass[lo])
        return new

    return step


def _hk_dense(idx: np.ndarray, eps: np.ndarray, w: np.ndarray) -> Callable:
    """HK on the complete graph in d > 1: all pairs, a block of rows at a time."""
    e, wa = eps[idx], w[idx]
    chunk = max(1, _CHUNK_PAIRS // max(idx.size, 1))

    def step(X: np.ndarray) -> np.ndarray:
        Xa = X[idx]
        new = X.copy()
        for start in range(0, idx.size, chunk):
            rows = slice(start, start + chunk)
            sq = np.zeros((Xa[rows].shape[0], idx.size))
            for k in range(X.shape[1]):
                diff = Xa[None, :, k] - Xa[rows, k, None]
                sq += diff * diff
            heard = np.where(np.sqrt(sq) <= e[rows, None], wa[None, :], 0.0)
            new[idx[rows]] = (heard @ Xa) / heard.sum(axis=1, keepdims=True)
        return new

    return step


def _hk_network(A: sp.csr_array, eps: np.ndarray, w: np.ndarray, act: Any) -> Callable:
    """HK on a network: every round, mask the links (and self-loops) by distance."""
    n = A.shape[0]
    S = _with_diagonal(A)
    data = S.base * w[S.indices]
    data[S.diag] = w
    if act is not None:
        data *= act[S.indices] & act[S.row]
    # Links that can never be heard (inactive end, zero weight) are dropped once.
    keep = data > 0
    indices, row, data = S.indices[keep], S.row[keep], data[keep]
    indptr = np.concatenate([[0], np.cumsum(np.bincount(row, minlength=n))]).astype(row.dtype)
    eps_row = eps[row]
    moving = np.ones(n, dtype=bool) if act is None else act

    def step(X: np.ndarray) -> np.ndarray:
        heard = np.where(_distance(X[indices] - X[row]) <= eps_row, data, 0.0)
        total = np.bincount(row, heard, minlength=n)
        new = X.copy()
        new[moving] = (_csr(heard, indices, indptr, n) @ X)[moving] / total[moving, None]
        return new

    return step


def hegselmann_krause(
    x: Any,
    confidence: Any,
    *,
    adjacency: Any = None,
    weights: Any = None,
    active: Any = None,
    rounds: int | None = None,
    tol: float = 1e-10,
    max_rounds: int = 10_000,
) -> Trajectory:
    """Synchronous bounded-confidence averaging (Hegselmann & Krause 2002).

    Every round, each active agent i moves to

        x_i ← Σ_{j ∈ N_i(x)} w_j x_j / Σ_{j ∈ N_i(x)} w_j,
        N_i(x) = {j active, j = i or A_ij > 0 : ‖x_i − x_j‖ <= ε_i},

    all agents at once. Inactive agents neither move nor are heard.

    Parameters
    ----------
    x
        Positions, (n,) or (n, d).
    confidence
        ε_i >= 0, scalar or (n,).
    adjacency
        Optional (n, n) non-negative matrix, dense or scipy.sparse: i hears j only
        over a link, weighted A_ij w_j (the diagonal is ignored; self weight w_i).
        None is the complete graph with weights w_j.
    weights
        w_j > 0, scalar or (n,), e.g. resources; default 1.
    active
        Boolean mask (n,); default everyone.
    rounds, tol, max_rounds
        Stopping rule, as for every kernel (see :mod:`govsim.dynamics.kernels`).

    Returns
    -------
    Trajectory

    Notes
    -----
    Methods: on the complete graph in one dimension, sort and prefix sums with a
    binary search for each agent's window, O(n log n) per round (per-agent ε
    included); on a network, a distance mask over the links, O(nnz); on the complete
    graph in d > 1, all pairs in blocks, O(n²). All three use the same test
    ‖x_i − x_j‖ <= ε_i on the same floating-point numbers.

    With a common ε in one dimension on the complete graph the dynamics reach a fixed
    point in finitely many rounds, keep the order of opinions, and end in clusters more
    than ε apart (Krause 2000; Blondel, Hendrickx & Tsitsiklis 2009). Window sums from
    prefix sums carry rounding of order 1e-16 times the sum of all positions, so a
    cluster can jitter at that level: use a ``tol`` above it, not 0.

    Examples
    --------
    >>> out = hegselmann_krause([0.0, 0.1, 0.2, 0.8, 0.9, 1.0], confidence=0.15)
    >>> out.positions.round(6), out.rounds, out.converged
    (array([0.1, 0.1, 0.1, 0.9, 0.9, 0.9]), 3, True)
    """
    X, shape = _positions(x)
    n = X.shape[0]
    eps = _per_agent(confidence, n, "confidence", low=0.0)
    w = _per_agent(weights, n, "weights", default=1.0, low=0.0, low_open=True)
    act = _active(active, n)
    rounds, tol, max_rounds = _stopping(rounds, tol, max_rounds)
    if adjacency is not None:
        step = _hk_network(_square_csr(adjacency, n), eps, w, act)
    else:
        idx = np.arange(n) if act is None else np.flatnonzero(act)
        step = (_hk_sorted if X.shape[1] == 1 else _hk_dense)(idx, eps, w)
    return _iterate(step, X, shape, rounds, tol, max_rounds)


# --------------------------------------------------------------------------- Deffuant


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

    Notes
    -----
    One round is about n/2 meetings, the usual time unit of the model. Every meeting
    keeps the pair's sum, so the mean opinion is conserved (up to rounding) on any
    graph. With ``rounds=None`` the run stops after a round in which no matched pair
    moved more than ``tol``; since only matched pairs move, this is a heuristic test,
    reliable once clusters have contracted.

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
    rounds, tol, max_rounds = _stopping(rounds, tol, max_rounds)
    rng = make_rng(seed)
    if adjacency is None:
        idx = np.arange(n) if act is None else np.flatnonzero(act)
        even = idx.size // 2 * 2

        def draw() -> np.ndarray:
            return rng.permutation(idx)[:even].reshape(-1, 2)
    else:
        A = _square_csr(adjacency, n)
        upper = sp.triu(A + A.T, k=1, format="coo")
        edges = np.column_stack([upper.row, upper.col]).astype(np.int64)
        edges = edges[upper.data > 0]
        if act is not None:
            edges = edges[act[edges[:, 0]] & act[edges[:, 1]]]

        def draw() -> np.ndarray:
            return _greedy_matching(edges, n, rng, None)

    return _iterate(lambda P: _update(P, draw(), eps, m), X, shape, rounds, tol, max_rounds)
