"""Slow, obviously correct power indices by enumerating all 2^n coalitions.

This is the oracle the fast methods are checked against; keep it simple rather than
fast. ``wins`` maps a bool array of coalitions, shape ``(M, n)``, to a bool array
``(M,)``.
"""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction
from math import factorial

import numpy as np

Wins = Callable[[np.ndarray], np.ndarray]


def all_coalitions(n: int) -> np.ndarray:
    """Every subset of n players as rows of a bool matrix, shape (2^n, n)."""
    codes = np.arange(2**n)
    return ((codes[:, None] >> np.arange(n)) & 1).astype(bool)


def _decisive(n: int, wins: Wins, i: int) -> tuple[np.ndarray, np.ndarray]:
    """Coalitions without player i, and whether adding i turns each from losing to winning."""
    coalitions = all_coalitions(n)
    without = coalitions[~coalitions[:, i]]
    with_i = without.copy()
    with_i[:, i] = True
    return without, wins(with_i) & ~wins(without)


def swings(n: int, wins: Wins) -> list[int]:
    """For each player, the number of coalitions of the others it turns from losing to winning."""
    return [int(_decisive(n, wins, i)[1].sum()) for i in range(n)]


def shapley_shubik(n: int, wins: Wins) -> list[Fraction]:
    """Shapley–Shubik index: sum over pivotal coalitions S of |S|!(n-|S|-1)!/n!."""
    result = []
    for i in range(n):
        without, pivotal = _decisive(n, wins, i)
        sizes = without[pivotal].sum(axis=1)
        result.append(
            sum(
                (Fraction(factorial(s) * factorial(n - s - 1), factorial(n)) for s in sizes),
                Fraction(0),
            )
        )
    return result


def weighted_wins(weights, quota) -> Wins:
    """Winning function of the weighted game [quota; weights]."""
    weights = np.asarray(weights)
    return lambda coalitions: coalitions.astype(np.int64) @ weights >= quota


def minimal_winning_count(n: int, wins: Wins) -> int:
    """Winning coalitions from which removing any one member makes them lose."""
    coalitions = all_coalitions(n)
    minimal = wins(coalitions)
    for i in range(n):
        without = coalitions.copy()
        without[:, i] = False
        minimal &= ~(coalitions[:, i] & wins(without))
    return int(minimal.sum())
