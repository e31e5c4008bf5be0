"""The contract every opinion-dynamics kernel follows, and the checks they share.

A kernel takes positions ``x`` of shape ``(n,)`` or ``(n, d)`` (a 1-D array is one
policy dimension) and returns a :class:`Trajectory` whose positions have the shape it
was given. Every kernel takes the same three stopping arguments:

``rounds``
    An int runs exactly that many rounds. ``None`` runs until the positions are a
    fixed point up to ``tol`` (no agent would move by more than ``tol``, Euclidean
    distance), or ``max_rounds`` rounds have run.
``tol``
    The convergence tolerance, >= 0. ``tol=0`` waits for an exact fixed point.
``max_rounds``
    The cap when ``rounds`` is None.

The helpers here are private to :mod:`govsim.dynamics`: input checks that raise
:class:`~govsim.errors.GovsimError`, the round loop, and the sparse "adjacency plus
diagonal" structure that the influence matrix and the bounded-confidence kernels build
their per-round matrices on.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any, NamedTuple

import numpy as np
import scipy.sparse as sp
from scipy.sparse import _sparsetools

from govsim.errors import GovsimError

__all__ = ["Trajectory"]

# Kernels that compare all pairs of agents do so in blocks of this many pairs.
_CHUNK_PAIRS = 1 << 22


class Trajectory(NamedTuple):
    """What a kernel returns.

    Attributes
    ----------
    positions
        Final positions, float64, with the shape of the input ``x``.
    rounds
        Number of rounds actually run.
    converged
        True when the final positions are a fixed point up to ``tol``: one more round
        would move no agent by more than ``tol``. Averaging kernels test the last
        round's moves (an average of moves no larger than tol is no larger); Deffuant
        tests every pair that could still meet. False after zero rounds, and False
        when ``max_rounds`` ran out first.

    Examples
    --------
    >>> Trajectory(np.zeros(2), 3, True).rounds
    3
    """

    positions: np.ndarray
    rounds: int
    converged: bool


# --------------------------------------------------------------------------- checks


def _positions(x: Any, name: str = "x") -> tuple[np.ndarray, tuple[int, ...]]:
    """``x`` as a fresh float64 (n, d) array, and the shape to hand back."""
    try:
        arr = np.array(x, dtype=np.float64)
    except (TypeError, ValueError):
        raise GovsimError(f"{name}: expected an array of numbers, found {x!r}") from None
    if arr.ndim not in (1, 2) or (arr.ndim == 2 and arr.shape[1] == 0):
        raise GovsimError(f"{name}: expected shape (n,) or (n, d), found shape {arr.shape}")
    # A finite sum settles the usual case in one reduction; NaN or infinity makes the
    # sum non-finite, and so may an overflow, which the full test below tells apart.
    if not math.isfinite(np.add.reduce(arr, axis=None)) and not np.isfinite(arr).all():
        raise GovsimError(f"{name}: expected finite positions, found NaN or infinity")
    shape = arr.shape
    return arr.reshape(shape[0], 1 if arr.ndim == 1 else shape[1]), shape


def _per_agent(
    value: Any,
    n: int,
    name: str,
    *,
    default: float | None = None,
    low: float = -np.inf,
    high: float = np.inf,
    low_open: bool = False,
) -> np.ndarray:
    """A scalar or (n,) parameter as an (n,) float64 array within [low, high]."""
    if value is None:
        if default is None:
            raise GovsimError(f"{name}: expected a number or an array of shape ({n},)")
        return np.full(n, float(default))
    try:
        arr = np.asarray(value, dtype=np.float64)
    except (TypeError, ValueError):
        raise GovsimError(f"{name}: expected a number or an array, found {value!r}") from None
    if arr.ndim == 0:
        arr = np.full(n, float(arr))
    elif arr.shape != (n,):
        raise GovsimError(f"{name}: expected a scalar or shape ({n},), found shape {arr.shape}")
    if n == 0:
        return arr
    # Two reductions settle the usual case (NaN makes both non-finite); the mask below
    # only runs to name the first bad value. math.isfinite reads a numpy float at
    # a fraction of np.isfinite's per-call cost.
    least, most = arr.min(), arr.max()
    within = least > low if low_open else least >= low
    if within and most <= high and math.isfinite(least) and math.isfinite(most):
        return arr
    bad = ~np.isfinite(arr) | (arr > high) | ((arr <= low) if low_open else (arr < low))
    if bad.any():
        first = int(np.flatnonzero(bad)[0])
        bracket = "(" if low_open else "["
        hi = "" if high == np.inf else f"{high:g}"
        interval = f"{bracket}{low:g}, {hi}]" if hi else f"{bracket}{low:g}, inf)"
        raise GovsimError(f"{name}: expected values in {interval}, found {float(arr[first])!r}")
    return arr


def _active(active: Any, n: int) -> np.ndarray | None:
    """A boolean (n,) mask, or None when every agent is active."""
    if active is None:
        return None
    arr = np.asarray(active)
    if arr.dtype != np.bool_ or arr.shape != (n,):
        raise GovsimError(
            f"active: expected a boolean mask of shape ({n},), found dtype {arr.dtype} "
            f"and shape {arr.shape}"
        )
    return None if np.logical_and.reduce(arr, axis=None) else arr  # arr.all(), unwrapped


def _stopping(rounds: Any, tol: Any, max_rounds: Any) -> tuple[int | None, float, int]:
    """Validate the three stopping arguments shared by every kernel."""

    def count(value: Any, name: str) -> int:
        if type(value) is int and value >= 0:  # the usual case, without the checks below
            return value
        if isinstance(value, bool | np.bool_) or not isinstance(value, int | np.integer):
            raise GovsimError(f"{name}: expected an integer >= 0, found {value!r}")
        if value < 0:
            raise GovsimError(f"{name}: expected an integer >= 0, found {int(value)}")
        return int(value)

    if rounds is not None:
        rounds = count(rounds, "rounds")
    max_rounds = count(max_rounds, "max_rounds")
    try:
        tol = float(tol)
    except (TypeError, ValueError):
        raise GovsimError(f"tol: expected a number >= 0, found {tol!r}") from None
    if not (math.isfinite(tol) and tol >= 0):
        raise GovsimError(f"tol: expected a finite number >= 0, found {tol!r}")
    return rounds, tol, max_rounds


def _square_csr(adjacency: Any, n: int | None, name: str = "adjacency") -> sp.csr_array:
    """A canonical CSR copy-or-view of a non-negative square matrix (dense or sparse)."""
    if sp.issparse(adjacency):
        A = sp.csr_array(adjacency)  # type: ignore[call-overload]  # scipy-stubs: any sparse input
        if not A.has_canonical_format:
            A = A.copy()  # never reorder the caller's arrays in place
            A.sum_duplicates()  # also sorts the indices of each row
        if A.dtype != np.float64:
            A = A.astype(np.float64)
    else:
        try:
            dense = np.asarray(adjacency, dtype=np.float64)
        except (TypeError, ValueError):
            raise GovsimError(f"{name}: expected a square matrix, found {adjacency!r}") from None
        if dense.ndim != 2:
            raise GovsimError(f"{name}: expected a square matrix, found shape {dense.shape}")
        A = sp.csr_array(dense)
    if A.shape[0] != A.shape[1] or (n is not None and A.shape[0] != n):
        want = f"({n}, {n})" if n is not None else "a square shape"
        raise GovsimError(f"{name}: expected {want}, found shape {A.shape}")
    if A.data.size and not (np.isfinite(A.data).all() and A.data.min() >= 0):
        raise GovsimError(f"{name}: expected finite entries >= 0, found a negative or NaN entry")
    return A


def _operator(W: Any, n: int, name: str = "W") -> sp.csr_array | np.ndarray:
    """W as something that multiplies an (n, d) array: CSR if sparse, else dense."""
    # A float CSR array is already an operator; re-wrapping would cost a format check.
    ready = type(W) is sp.csr_array and W.dtype == np.float64
    if not ready and sp.issparse(W):
        W = sp.csr_array(W)  # type: ignore[call-overload]  # scipy-stubs: any sparse input
        if W.dtype != np.float64:
            W = W.astype(np.float64)
    elif not ready:
        try:
            W = np.asarray(W, dtype=np.float64)
        except (TypeError, ValueError):
            raise GovsimError(f"{name}: expected an ({n}, {n}) matrix, found {W!r}") from None
    if W.shape != (n, n):
        raise GovsimError(f"{name}: expected shape ({n}, {n}) to match x, found {W.shape}")
    return W


def _product(W: sp.csr_array | np.ndarray) -> Callable[[np.ndarray], np.ndarray]:
    """``P -> W @ P`` for float (n, d) arrays P, in a fresh array.

    For a CSR W it calls the C routine ``W @ P`` itself ends in (``csr_matvec``, or
    ``csr_matvecs`` for d > 1, into zeros), so the numbers are the same; scipy's
    dispatch around it costs more than the product for a few hundred agents.
    """
    if type(W) is not sp.csr_array:
        return lambda P: W @ P
    (m, k), indptr, indices, data = W.shape, W.indptr, W.indices, W.data

    def product(P: np.ndarray) -> np.ndarray:
        P = np.ascontiguousarray(P, dtype=np.float64)
        out = np.zeros((m, P.shape[1]))
        if P.shape[1] == 1:
            _sparsetools.csr_matvec(m, k, indptr, indices, data, P.ravel(), out.ravel())
        else:
            _sparsetools.csr_matvecs(
                m, k, P.shape[1], indptr, indices, data, P.ravel(), out.ravel()
            )
        return out

    return product


# --------------------------------------------------------------------------- iteration


def _distance(diff: np.ndarray) -> np.ndarray:
    """Euclidean norm over the last axis; |.| in one dimension, the same number."""
    if diff.shape[-1] == 1:
        return np.abs(diff[..., 0])
    return np.sqrt(np.sum(diff * diff, axis=-1))


def _largest_move(new: np.ndarray, old: np.ndarray) -> float:
    """The largest Euclidean distance any agent moved."""
    if new.size == 0:
        return 0.0
    delta = new - old
    if delta.shape[1] == 1:
        return float(np.abs(delta).max())
    return float(np.sqrt(np.einsum("ij,ij->i", delta, delta).max()))


def _iterate(
    step: Callable[[np.ndarray], np.ndarray],
    X: np.ndarray,
    shape: tuple[int, ...],
    rounds: int | None,
    tol: float,
    max_rounds: int,
    settled: Callable[[np.ndarray, np.ndarray], bool] | None = None,
) -> Trajectory:
    """Apply ``step`` for ``rounds`` rounds, or until the positions have settled.

    ``settled(new, old)`` tells whether ``new`` is a fixed point up to ``tol``; by
    default, whether the round from ``old`` moved nobody by more than ``tol``. With a
    fixed number of rounds it is asked once, after the last round.
    """
    if settled is None:

        def settled(new: np.ndarray, old: np.ndarray) -> bool:
            return _largest_move(new, old) <= tol

    limit = max_rounds if rounds is None else rounds
    done = 0
    converged = False
    while done < limit:
        new = step(X)
        done += 1
        if rounds is None or done == limit:
            converged = settled(new, X)
        X = new
        if rounds is None and converged:
            break
    return Trajectory(X.reshape(shape), done, converged)


# --------------------------------------------------------------------------- structure


class _WithDiagonal(NamedTuple):
    """CSR structure of ``A`` with one diagonal entry per row added in sorted place.

    ``base`` holds A's values with 0 at the diagonal slots (A's own diagonal is
    dropped), ``row`` the row of every entry and ``diag`` the slot of each row's
    diagonal entry.
    """

    indptr: np.ndarray
    indices: np.ndarray
    base: np.ndarray
    row: np.ndarray
    diag: np.ndarray


def _with_diagonal(A: sp.csr_array) -> _WithDiagonal:
    """Insert the diagonal into a canonical CSR matrix in O(nnz), without sorting.

    Old entry e of row i moves to e + i (+1 if its column is right of the diagonal),
    and the diagonal of row i lands after the row's entries left of it. Rows stay
    sorted, so the result is canonical CSR with the adjacency's own column order.
    """
    n = A.shape[0]
    indptr, indices, data = np.asarray(A.indptr), np.asarray(A.indices), np.asarray(A.data)
    index_dtype = np.int32 if indices.size + n < 2**31 - 1 else np.int64
    row: np.ndarray = np.repeat(np.arange(n, dtype=index_dtype), np.diff(indptr))
    off_diagonal = indices != row
    if not off_diagonal.all():  # self-loops: the self weight comes from the kernel
        indices, data, row = indices[off_diagonal], data[off_diagonal], row[off_diagonal]
        indptr = np.concatenate([[0], np.cumsum(np.bincount(row, minlength=n))])
    right = indices > row
    left_counts = np.diff(indptr) - np.bincount(row[right], minlength=n)
    new_indptr = (indptr + np.arange(n + 1)).astype(index_dtype)
    pos = np.arange(indices.size, dtype=np.int64) + row + right
    diag = new_indptr[:-1] + left_counts.astype(index_dtype)
    size = indices.size + n
    new_indices = np.empty(size, dtype=index_dtype)
    new_indices[pos] = indices
    new_indices[diag] = np.arange(n, dtype=index_dtype)
    base = np.zeros(size)
    base[pos] = data
    new_row = np.repeat(np.arange(n, dtype=index_dtype), np.diff(new_indptr))
    return _WithDiagonal(new_indptr, new_indices, base, new_row, diag)


def _csr(data: np.ndarray, indices: np.ndarray, indptr: np.ndarray, n: int) -> sp.csr_array:
    """A CSR array over a structure known to be canonical (no checks, no copies)."""
    M = sp.csr_array((data, indices, indptr), shape=(n, n), copy=False)
    M.has_sorted_indices = True
    return M


def _links(A: sp.csr_array) -> np.ndarray:
    """The undirected links of A as an (m, 2) int64 array of pairs i < j, row by row."""
    upper = sp.triu(A + A.T, k=1, format="coo")
    edges = np.column_stack([upper.row, upper.col]).astype(np.int64)
    return edges[upper.data > 0]
