"""The :class:`PowerIndices` record shared by every power-index method."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from fractions import Fraction

import numpy as np
import pandas as pd

__all__ = ["INDICES", "PowerIndices"]

INDICES = ("banzhaf", "banzhaf_absolute", "shapley_shubik")


@dataclass(frozen=True)
class PowerIndices:
    """A-priori voting power of each player (seat) of a simple game.

    Attributes
    ----------
    banzhaf
        Normalised Banzhaf index: swings of a player over all players' swings
        (Banzhaf 1965). Sums to 1.
    banzhaf_absolute
        Absolute (Penrose) Banzhaf measure: swings over 2^(n-1), the probability that
        the player is decisive when every other player votes yes or no by a fair coin
        (Penrose 1946; Felsenthal & Machover 1998, ch. 3).
    shapley_shubik
        Shapley–Shubik index: the share of voter orderings in which the player is
        pivotal (Shapley & Shubik 1954). Sums to 1.
    method
        How the values were computed, e.g. ``"exact-dp"``, ``"exact-seat-types"``,
        ``"monte-carlo"``.
    exact
        The same three indices as :class:`~fractions.Fraction` tuples when the method
        is exact, else ``None``.
    standard_error
        Monte Carlo standard errors of the three indices, else ``None``.
    """

    banzhaf: np.ndarray
    banzhaf_absolute: np.ndarray
    shapley_shubik: np.ndarray
    method: str
    exact: dict[str, tuple[Fraction, ...]] | None = None
    standard_error: dict[str, np.ndarray] | None = None

    @classmethod
    def from_exact(
        cls, swings: Iterable[int], n_players: int, shapley_shubik: Sequence[Fraction], method: str
    ) -> PowerIndices:
        """Build the record from exact swing counts and exact Shapley–Shubik values."""
        swings = [int(s) for s in swings]
        total = sum(swings)
        exact = {
            "banzhaf": tuple(Fraction(s, total) if total else Fraction(0) for s in swings),
            "banzhaf_absolute": tuple(Fraction(s, 2 ** (n_players - 1)) for s in swings),
            "shapley_shubik": tuple(Fraction(v) for v in shapley_shubik),
        }
        floats = {key: np.array([float(v) for v in values]) for key, values in exact.items()}
        return cls(
            banzhaf=floats["banzhaf"],
            banzhaf_absolute=floats["banzhaf_absolute"],
            shapley_shubik=floats["shapley_shubik"],
            method=method,
            exact=exact,
        )

    def to_frame(self, labels: Sequence[str] | None = None) -> pd.DataFrame:
        """One row per player with a column per index (and its standard error)."""
        n = len(self.banzhaf)
        frame = pd.DataFrame(
            {"player": list(labels) if labels is not None else list(range(n))}
            | {key: getattr(self, key) for key in INDICES}
        )
        for key, se in (self.standard_error or {}).items():
            frame[f"{key}_se"] = se
        return frame
