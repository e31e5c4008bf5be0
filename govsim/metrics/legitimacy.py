"""Input legitimacy: how closely decision weight tracks population, by sector."""

from __future__ import annotations

from typing import Any

import numpy as np

from govsim.metrics._common import _shares

__all__ = ["input_legitimacy", "total_variation"]


def total_variation(p: Any, r: Any) -> float:
    """Total-variation distance ``1/2 sum_k |p_k - r_k|`` between two distributions.

    Each input is normalised to sum to 1 first, so counts or weights may be passed.

    Parameters
    ----------
    p, r
        Non-negative masses over the same categories, shape (k,), each with a positive
        sum.

    Returns
    -------
    float
        A distance in [0, 1]: 0 for equal distributions, 1 for disjoint supports.

    References
    ----------
    D. A. Levin, Y. Peres and E. L. Wilmer, *Markov Chains and Mixing Times*, AMS,
    2009, §4.1.

    Examples
    --------
    >>> total_variation([1, 0], [0, 1])
    1.0
    >>> total_variation([2, 2], [1, 1])
    0.0
    """
    return _tv(p, "p", r, "r")


def _tv(p: Any, p_name: str, r: Any, r_name: str) -> float:
    a = _shares(p, p_name)
    b = _shares(r, r_name, a.shape[0])
    return float(np.abs(a - b).sum() / 2)


def input_legitimacy(decision_weight_by_sector: Any, population_by_sector: Any) -> float:
    """Input legitimacy: 1 minus the total-variation distance of two share vectors.

    Compares each sector's share of decision weight with its share of the population;
    1 when decision weight is proportional to population, toward 0 as weight is
    concentrated in sectors that hold few stakeholders.

    Parameters
    ----------
    decision_weight_by_sector
        Total decision weight of each sector, shape (S,), non-negative, positive sum.
    population_by_sector
        Number (or share) of stakeholders in each sector, shape (S,).

    References
    ----------
    F. W. Scharpf, *Governing in Europe: Effective and Democratic?*, Oxford University
    Press, 1999, ch. 1 (input and output legitimacy).

    Examples
    --------
    >>> input_legitimacy([1, 1, 1, 1, 1], [10, 10, 10, 10, 10])
    1.0
    >>> round(input_legitimacy([1, 0, 0, 0, 0], [10, 10, 10, 10, 10]), 12)
    0.2
    """
    distance = _tv(
        decision_weight_by_sector,
        "decision_weight_by_sector",
        population_by_sector,
        "population_by_sector",
    )
    return 1.0 - distance
