"""Outcome metrics of a run: welfare, inequality, capture, legitimacy, polarisation.

Every function is pure and vectorised over NumPy arrays. Points (ideals, positions,
cluster centres) are float arrays of shape ``(n, d)``; an array of shape ``(n,)`` is
read as ``d = 1``. The model's policy space is [0, 1]^d, but nothing here needs the
points to lie in it, only to be finite. Stakeholder i's utility for the status quo q
is ``u_i = -||x_i - q||`` (Euclidean), as in the reference model's Metrics table.

- Welfare: :func:`utilities`, :func:`welfare`, :func:`sector_welfare`, and the
  utilitarian optimum :func:`geometric_median`.
- Inequality: :func:`gini` and :func:`loss_gini`.
- Capture: :func:`capture` and :func:`closest_sector`.
- Input legitimacy: :func:`total_variation` and :func:`input_legitimacy`.
- Polarisation: :func:`opinion_clusters`, :func:`n_clusters`, :func:`esteban_ray` and
  :func:`esteban_ray_groups`.

Bad input (wrong shapes, NaN, negative masses, an out-of-range parameter) raises
:class:`~govsim.errors.GovsimError` naming the argument.
"""

from __future__ import annotations

import math
import warnings
from typing import Any

import numpy as np
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components
from scipy.spatial import cKDTree
from scipy.spatial.distance import cdist

from govsim.errors import GovsimError

__all__ = [
    "ALPHA_MAX",
    "capture",
    "closest_sector",
    "esteban_ray",
    "esteban_ray_groups",
    "geometric_median",
    "gini",
    "input_legitimacy",
    "loss_gini",
    "n_clusters",
    "opinion_clusters",
    "sector_welfare",
    "total_variation",
    "utilities",
    "welfare",
]

#: Largest polarisation sensitivity alpha for which Esteban & Ray (1994, Theorem 1)
#: show their index satisfies all of their axioms (alpha* ~= 1.6).
ALPHA_MAX = 1.6


# --- input checks ------------------------------------------------------------------


def _array(values: Any, name: str) -> np.ndarray:
    """``values`` as a float array, or a GovsimError naming ``name``."""
    try:
        with warnings.catch_warnings():
            # Complex input would otherwise be truncated with only a warning.
            warnings.simplefilter("error", np.exceptions.ComplexWarning)
            array = np.asarray(values, dtype=float)
    except (TypeError, ValueError, np.exceptions.ComplexWarning):
        raise GovsimError(f"{name} must be an array of real numbers; found {values!r}") from None
    if not np.isfinite(array).all():
        raise GovsimError(f"{name} must be finite; found NaN or infinity")
    return array


def _points(values: Any, name: str) -> np.ndarray:
    """Points as a float array of shape (n, d) with n, d >= 1; (n,) becomes (n, 1)."""
    x = _array(values, name)
    if x.ndim == 1:
        x = x[:, None]
    if x.ndim != 2 or x.shape[0] == 0 or x.shape[1] == 0:
        raise GovsimError(
            f"{name} must have shape (n,) or (n, d) with n, d >= 1; found shape {x.shape}"
        )
    return x


def _point(value: Any, d: int, name: str) -> np.ndarray:
    """One point of dimension d, shape (d,); a scalar is accepted when d = 1."""
    q = _array(value, name).reshape(-1) if np.ndim(value) == 0 else _array(value, name)
    if q.shape != (d,):
        raise GovsimError(
            f"{name} must be one point of dimension {d} (shape ({d},)"
            f"{' or a scalar' if d == 1 else ''}); found shape {q.shape}"
        )
    return q


def _masses(values: Any, name: str, n: int | None = None) -> np.ndarray:
    """A 1-D array of non-negative numbers (of length n when given)."""
    v = _array(values, name)
    if v.ndim != 1:
        raise GovsimError(f"{name} must be one-dimensional; found shape {v.shape}")
    if n is not None and v.shape[0] != n:
        raise GovsimError(f"{name} must have length {n}; found length {v.shape[0]}")
    if (v < 0).any():
        raise GovsimError(f"{name} must be non-negative; found minimum {v.min()!r}")
    return v


def _shares(values: Any, name: str, n: int | None = None) -> np.ndarray:
    """Non-negative masses normalised to sum to 1; their sum must be positive."""
    v = _masses(values, name, n)
    total = v.sum()
    if not total > 0:
        raise GovsimError(f"{name} must have a positive sum; found {total!r}")
    return v / total


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


def _check_alpha(alpha: Any) -> float:
    if isinstance(alpha, bool) or not isinstance(alpha, int | float | np.integer | np.floating):
        raise GovsimError(f"alpha must be a number in [0, {ALPHA_MAX}]; found {alpha!r}")
    if not 0 <= alpha <= ALPHA_MAX:
        raise GovsimError(f"alpha must be a number in [0, {ALPHA_MAX}]; found {alpha!r}")
    return float(alpha)


def _check_radius(radius: Any) -> float:
    if isinstance(radius, bool) or not isinstance(radius, int | float | np.integer | np.floating):
        raise GovsimError(f"radius must be a non-negative number; found {radius!r}")
    if not 0 <= radius < math.inf:
        raise GovsimError(f"radius must be a non-negative number; found {radius!r}")
    return float(radius)


def _norms(diff: np.ndarray) -> np.ndarray:
    """Euclidean norms of the rows of an (n, d) array; abs when d = 1 (cheaper)."""
    if diff.shape[1] == 1:
        return np.abs(diff[:, 0])
    return np.sqrt(np.einsum("ij,ij->i", diff, diff))


# --- welfare and inequality ---------------------------------------------------------


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

    Its minimum is the reference model's ``minority_loss`` (the maximin criterion).

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


def loss_gini(ideals: Any, q: Any) -> float:
    """Gini coefficient of the losses ``||x_i - q||``: the model's inequality of utilities.

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


# --- the utilitarian optimum --------------------------------------------------------


def _weighted_median(x: np.ndarray, w: np.ndarray | None) -> float:
    """Midpoint of the (weighted) median interval of 1-D data."""
    if w is None:
        return float(np.median(x))  # np.median already takes the interval's midpoint
    order = np.argsort(x, kind="stable")
    xs, cumulative = x[order], np.cumsum(w[order])
    half = cumulative[-1] / 2
    # The median interval runs from the first point whose cumulative weight reaches
    # half to the first whose cumulative weight exceeds it.
    low = xs[np.searchsorted(cumulative, half, side="left")]
    high = xs[np.searchsorted(cumulative, half, side="right")]
    return float((low + high) / 2)


def _optimal_at_data_point(x: np.ndarray, w: np.ndarray, k: int) -> bool:
    """Whether data point k minimises sum_i w_i ||x_i - y||.

    The optimality condition at a data point y (Kuhn 1973) is
    ``||sum_{x_i != y} w_i (x_i - y) / ||x_i - y|| || <= sum_{x_i = y} w_i``.
    Convexity bounds the excess of the objective at y by (slack) * ||y - optimum||.
    """
    diff = x - x[k]
    dist = _norms(diff)
    away = dist > 0
    pull = (w[away] / dist[away]) @ diff[away]
    # A slack of 1e-12 of the total weight lets a boundary case (an angle of exactly
    # 120°) pass despite rounding; it costs at most 1e-12 * sum(w) * diameter.
    return bool(np.linalg.norm(pull) <= w[~away].sum() + 1e-12 * w.sum())


def _newton_point(
    x: np.ndarray,
    w: np.ndarray,
    y: np.ndarray,
    diff: np.ndarray,
    dist: np.ndarray,
    inverse: np.ndarray,
    low: np.ndarray,
    high: np.ndarray,
) -> np.ndarray | None:
    """A damped Newton step for sum_i w_i ||x_i - y|| from y (no data point at y).

    The step is cut back to the data's bounding box, which holds the median, then
    halved while that lowers the objective; the objective is convex along the step,
    so the first rise marks a point within a factor 2 of the best on that line.
    """
    gradient = -(inverse @ diff)
    hessian = inverse.sum() * np.eye(x.shape[1]) - (diff.T * (inverse / dist**2)) @ diff
    try:
        step = -np.linalg.solve(hessian, gradient)
    except np.linalg.LinAlgError:  # all points on one line through y
        return None
    if not np.isfinite(step).all() or not step.any():
        return None
    with np.errstate(divide="ignore", invalid="ignore"):
        room = np.where(step > 0, (high - y) / step, np.where(step < 0, (low - y) / step, np.inf))
    scale = min(1.0, float(room.min()))
    if not scale > 0:
        return None
    best, best_cost = None, np.inf
    for _ in range(60):
        candidate = y + scale * step
        candidate_cost = w @ _norms(x - candidate)
        if candidate_cost >= best_cost:
            break
        best, best_cost = candidate, candidate_cost
        scale /= 2
    return best


def _weiszfeld(x: np.ndarray, w: np.ndarray, tol: float, max_iter: int) -> np.ndarray:
    """Weiszfeld's iteration with the Vardi–Zhang step at data points, sped up by Newton."""
    y = (w @ x) / w.sum()
    low, high = x.min(axis=0), x.max(axis=0)
    diff = x - y
    dist = _norms(diff)
    cost = w @ dist
    for _ in range(max_iter):
        nearest = int(np.argmin(dist))
        # Weiszfeld crawls toward an optimum that is a data point (sublinearly, at
        # worst), so test the nearest data point exactly and stop there if it is optimal.
        if _optimal_at_data_point(x, w, nearest):
            return x[nearest].copy()
        away = dist > 0
        inverse = np.zeros_like(dist)
        inverse[away] = w[away] / dist[away]
        candidates = [(inverse @ x) / inverse.sum()]
        eta = w[~away].sum()
        if eta > 0:
            # Vardi & Zhang (2000): y is a data point that is not optimal; move off it
            # by the weighted step instead of stalling (plain Weiszfeld divides by 0).
            r = np.linalg.norm(inverse @ diff)
            candidates[0] = (1 - eta / r) * candidates[0] + (eta / r) * y
        else:
            # Weiszfeld is only linear, and slow where the objective is nearly flat or
            # the optimum sits near data points; a Newton step on the (here smooth)
            # objective converges quadratically. It is kept only when it beats the
            # Weiszfeld step, so every iterate still descends.
            newton = _newton_point(x, w, y, diff, dist, inverse, low, high)
            if newton is not None:
                candidates.insert(0, newton)
        costs = []
        for candidate in candidates:
            candidate_diff = x - candidate
            candidate_dist = _norms(candidate_diff)
            costs.append((w @ candidate_dist, candidate, candidate_diff, candidate_dist))
        best = min(range(len(costs)), key=lambda i: costs[i][0])  # ties go to Newton
        new_cost, new_y, new_diff, new_dist = costs[best]
        if new_cost > cost:
            return y  # no step descends in floating point: y is optimal to rounding
        step = np.linalg.norm(new_y - y)
        y, diff, dist, cost = new_y, new_diff, new_dist, new_cost
        if step <= tol * (1.0 + np.linalg.norm(y)):
            return y
    warnings.warn(
        f"geometric_median did not converge to tol={tol} in max_iter={max_iter} iterations",
        RuntimeWarning,
        stacklevel=3,
    )
    return y


def geometric_median(
    points: Any, weights: Any = None, tol: float = 1e-12, max_iter: int = 1000
) -> np.ndarray | float:
    """The (weighted) geometric median: the y minimising ``sum_i w_i ||x_i - y||``.

    This is the utilitarian optimum of the reference model (the status quo that
    maximises :func:`welfare`), against which output legitimacy is measured.

    Parameters
    ----------
    points
        Points, shape (n, d) or (n,).
    weights
        Non-negative weights, shape (n,), with a positive sum; ``None`` means all 1.
    tol
        For d >= 2, stop when one iteration moves y by at most ``tol * (1 + ||y||)``
        (or no step lowers the objective in floating point). Unused when d = 1.
    max_iter
        Most iterations for d >= 2; a :class:`RuntimeWarning` is issued and the last
        iterate returned if the tolerance is not met by then.

    Returns
    -------
    float or numpy.ndarray
        A float for 1-D input of shape (n,), else an array of shape (d,).

    Notes
    -----
    For d = 1 the answer is exact: the (weighted) median. When the median is not
    unique (an even count, or a cumulative weight of exactly half), every point of the
    median interval is optimal and the **midpoint** of the interval is returned, which
    agrees with :func:`numpy.median` and is symmetric under reflection. (With
    non-integer weights, a cumulative weight of exactly half is found only as far as
    floating-point sums allow; otherwise an end of the interval is returned.)

    For d >= 2 the median is unique unless all points are collinear (then some point
    of the optimal segment is returned), and is found by Weiszfeld's (1937)
    fixed-point iteration started at the weighted centroid, with the modification of
    Vardi & Zhang (2000) when an iterate lands on a data point. Two additions keep it
    fast where plain Weiszfeld crawls:

    - each iteration also tries a damped Newton step and keeps whichever of the two
      points has the lower objective, so the objective still falls at every step but
      converges quadratically near a smooth optimum (e.g. 10^4 points in two tight
      clumps, where Weiszfeld needs well over 10^4 iterations);
    - the data point nearest the iterate is tested against the exact optimality
      condition (Kuhn 1973), so an optimum at a data point (e.g. the vertex of a
      triangle with an angle of at least 120°) is returned exactly.

    References
    ----------
    E. Weiszfeld, "Sur le point pour lequel la somme des distances de n points donnés
    est minimum", *Tôhoku Mathematical Journal* 43 (1937) 355–386.
    H. W. Kuhn, "A note on Fermat's problem", *Mathematical Programming* 4 (1973) 98–107.
    Y. Vardi and C.-H. Zhang, "The multivariate L1-median and associated data depth",
    *PNAS* 97(4) (2000) 1423–1426.

    Examples
    --------
    >>> geometric_median([0.1, 0.2, 0.9])
    0.2
    >>> geometric_median([0.0, 0.2, 0.6, 1.0])  # the midpoint of [0.2, 0.6]
    0.4
    >>> geometric_median([0.0, 1.0], weights=[3, 1])
    0.0
    >>> geometric_median([[0, 0], [1, 0], [0, 1], [-1, 0], [0, -1]]).tolist()
    [0.0, 0.0]
    """
    one_d = np.ndim(points) == 1
    x = _points(points, "points")
    n = x.shape[0]
    w = None
    if weights is not None:
        _shares(weights, "weights", n)  # checks; the raw weights keep integer ties exact
        w = _masses(weights, "weights", n)
    if not (isinstance(tol, int | float | np.integer | np.floating) and tol >= 0):
        raise GovsimError(f"tol must be a non-negative number; found {tol!r}")
    if isinstance(max_iter, bool) or not isinstance(max_iter, int | np.integer) or max_iter < 1:
        raise GovsimError(f"max_iter must be a positive integer; found {max_iter!r}")
    if w is not None:
        x, w = x[w > 0], w[w > 0]  # a weightless point does not pull the median
    if x.shape[1] == 1:
        m = _weighted_median(x[:, 0], w)
        return m if one_d else np.array([m])
    return _weiszfeld(x, np.ones(n) if w is None else w, float(tol), int(max_iter))


# --- capture -------------------------------------------------------------------------


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
    of the ideal points (the reference model's Metrics table).

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


# --- input legitimacy ------------------------------------------------------------------


def total_variation(p: Any, r: Any) -> float:
    """Total-variation distance ``1/2 sum_k |p_k - r_k|`` between two distributions.

    Each input is normalised to sum to 1 first, so counts or weights may be passed.

    Parameters
    ----------
    p, r
        Non-negative masses over the same categories, shape (k,), each with a positive
        sum.

    Returns
    -------
    float
        A distance in [0, 1]: 0 for equal distributions, 1 for disjoint supports.

    References
    ----------
    D. A. Levin, Y. Peres and E. L. Wilmer, *Markov Chains and Mixing Times*, AMS,
    2009, §4.1.

    Examples
    --------
    >>> total_variation([1, 0], [0, 1])
    1.0
    >>> total_variation([2, 2], [1, 1])
    0.0
    """
    return _tv(p, "p", r, "r")


def _tv(p: Any, p_name: str, r: Any, r_name: str) -> float:
    a = _shares(p, p_name)
    b = _shares(r, r_name, a.shape[0])
    return float(np.abs(a - b).sum() / 2)


def input_legitimacy(decision_weight_by_sector: Any, population_by_sector: Any) -> float:
    """Input legitimacy: 1 minus the total-variation distance of two share vectors.

    Compares each sector's share of decision weight with its share of the population;
    1 when decision weight is proportional to population, toward 0 as weight is
    concentrated in sectors that hold few stakeholders.

    Parameters
    ----------
    decision_weight_by_sector
        Total decision weight of each sector, shape (S,), non-negative, positive sum.
    population_by_sector
        Number (or share) of stakeholders in each sector, shape (S,).

    References
    ----------
    F. W. Scharpf, *Governing in Europe: Effective and Democratic?*, Oxford University
    Press, 1999, ch. 1 (input and output legitimacy).

    Examples
    --------
    >>> input_legitimacy([1, 1, 1, 1, 1], [10, 10, 10, 10, 10])
    1.0
    >>> round(input_legitimacy([1, 0, 0, 0, 0], [10, 10, 10, 10, 10]), 12)
    0.2
    """
    distance = _tv(
        decision_weight_by_sector,
        "decision_weight_by_sector",
        population_by_sector,
        "population_by_sector",
    )
    return 1.0 - distance


# --- polarisation ----------------------------------------------------------------------


def _canonical(labels: np.ndarray) -> np.ndarray:
    """Renumber labels 0..k-1 in order of each label's first appearance."""
    _, first, inverse = np.unique(labels, return_index=True, return_inverse=True)
    rank = np.empty(first.shape[0], dtype=np.int64)
    rank[np.argsort(first, kind="stable")] = np.arange(first.shape[0])
    return rank[inverse.ravel()]


def _clusters_1d(x: np.ndarray, radius: float) -> np.ndarray:
    order = np.argsort(x, kind="stable")
    xs = x[order]
    labels_sorted = np.zeros(x.shape[0], dtype=np.int64)
    np.cumsum(np.diff(xs) > radius, out=labels_sorted[1:])
    labels = np.empty_like(labels_sorted)
    labels[order] = labels_sorted
    return labels


def _unique_rows(a: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Distinct rows in lexicographic order, and each row's index among them.

    Same result as ``np.unique(a, axis=0, return_inverse=True)``, which sorts rows as
    opaque byte strings and is several times slower.
    """
    order = np.lexsort(a.T[::-1])
    ordered = a[order]
    new = np.ones(a.shape[0], dtype=bool)
    new[1:] = (ordered[1:] != ordered[:-1]).any(axis=1)
    inverse = np.empty(a.shape[0], dtype=np.int64)
    inverse[order] = np.cumsum(new) - 1
    return ordered[new], inverse


def _clusters_nd(x: np.ndarray, radius: float) -> np.ndarray:
    """Single-linkage clusters in d >= 2 without enumerating all close pairs.

    Converged opinion dynamics pile thousands of agents onto (nearly) one point, where
    a plain ``query_pairs`` would list every pair, O(n^2) of them. Instead the points
    go into grid cells of diagonal just under ``radius``, so each cell is one cluster
    already, and only pairs of cells need checking: a cell pair is linked when a
    nearest-neighbour query from the smaller cell into the larger finds a point within
    ``radius``. Memory stays O(n).
    """
    unique, inverse = _unique_rows(x)  # lexicographic order
    m, d = unique.shape
    if radius == 0 or m == 1:
        return _canonical(np.arange(m))[inverse]
    side = radius / math.sqrt(d) * (1 - 1e-9)
    origin = unique.min(axis=0)
    if (unique.max(axis=0) - origin).max() / side > 2.0**52:
        raise GovsimError(
            f"radius must not be tiny relative to the spread of positions; found {radius!r}"
        )
    grid = np.floor((unique - origin) / side).astype(np.int64)
    keys, cell_of = _unique_rows(grid)
    k = keys.shape[0]
    if k > 1:
        # Candidate cell pairs: centres within radius + one cell diagonal of each other.
        candidates = cKDTree(keys.astype(float)).query_pairs(
            (radius + side * math.sqrt(d)) / side * (1 + 1e-9) + 1e-9, output_type="ndarray"
        )
    else:
        candidates = np.empty((0, 2), dtype=np.int64)
    count = np.bincount(cell_of, minlength=k)
    start = np.concatenate(([0], np.cumsum(count)[:-1]))
    members = np.argsort(cell_of, kind="stable")
    # An extra coordinate, the cell code times a spacing larger than the search bound,
    # confines each nearest-neighbour query to the one cell it targets.
    spacing = 4.0 * radius
    tree = cKDTree(np.column_stack([unique, cell_of * spacing]))
    shell = ((keys[candidates[:, 0]] - keys[candidates[:, 1]]) ** 2).sum(axis=1)
    component = np.arange(k)
    edges = np.empty((0, 2), dtype=np.int64)
    # Nearest shells first: in dense data they merge almost everything, and later
    # shells then skip cell pairs already in one component. The loop is over a few
    # shells of grid offsets, never over agents.
    for level in np.unique(shell):
        pairs = candidates[shell == level]
        pairs = pairs[component[pairs[:, 0]] != component[pairs[:, 1]]]
        if pairs.shape[0] == 0:
            continue
        swap = count[pairs[:, 0]] > count[pairs[:, 1]]
        source = np.where(swap, pairs[:, 1], pairs[:, 0])
        target = np.where(swap, pairs[:, 0], pairs[:, 1])
        repeats = count[source]
        pair_of = np.repeat(np.arange(pairs.shape[0]), repeats)
        offset = np.arange(pair_of.shape[0]) - np.repeat(np.cumsum(repeats) - repeats, repeats)
        points = members[start[source][pair_of] + offset]
        queries = np.column_stack([unique[points], target[pair_of] * spacing])
        distance, _ = tree.query(queries, k=1, distance_upper_bound=2.0 * radius)
        linked = np.unique(pair_of[distance <= radius])
        edges = np.concatenate([edges, pairs[linked]])
        graph = coo_matrix((np.ones(edges.shape[0]), (edges[:, 0], edges[:, 1])), shape=(k, k))
        _, component = connected_components(graph, directed=False)
    return _canonical(component[cell_of])[inverse]


def opinion_clusters(positions: Any, radius: float = 0.01) -> np.ndarray:
    """Single-linkage opinion clusters: points within ``radius`` of each other, chained.

    Two stakeholders are in one cluster when a chain of stakeholders joins them in
    which consecutive positions are at most ``radius`` apart (Euclidean). This is the
    cluster count used for bounded-confidence dynamics (Hegselmann & Krause 2002).

    Parameters
    ----------
    positions
        Positions, shape (n, d) or (n,).
    radius
        Linking distance, >= 0; at 0 only identical positions share a cluster.

    Returns
    -------
    numpy.ndarray
        Integer labels 0..k-1, shape (n,). Clusters are numbered in order of their
        lexicographically smallest member, i.e. left to right when d = 1.

    Notes
    -----
    For d = 1 the positions are sorted and split at gaps larger than ``radius``,
    O(n log n). For d >= 2, exact duplicates are merged, the rest are put into grid
    cells whose diagonal is just under ``radius`` (so each cell is connected), and
    neighbouring cells are linked by KD-tree nearest-neighbour queries, then joined by
    :func:`scipy.sparse.csgraph.connected_components`. Unlike listing all close pairs,
    this stays O(n) in memory when many agents share (nearly) one position; its cost
    grows quickly with d, so it suits the model's low-dimensional policy spaces.

    References
    ----------
    J. C. Gower and G. J. S. Ross, "Minimum spanning trees and single linkage cluster
    analysis", *Journal of the Royal Statistical Society C* 18(1) (1969) 54–64.
    R. Hegselmann and U. Krause, "Opinion dynamics and bounded confidence: models,
    analysis and simulation", *JASSS* 5(3) (2002).

    Examples
    --------
    >>> opinion_clusters([0.9, 0.1, 0.105, 0.5], radius=0.01)
    array([2, 0, 0, 1])
    >>> opinion_clusters([[0.0, 0.0], [0.0, 0.008], [0.0, 0.016], [1.0, 1.0]])
    array([0, 0, 0, 1])
    """
    x = _points(positions, "positions")
    r = _check_radius(radius)
    if x.shape[1] == 1:
        return _clusters_1d(x[:, 0], r)
    return _clusters_nd(x, r)


def n_clusters(positions: Any, radius: float = 0.01, min_share: float = 0.0) -> int:
    """Number of :func:`opinion_clusters` holding at least ``min_share`` of the points.

    With ``min_share = 0`` every cluster counts; a small positive value (e.g. 0.01)
    ignores stray individuals, as in counts of "major clusters".

    Examples
    --------
    >>> n_clusters([0.1, 0.1, 0.1, 0.5, 0.9, 0.9])
    3
    >>> n_clusters([0.1, 0.1, 0.1, 0.5, 0.9, 0.9], min_share=0.2)
    2
    """
    if isinstance(min_share, bool) or not isinstance(
        min_share, int | float | np.integer | np.floating
    ):
        raise GovsimError(f"min_share must be a number in [0, 1]; found {min_share!r}")
    if not 0 <= min_share <= 1:
        raise GovsimError(f"min_share must be a number in [0, 1]; found {min_share!r}")
    labels = opinion_clusters(positions, radius)
    counts = np.bincount(labels)
    return int((counts >= min_share * labels.shape[0]).sum())


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

    Each cluster is one group, with its share of stakeholders as pi and its mean
    position as y; see :func:`esteban_ray_groups` for the index and its normalisation.

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
    k, d = count.shape[0], x.shape[1]
    cells = (labels[:, None] * d + np.arange(d)).ravel()
    centres = np.bincount(cells, weights=x.ravel(), minlength=k * d).reshape(k, d)
    centres /= count[:, None]
    pi = count / count.sum()
    return _weighted_distance_sum(pi ** (1 + a), pi, centres)
