"""Compiled loops (numba) of the rules, with the numbers of the numpy code they replace.

Whole weights (seat counts) sum exactly in float64 in any order below 2**52, so a
loop over the seats gives the same bits as :func:`govsim.rules.tally`'s matrix
product; the stances on the pieces of a line are integer comparisons. They run only
in a process that has loaded this module: the model imports it for its small
batches, whose ballots it counts in one call instead of five numpy calls and whose
agenda-free rates it cuts faster; other users of the rules (power indices, the
CLI) never wait for numba.
"""

from __future__ import annotations

import numpy as np
from numba import njit

__all__ = ["piece_stances", "whole_tally"]


@njit(cache=True)
def whole_tally(ballots: np.ndarray, weights: np.ndarray, houses: np.ndarray, n_houses: int):
    """Weight per stance code (0-3), ballot and house, shape (4, B, H).

    ``ballots`` (B, n) holds stance codes; a code outside 0-3 counts nowhere, as in
    the numpy tally. ``weights`` must be whole numbers with a total below 2**52.
    """
    batch, n = ballots.shape
    counts = np.zeros((4, batch, n_houses))
    for b in range(batch):
        for j in range(n):
            code = ballots[b, j]
            if 0 <= code < 4:
                counts[code, b, houses[j]] += weights[j]
    return counts


@njit(cache=True)
def piece_stances(own: np.ndarray, count: np.ndarray, width: int, codes: np.ndarray):
    """Every voter's stance on every piece of the line, shape (B, 2 width + 1, n).

    ``own`` (B, 4, n) holds each voter's interval ends as piece numbers (support
    from, support to, opposition to, opposition from) and ``count`` the breakpoints
    per body; pieces past ``2 count`` repeat the last. ``codes``: support, oppose,
    abstain. Integer comparisons, so the same stances as numpy's.
    """
    batch, _, n = own.shape
    out = np.empty((batch, 2 * width + 1, n), dtype=codes.dtype)
    support, oppose, abstain = codes[0], codes[1], codes[2]
    for b in range(batch):
        for k in range(2 * width + 1):
            piece = min(k, 2 * count[b])
            for i in range(n):
                if own[b, 0, i] < piece < own[b, 1, i]:
                    out[b, k, i] = support
                elif piece < own[b, 2, i] or piece > own[b, 3, i]:
                    out[b, k, i] = oppose
                else:
                    out[b, k, i] = abstain
    return out
