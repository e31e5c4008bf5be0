"""Small canonical bodies and ballot generators for the rule tests."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from govsim.rules import Stance


@dataclass(frozen=True)
class Body:
    """Seat weights and house codes of one deciding body."""

    weights: np.ndarray
    houses: np.ndarray

    @property
    def n(self) -> int:
        return len(self.weights)


def body(weights: list[float], houses: list[int]) -> Body:
    return Body(np.asarray(weights, dtype=float), np.asarray(houses))


#: CPH (house 0) 7 seats, NCPH (house 1) 13 seats, and the non-voting NomCom appointee
#: (weight 0) in a house of its own.
GNSO_COUNCIL = body([1] * 20 + [0], [0] * 7 + [1] * 13 + [2])

BODIES = {
    "five-equal": body([1] * 5, [0] * 5),
    "gnso-council": GNSO_COUNCIL,
    # A deciding board of 4 (house 0) and an advisory body of 3 (house 1).
    "board-advisory": body([1] * 7, [0] * 4 + [1] * 3),
}


def ballots(n: int, rng: np.random.Generator, limit: int = 4**7) -> np.ndarray:
    """Every stance profile of n seats if there are at most ``limit``, else a sample."""
    if 4**n <= limit:
        codes = np.arange(4**n)[:, None] // 4 ** np.arange(n)
        return (codes % 4).astype(np.int8)
    return rng.integers(0, 4, size=(2000, n), dtype=np.int8)


def stances(*groups: tuple[int, Stance]) -> np.ndarray:
    """One ballot from (count, stance) groups, e.g. ``stances((9, YES), (1, NO))``."""
    return np.concatenate([np.full(count, stance, dtype=np.int8) for count, stance in groups])
