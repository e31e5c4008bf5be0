"""Passing sets: every proposal a rule would pass against the status quo, in one dimension.

Each voter compares a proposal y with the status quo q by distance: support if
``|p - y| < |p - q| - tau``, oppose if ``|p - y| > |p - q| + tau``, else abstain
(:func:`take_stances`, the model's stance convention). In one dimension a voter's
stance is therefore constant in y except at up to four breakpoints,
``p ± (|p - q| - tau)`` and ``p ± (|p - q| + tau)``, and at each breakpoint the voter
abstains (the inequalities are strict). So is the rule's decision: evaluating the
rule once on a batch of ballots, one at every breakpoint and one inside every open
segment between them, gives the passing set exactly, as a union of intervals with
open or closed ends (:func:`passing_set`).

Every voter is present (full attendance). The rule is evaluated as the model's first
decision round sees it: consensus rules get the ``addressed`` array given (by default
none, so no objection counts as considered and there is no amendment), and advisory
rules see their advisers' stances from the positions given.

References
----------
D. Black, "On the rationale of group decision-making", *Journal of Political
Economy* 56(1), 1948, 23-34.
T. Romer and H. Rosenthal, "Political resource allocation, controlled agendas, and
the status quo", *Public Choice* 33(4), 1978, 27-43.
T. H. Hammond and G. J. Miller, "The core of the Constitution", *American Political
Science Review* 81(4), 1987, 1155-1174.
K. Krehbiel, *Pivotal Politics: A Theory of U.S. Lawmaking*, University of Chicago
Press, 1998.
G. Tsebelis, *Veto Players: How Political Institutions Work*, Princeton University
Press, 2002.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np
from numpy.typing import ArrayLike

from govsim.errors import GovsimError
from govsim.rules.registry import Rule, Stance, get_rule

__all__ = ["Interval", "PassingSet", "as_rule", "passing_set", "take_stances"]

#: Breakpoints closer than this (relative to the largest) are one point: float noise in
#: computing ``2p - q`` must not create segments narrower than rounding.
MERGE_TOLERANCE = 1e-12


def take_stances(
    positions: np.ndarray,
    proposal: np.ndarray,
    status_quo: np.ndarray,
    indifference: float,
    bonus: np.ndarray | None = None,
) -> np.ndarray:
    """Stance of each voter on a proposal against the status quo, with broadcasting.

    Support if ``||p - y|| < ||p - q|| - tau``, oppose if ``||p - y|| > ||p - q|| + tau``,
    otherwise abstain; with a ``bonus`` b, ``||p - y|| - b`` takes the place of
    ``||p - y||``.

    Parameters
    ----------
    positions
        Shape ``(..., n, d)``.
    proposal, status_quo
        Shape ``(..., d)``, broadcast against the batch axes of ``positions``.
    indifference
        tau >= 0.
    bonus
        Shape ``(..., n)``: what each voter values in the proposal besides its place
        (w times its estimate of the motion's common-value quality); None: nothing.

    Returns
    -------
    np.ndarray
        int8 :class:`Stance` codes, shape ``(..., n)``. Bit for bit the model's
        ``take_stances`` on its shapes (the same operations in the same order).
    """
    positions = np.asarray(positions, dtype=float)
    to_y = np.linalg.norm(positions - np.asarray(proposal)[..., None, :], axis=-1)
    if bonus is not None:
        to_y = to_y - bonus
    to_q = np.linalg.norm(positions - np.asarray(status_quo)[..., None, :], axis=-1)
    return np.where(
        to_y < to_q - indifference,
        Stance.SUPPORT,
        np.where(to_y > to_q + indifference, Stance.OPPOSE, Stance.ABSTAIN),
    ).astype(np.int8)


def as_rule(rule: Rule | str) -> Rule:
    """A bound rule, from a callable (as :func:`get_rule` returns) or a registry name."""
    return get_rule(rule) if isinstance(rule, str) else rule


@dataclass(frozen=True)
class Interval:
    """An interval of the real line; an end at ±inf is never closed."""

    low: float
    high: float
    closed_low: bool
    closed_high: bool

    def __contains__(self, y: float) -> bool:
        above = self.low < y or (self.closed_low and y == self.low)
        below = y < self.high or (self.closed_high and y == self.high)
        return bool(above and below)

    @property
    def length(self) -> float:
        """``high - low``."""
        return self.high - self.low

    def __str__(self) -> str:
        left, right = "[" if self.closed_low else "(", "]" if self.closed_high else ")"
        return f"{left}{self.low:.12g}, {self.high:.12g}{right}"


@dataclass(frozen=True)
class PassingSet:
    """A sorted union of disjoint intervals: the proposals a rule passes."""

    intervals: tuple[Interval, ...]

    def __contains__(self, y: float) -> bool:
        return any(y in interval for interval in self.intervals)

    @property
    def empty(self) -> bool:
        """True when no proposal passes."""
        return not self.intervals

    @property
    def length(self) -> float:
        """Total length (Lebesgue measure)."""
        return float(sum(interval.length for interval in self.intervals))

    def __str__(self) -> str:
        return " | ".join(map(str, self.intervals)) or "∅"


class Pieces(NamedTuple):
    """The decision on every piece of the line, for a batch of B bodies.

    Row b has G_b distinct breakpoints ``point[b, :G_b]``, sorted, padded to G with
    +inf (``valid`` marks the real ones). They cut the line into G_b + 1 open
    segments; segment g runs from ``point[g - 1]`` to ``point[g]`` (from -inf for
    g = 0, to +inf for g = G_b). ``at_point`` (B, G) and ``on_segment`` (B, G + 1) say
    whether the rule passes there (False on padding).
    """

    point: np.ndarray
    valid: np.ndarray
    at_point: np.ndarray
    on_segment: np.ndarray

    def segment_ends(self) -> tuple[np.ndarray, np.ndarray]:
        """Lower and upper ends of the G + 1 segments, shape (B, G + 1) each."""
        edge = np.full((len(self.point), 1), np.inf)
        return np.hstack([-edge, self.point]), np.hstack([self.point, edge])

    @property
    def segment_valid(self) -> np.ndarray:
        """Which segments exist: the G_b + 1 of each row."""
        return np.hstack([np.ones((len(self.valid), 1), dtype=bool), self.valid])


def _breakpoints(positions: np.ndarray, q: np.ndarray, tau: float) -> np.ndarray:
    """Each voter's support interval and opposition interval ends, shape (B, 4, n).

    Rows: where support starts and ends, where opposition ends and starts again.
    Support is empty (both ends equal) when ``|p - q| <= tau``.
    """
    r = np.abs(positions - q[:, None])
    if tau == 0:
        # Both change where y is q or q mirrored in p.
        mirror = 2 * positions - q[:, None]
        low, high = np.minimum(q[:, None], mirror), np.maximum(q[:, None], mirror)
        return np.stack([low, high, low, high], axis=1)
    outer_low, outer_high = positions - (r + tau), positions + (r + tau)
    inner = r > tau
    return np.stack(
        [
            np.where(inner, positions - (r - tau), outer_low),
            np.where(inner, positions + (r - tau), outer_low),
            outer_low,
            outer_high,
        ],
        axis=1,
    )


class _Cut(NamedTuple):
    """The line of B bodies cut at their breakpoints, and every voter's stance per piece.

    ``point`` and ``valid`` as in :class:`Pieces`; ``segment_valid`` (B, G + 1);
    ``stances`` (B, 2G + 1, n), piece 2g segment g and piece 2g + 1 breakpoint g.
    """

    point: np.ndarray
    valid: np.ndarray
    segment_valid: np.ndarray
    stances: np.ndarray


#: Support, oppose and abstain as int8 codes.
_CODES = np.array([Stance.SUPPORT, Stance.OPPOSE, Stance.ABSTAIN], dtype=np.int8)


def _cut(positions: np.ndarray, q: np.ndarray, indifference: float) -> _Cut:
    """Cut the line of each of B one-dimensional bodies; see :func:`pieces`."""
    batch, n = positions.shape
    ends = _breakpoints(positions, q, indifference).reshape(batch, -1)
    order = np.argsort(ends, axis=1, kind="stable")
    values = np.take_along_axis(ends, order, axis=1)
    scale = max(1.0, float(np.abs(values).max(initial=0.0)))
    first = np.hstack(
        [np.ones((batch, 1), dtype=bool), np.diff(values, axis=1) > MERGE_TOLERANCE * scale]
    )
    # Each sorted slot's breakpoint, 0 .. G_b - 1 (a bool cumsum casts slowly: int8 view).
    group = np.cumsum(first.view(np.int8), axis=1, dtype=np.intp) - 1
    count = group[:, -1] + 1
    width = int(count.max())
    point = np.full((batch, width), np.inf)
    row, slot = np.nonzero(first)
    point[row, group[row, slot]] = values[row, slot]
    # Piece 2g is segment g, piece 2g + 1 breakpoint g; each voter's interval ends as
    # piece numbers.
    own = np.empty_like(group)
    own[np.arange(batch)[:, None], order] = 2 * group + 1
    compiled = sys.modules.get("govsim.rules.compiled")  # loaded by small model runs
    if compiled is not None:
        stances = compiled.piece_stances(own.reshape(batch, 4, n), count, width, _CODES)
    else:
        s_low, s_high, o_low, o_high = (
            x[:, None, :] for x in own.reshape(batch, 4, n).swapaxes(0, 1)
        )
        piece = np.minimum(np.arange(2 * width + 1), 2 * count[:, None])[..., None]  # pad: last
        stances = np.where(
            (s_low < piece) & (piece < s_high),
            _CODES[0],
            np.where((piece < o_low) | (piece > o_high), _CODES[1], _CODES[2]),
        )
    valid = np.arange(width) < count[:, None]
    segment_valid = np.arange(width + 1) <= count[:, None]
    return _Cut(point, valid, segment_valid, stances)


def _decide_cut(
    cut: _Cut,
    rule: Rule,
    weights: np.ndarray,
    houses: np.ndarray,
    addressed: np.ndarray | None = None,
) -> Pieces:
    """``rule`` on every piece of a cut line: one call for all B * (2G + 1) ballots."""
    if addressed is not None:
        addressed = np.broadcast_to(np.asarray(addressed, dtype=bool), cut.stances.shape)
    passed = np.asarray(rule(cut.stances, weights, houses, addressed=addressed).passed)
    return Pieces(
        cut.point, cut.valid, passed[:, 1::2] & cut.valid, passed[:, 0::2] & cut.segment_valid
    )


def pieces(
    rule: Rule,
    positions: np.ndarray,
    q: np.ndarray,
    weights: np.ndarray,
    houses: np.ndarray,
    indifference: float,
    addressed: np.ndarray | None = None,
) -> Pieces:
    """Evaluate ``rule`` on every piece of the line for B one-dimensional bodies.

    ``positions`` has shape (B, n) and ``q`` shape (B,). Stances are read off the
    order of the breakpoints, not recomputed in floats, so a voter abstains exactly
    at its own breakpoints. One rule call decides all B * (2G + 1) ballots.
    """
    return _decide_cut(_cut(positions, q, indifference), rule, weights, houses, addressed)


def pieces_of_rules(
    rules: tuple[tuple[Rule, np.ndarray, np.ndarray], ...],
    positions: np.ndarray,
    q: np.ndarray,
    indifference: float,
) -> tuple[Pieces, ...]:
    """:func:`pieces` for several (rule, weights, houses) on the same line, cut once."""
    cut = _cut(positions, q, indifference)
    return tuple(_decide_cut(cut, rule, weights, houses) for rule, weights, houses in rules)


def _line(positions: ArrayLike, q: ArrayLike) -> tuple[np.ndarray, np.ndarray]:
    """One body's positions as (1, n) and q as (1,), from (n,) or (n, 1) and a scalar."""
    positions, q = np.asarray(positions, dtype=float), np.asarray(q, dtype=float)
    if positions.ndim == 2 and positions.shape[1] == 1:
        positions = positions[:, 0]
    if positions.ndim != 1 or q.size != 1:
        raise GovsimError(
            f"passing_set is one-dimensional: positions of shape (n,) or (n, 1) and one "
            f"status quo; found positions {positions.shape} and status quo {q.shape}"
        )
    return positions[None], q.reshape(1)


def passing_set(
    rule: Rule | str,
    positions: np.ndarray,
    q: float | np.ndarray,
    weights: np.ndarray,
    houses: np.ndarray,
    *,
    indifference: float = 0.0,
    addressed: np.ndarray | None = None,
) -> PassingSet:
    """The proposals y that ``rule`` passes against status quo ``q``, in one dimension.

    Parameters
    ----------
    rule
        A bound rule (:func:`~govsim.rules.get_rule`) or a registry name (defaults).
    positions
        Each seat's position, shape (n,) or (n, 1); one per entry of ``weights``.
    q
        The status quo (reversion point).
    weights, houses
        As for every rule.
    indifference
        tau >= 0: a voter takes a side only when y is better or worse by more.
    addressed
        Passed to the rule as it is (broadcast to every ballot); None by default, so
        a consensus rule sees no objection as considered, as in its first round.

    Returns
    -------
    PassingSet
        Exact given the breakpoints as floats: the rule is decided once at every
        breakpoint and once inside every segment between them, where stances are
        constant. Breakpoints within :data:`MERGE_TOLERANCE` of each other are merged.

    Notes
    -----
    Under a k-of-n rule (support from at least k of n equal seats, k > n/2) and
    tau = 0, with ideal points sorted ``x_(1) <= ... <= x_(n)``, the passing set is
    the open interval between q and ``2c - q``, where c is the point of the core
    ``[x_(n-k+1), x_(k)]`` nearest q; it is empty when q lies in the core (Black
    1948; Krehbiel 1998), and its length ``2 |q - c|`` is twice q's distance to the
    core (Tsebelis 2002). With tau > 0 it shrinks by tau at each end: the interval
    between ``q ± tau`` and ``2c - q ∓ tau`` toward c, if that is not empty.

    Examples
    --------
    >>> str(passing_set("majority", [0.1, 0.4, 0.9], 0.2, [1, 1, 1], [0, 0, 0]))
    '(0.2, 0.6)'
    """
    line, status_quo = _line(positions, q)
    found = pieces(
        as_rule(rule),
        line,
        status_quo,
        np.asarray(weights),
        np.asarray(houses),
        float(indifference),
        addressed,
    )
    low, high = found.segment_ends()
    count = int(found.valid[0].sum())
    sequence: list[tuple[float, float, bool]] = []  # (low, high, passes) in order
    for g in range(count + 1):
        sequence.append((low[0, g], high[0, g], bool(found.on_segment[0, g])))
        if g < count:
            sequence.append((found.point[0, g], found.point[0, g], bool(found.at_point[0, g])))
    intervals: list[Interval] = []
    start: tuple[float, bool] | None = None
    for i, (lo, hi, passes) in enumerate(sequence):
        if passes and start is None:
            start = (float(lo), lo == hi)
        if start is not None and (i + 1 == len(sequence) or not sequence[i + 1][2]):
            intervals.append(Interval(start[0], float(hi), start[1], lo == hi))
            start = None
    return PassingSet(tuple(intervals))
