"""Executive decision: one actor decides, everyone else is consulted."""

from __future__ import annotations

import numpy as np

from govsim.rules.advisory import house_zero_decides
from govsim.rules.registry import Decision, register

__all__ = ["executive"]


@register(
    "executive",
    source="top-down, ministry-led policy making (ATLAS II regional session, London, "
    "22 June 2014; govsim model 'top-down-ministry')",
    anonymous=False,
    house_zero_decides=True,
)
def executive(
    stances: np.ndarray,
    weights: np.ndarray,
    houses: np.ndarray,
    *,
    addressed: np.ndarray | None = None,
) -> Decision:
    """Pass when the executive (house 0) supports; other houses are only consulted.

    Parameters
    ----------
    stances, weights, houses, addressed
        As for every rule; ``addressed`` is ignored. House 0 is the executive: one
        seat (a ministry), or several deciding by a majority of house 0's seat
        weight. Houses 1 and up are consulted working groups.

    Returns
    -------
    Decision
        ``designation`` is ``"consulted: agreed"`` or ``"consulted: disagreed"`` when
        the consulted houses' majority of votes cast favoured or opposed the
        decision taken, and ``"consulted: no view"`` when they were split evenly or
        silent. ``fraction`` is each house's support over its seats.

    Notes
    -----
    Policy working groups around a ministry "may be led by academia or industry ...
    but it's extremely top-down and controlled by the ministry"; "consultation
    triggers decisions, but decisions are the bone" (ATLAS II session, 2014).

    References
    ----------
    ATLAS II regional session transcript, London, 22 June 2014; govsim model
    description, design ``top-down-ministry``.
    """
    return house_zero_decides(
        stances,
        weights,
        houses,
        ("consulted: agreed", "consulted: disagreed", "consulted: no view"),
    )
