"""Welfare, inequality and capture of a status quo q, from stakeholders' ideal points.

Stakeholder i's utility for q is ``u_i = -||x_i - q||`` (Euclidean), as in the
reference model's Metrics table. The utilitarian optimum is in :mod:`.median`.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from govsim.errors import GovsimError
from govsim.metrics._common import _array, _masses, _norms, _point, _points

__all__ = [
    "capture",
    "closest_sector",
    "gini",
    "loss_gini",
    "sector_welfare",
    "signed_gini",
    "utilities",
    "welfare",
]


def _sector_codes(sectors: Any, n: int, n_sectors: Any) -> tuple[np.ndarray, int]:
    """Integer sector codes of length n in [0, n_sectors), and n_sectors as an int."""
    if isinstance(n_sectors, bool) or not isinstance(n_sectors, int | np.integer):
        raise GovsimError(f"n_sectors must be a positive integer; found {n_sectors!r}")
    if n_sectors < 1:
        raise GovsimError(f"n_sectors must be a positive integer; found {n_sectors!r}")
    codes = np.asarray(sectors)
    if codes.shape != (n,):
        raise GovsimError(f"sectors must have shape ({n},); found shape {codes.shape}")
    if not np.issubdtype(codes.dtype, np.integer):
        raise GovsimError(f"sectors must be integer codes; found dtype {codes.dtype}")
    if n and (codes.min() < 0 or codes.max() >= n_sectors):
        raise GovsimError(
            f"sectors must be codes in [0, {n_sectors - 1}]; "
            f"found range [{codes.min()}, {codes.max()}]"
        )
    return codes, int(n_sectors)


def utilities(ideals: Any, q: Any) -> np.ndarray:
    """Each stakeholder's utility ``u_i = -||x_i - q||`` for the status quo q.

    Parameters
    ----------
    ideals
        Ideal points x_i, shape (n, d) or (n,).
    q
        Status quo, shape (d,), or a scalar when d = 1.

    Returns
    -------
    numpy.ndarray
        Utilities, shape (n,), all <= 0.

    Examples
    --------
    >>> utilities([0.0, 0.5, 1.0], 0.25)
    array([-0.25, -0.25, -0.75])
    >>> utilities([[0.0, 0.0], [3.0, 4.0]], [0.0, 0.0])
    array([-0., -5.])
    """
    x = _points(ideals, "ideals")
    return -_norms(x - _point(q, x.shape[1], "q"))


def welfare(ideals: Any, q: Any) -> float:
    """Utilitarian welfare: the mean utility ``-mean_i ||x_i - q||`` over all stakeholders.

    The reference model takes the mean over **all** stakeholders, seated or not.

    Examples
    --------
    >>> welfare([0.0, 0.5, 1.0], 0.5)
    -0.3333333333333333
    """
    return float(utilities(ideals, q).mean())


def sector_welfare(ideals: Any, q: Any, sectors: Any, n_sectors: int) -> np.ndarray:
    """Mean utility of each sector, shape (n_sectors,); NaN for a sector with no members.

    Parameters
    ----------
    ideals
        Ideal points, shape (n, d) or (n,).
    q
        Status quo, shape (d,) or a scalar when d = 1.
    sectors
        Integer sector code of each stakeholder, shape (n,), in ``[0, n_sectors)``.
    n_sectors
        Number of sectors S.

    Examples
    --------
    >>> sector_welfare([0.0, 0.2, 1.0], 0.0, [0, 0, 2], 3)
    array([-0.1,  nan, -1. ])
    """
    u = utilities(ideals, q)
    codes, s = _sector_codes(sectors, u.shape[0], n_sectors)
    total = np.bincount(codes, weights=u, minlength=s)
    count = np.bincount(codes, minlength=s)
    return np.divide(total, count, out=np.full(s, np.nan), where=count > 0)


def gini(values: Any) -> float:
    """Gini coefficient of non-negative values (mean-absolute-difference definition).

    ``G = sum_i sum_j |v_i - v_j| / (2 n^2 mean(v))``, i.e. half the relative mean
    absolute difference. It is 0 when all values are equal (including all zero) and
    ``(n - 1) / n`` when one value holds everything.

    Parameters
    ----------
    values
        Non-negative numbers, shape (n,), n >= 1.

    Returns
    -------
    float
        G in [0, (n - 1) / n].

    Raises
    ------
    GovsimError
        If ``values`` is empty, not one-dimensional, not finite or has a negative entry.

    Notes
    -----
    With the values sorted ascending, ``v_(1) <= ... <= v_(n)``, the double sum is
    ``2 sum_i (2i - n - 1) v_(i)``, so G costs one sort, O(n log n), instead of O(n^2).
    This is the n^2 (not n(n - 1)) normalisation, so G of a sample is not corrected
    for sample size: the values 1..n have G = (n - 1) / (3n).

    References
    ----------
    C. Gini, *Variabilità e mutabilità*, Bologna, 1912.
    A. Sen, *On Economic Inequality*, Oxford: Clarendon Press, 1973.
    S. Yitzhaki and E. Schechtman, *The Gini Methodology*, Springer, 2013, ch. 2.

    Examples
    --------
    >>> gini([1, 1, 1, 1])
    0.0
    >>> gini([0, 0, 0, 1])
    0.75
    >>> round(gini([1, 2, 3]), 12)  # (n - 1) / (3n) = 2/9
    0.222222222222
    """
    v = _masses(values, "values")
    n = v.shape[0]
    if n == 0:
        raise GovsimError("values must have at least one entry; found none")
    total = v.sum()
    if total == 0:
        return 0.0
    v = np.sort(v)
    coefficients = np.arange(1 - n, n, 2, dtype=float)  # 2i - n - 1 for i = 1..n
    return float(max(coefficients @ v, 0.0) / (n * total))


def signed_gini(values: Any) -> float:
    """Gini coefficient of values of either sign (Raffinetti, Siletti & Vernizzi 2015).

    ``G = sum_i sum_j |v_i - v_j| / (2 n (T+ + T-))``, T+ the sum of the positive
    values and T- the absolute sum of the negative ones. For non-negative values
    T+ + T- = n mean(v) and G is :func:`gini`; with negative values the plain Gini
    can exceed 1 (its mean may even be 0), and this normalisation keeps G in [0, 1].
    It is 0 when all values are equal (including all zero).

    Parameters
    ----------
    values
        Real numbers, shape (n,), n >= 1.

    Notes
    -----
    The double sum is computed from the sorted values as in :func:`gini`. This is the
    normalisation with n (as ``Gini_RSV`` of the R package GiniWegNeg), not the
    finite-sample one with n - 1 that the paper also gives, to agree with :func:`gini`.

    References
    ----------
    E. Raffinetti, E. Siletti and A. Vernizzi, "On the Gini coefficient normalization
    when attributes with negative values are considered", *Statistical Methods &
    Applications* 24(3) (2015) 507–521.

    Examples
    --------
    >>> signed_gini([-1.0, 1.0])  # sum |v_i - v_j| = 4, 2 n (T+ + T-) = 8
    0.5
    >>> signed_gini([0, 0, 0, 1]) == gini([0, 0, 0, 1])
    True
    >>> signed_gini([0.2, 0.2])
    0.0
    """
    v = _array(values, "values")
    if v.ndim != 1 or v.shape[0] == 0:
        raise GovsimError(f"values must be one-dimensional and non-empty; found shape {v.shape}")
    n, scale = v.shape[0], np.abs(v).sum()
    if scale == 0:
        return 0.0
    coefficients = np.arange(1 - n, n, 2, dtype=float)  # 2i - n - 1 for i = 1..n
    return float(max(coefficients @ np.sort(v), 0.0) / (n * scale))


def loss_gini(ideals: Any, q: Any) -> float:
    """Gini coefficient of the losses ``||x_i - q||``: the inequality of utilities at q.

    Utilities ``u_i = -||x_i - q||`` are negative, and the Gini coefficient is defined
    for non-negative quantities, so inequality is measured on their magnitudes, the
    losses. It is 0 when everyone is equally far from q (or q is everyone's ideal).

    Examples
    --------
    >>> loss_gini([0.0, 1.0], 0.5)
    0.0
    >>> loss_gini([0.0, 0.0, 0.0, 1.0], 0.0)
    0.75
    """
    return gini(-utilities(ideals, q))


def _sector_means(x: np.ndarray, codes: np.ndarray, s: int) -> np.ndarray:
    """Mean point of each sector, shape (s, d); NaN rows for empty sectors."""
    d = x.shape[1]
    count = np.bincount(codes, minlength=s)
    # One bincount over (sector, coordinate) cells instead of a loop over dimensions.
    cells = (codes[:, None] * d + np.arange(d)).ravel()
    total = np.bincount(cells, weights=x.ravel(), minlength=s * d).reshape(s, d)
    return np.divide(total, count[:, None], out=np.full((s, d), np.nan), where=count[:, None] > 0)


def capture(ideals: Any, sectors: Any, n_sectors: int, q: Any) -> np.ndarray:
    """How far the status quo has been pulled from the overall mean toward each sector.

    For each sector S,
    ``(||q - mean_all|| - ||q - mean_S||) / ||mean_all - mean_S||``, where the means are
    of the ideal points. (The model's ``capture_<sector>`` has this shape with the
    sectors' geometric medians in place of the means, averaged over passed motions.)

    Parameters
    ----------
    ideals
        Ideal points, shape (n, d) or (n,).
    sectors
        Integer sector code of each stakeholder, shape (n,), in ``[0, n_sectors)``.
    n_sectors
        Number of sectors S.
    q
        Status quo, shape (d,) or a scalar when d = 1.

    Returns
    -------
    numpy.ndarray
        Shape (n_sectors,), each value in [-1, 1] by the triangle inequality; NaN for a
        sector with no members or whose mean equals the overall mean.

    Notes
    -----
    Sign convention: +1 when q is the sector's mean, -1 when q is the overall mean
    (and whenever q lies on the ray from the sector's mean through the overall mean,
    beyond it), 0 when q is equally far from both, e.g. at their midpoint. Positive
    values mean q is nearer the sector than the population as a whole.

    Examples
    --------
    >>> ideals, sectors = [0.0, 0.0, 1.0, 1.0, 1.0, 1.0], [0, 0, 1, 1, 1, 1]
    >>> capture(ideals, sectors, 2, 0.0)  # q at sector 0's mean; overall mean is 2/3
    array([ 1., -1.])
    >>> capture(ideals, sectors, 2, 1 / 3).round(12)  # midway between 0 and 2/3
    array([ 0., -1.])
    """
    x = _points(ideals, "ideals")
    codes, s = _sector_codes(sectors, x.shape[0], n_sectors)
    point = _point(q, x.shape[1], "q")
    means = _sector_means(x, codes, s)
    overall = x.mean(axis=0)
    gap = _norms(means - overall)
    lead = np.linalg.norm(point - overall) - _norms(means - point)
    return np.divide(lead, gap, out=np.full(s, np.nan), where=gap > 0)


def closest_sector(ideals: Any, sectors: Any, n_sectors: int, q: Any) -> int:
    """The sector whose mean ideal point is nearest the status quo q.

    Empty sectors are skipped; a tie goes to the lowest sector code.

    Examples
    --------
    >>> closest_sector([0.0, 0.1, 0.8, 1.0], [0, 0, 1, 1], 2, 0.7)
    1
    """
    x = _points(ideals, "ideals")
    codes, s = _sector_codes(sectors, x.shape[0], n_sectors)
    point = _point(q, x.shape[1], "q")
    distance = _norms(_sector_means(x, codes, s) - point)
    return int(np.nanargmin(distance))
