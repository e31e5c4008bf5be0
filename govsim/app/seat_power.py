"""Voting power of every seat of one body: what ``govsim power`` computes and prints.

:func:`weighted_seat_power` takes a weighted game ``[quota; weights]``;
:func:`rule_seat_power` any registered decision rule over seats listed house by house
(the GNSO Council's two-house thresholds). Both return a :class:`SeatPower`, which
holds the game and its indices and gives them as a table, as per-house totals and as
one JSON-ready record.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import numpy as np
import pandas as pd

from govsim.errors import GovsimError
from govsim.power import INDICES, PowerIndices, SeatGame, WeightedGame
from govsim.power.weighted import parse_weights
from govsim.rng import SeedLike
from govsim.rules import get_rule

__all__ = ["SeatPower", "rule_seat_power", "weighted_seat_power"]


@dataclass(frozen=True)
class SeatPower:
    """A body's game and the power of each of its seats.

    Attributes
    ----------
    game
        The :class:`~govsim.power.WeightedGame` or :class:`~govsim.power.SeatGame`.
    power
        Its indices.
    houses
        House code of each seat (all 0 for one house).
    exact
        Whether the values are exact fractions (asked for, and the method is exact).
    spec
        What defines the game, in the record's first keys: ``weights`` and ``quota``,
        or ``rule``, ``params``, ``weights`` and ``houses``.
    """

    game: WeightedGame | SeatGame
    power: PowerIndices
    houses: np.ndarray
    exact: bool
    spec: dict[str, Any] = field(default_factory=dict)

    def values(self) -> dict[str, list[Any]]:
        """Each index, seat by seat: :class:`~fractions.Fraction` when exact, else float."""
        if self.exact and self.power.exact is not None:
            return {key: list(self.power.exact[key]) for key in INDICES}
        return {key: getattr(self.power, key).tolist() for key in INDICES}

    def house_totals(self) -> dict[str, list[Any]]:
        """Each index summed over the seats of each house (empty for one house)."""
        if self.houses.max() == 0:
            return {}
        zero = Fraction(0) if self.exact else 0.0
        values = self.values()
        return {
            key: [
                sum((values[key][i] for i in np.flatnonzero(self.houses == h)), zero)
                for h in range(self.houses.max() + 1)
            ]
            for key in INDICES
        }

    def to_record(self) -> dict[str, Any]:
        """One JSON-ready object of the spec, indices and coalition facts.

        It holds the spec, every index (exact ones as ``"p/q"`` strings), the method,
        standard errors (Monte Carlo), house totals, and, unless sampled, the veto
        players, null players and number of minimal winning coalitions.
        """
        record = dict(self.spec)
        record |= {key: self._shown(v) for key, v in self.values().items()}
        record["method"] = self.power.method
        if self.power.standard_error:
            record["standard_error"] = {
                key: se.tolist() for key, se in self.power.standard_error.items()
            }
        totals = self.house_totals()
        if totals:
            record["house_totals"] = {key: self._shown(v) for key, v in totals.items()}
        if self.power.method != "monte-carlo":
            record |= {
                "veto_players": self.game.veto_players(),
                "null_players": self.game.null_players(),
                "minimal_winning_coalitions": self.game.minimal_winning_coalitions(),
            }
        return record

    def to_frame(self) -> pd.DataFrame:
        """One row per seat: its house, its weight and its indices."""
        table = self.power.to_frame()
        table.insert(1, "house", self.houses)
        table.insert(2, "weight", self.spec["weights"])
        return table

    def _shown(self, values: Sequence[Any]) -> list[Any]:
        if self.exact:
            return [f"{v.numerator}/{v.denominator}" for v in values]
        return [float(v) for v in values]


def weighted_seat_power(weights: Any, quota: Any, *, exact: bool = False) -> SeatPower:
    """Power of every seat of the weighted game ``[quota; weights]``, one house.

    Parameters
    ----------
    weights, quota
        As :meth:`govsim.power.WeightedGame.from_values` reads them (``"4,4,4,2,2,1"``).
    exact
        Keep the exact fractions.

    Examples
    --------
    The EEC Council of Ministers 1958 (Felsenthal & Machover 1998, p. 1):

    >>> result = weighted_seat_power("4,4,4,2,2,1", 12, exact=True)
    >>> result.to_record()["banzhaf"][:4]
    ['5/21', '5/21', '5/21', '1/7']
    """
    game = WeightedGame.from_values(weights, quota)
    power = game.power(exact=exact)
    return SeatPower(
        game,
        power,
        np.zeros(game.n_players, dtype=int),
        exact and power.exact is not None,
        {"weights": list(game.weights), "quota": game.quota},
    )


def rule_seat_power(
    rule: str = "houses",
    params: Mapping[str, Any] | None = None,
    *,
    houses: Sequence[int] = (),
    weights: Any = None,
    exact: bool = False,
    method: str = "auto",
    samples: int = 100_000,
    seed: SeedLike = 0,
    source: str | None = None,
) -> SeatPower:
    """Power of every seat under a registered decision rule.

    Parameters
    ----------
    rule, params
        A rule of :data:`govsim.rules.RULES` and its parameters, e.g. ``"houses"``
        with ``{"threshold": "gnso-default"}`` (GNSO Council, ICANN Bylaws §11.3(i)).
    houses
        House sizes; seats are listed house by house. Empty: one house of
        ``len(weights)`` seats.
    weights
        One weight per seat, as :func:`govsim.power.weighted.parse_weights` reads
        them; None: every seat has weight 1.
    exact, method, samples, seed
        As :meth:`govsim.power.SeatGame.power`; ``exact`` forces exact counting.
    source
        Where the weights came from (e.g. ``"--weights"``); prefixed to their errors.

    Raises
    ------
    GovsimError
        No seats, or not one weight per seat.

    Examples
    --------
    >>> result = rule_seat_power("houses", {"threshold": "gnso-default"}, houses=[7, 13])
    >>> [round(total, 4) for total in result.house_totals()["banzhaf"]]
    [0.4272, 0.5728]
    """
    given = parse_weights(weights, source=source) if weights is not None else []
    n = sum(houses) or len(given)
    if n == 0:
        raise GovsimError("a rule over seats needs house sizes or weights")
    if given and len(given) != n:
        raise GovsimError(f"expected {n} weights, one per seat; found {len(given)}", source=source)
    seat_weights = np.array([float(w) for w in given]) if given else np.ones(n)
    codes = np.repeat(np.arange(len(houses)), houses) if houses else np.zeros(n, dtype=int)
    params = dict(params or {})
    game = SeatGame(get_rule(rule, **params), seat_weights, codes)
    power = game.power(method="exact" if exact else method, samples=samples, seed=seed)
    spec = {
        "rule": rule,
        "params": params,
        "weights": seat_weights.tolist(),
        "houses": codes.tolist(),
    }
    return SeatPower(game, power, codes, exact and power.exact is not None, spec)
