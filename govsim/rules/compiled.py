"""A compiled tally (numba) for whole vote weights, with the numbers of the numpy one.

Whole weights (seat counts) sum exactly in float64 in any order below 2**52, so a
loop over the seats gives the same bits as :func:`govsim.rules.tally`'s matrix
product. It runs only in a process that has loaded it: the model imports it for
its small batches, whose ballots it counts in one call instead of five numpy calls;
other users of the rules (power indices, the CLI) never wait for numba.
"""

from __future__ import annotations

import numpy as np
from numba import njit

__all__ = ["whole_tally"]


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
