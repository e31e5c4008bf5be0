"""Esteban–Ray polarisation of given groups, of a fixed grid of cells, or of clusters."""

from __future__ import annotations

from typing import Any

import numpy as np
from scipy.spatial.distance import cdist

from govsim.errors import GovsimError
from govsim.metrics._common import _points, _shares
from govsim.metrics.clusters import opinion_clusters

__all__ = ["ALPHA_MAX", "esteban_ray", "esteban_ray_grid", "esteban_ray_groups"]

#: Largest polarisation sensitivity alpha for which Esteban & Ray (1994, Theorem 1)
#: show their index satisfies all of their axioms (alpha* ~= 1.6).
ALPHA_MAX = 1.6


def _check_alpha(alpha: Any) -> float:
    if isinstance(alpha, bool) or not isinstance(alpha, int | float | np.integer | np.floating):
        raise GovsimError(f"alpha must be a number in [0, {ALPHA_MAX}]; found {alpha!r}")
    if not 0 <= alpha <= ALPHA_MAX:
        raise GovsimError(f"alpha must be a number in [0, {ALPHA_MAX}]; found {alpha!r}")
    return float(alpha)


def _weighted_distance_sum(a: np.ndarray, b: np.ndarray, y: np.ndarray) -> float:
    """``sum_i sum_j a_i b_j ||y_i - y_j||`` without an O(k^2) array in memory."""
    k, d = y.shape
    if d == 1:
        # Sorted, sum_j b_j |y_i - y_j| = y_i B_below - S_below + S_above - y_i B_above.
        order = np.argsort(y[:, 0], kind="stable")
        ys, a, b = y[order, 0], a[order], b[order]
        mass_below, moment_below = np.cumsum(b), np.cumsum(b * ys)
        mass_above = mass_below[-1] - mass_below
        moment_above = moment_below[-1] - moment_below
        inner = ys * mass_below - moment_below + moment_above - ys * mass_above
        return float(a @ inner)
    block = max(1, 2**22 // k)  # rows per block: about 32 MB of distances at a time
    return float(sum(a[i : i + block] @ cdist(y[i : i + block], y) @ b for i in range(0, k, block)))


def esteban_ray_groups(shares: Any, centres: Any, alpha: float = ALPHA_MAX) -> float:
    """Esteban–Ray polarisation of given groups: ``sum_i sum_j pi_i^(1+alpha) pi_j ||y_i - y_j||``.

    Parameters
    ----------
    shares
        Group sizes pi, shape (k,), non-negative with a positive sum; normalised to
        sum to 1, so counts may be passed.
    centres
        Group positions y, shape (k, d) or (k,).
    alpha
        Polarisation sensitivity in [0, 1.6]. At 0 the index is the mean absolute
        difference, twice the mean times the Gini coefficient; larger values reward
        large, internally homogeneous groups.

    Returns
    -------
    float
        P >= 0, with the scale constant K = 1 and shares summing to 1. Two equal groups
        at distance D give ``2 (1/2)^(2 + alpha) D``; the tests check that no spread of
        groups over a segment of length D exceeds this for alpha in [0, 1.6].

    Notes
    -----
    Esteban & Ray (1994) define ``P = K sum_i sum_j pi_i^(1+alpha) pi_j |y_i - y_j|``
    with K > 0 free and pi population masses. Here pi are shares (so P does not grow
    with the population size) and K = 1, so that P is comparable across runs of
    different sizes with the same alpha, not across different alphas. Distances are
    Euclidean when d > 1. Their Theorem 1 admits alpha in (0, alpha*], alpha* ~= 1.6;
    alpha = 0, the Gini limit, is allowed here too.

    References
    ----------
    J.-M. Esteban and D. Ray, "On the Measurement of Polarization", *Econometrica*
    62(4) (1994) 819–851.

    Examples
    --------
    >>> esteban_ray_groups([0.5, 0.5], [0.0, 1.0], alpha=1)
    0.25
    >>> esteban_ray_groups([1], [0.3])
    0.0
    """
    a = _check_alpha(alpha)
    pi = _shares(shares, "shares")
    y = _points(centres, "centres")
    if y.shape[0] != pi.shape[0]:
        raise GovsimError(
            f"centres must have one row per share ({pi.shape[0]}); found {y.shape[0]}"
        )
    return _weighted_distance_sum(pi ** (1 + a), pi, y)


def esteban_ray(positions: Any, alpha: float = ALPHA_MAX, radius: float = 0.01) -> float:
    """Esteban–Ray polarisation of positions, grouped by :func:`opinion_clusters`.

    Each single-linkage cluster is one group, with its share of stakeholders as pi
    and its mean position as y; see :func:`esteban_ray_groups` for the index and its
    normalisation.

    .. warning:: The value depends on the number of stakeholders, not only on how
       they are spread, so it is not comparable across runs of different sizes. The
       clusters link stakeholders at most ``radius`` apart, and a sparse group falls
       apart into many small clusters: two normal groups of sd 0.05 at 0.2 and 0.8
       score about 0.013 with 20 members each, 0.077 with 100 and 0.098 with 1000.
       :func:`esteban_ray_grid` groups by a fixed grid instead and does not drift
       with n. This function suits converged opinion dynamics, where each group has
       collapsed to (nearly) one point.

    Parameters
    ----------
    positions
        Positions, shape (n, d) or (n,).
    alpha
        Polarisation sensitivity in [0, 1.6].
    radius
        Linking distance of the clusters.

    References
    ----------
    J.-M. Esteban and D. Ray, "On the Measurement of Polarization", *Econometrica*
    62(4) (1994) 819–851.

    Examples
    --------
    >>> esteban_ray([0.0, 0.0, 1.0, 1.0], alpha=1)
    0.25
    >>> esteban_ray([0.5, 0.5, 0.501])  # one cluster
    0.0
    """
    a = _check_alpha(alpha)
    x = _points(positions, "positions")
    labels = opinion_clusters(x, radius)
    count = np.bincount(labels)
    pi = count / count.sum()
    return _weighted_distance_sum(pi ** (1 + a), pi, _group_means(x, labels, count))


def _check_bins(bins: Any) -> int:
    if isinstance(bins, bool) or not isinstance(bins, int | np.integer) or not 1 <= bins <= 2**52:
        raise GovsimError(f"bins must be a positive integer; found {bins!r}")
    return int(bins)


def esteban_ray_grid(positions: Any, alpha: float = ALPHA_MAX, bins: int = 20) -> float:
    """Esteban–Ray polarisation of positions grouped by a fixed grid on [0, 1]^d.

    Each axis of the policy space [0, 1]^d is cut into ``bins`` equal intervals, and
    each occupied cell is one group: its share pi is the fraction of the n
    stakeholders in it and its position y their mean position. The index is
    :func:`esteban_ray_groups` of these groups. This is how Esteban & Ray (1994)
    apply their index to a continuous variable, by fixed income classes. Because the
    cells do not depend on the data, the groups are the same whatever n is, and the
    index estimates one population value instead of drifting with n as
    :func:`esteban_ray` does.

    Parameters
    ----------
    positions
        Positions in [0, 1]^d, shape (n, d) or (n,). A coordinate equal to 1 falls in
        the last cell of its axis.
    alpha
        Polarisation sensitivity in [0, 1.6].
    bins
        Number of equal cells per axis, a positive integer; cells have width
        ``1 / bins``. Only occupied cells are formed, so any d works.

    Returns
    -------
    float
        P >= 0; 0 when all stakeholders share one cell.

    Notes
    -----
    **Cell position.** y is the mean position of the cell's stakeholders, not the
    cell's midpoint. A group narrower than a cell then sits at its true position, so
    point masses give exactly :func:`esteban_ray_groups` of those points wherever they
    fall in their cells; the midpoint would move each group by up to half a cell
    (0.025 per axis at 20 bins) and change a distance of 0.6 by up to 8 %.

    **What the grid does to the index.** The value depends on the grid as well as
    on the distribution, so compare values at one ``bins`` only:

    - A group wider than a cell counts as several smaller groups, which lowers P
      (the identification term pi^alpha is smaller for each): two normal groups of sd
      0.05 at 0.2 and 0.8 score about 0.014 at 20 bins (0.031 at 10, 0.035 at 5),
      where two points at 0.2 and 0.8 score ``2 (1/2)^(2 + alpha) 0.6`` ~= 0.099
      (alpha = 1.6). One such group at 0.5 scores about 0.006.
    - A tight group that a cell edge splits in half counts as two groups of half the
      size, which multiplies its identification term by (1/2)^alpha (1/3 at
      alpha = 1.6): point-like groups at 0.2 and 0.8, both on cell edges at 20 bins,
      score 0.033 instead of 0.099.
    - With few stakeholders per cell the estimate is biased upward (the shares are
      noisy and pi^(1 + alpha) is convex): for the two sd-0.05 groups, about +30 %
      with 20 members each, +7 % with 100 and +1 % with 1000.

    References
    ----------
    J.-M. Esteban and D. Ray, "On the Measurement of Polarization", *Econometrica*
    62(4) (1994) 819–851.

    Examples
    --------
    >>> esteban_ray_grid([0.21, 0.22, 0.81, 0.82], alpha=1)  # cells [0.2, 0.25), [0.8, 0.85)
    0.15
    >>> round(esteban_ray_grid([0.21, 0.22, 0.27, 0.28], alpha=1), 12)  # ... [0.25, 0.3)
    0.015
    >>> esteban_ray_grid([[0.0, 0.0], [1.0, 1.0]], alpha=1) == 0.25 * 2**0.5
    True
    """
    a = _check_alpha(alpha)
    x = _points(positions, "positions")
    k = _check_bins(bins)
    low, high = x.min(), x.max()
    if low < 0 or high > 1:
        raise GovsimError(f"positions must lie in [0, 1]; found range [{low!r}, {high!r}]")
    cell = np.minimum(np.floor(x * k), k - 1).astype(np.int64)
    if k ** x.shape[1] <= 2**62:
        # One integer per cell, digits in base k: sorted as the rows are (axis by
        # axis), so the groups come out as np.unique(cell, axis=0) gives them, at a
        # fraction of the cost of its row-wise sort.
        key = cell @ k ** np.arange(x.shape[1] - 1, -1, -1, dtype=np.int64)
        _, labels, count = np.unique(key, return_inverse=True, return_counts=True)
    else:
        _, labels, count = np.unique(cell, axis=0, return_inverse=True, return_counts=True)
    return esteban_ray_groups(count, _group_means(x, labels.ravel(), count), a)


def _group_means(x: np.ndarray, labels: np.ndarray, count: np.ndarray) -> np.ndarray:
    """Mean row of x in each group 0..k-1, shape (k, d); count holds the group sizes."""
    k, d = count.shape[0], x.shape[1]
    # One bincount over (group, coordinate) cells instead of a loop over dimensions.
    cells = (labels[:, None] * d + np.arange(d)).ravel()
    return np.bincount(cells, weights=x.ravel(), minlength=k * d).reshape(k, d) / count[:, None]
