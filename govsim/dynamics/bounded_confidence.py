"""Bounded confidence, synchronous: the Hegselmann–Krause kernel.

:func:`hegselmann_krause` (Hegselmann & Krause 2002): every round, every active agent
moves to the weighted mean of the active agents it hears (network neighbours and
itself) within distance ε_i, boundary included. Its pairwise, random-meeting sibling is
:mod:`govsim.dynamics.pairwise`.

Both keep the opinion space fragmented when ε is small: clusters end up more than ε
apart, about 1/(2ε) of them from uniform initial opinions on [0, 1] (Lorenz 2007).

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
Lorenz, J. (2007). Continuous opinion dynamics under bounded confidence: a survey.
    *International Journal of Modern Physics C* 18(12), 1819-1838.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import scipy.sparse as sp

from govsim.dynamics.kernels import (
    _CHUNK_PAIRS,
    Trajectory,
    _active,
    _csr,
    _distance,
    _iterate,
    _per_agent,
    _positions,
    _square_csr,
    _stopping,
    _with_diagonal,
)

__all__ = ["hegselmann_krause"]


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
