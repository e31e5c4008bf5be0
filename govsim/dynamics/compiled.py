"""Compiled loops (numba) for the kernels' rounds, with the same numbers as numpy's.

A model run calls a kernel once per issue for a few rounds over a few hundred agents,
where each numpy or scipy call costs more in dispatch than in arithmetic; one compiled
call does every round at once. Each sum is taken in the order of the numpy/scipy
code it replaces, and no multiply-add is fused (numba compiles without ``fastmath``),
so the results are bit for bit the same.
"""

from __future__ import annotations

import numpy as np
from numba import njit

__all__ = [
    "fj_inputs",
    "fj_room",
    "fj_rounds",
    "influence_weights",
    "largest_move_1d",
    "stance_codes",
]


@njit(cache=True)
def fj_rounds(
    indptr: np.ndarray,
    indices: np.ndarray,
    data: np.ndarray,
    lam: np.ndarray,
    pull: np.ndarray,
    x: np.ndarray,
    rounds: int,
) -> tuple[np.ndarray, np.ndarray]:
    """``rounds`` (>= 1) Friedkin–Johnsen rounds p <- lam * (W p) + pull, W in CSR.

    Returns the last positions and the ones before them, both (n, d). Each row of
    W p is summed left to right from 0.0, as scipy's ``csr_matvec``/``csr_matvecs``
    do; then scaled and shifted, as the numpy rounds do in place.
    """
    n, d = x.shape
    old = x
    new = x
    for _ in range(rounds):
        old = new
        new = np.empty((n, d))
        for i in range(n):
            for k in range(d):
                total = 0.0
                for jj in range(indptr[i], indptr[i + 1]):
                    total += data[jj] * old[indices[jj], k]
                scaled = total * lam[i]
                new[i, k] = scaled + pull[i, k]
    return new, old


@njit(cache=True)
def _block_sum(a: np.ndarray, start: int, n: int) -> float:
    """Numpy's pairwise sum for ``n <= 128`` terms.

    In order below 8 terms, else 8 interleaved partial sums.
    """
    if n < 8:
        total = -0.0
        for i in range(n):
            total += a[start + i]
        return total
    r0, r1, r2, r3 = a[start], a[start + 1], a[start + 2], a[start + 3]
    r4, r5, r6, r7 = a[start + 4], a[start + 5], a[start + 6], a[start + 7]
    i = 8
    while i < n - n % 8:
        j = start + i
        r0 += a[j]
        r1 += a[j + 1]
        r2 += a[j + 2]
        r3 += a[j + 3]
        r4 += a[j + 4]
        r5 += a[j + 5]
        r6 += a[j + 6]
        r7 += a[j + 7]
        i += 8
    total = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7))
    while i < n:
        total += a[start + i]
        i += 1
    return total


@njit(cache=True)
def _pairwise_sum(a: np.ndarray, start: int, n: int) -> float:
    """Numpy's pairwise sum of ``a[start : start + n]``.

    As ``pairwise_sum`` in numpy's ``loops_utils.h``: blocks of up to 128 terms,
    larger runs split in halves at a multiple of 8 and the halves added. The halving
    runs on an explicit stack, as numba's cache cannot reload a recursive function.
    """
    if n <= 128:
        return _block_sum(a, start, n)
    # Post-order walk: a node is (first term, count, children done so far).
    nodes = np.empty((64, 3), dtype=np.int64)
    values = np.empty(64)
    top, filled = 0, 0
    nodes[0, 0], nodes[0, 1], nodes[0, 2] = start, n, 0
    while top >= 0:
        first, count, done = nodes[top, 0], nodes[top, 1], nodes[top, 2]
        if count <= 128:
            values[filled] = _block_sum(a, first, count)
            filled += 1
            top -= 1
            continue
        half = count // 2
        half -= half % 8
        nodes[top, 2] = done + 1
        if done == 2:  # both halves summed: left + right
            filled -= 1
            values[filled - 1] = values[filled - 1] + values[filled]
            top -= 1
        else:
            top += 1
            nodes[top, 0] = first if done == 0 else first + half
            nodes[top, 1] = half if done == 0 else count - half
            nodes[top, 2] = 0
    return values[0]


@njit(cache=True)
def influence_weights(
    base: np.ndarray,
    indices: np.ndarray,
    indptr: np.ndarray,
    diag: np.ndarray,
    r: np.ndarray,
    act: np.ndarray,
    out: np.ndarray,
) -> bool:
    """The entries of W (see :meth:`InfluenceNetwork.weights`) written into ``out``.

    Row by row: ``base * r[j] * act[j]``, ``r[i]`` at the diagonal, divided by the
    row's sum, which is taken as ``np.add.reduceat`` takes it (the first entry plus
    the pairwise sum of the rest); inactive rows become identity rows. Returns False,
    writing nothing, when a resource is not in (0, inf), so that callers can leave
    the check to this pass.
    """
    for i in range(r.size):
        if not (r[i] > 0.0 and r[i] < np.inf):  # NaN fails too
            return False
    for i in range(indptr.size - 1):
        start, stop = indptr[i], indptr[i + 1]
        for jj in range(start, stop):
            j = indices[jj]
            out[jj] = base[jj] * (r[j] if act[j] else 0.0)
        out[diag[i]] = r[i]
        if act[i]:
            rest = -0.0
            if stop - start - 1 < 8:  # short rows inline: a call per row costs more
                for jj in range(start + 1, stop):
                    rest += out[jj]
            else:
                rest = _pairwise_sum(out, start + 1, stop - start - 1)
            scale = 1.0 / (out[start] + rest)
            for jj in range(start, stop):
                out[jj] *= scale
        else:
            for jj in range(start, stop):
                out[jj] *= 0.0
            out[diag[i]] = 1.0
    return True


@njit(cache=True)
def stance_codes(
    position: np.ndarray,
    proposal: np.ndarray,
    status_quo: np.ndarray,
    indifference: float,
    codes: np.ndarray,
) -> np.ndarray:
    """Stance code per stakeholder, shape (B, N), from positions (B, N, d).

    ``codes`` holds the support, oppose and abstain codes: support when the proposal
    is nearer than the status quo by more than ``indifference``, oppose when farther
    by more, else abstain. Distances are ``sqrt(np.add.reduce(diff * diff))`` summed
    as numpy sums a row: in order below 8 terms, pairwise above.
    """
    batch, n, d = position.shape
    out = np.empty((batch, n), dtype=codes.dtype)
    support, oppose, abstain = codes[0], codes[1], codes[2]
    to_y_squares, to_q_squares = np.empty(d), np.empty(d)
    for b in range(batch):
        for i in range(n):
            to_y, to_q = -0.0, -0.0
            for k in range(d):
                diff = position[b, i, k] - proposal[b, k]
                to_y_squares[k] = diff * diff
                to_y += diff * diff
                diff = position[b, i, k] - status_quo[b, k]
                to_q_squares[k] = diff * diff
                to_q += diff * diff
            if d >= 8:
                to_y = _pairwise_sum(to_y_squares, 0, d)
                to_q = _pairwise_sum(to_q_squares, 0, d)
            to_y, to_q = np.sqrt(to_y), np.sqrt(to_q)
            if to_y < to_q - indifference:
                out[b, i] = support
            elif to_y > to_q + indifference:
                out[b, i] = oppose
            else:
                out[b, i] = abstain
    return out


@njit(cache=True)
def fj_inputs(lam: np.ndarray, x: np.ndarray, anchor: np.ndarray) -> np.ndarray | None:
    """The pull (1 - lam) * anchor of Friedkin–Johnsen, or None if an input is bad.

    One pass for what the kernel checks one numpy call at a time: positions and
    anchors finite, susceptibility in [0, 1]. None sends the caller to the checks
    that name the bad value. The pull is computed as numpy computes it.
    """
    n, d = x.shape
    pull = np.empty((n, d))
    for i in range(n):
        if not (lam[i] >= 0.0 and lam[i] <= 1.0):  # NaN fails too
            return None
        keep = 1.0 - lam[i]
        for k in range(d):
            if not (np.isfinite(x[i, k]) and np.isfinite(anchor[i, k])):
                return None
            pull[i, k] = keep * anchor[i, k]
    return pull


@njit(cache=True)
def largest_move_1d(new: np.ndarray, old: np.ndarray) -> float:
    """``np.abs(new - old).max()`` for (n, 1) positions, n >= 1: the largest move.

    A maximum does not depend on the order it is taken in; NaN wins, as in numpy.
    """
    largest = np.abs(new[0, 0] - old[0, 0])
    for i in range(1, new.shape[0]):
        move = np.abs(new[i, 0] - old[i, 0])
        if move > largest or np.isnan(move):
            largest = move
            if np.isnan(move):
                break
    return largest


@njit(cache=True)
def fj_room(
    base: np.ndarray,
    indices: np.ndarray,
    indptr: np.ndarray,
    diag: np.ndarray,
    r: np.ndarray,
    act: np.ndarray,
    susceptibility: np.ndarray,
    x: np.ndarray,
    anchor: np.ndarray,
    rounds: int,
    w: np.ndarray,
) -> tuple[bool, np.ndarray, np.ndarray]:
    """A Friedkin–Johnsen deliberation in one call: W, openness, checks and rounds.

    W's entries are written into ``w`` by :func:`influence_weights`; the openness is
    the susceptibility of the active agents and 1 for the others; then
    :func:`fj_inputs` and :func:`fj_rounds`, as the kernel calls them one by one.
    Returns (True, last positions, the ones before), or (False, ...) when a value is
    bad (a resource outside (0, inf), a susceptibility outside [0, 1], a position or
    anchor not finite), for the caller's checks to name it.
    """
    n, d = x.shape
    empty = np.empty((0, d))
    if not influence_weights(base, indices, indptr, diag, r, act, w):
        return False, empty, empty
    lam = np.empty(n)
    for i in range(n):
        if not (susceptibility[i] >= 0.0 and susceptibility[i] <= 1.0):  # NaN fails too
            return False, empty, empty
        lam[i] = susceptibility[i] if act[i] else 1.0
    pull = fj_inputs(lam, x, anchor)
    if pull is None:
        return False, empty, empty
    new, old = fj_rounds(indptr, indices, w, lam, pull, x, rounds)
    return True, new, old
