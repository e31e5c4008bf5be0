"""How often a rule and a one-chamber majority disagree, exactly, from the seat positions.

Draw the status quo q and a proposal y independently and uniformly on [0, 1], let
every seat vote sincerely by distance with no indifference (tau = 0) and full
attendance, and ask whether a rule and a comparison rule (by default a simple
majority of the same voting seats, one seat one vote) decide alike. The two ways they
can differ are

- **blocked**: the comparison majority passes y against q, the rule fails it (the
  GNSO's "seven votes winning over 14");
- **imposed**: the rule passes y, the comparison majority fails it.

Both are probabilities over (q, y) only: no agenda setter, no deliberation, nothing
simulated. :func:`disagreement_rates` computes them exactly in one dimension.

Why it is exact. For fixed q, voter i supports y iff y lies strictly between q and
``2 x_i - q`` (the stance convention of :mod:`govsim.rules.passing`), so both passing
sets are unions of intervals with ends in ``{q, 2 x_i - q}``, cut to [0, 1]. As q
moves, the order of the points ``q``, ``2 x_i - q``, 0 and 1 changes only where
``q = x_i`` (voter i's interval shrinks to nothing and reopens on the other side),
``q = 2 x_i`` (``2 x_i - q`` crosses 0) or ``q = 2 x_i - 1`` (it crosses 1). Between
two consecutive such breakpoints the order is fixed, so every segment has the same
stances and the same decisions, and its length inside [0, 1] is a difference of two
linear functions of q. The measure of each disagreement set is therefore continuous
and piecewise linear in q, with kinks only at the breakpoints, and the midpoint rule
over the intervals between sorted breakpoints integrates it exactly. Each midpoint is
a generic q (no two endpoints coincide except for voters at the same point), where
:func:`govsim.rules.passing.pieces` gives both passing sets exactly.

References
----------
G. Tsebelis, *Veto Players: How Political Institutions Work*, Princeton University
Press, 2002 (passing sets and the size of the winset).
T. H. Hammond and G. J. Miller, "The core of the Constitution", *American Political
Science Review* 81(4), 1987, 1155-1174 (two houses against one chamber).
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
from numpy.typing import ArrayLike

from govsim.errors import GovsimError
from govsim.rules.passing import as_rule, pieces_of_rules
from govsim.rules.registry import Rule

__all__ = ["Disagreement", "agenda_free_rates", "disagreement_rates"]

#: Stance cells (q-intervals x pieces x seats) decided per rule call: bounds memory.
CHUNK_CELLS = 2**21


class Disagreement(NamedTuple):
    """Probabilities over (q, y) uniform on [0, 1]², one per body of the batch."""

    blocked: np.ndarray
    imposed: np.ndarray


def _q_intervals(x: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Midpoints, widths and body of every q-interval of positive width.

    Breakpoints per body: 0, 1, and ``x_i``, ``2 x_i``, ``2 x_i - 1`` inside [0, 1].
    """
    batch = x.shape[0]
    ends = np.hstack([np.zeros((batch, 1)), np.ones((batch, 1)), x, 2 * x, 2 * x - 1])
    ends = np.sort(np.clip(ends, 0.0, 1.0), axis=1)
    width = np.diff(ends, axis=1)
    body, slot = np.nonzero(width > 0)
    mid = (ends[body, slot] + ends[body, slot + 1]) / 2
    return mid, width[body, slot], body


def _lengths_in_unit(found_low: np.ndarray, found_high: np.ndarray) -> np.ndarray:
    """Length of each segment inside [0, 1] (0 for the padding)."""
    return np.clip(np.minimum(found_high, 1.0) - np.maximum(found_low, 0.0), 0.0, None)


def disagreement_rates(
    rule: Rule | str,
    positions: ArrayLike,
    weights: ArrayLike,
    houses: ArrayLike,
    *,
    comparison: Rule | str = "majority",
    comparison_weights: ArrayLike | None = None,
    comparison_houses: ArrayLike | None = None,
) -> Disagreement:
    """Exact probabilities that ``rule`` blocks or imposes against a one-chamber majority.

    Parameters
    ----------
    rule
        A bound rule (:func:`~govsim.rules.get_rule`) or a registry name (defaults).
    positions
        Each seat's ideal point, shape (n,), or (R, n) for a batch of R bodies that
        share weights and houses (e.g. the replications of one design).
    weights, houses
        As for every rule.
    comparison
        The rule to compare with; by default ``"majority"`` (more than half of the
        comparison weight supports).
    comparison_weights, comparison_houses
        Weights and houses the comparison sees; by default one vote for every seat of
        positive weight (a non-voting seat stays non-voting), all in one house.

    Returns
    -------
    Disagreement
        ``blocked``: P(the comparison passes y against q and ``rule`` fails it);
        ``imposed``: P(``rule`` passes and the comparison fails), for q and y
        independent and uniform on [0, 1], every seat present, tau = 0. Arrays of
        shape () for one body, (R,) for a batch.

    Notes
    -----
    Exact up to floating-point rounding (the derivation is in the module docstring):
    one rule call per rule on every piece of the line at the midpoint of each of the
    at most ``3n + 1`` q-intervals between breakpoints, vectorised over q-intervals
    and bodies, in chunks of :data:`CHUNK_CELLS` stance cells.

    Examples
    --------
    Unanimity of three seats at 1/4, 1/2, 3/4 against their majority (the median):
    the majority passes every y between q and 1 - q; unanimity only what all three
    prefer, nothing when q lies in [1/4, 3/4]. Integrating the difference gives 3/8.

    >>> d = disagreement_rates("unanimity", [0.25, 0.5, 0.75], [1, 1, 1], [0, 0, 0])
    >>> round(float(d.blocked), 12), round(float(d.imposed), 12)
    (0.375, 0.0)
    """
    x = np.asarray(positions, dtype=float)
    single = x.ndim == 1
    x = np.atleast_2d(x)
    weights, houses = np.asarray(weights, dtype=float), np.asarray(houses)
    if x.ndim != 2 or x.shape[1] != weights.size or houses.shape != weights.shape:
        raise GovsimError(
            f"disagreement needs positions of shape (n,) or (R, n) and n weights and "
            f"houses; found positions {np.shape(positions)}, {weights.size} weights and "
            f"houses {houses.shape}"
        )
    if comparison_weights is None:
        comparison_weights = (weights > 0).astype(float)
    rules = (
        (as_rule(rule), weights, houses),
        (
            as_rule(comparison),
            np.asarray(comparison_weights, dtype=float),
            np.zeros_like(houses) if comparison_houses is None else np.asarray(comparison_houses),
        ),
    )
    mid, width, body = _q_intervals(x)
    n = x.shape[1]
    chunk = max(1, CHUNK_CELLS // (2 * (n + 2) * n))
    blocked, imposed = np.zeros(mid.size), np.zeros(mid.size)
    for start in range(0, mid.size, chunk):
        part = slice(start, start + chunk)
        line, q = x[body[part]], mid[part]
        # Both calls see the same positions and q, so they cut the line alike.
        found, other = pieces_of_rules(rules, line, q, 0.0)
        length = _lengths_in_unit(*found.segment_ends())
        ours, theirs = found.on_segment, other.on_segment
        blocked[part] = (length * (theirs & ~ours)).sum(axis=1)
        imposed[part] = (length * (ours & ~theirs)).sum(axis=1)
    total = [np.bincount(body, weights=width * v, minlength=x.shape[0]) for v in (blocked, imposed)]
    if single:
        return Disagreement(total[0][0], total[1][0])
    return Disagreement(total[0], total[1])


def agenda_free_rates(
    ideal: ArrayLike,
    weights: ArrayLike,
    houses: ArrayLike,
    rule: Rule | str,
    *,
    comparison_weights: ArrayLike | None = None,
) -> tuple[float, float]:
    """(blocked, imposed) from one replication's seat holders; NaN when d > 1.

    Parameters
    ----------
    ideal
        The seat holders' ideal points, shape (n, d), in seat order.
    weights, houses
        The seats' vote weights and house codes.
    rule
        The design's bound rule.
    comparison_weights
        As for :func:`disagreement_rates`: by default one vote per seat of positive weight.

    Returns
    -------
    tuple of float
        :func:`disagreement_rates` against a simple majority of the voting seats; both NaN
        when the policy space has more than one dimension, where the statistic is not
        computed.
    """
    ideal = np.asarray(ideal, dtype=float)
    if ideal.ndim == 2 and ideal.shape[1] != 1:
        return float("nan"), float("nan")
    found = disagreement_rates(
        rule, ideal.reshape(-1), weights, houses, comparison_weights=comparison_weights
    )
    return float(found.blocked), float(found.imposed)
