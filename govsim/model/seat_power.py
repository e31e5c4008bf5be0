"""A-priori voting power of a design's seats, for the power and congruence metrics.

Computed exactly by seat types (:class:`govsim.power.SeatGame`) under the design's
rule, once per rule and seat table (cached), since every replication of a layout
shares its seats.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from govsim.designs.spec import RuleSpec
from govsim.model.population import Layout
from govsim.power import SeatGame
from govsim.rules import get_rule

__all__ = ["MAX_POWER_VOTERS", "seat_power", "sector_power"]

MAX_POWER_VOTERS = 1_000
"""Above this many voters a-priori power is not computed (reported as NaN)."""


@lru_cache(maxsize=64)
def _seat_banzhaf(
    rule: RuleSpec, weights: tuple[float, ...], houses: tuple[int, ...]
) -> np.ndarray:
    game = SeatGame(get_rule(rule.name, **dict(rule.params)), np.array(weights), np.array(houses))
    return np.asarray(game.power(seed=0).banzhaf, dtype=float)


def seat_power(layout: Layout) -> np.ndarray:
    """Normalised Banzhaf index of each seat (voter), shape (V,), under the design's rule.

    Computed exactly by seat types (:class:`govsim.power.SeatGame`); NaN for
    assemblies of more than :data:`MAX_POWER_VOTERS` voters.
    """
    if layout.voters.size > MAX_POWER_VOTERS:
        return np.full(layout.voters.size, np.nan)
    if layout.voters.size == 0:
        return np.zeros(0)
    return _seat_banzhaf(
        layout.design.rule, tuple(layout.weights.tolist()), tuple(layout.houses.tolist())
    )


def sector_power(layout: Layout) -> np.ndarray:
    """Normalised Banzhaf index of each sector: the sum of :func:`seat_power` over its seats.

    NaN for every sector when there are no voters or more than
    :data:`MAX_POWER_VOTERS`.
    """
    n_sectors = len(layout.scenario.sectors)
    seats = seat_power(layout)
    if seats.size == 0 or not np.isfinite(seats).all():
        return np.full(n_sectors, np.nan)
    return np.bincount(layout.sector[layout.voters], seats, minlength=n_sectors)
