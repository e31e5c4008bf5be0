"""Compiled loops (numba) of the issue cycle for a small batch, with numpy's numbers.

One replication of a few hundred stakeholders spends more on numpy's per-call cost
than on arithmetic; each function here does in one call what the cycle otherwise
does in a dozen vector operations (:class:`~govsim.model.cycle.IssueCycle` keeps
those for large batches, and as the oracle the tests compare with). Every float is
computed by the same operations in the same order as the numpy code, without
fused multiply-adds (no ``fastmath``), so the results are bit for bit the same.
"""

from __future__ import annotations

import numpy as np
from numba import njit

from govsim.dynamics.compiled import stance_codes
from govsim.rules import compiled as rules_compiled  # noqa: F401  # the tally's loop, loaded

__all__ = ["agenda_draws", "ballot", "feedback"]


@njit(cache=True)
def agenda_draws(
    draws: np.ndarray,
    seated: np.ndarray,
    attendance: float,
    engagement: np.ndarray,
    dialogue: np.ndarray,
    weight: np.ndarray,
    resources: np.ndarray,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Who engages, who deliberates, and who proposes, from one row of uniforms each.

    ``draws`` (B, >= 2N + 1): the first N decide engagement (seat holders attend
    with probability ``attendance``, others engage with their engagement), the next
    N dialogue access, uniform 2N the proposer, drawn in proportion to ``weight``
    (agenda access) x engagement x ``resources`` by the cumulative sum, as
    ``np.cumsum`` adds it. Returns engaged and participant masks (B, N), the
    proposer (B,) (0 when nobody could propose) and whether there is one (B,).
    """
    batch, n = engagement.shape
    engaged = np.empty((batch, n), dtype=np.bool_)
    participant = np.empty((batch, n), dtype=np.bool_)
    proposer = np.zeros(batch, dtype=np.intp)
    has_proposal = np.empty(batch, dtype=np.bool_)
    cumulative = np.empty(n)
    for b in range(batch):
        for i in range(n):
            u = draws[b, i]
            e = u < attendance if seated[i] else u < engagement[b, i]
            engaged[b, i] = e
            participant[b, i] = e and draws[b, n + i] < dialogue[i]
        total = 0.0
        for i in range(n):
            term = weight[i] * engagement[b, i] * resources[b, i]
            total = term if i == 0 else total + term
            cumulative[i] = total
        has_proposal[b] = n > 0 and total > 0
        if has_proposal[b]:
            cut = draws[b, 2 * n] * total
            count = 0
            for i in range(n):
                if cumulative[i] <= cut:
                    count += 1
            proposer[b] = min(count, n - 1)
    return engaged, participant, proposer, has_proposal


@njit(cache=True)
def feedback(
    stances: np.ndarray,
    addressed: np.ndarray,
    passed: np.ndarray,
    has_proposal: np.ndarray,
    voice: np.ndarray,
    engagement: np.ndarray,
    eta: float,
    engaged: np.ndarray,
    participant: np.ndarray,
    deciding_seats: np.ndarray,
    codes: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:
    """The engagement after the issue's feedback, and the issue's head counts.

    ``codes`` holds the support and oppose codes. e <- e + eta (heard - e) for
    every stakeholder who took a side on a motion, heard if it has a voice and its
    side won or its objection was addressed. Counts (6, B): engaged, participants,
    supporters and opponents among everyone and among the deciding seats.
    """
    batch, n = stances.shape
    support, oppose = codes[0], codes[1]
    new = np.empty((batch, n))
    counts = np.zeros((6, batch), dtype=np.int64)
    for b in range(batch):
        for i in range(n):
            s = stances[b, i]
            for_it, against = s == support, s == oppose
            e = engagement[b, i]
            if (for_it or against) and has_proposal[b]:
                won = for_it if passed[b] else against
                heard = 1.0 if voice[i] and (won or addressed[b, i]) else 0.0
                new[b, i] = e + eta * (heard - e)
            else:
                new[b, i] = e
            counts[0, b] += engaged[b, i]
            counts[1, b] += participant[b, i]
            counts[2, b] += for_it
            counts[3, b] += against
        for i in deciding_seats:
            counts[4, b] += stances[b, i] == support
            counts[5, b] += stances[b, i] == oppose
    return new, counts


@njit(cache=True)
def ballot(
    position: np.ndarray,
    proposal: np.ndarray,
    status_quo: np.ndarray,
    indifference: float,
    codes: np.ndarray,
    engaged: np.ndarray,
    voters: np.ndarray,
    voting: np.ndarray,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """One decision round's stances, ballot and objections.

    Stances (B, N) of the engaged by :func:`~govsim.dynamics.compiled.stance_codes`
    (``codes``: support, oppose, abstain, absent), absent for the others; the ballot
    (B, V), the stances of the voters' seats; which voters of positive weight object
    (B, V); and whether any does, per replication (B,).
    """
    stances = stance_codes(position, proposal, status_quo, indifference, codes[:3])
    absent, oppose = codes[3], codes[1]
    batch, n = engaged.shape
    for b in range(batch):
        for i in range(n):
            if not engaged[b, i]:
                stances[b, i] = absent
    cast = np.empty((batch, voters.size), dtype=stances.dtype)
    objecting = np.zeros((batch, voters.size), dtype=np.bool_)
    any_objecting = np.zeros(batch, dtype=np.bool_)
    for b in range(batch):
        for v in range(voters.size):
            cast[b, v] = stances[b, voters[v]]
            if cast[b, v] == oppose and voting[v]:
                objecting[b, v] = True
                any_objecting[b] = True
    return stances, cast, objecting, any_objecting
