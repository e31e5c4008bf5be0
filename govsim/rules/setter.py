"""Setter proposals: the point nearest the proposer's own that the rule would pass.

An agenda setter who anticipates the vote proposes, of all the proposals the rule
would pass against the status quo q, the one it likes best, i.e. the one nearest its
position s (Romer & Rosenthal 1978). If s itself passes, it proposes s; if nothing
passes, it has no motion to make.

In one dimension the answer is exact (:func:`govsim.rules.passing.pieces` gives the
passing set for a whole batch of bodies). A tie is not a pass, so the passing set is
often open and has no nearest point; the setter then proposes a point inside it within
:data:`NUDGE` of the boundary. In d > 1 dimensions a search over candidate points on
the voters' indifference spheres finds it (exact in two dimensions up to the nudge;
see :func:`setter_proposal`). Every proposal returned is re-decided with the model's
stance convention (:func:`~govsim.rules.passing.take_stances`), so it really passes.

References
----------
T. Romer and H. Rosenthal, "Political resource allocation, controlled agendas, and
the status quo", *Public Choice* 33(4), 1978, 27-43.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from govsim.errors import GovsimError
from govsim.rules.passing import as_rule, pieces, take_stances
from govsim.rules.registry import Rule

__all__ = ["NUDGE", "SetterProposal", "setter_proposal"]

#: How far inside an open boundary a proposal is put. Far above rounding (1e-16 on
#: [0, 1]), far below anything a stakeholder could tell apart, and under the 1e-9 the
#: issue allows.
NUDGE = 1e-10

#: Stances per block of bodies in one dimension (each body has about 8 n^2).
_BLOCK = 1 << 21

#: Candidate points (each nudged 9 ways) in the first chunk of the d > 1 search.
_FIRST_CHUNK = 64

#: Most candidate points the d > 1 search decides (nearest first) before giving up:
#: bounds its cost for large bodies whose passing set lies far from the setter.
_MAX_CANDIDATES = 1 << 14


class SetterProposal(NamedTuple):
    """What the setters propose and whether it passes.

    ``proposal`` has shape ``(..., d)``; ``passes`` shape ``(...)``. Where nothing
    passes, ``proposal`` is the status quo and ``passes`` is False: no motion.
    """

    proposal: np.ndarray
    passes: np.ndarray


def _decide(rule: Rule, positions, points, q, weights, houses, tau, addressed) -> np.ndarray:
    """Whether each of the points passes; positions (..., n, d), points and q (..., d)."""
    stances = take_stances(positions, points, q, tau)
    if addressed is not None:
        addressed = np.broadcast_to(np.asarray(addressed, dtype=bool), stances.shape)
    return np.asarray(rule(stances, weights, houses, addressed=addressed).passed)


def _on_line(rule, positions, q, s, weights, houses, tau, addressed) -> SetterProposal:
    """Exact setter proposals for B one-dimensional bodies: positions (B, n), q, s (B,).

    Bodies are decided in blocks of about :data:`_BLOCK` stances, so that a large batch
    of large bodies stays in cache.
    """
    step = max(1, _BLOCK // (8 * positions.shape[1] ** 2 + 1))
    if len(q) > step:
        parts = [
            _on_line(
                rule,
                positions[i : i + step],
                q[i : i + step],
                s[i : i + step],
                weights,
                houses,
                tau,
                addressed,
            )
            for i in range(0, len(q), step)
        ]
        return SetterProposal(*(np.concatenate(x) for x in zip(*parts, strict=True)))
    found = pieces(rule, positions, q, weights, houses, tau, addressed)
    low, high = found.segment_ends()
    s_col = s[:, None]
    # The nearest point of each open segment, pulled inside when it is an end.
    with np.errstate(invalid="ignore"):  # padding segments run from inf to inf
        nudge = np.minimum(NUDGE, (high - low) / 2)
    segment_point = np.where(
        s_col <= low, low + nudge, np.where(s_col >= high, high - nudge, s_col)
    )
    segment_gap = np.maximum(np.maximum(low - s_col, s_col - high), 0)
    segment_gap = np.where(found.on_segment, segment_gap, np.inf)
    point_gap = np.where(found.at_point, np.abs(found.point - s_col), np.inf)
    candidates = np.hstack([segment_point, found.point])
    gaps = np.hstack([segment_gap, point_gap])
    # Nearest first; at equal distance an open segment's inner point before a closed end.
    is_point = np.hstack([np.zeros_like(segment_gap), np.ones_like(point_gap)])
    order = np.lexsort((is_point, gaps), axis=1)
    candidates = np.take_along_axis(candidates, order, axis=1)
    gaps = np.take_along_axis(gaps, order, axis=1)
    proposal, passes = q.copy(), np.zeros(len(q), dtype=bool)
    open_rows = np.isfinite(gaps[:, 0])
    for j in range(gaps.shape[1]):
        rows = np.flatnonzero(open_rows & np.isfinite(gaps[:, j]))
        if not len(rows):
            break
        point = candidates[rows, j]
        ok = _decide(
            rule,
            positions[rows, :, None],
            point[:, None],
            q[rows, None],
            weights,
            houses,
            tau,
            addressed,
        )
        # A closed end computed in floats may fail by one rounding; the next candidate,
        # a nudged inner point, then decides.
        proposal[rows[ok]], passes[rows[ok]] = point[ok], True
        open_rows[rows[ok]] = False
    return SetterProposal(proposal[:, None], passes)


def _spheres(positions: np.ndarray, q: np.ndarray, tau: float) -> tuple[np.ndarray, np.ndarray]:
    """Centres (S, d) and radii (S,) of the spheres where some voter's stance changes."""
    r = np.linalg.norm(positions - q, axis=-1)
    if tau == 0:
        return positions, r
    inner = r > tau
    return np.vstack([positions[inner], positions]), np.concatenate([r[inner] - tau, r + tau])


def _unit(v: np.ndarray, fallback: np.ndarray) -> np.ndarray:
    """Rows of ``v`` scaled to length 1; rows of length 0 become ``fallback``."""
    norm = np.linalg.norm(v, axis=-1, keepdims=True)
    return np.where(norm > 0, v / np.where(norm > 0, norm, 1), fallback)


def _candidates(
    positions: np.ndarray, q: np.ndarray, s: np.ndarray, tau: float
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Points (M, d) among which the nearest to s of the passing set's closure lies.

    The passing set's boundary lies on the voters' indifference spheres. Its point
    nearest s is s itself, the projection of s on one sphere, or a point where two
    spheres meet (in 2-D a vertex of the arrangement). Returns the points and the
    outward normals (M, d) of the one or two spheres through each (zeros for none).
    """
    centre, radius = _spheres(positions, q, tau)
    d = positions.shape[-1]
    axis = np.eye(d)[0]
    # The projection of s on each sphere.
    normal = _unit(s - centre, axis)
    points, first, second = [centre + radius[:, None] * normal], [normal], [np.zeros_like(normal)]
    # Where two spheres meet: a (d - 2)-sphere of centre m and radius h in the plane
    # normal to u; its points nearest and farthest from s.
    i, j = np.triu_indices(len(radius), k=1)
    gap = np.linalg.norm(centre[j] - centre[i], axis=-1)
    meet = (gap > 0) & (gap <= radius[i] + radius[j]) & (gap >= np.abs(radius[i] - radius[j]))
    i, j, gap = i[meet], j[meet], gap[meet]
    u = (centre[j] - centre[i]) / gap[:, None]
    a = (gap**2 + radius[i] ** 2 - radius[j] ** 2) / (2 * gap)
    h = np.sqrt(np.maximum(radius[i] ** 2 - a**2, 0))
    m = centre[i] + a[:, None] * u
    away = s - m
    away -= np.sum(away * u, axis=-1, keepdims=True) * u
    # Any direction normal to u if s lies on the axis: in 2-D, u rotated a quarter turn.
    turn = np.roll(u, 1, axis=-1) * np.where(np.arange(d) == 0, -1, 1)
    w = _unit(away, _unit(turn - np.sum(turn * u, axis=-1, keepdims=True) * u, axis))
    for side in (1, -1):
        vertex = m + side * h[:, None] * w
        points.append(vertex)
        first.append(_unit(vertex - centre[i], axis))
        second.append(_unit(vertex - centre[j], axis))
    return np.vstack(points), np.vstack(first), np.vstack(second)


#: Steps along the (first, second) sphere normals: every side of both, and on them.
_SIDES = np.array([(a, b) for a in (0, 1, -1) for b in (0, 1, -1)], dtype=float)


def _search(rule, positions, q, s, weights, houses, tau, addressed) -> tuple[np.ndarray, bool]:
    """One body in d > 1: the nearest candidate to s that passes, else q.

    Candidates are taken nearest first in chunks of geometrically growing size; each
    is nudged by :data:`NUDGE` to every side of the spheres through it, and the
    nearest that passes in the first chunk with any is returned. After
    :data:`_MAX_CANDIDATES` candidates without a pass the search gives up.
    """
    if _decide(rule, positions, s, q, weights, houses, tau, addressed):
        return s, True
    points, first, second = _candidates(positions, q, s, tau)
    order = np.argsort(np.linalg.norm(points - s, axis=-1), kind="stable")
    start, size = 0, _FIRST_CHUNK
    while start < min(len(order), _MAX_CANDIDATES):
        take = order[start : start + size]
        steps = _SIDES[:, 0, None, None] * first[take] + _SIDES[:, 1, None, None] * second[take]
        norm = np.linalg.norm(steps, axis=-1, keepdims=True)
        chunk = (points[take] + NUDGE * steps / np.where(norm > 0, norm, 1)).reshape(-1, len(s))
        ok = _decide(rule, positions[None], chunk, q[None], weights, houses, tau, addressed)
        if ok.any():
            passing = chunk[ok]
            return passing[np.argmin(np.linalg.norm(passing - s, axis=-1))], True
        start, size = start + size, size * 2
    return q, False


def setter_proposal(
    rule: Rule | str,
    positions: np.ndarray,
    status_quo: np.ndarray,
    setter: np.ndarray,
    weights: np.ndarray,
    houses: np.ndarray,
    *,
    indifference: float = 0.0,
    addressed: np.ndarray | None = None,
) -> SetterProposal:
    """The proposal nearest each setter's position that ``rule`` would pass.

    Parameters
    ----------
    rule
        A bound rule (:func:`~govsim.rules.get_rule`) or a registry name (defaults).
    positions
        Every seat's position, shape ``(..., n, d)``: leading axes are a batch of
        bodies (replications) with the same seats.
    status_quo, setter
        q and the setter's position s, shape ``(..., d)``.
    weights, houses
        As for every rule.
    indifference
        tau >= 0, as in :func:`~govsim.rules.passing.take_stances`.
    addressed
        Passed to the rule (broadcast to every ballot of one body), as in
        :func:`~govsim.rules.passing.passing_set`; None by default.

    Returns
    -------
    SetterProposal
        ``proposal`` of shape ``(..., d)`` and ``passes`` of the batch shape. Every
        proposal with ``passes`` True was decided again with the model's stance
        convention and passed. Where nothing passes the proposal is q.

    Notes
    -----
    *One dimension* (d = 1), exact and vectorised over the batch: of the pieces of the
    passing set, the one nearest s; s itself if it passes; an open end nudged inside
    by :data:`NUDGE`; a closed end as it is, unless floats decide it otherwise, when
    the nudged inner point is taken. Under a k-of-n rule (tau = 0, k > n/2, sorted
    ideal points ``x_(1) <= ... <= x_(n)``) the proposal is::

        clamp(s, c - |q - c|, c + |q - c|),  c = clamp(q, x_(n-k+1), x_(k)),

    up to the nudge, where c, the core point nearest q, is the pivot: the k-th
    supporter. For a majority of n odd voters c is the median m, which is Romer and
    Rosenthal's clamp(s, m - |q - m|, m + |q - m|).

    *d > 1*: the passing set is a union of cells of the arrangement of the voters'
    indifference spheres (radius ``|p - q| ∓ tau`` about p). The point of its closure
    nearest s is s, the projection of s on one sphere, or a point where two spheres
    meet; in two dimensions these are all the candidates, so the search is exact up
    to the nudge. In three or more dimensions the nearest point may lie where three
    or more spheres meet, which the search does not enumerate: it then returns the
    nearest candidate that passes. The candidates, nudged to every side of their
    spheres, are decided nearest first, in chunks; the first that passes is returned,
    else q. The search costs O(n^2) candidates and is not vectorised over the batch;
    it decides at most 2^14 candidates (each nudged 9 ways), so in a large body whose
    passing set lies far from s it may return q (no motion) although some proposal
    would pass. It never returns a proposal that fails.

    Examples
    --------
    >>> found = setter_proposal("majority", [[0.1], [0.4], [0.9]], [0.2], [1.0], [1] * 3, [0] * 3)
    >>> round(float(found.proposal[0]), 6), bool(found.passes)
    (0.6, True)
    """
    rule = as_rule(rule)
    positions = np.asarray(positions, dtype=float)
    status_quo, setter = np.asarray(status_quo, dtype=float), np.asarray(setter, dtype=float)
    if positions.ndim < 2 or status_quo.shape != positions.shape[:-2] + positions.shape[-1:]:
        raise GovsimError(
            f"positions must have shape (..., n, d) and the status quo (..., d); found "
            f"{positions.shape} and {status_quo.shape}"
        )
    if setter.shape != status_quo.shape:
        raise GovsimError(
            f"setter must have the status quo's shape {status_quo.shape}; found {setter.shape}"
        )
    batch, (n, d) = positions.shape[:-2], positions.shape[-2:]
    weights, houses, tau = np.asarray(weights), np.asarray(houses), float(indifference)
    flat = positions.reshape(-1, n, d)
    q, s = status_quo.reshape(-1, d), setter.reshape(-1, d)
    if d == 1:
        found = _on_line(rule, flat[..., 0], q[:, 0], s[:, 0], weights, houses, tau, addressed)
        return SetterProposal(found.proposal.reshape(*batch, d), found.passes.reshape(batch))
    results = [
        _search(rule, flat[b], q[b], s[b], weights, houses, tau, addressed) for b in range(len(q))
    ]
    proposal = np.array([point for point, _ in results]).reshape(*batch, d)
    return SetterProposal(proposal, np.array([ok for _, ok in results]).reshape(batch))
