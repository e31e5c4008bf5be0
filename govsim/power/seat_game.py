"""Exact voting power of any decision rule over seats, by counting seat types.

The GNSO Council's two-house rules are not weighted games: no single quota over seat
weights reproduces "a majority of each house". But every registered rule treats seats
of the same house and weight alike, so a coalition's outcome depends only on how many
seats of each *type* it holds. Counting coalitions by type with binomial coefficients
gives the Banzhaf and Shapley–Shubik indices exactly, in time proportional to the
number of type profiles, prod(m_t + 1), rather than 2^n.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from functools import cached_property, reduce
from math import comb, factorial, prod
from typing import cast

import numpy as np

from govsim.errors import GovsimError
from govsim.power.indices import PowerIndices
from govsim.power.montecarlo import monte_carlo_power
from govsim.rng import SeedLike
from govsim.rules.registry import Rule, Stance

__all__ = ["MAX_EXACT_PROFILES", "SeatGame", "seat_types"]

MAX_EXACT_PROFILES = 1_000_000
"""Above this many type profiles, ``method="auto"`` falls back to Monte Carlo."""


def seat_types(weights: np.ndarray, houses: np.ndarray) -> np.ndarray:
    """Type code per seat: seats share a type iff they share house and weight."""
    keys = np.stack([np.asarray(houses, dtype=float), np.asarray(weights, dtype=float)], axis=1)
    return np.unique(keys, axis=0, return_inverse=True)[1].ravel()


@dataclass(frozen=True, eq=False)
class SeatGame:
    """The simple game a decision rule induces on a body of seats.

    A coalition wins when its members SUPPORT, everyone else OPPOSES, and the rule
    passes the motion.

    Parameters
    ----------
    rule
        A bound rule, e.g. ``get_rule("houses", threshold="gnso-default")``.
    weights, houses
        Per-seat vote weight and house code, as the rule takes them.
    types
        Per-seat type code. Seats of one type must be interchangeable under the rule;
        the default, one type per (house, weight), is right for every registered rule.

    Examples
    --------
    The GNSO Council since 2009 (Bylaws §11.3(i)): a majority of each house.

    >>> from govsim.rules import get_rule
    >>> game = SeatGame(get_rule("houses", threshold="gnso-default"),
    ...                 weights=np.ones(20), houses=np.repeat([0, 1], [7, 13]))
    >>> power = game.power()
    >>> round(power.banzhaf[0] / power.banzhaf[-1], 3)  # a CPH seat over an NCPH seat
    np.float64(1.385)
    """

    rule: Rule
    weights: np.ndarray
    houses: np.ndarray
    types: np.ndarray | None = None

    def __post_init__(self) -> None:
        weights = np.asarray(self.weights, dtype=float)
        houses = np.asarray(self.houses, dtype=np.intp)
        if weights.ndim != 1 or houses.shape != weights.shape:
            raise GovsimError(
                f"weights and houses must list one value per seat; found {weights.size} "
                f"weights and {houses.size} house codes"
            )
        negative = np.flatnonzero((weights < 0) | ~np.isfinite(weights))
        if negative.size:
            i = negative[0]
            raise GovsimError(f"weights[{i}]: expected a weight >= 0, found {weights[i]:g}")
        types = seat_types(weights, houses) if self.types is None else np.asarray(self.types)
        if types.shape != weights.shape:
            raise GovsimError(f"types must list one code per seat; found {types.size}")
        object.__setattr__(self, "weights", weights)
        object.__setattr__(self, "houses", houses)
        object.__setattr__(self, "types", np.unique(types, return_inverse=True)[1].ravel())

    @property
    def _types(self) -> np.ndarray:
        # __post_init__ replaced a None ``types`` with the default codes.
        return cast(np.ndarray, self.types)

    @property
    def n_players(self) -> int:
        """The number of seats."""
        return self.weights.size

    def wins(self, coalitions: np.ndarray) -> np.ndarray:
        """Whether each coalition (bool rows, shape ``(..., n)``) passes the motion."""
        stances = np.where(coalitions, Stance.SUPPORT, Stance.OPPOSE).astype(np.int8)
        return np.asarray(self.rule(stances, self.weights, self.houses).passed, dtype=bool)

    @cached_property
    def type_counts(self) -> np.ndarray:
        """How many seats each type has."""
        return np.bincount(self._types)

    @cached_property
    def n_profiles(self) -> int:
        """The number of coalition profiles: how many seats of each type join."""
        return prod(int(m) + 1 for m in self.type_counts)

    @cached_property
    def profile_wins(self) -> np.ndarray:
        """Outcome for each type profile: axis t indexes how many type-t seats support."""
        if self.n_profiles > MAX_EXACT_PROFILES:
            raise GovsimError(
                f"{self.n_profiles} seat-type profiles exceed the exact limit "
                f"{MAX_EXACT_PROFILES}; use method='monte-carlo'"
            )
        shape = tuple(int(m) + 1 for m in self.type_counts)
        profiles = np.indices(shape).reshape(len(shape), -1).T  # (P, T)
        rank = np.zeros(self.n_players, dtype=np.intp)  # a seat's place within its type
        for t in range(len(shape)):
            members = self._types == t
            rank[members] = np.arange(members.sum())
        coalitions = rank[None, :] < profiles[:, self._types]
        wins = self.wins(coalitions).reshape(shape).astype(np.int64)
        if any((np.diff(wins, axis=t) < 0).any() for t in range(len(shape))):
            raise GovsimError(
                "the rule is not monotone on this body: power indices need a rule where "
                "adding a supporter never defeats a motion"
            )
        return wins

    def power(
        self, *, method: str = "auto", samples: int = 100_000, seed: SeedLike = None
    ) -> PowerIndices:
        """Banzhaf and Shapley–Shubik indices of every seat.

        Parameters
        ----------
        method
            ``"exact"`` (count by seat types), ``"monte-carlo"``, or ``"auto"``:
            exact when there are at most :data:`MAX_EXACT_PROFILES` type profiles.
        samples, seed
            For Monte Carlo only.

        Notes
        -----
        For a seat of type t, with m_s seats of type s and W(k) the outcome when k_s
        seats of each type support,

            swings_t = sum_k C(m_t - 1, k_t) prod_{s != t} C(m_s, k_s) [W(k + e_t) - W(k)]

        and Shapley–Shubik weights each term by |k|! (n - |k| - 1)! / n!
        (Shapley & Shubik 1954; Felsenthal & Machover 1998, ch. 3 and 6).
        """
        if method not in {"auto", "exact", "monte-carlo"}:
            raise GovsimError(f"method must be auto, exact or monte-carlo; found {method!r}")
        if method == "monte-carlo" or (method == "auto" and self.n_profiles > MAX_EXACT_PROFILES):
            return monte_carlo_power(self.n_players, self.wins, samples=samples, seed=seed)
        swings, shapley = self._exact_by_type
        return PowerIndices.from_exact(
            swings[self._types],
            self.n_players,
            [shapley[t] for t in self._types],
            "exact-seat-types",
        )

    def coalition_counts(self) -> np.ndarray:
        """How many coalitions realise each type profile: prod_t C(m_t, k_t), exact ints."""
        return reduce(np.multiply.outer, [_binomials(int(m)) for m in self.type_counts])

    def veto_players(self) -> list[int]:
        """Seats without whose support no motion passes."""
        full = tuple(int(m) for m in self.type_counts)
        wins = self.profile_wins
        vetoing = [
            wins[full] and not wins[tuple(k - (s == t) for s, k in enumerate(full))]
            for t in range(len(full))
        ]
        return [i for i, t in enumerate(self._types) if vetoing[t]]

    def null_players(self) -> list[int]:
        """Seats that are never decisive."""
        swings, _ = self._exact_by_type
        return [i for i, t in enumerate(self._types) if swings[t] == 0]

    def minimal_winning_coalitions(self) -> int:
        """Number of winning coalitions that every member is needed for."""
        wins = self.profile_wins.astype(bool)
        minimal = wins.copy()
        for t in range(wins.ndim):
            one_fewer = np.zeros_like(wins)
            index = [slice(None)] * wins.ndim
            index[t] = slice(1, None)
            one_fewer[tuple(index)] = np.delete(wins, -1, axis=t)
            minimal &= ~one_fewer
        return int(self.coalition_counts()[minimal].sum())

    @cached_property
    def _exact_by_type(self) -> tuple[np.ndarray, list[Fraction]]:
        """Swing counts and Shapley–Shubik values, one per seat type."""
        counts = [int(m) for m in self.type_counts]
        n = self.n_players
        wins = self.profile_wins.astype(object)
        orderings = np.array([factorial(s) * factorial(n - s - 1) for s in range(n)], dtype=object)
        swings, shapley = [], []
        for t in range(len(counts)):
            # The other seats: m_t - 1 of type t, m_s of every other type.
            rows = [_binomials(m - (s == t)) for s, m in enumerate(counts)]
            decisive = reduce(np.multiply.outer, rows) * np.diff(wins, axis=t)
            sizes = np.indices(decisive.shape).sum(axis=0)
            swings.append(int(decisive.sum()))
            shapley.append(Fraction(int((decisive * orderings[sizes]).sum()), factorial(n)))
        return np.array(swings, dtype=object), shapley


def _binomials(m: int) -> np.ndarray:
    """C(m, 0..m) as exact Python integers."""
    return np.array([comb(m, k) for k in range(m + 1)], dtype=object)
