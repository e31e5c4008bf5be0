"""Monte Carlo power indices for any monotone simple game, with standard errors.

Used when no exact method fits: a body with too many distinct seat types to count
over. Each estimate is an average of independent indicators, so its standard error is
reported beside it.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from govsim.power.indices import PowerIndices
from govsim.rng import SeedLike, make_rng

__all__ = ["monte_carlo_power"]

Wins = Callable[[np.ndarray], np.ndarray]
_CHUNK_CELLS = 4_000_000  # seats x samples per batch: bounds memory whatever `samples` is


def monte_carlo_power(n: int, wins: Wins, *, samples: int, seed: SeedLike = None) -> PowerIndices:
    """Estimate Banzhaf and Shapley–Shubik indices by sampling.

    Parameters
    ----------
    n
        Number of players (seats).
    wins
        Maps a bool array of coalitions, shape ``(M, n)``, to a bool array ``(M,)``.
        The game must be monotone (adding a member never turns winning to losing).
    samples
        Random coalitions for Banzhaf and random orderings for Shapley–Shubik.
    seed
        Anything :func:`govsim.rng.make_rng` accepts.

    Returns
    -------
    PowerIndices
        With ``standard_error`` filled in. The absolute Banzhaf error is the binomial
        one; the normalised Banzhaf error uses the ratio-estimator (delta-method)
        variance.

    Notes
    -----
    Banzhaf: each other player joins with probability 1/2, and the player's swing is
    ``wins(S + i) != wins(S - i)`` (Penrose 1946). Shapley–Shubik: the pivot of a
    uniformly random ordering is found by bisection over prefix lengths, which is
    valid because the game is monotone (Mann & Shapley 1960, "Values of large games,
    IV: evaluating the Electoral College by Monte Carlo techniques", RAND RM-2651).
    """
    if samples < 2:
        raise ValueError("samples must be at least 2")
    rng = make_rng(seed)
    grand_coalition_wins = bool(wins(np.ones((1, n), dtype=bool))[0])
    chunk = max(1, _CHUNK_CELLS // max(n, 1))
    swing_sum = np.zeros(n)
    swing_total = np.zeros(n)  # sum of X_i * Y, for the ratio-estimator covariance
    total_sum = total_sq = 0.0
    pivots = np.zeros(n)
    done = 0
    while done < samples:
        m = min(chunk, samples - done)
        x = _swings(rng.random((m, n)) < 0.5, wins)
        y = x.sum(axis=1)
        swing_sum += x.sum(axis=0)
        swing_total += x.T @ y
        total_sum += y.sum()
        total_sq += float(y @ y)
        if grand_coalition_wins:  # otherwise nobody is ever pivotal
            orders = rng.permuted(np.tile(np.arange(n), (m, 1)), axis=1)
            pivots += np.bincount(_pivots(orders, wins), minlength=n)
        done += m

    absolute = swing_sum / samples
    mean_total = total_sum / samples
    normalised = swing_sum / total_sum if total_sum else np.zeros(n)
    shapley = pivots / samples
    # Var(X - rY) = Var X + r^2 Var Y - 2r Cov(X, Y); X is 0/1 so E[X^2] = E[X].
    var_x = absolute - absolute**2
    var_y = total_sq / samples - mean_total**2
    cov_xy = swing_total / samples - absolute * mean_total
    ratio_var = var_x + normalised**2 * var_y - 2 * normalised * cov_xy
    with np.errstate(invalid="ignore", divide="ignore"):
        normalised_se = np.sqrt(np.clip(ratio_var, 0, None) / samples) / mean_total
    return PowerIndices(
        banzhaf=normalised,
        banzhaf_absolute=absolute,
        shapley_shubik=shapley,
        method="monte-carlo",
        standard_error={
            "banzhaf": np.nan_to_num(normalised_se),
            "banzhaf_absolute": np.sqrt(var_x / samples),
            "shapley_shubik": np.sqrt(shapley * (1 - shapley) / samples),
        },
    )


def _swings(coalitions: np.ndarray, wins: Wins) -> np.ndarray:
    """Bool (M, n): whether player i is decisive in sampled coalition m (own vote ignored)."""
    m, n = coalitions.shape
    decisive = np.empty((m, n), dtype=bool)
    for i in range(n):
        with_i, without_i = coalitions.copy(), coalitions.copy()
        with_i[:, i] = True
        without_i[:, i] = False
        decisive[:, i] = wins(with_i) & ~wins(without_i)
    return decisive


def _pivots(orders: np.ndarray, wins: Wins) -> np.ndarray:
    """The pivotal player of each ordering (rows of ``orders``), by bisection."""
    m, n = orders.shape
    rank = np.argsort(orders, axis=1)  # rank[k, i]: player i's place in ordering k
    lo = np.zeros(m, dtype=np.intp)  # the first lo players lose
    hi = np.full(m, n, dtype=np.intp)  # the first hi players win
    while (hi - lo > 1).any():
        mid = (lo + hi) // 2
        won = wins(rank < mid[:, None])
        hi = np.where(won, mid, hi)
        lo = np.where(won, lo, mid)
    return orders[np.arange(m), hi - 1]
