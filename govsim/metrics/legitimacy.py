"""Input legitimacy: whose preferences and whose labels the decision-makers carry.

Two views: **congruence** compares the decision-makers' power-weighted median ideal
point with the population's (Golder & Stramski 2010), **descriptive representation**
compares sectors' shares of decision weight with their shares of the population.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from govsim.errors import GovsimError
from govsim.metrics._common import _points, _shares
from govsim.metrics.median import coordinate_median

__all__ = ["congruence", "descriptive_representation", "total_variation"]


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


def descriptive_representation(decision_weight_by_sector: Any, population_by_sector: Any) -> float:
    """Descriptive representation: 1 minus the total-variation distance of two share vectors.

    Compares each sector's share of decision weight with its share of the population;
    1 when decision weight is proportional to population, toward 0 as weight is
    concentrated in sectors that hold few stakeholders. It reads sector *labels* and
    nominal weights only: who holds a seat, not what they want (see
    :func:`congruence`).

    Parameters
    ----------
    decision_weight_by_sector
        Total decision weight of each sector, shape (S,), non-negative, positive sum.
    population_by_sector
        Number (or share) of stakeholders in each sector, shape (S,).

    References
    ----------
    H. F. Pitkin, *The Concept of Representation*, University of California Press,
    1967, ch. 4 (descriptive representation).

    Examples
    --------
    >>> descriptive_representation([1, 1, 1, 1, 1], [10, 10, 10, 10, 10])
    1.0
    >>> round(descriptive_representation([1, 0, 0, 0, 0], [10, 10, 10, 10, 10]), 12)
    0.2
    """
    distance = _tv(
        decision_weight_by_sector,
        "decision_weight_by_sector",
        population_by_sector,
        "population_by_sector",
    )
    return 1.0 - distance


def congruence(voter_ideals: Any, power: Any, ideals: Any) -> float:
    """Congruence: 1 - distance from the power-weighted median voter to the median citizen.

    ``1 - ||m_w(voters) - m(all)|| / sqrt(d)``, where m is the median of each
    coordinate (:func:`~govsim.metrics.coordinate_median`), weighted for the voters by
    their voting power. In [0, 1]^d the distance is at most sqrt(d), so the value lies
    in [0, 1]: 1 when the pivotal weight of the decision-makers sits at the
    population's median, 0 when they sit at opposite corners.

    Parameters
    ----------
    voter_ideals
        The decision-makers' ideal points, shape (v, d) or (v,).
    power
        Each decision-maker's voting power (e.g. the normalised Banzhaf index), shape
        (v,), non-negative with a positive sum.
    ideals
        Everyone's ideal points (the population), shape (n, d) or (n,).

    Notes
    -----
    Golder & Stramski (2010) measure "many-to-one" congruence as the distance between
    the median citizen's ideal point and the position of the government, and
    "many-to-many" congruence by comparing the whole distributions. Here the
    legislature's position is its power-weighted median voter, the voter a motion
    must win over; weighting by voting power rather than seats lets a rule that
    gives some seats more sway (two houses, weighted votes) count that sway.

    References
    ----------
    M. Golder and J. Stramski, "Ideological congruence and electoral institutions",
    *American Journal of Political Science* 54(1) (2010) 90–106.

    Examples
    --------
    >>> congruence([0.2, 0.6, 0.9], [1, 1, 1], [0.1, 0.5, 0.7])  # medians 0.6 and 0.5
    0.9
    >>> congruence([0.2, 0.6, 0.9], [0, 0, 1], [0.1, 0.5, 0.7])  # a dictator at 0.9
    0.6
    """
    voters = _points(voter_ideals, "voter_ideals")
    everyone = _points(ideals, "ideals")
    d = everyone.shape[1]
    if voters.shape[1] != d:
        raise GovsimError(
            f"voter_ideals must have the dimension of ideals ({d}); found {voters.shape[1]}"
        )
    share = _shares(power, "power", voters.shape[0])
    pivot = np.atleast_1d(coordinate_median(voters, share))
    median = np.atleast_1d(coordinate_median(everyone))
    return float(1.0 - np.linalg.norm(pivot - median) / np.sqrt(d))
