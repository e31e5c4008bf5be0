"""A-priori voting power: Banzhaf and Shapley–Shubik indices, exactly where possible.

- :class:`WeightedGame`: weighted games [q; w1..wn] by exact integer dynamic programming.
- :class:`SeatGame`: any decision rule over seats (the GNSO two-house thresholds), exactly
  by counting over seat types, or by Monte Carlo with standard errors.
"""

from govsim.power.indices import INDICES, PowerIndices
from govsim.power.montecarlo import monte_carlo_power
from govsim.power.seat_game import SeatGame, seat_types
from govsim.power.weighted import WeightedGame, weighted_power

__all__ = [
    "INDICES",
    "PowerIndices",
    "SeatGame",
    "WeightedGame",
    "monte_carlo_power",
    "seat_types",
    "weighted_power",
]
