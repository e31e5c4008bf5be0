"""Vote-counting rules over the whole body: majorities, unanimity, weighted quota.

These rules ignore houses: every seat's weight is added into one count. The house
axis of :attr:`Decision.fraction` still reports each house's share for inspection.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import numpy as np

from govsim.errors import GovsimError
from govsim.rules.registry import Decision, Stance, register, tally
from govsim.rules.shares import (
    BASES,
    base_weight,
    check_bool,
    check_choice,
    meets,
    share,
    to_bound,
    to_fraction,
)

__all__ = ["majority", "qualified_majority", "unanimity", "weighted_quota"]


def _share_of_body(
    stances: np.ndarray,
    weights: np.ndarray,
    houses: np.ndarray,
    fraction: Fraction,
    *,
    base: str,
    inclusive: bool,
    quorum: Any,
) -> Decision:
    """Support over the whole body's ``base`` against ``fraction``, with a quorum."""
    base = check_choice(base, BASES, "base")
    inclusive = check_bool(inclusive, "inclusive")
    t = tally(stances, weights, houses)
    per_house = base_weight(t, base)
    passed = meets(t.support.sum(-1), per_house.sum(-1), fraction, inclusive)
    if quorum is not None:
        bound = to_bound(quorum, "quorum")
        passed = passed & meets(t.present.sum(-1), t.seats.sum(), bound.fraction, bound.inclusive)
    return Decision(np.asarray(passed), t, share(t.support, per_house))


@register(
    "majority",
    source="simple majority; GNSO Operating Procedures §4.5.3 (abstention counts as No)",
    anonymous=True,
)
def majority(
    stances: np.ndarray,
    weights: np.ndarray,
    houses: np.ndarray,
    *,
    addressed: np.ndarray | None = None,
    base: str = "seats",
    inclusive: bool = False,
    quorum: Fraction | str | float | None = None,
) -> Decision:
    """Pass when supporting weight is more than half of the body's ``base``.

    Parameters
    ----------
    stances, weights, houses, addressed
        As for every rule (see :mod:`govsim.rules.registry`); houses and
        ``addressed`` are ignored.
    base : {"seats", "present", "cast"}
        What the majority is of. ``"seats"``: all seat weight, so abstention and
        absence both count as No. ``"present"``: absentees are left out and an
        abstention counts as No. ``"cast"``: only Yes and No count.
    inclusive
        If True, exactly half is enough (``>=``); by default more than half is needed.
    quorum
        Share of all seat weight that must be present (support, oppose or abstain),
        e.g. ``"1/2"`` (at least half) or ``">1/2"`` (more than half). None: no quorum.

    Returns
    -------
    Decision
        ``fraction`` is each house's support over its ``base`` weight.

    Notes
    -----
    The default, a majority of seats, is the GNSO reading: "an abstention counts as a
    No" (GNSO Operating Procedures §4.5.3), and so does absence.

    Examples
    --------
    >>> ballot = [Stance.SUPPORT, Stance.SUPPORT, Stance.ABSTAIN, Stance.OPPOSE]
    >>> bool(majority(ballot, [1, 1, 1, 1], [0, 0, 0, 0]).passed)
    False
    >>> bool(majority(ballot, [1, 1, 1, 1], [0, 0, 0, 0], base="cast").passed)
    True
    """
    return _share_of_body(
        stances, weights, houses, Fraction(1, 2), base=base, inclusive=inclusive, quorum=quorum
    )


@register(
    "qualified-majority",
    source="qualified majority; pre-2009 GNSO Council consensus policy, 2/3 of the "
    "weighted votes (council archive, gnso.icann.org/mailing-lists/archives/council/msg01013.html)",
    anonymous=True,
)
def qualified_majority(
    stances: np.ndarray,
    weights: np.ndarray,
    houses: np.ndarray,
    *,
    addressed: np.ndarray | None = None,
    fraction: Fraction | str | float = Fraction(2, 3),
    base: str = "seats",
    inclusive: bool = True,
    quorum: Fraction | str | float | None = None,
) -> Decision:
    """Pass when supporting weight reaches ``fraction`` of the body's ``base``.

    Parameters
    ----------
    stances, weights, houses, addressed
        As for every rule; houses and ``addressed`` are ignored.
    fraction
        The required share, given exactly: ``Fraction(2, 3)``, ``"2/3"``, ``"60%"``
        or ``0.6`` (read as 3/5).
    base : {"seats", "present", "cast"}
        What the share is of; see :func:`majority`.
    inclusive
        If True (the default), reaching ``fraction`` exactly is enough (``>=``),
        as in "two-thirds of the votes"; if False more is needed (``>``).
    quorum
        Share of all seat weight that must be present; see :func:`majority`.

    Notes
    -----
    The pre-2009 GNSO Council adopted consensus policy with 2/3 of its 27 weighted
    votes, i.e. 18; an Issues Report needed 25% of the members present.

    References
    ----------
    GNSO Council archives: gnso.icann.org/mailing-lists/archives/council/msg01013.html
    and mm.icann.org/pipermail/council/2007-May/003517.html (the 24 May 2007 vote).

    Examples
    --------
    >>> ballot = [Stance.SUPPORT] * 2 + [Stance.OPPOSE]
    >>> bool(qualified_majority(ballot, [1, 1, 1], [0, 0, 0]).passed)
    True
    >>> bool(qualified_majority(ballot, [1, 1, 1], [0, 0, 0], inclusive=False).passed)
    False
    """
    return _share_of_body(
        stances,
        weights,
        houses,
        to_fraction(fraction, "fraction"),
        base=base,
        inclusive=inclusive,
        quorum=quorum,
    )


@register("unanimity", source="unanimity of all voting seats", anonymous=True)
def unanimity(
    stances: np.ndarray,
    weights: np.ndarray,
    houses: np.ndarray,
    *,
    addressed: np.ndarray | None = None,
) -> Decision:
    """Pass when every seat with positive weight supports.

    Absence and abstention block, unlike :func:`~govsim.rules.consensus.full_consensus`
    where only an objection does. A body without voting seats passes nothing.

    Returns
    -------
    Decision
        ``fraction`` is each house's support over its seat weight.
    """
    t = tally(stances, weights, houses)
    voting = np.asarray(weights) > 0
    # Compare stances, not summed weights, so non-integer weights cannot round.
    passed = np.all((np.asarray(stances) == Stance.SUPPORT) | ~voting, axis=-1) & voting.any()
    return Decision(np.asarray(passed), t, share(t.support, t.seats))


@register(
    "weighted-quota",
    source="weighted game [q; w]; pre-2009 GNSO Council, 18 of 27 weighted votes "
    "(mm.icann.org/pipermail/council/2007-May/003517.html)",
    anonymous=True,
)
def weighted_quota(
    stances: np.ndarray,
    weights: np.ndarray,
    houses: np.ndarray,
    *,
    addressed: np.ndarray | None = None,
    quota: Fraction | str | float | None = None,
) -> Decision:
    """Pass when supporting weight reaches the absolute ``quota``: the game [q; w].

    Parameters
    ----------
    stances, weights, houses, addressed
        As for every rule; houses and ``addressed`` are ignored.
    quota
        Supporting weight needed (inclusive), a positive number. None: more than half
        of the total weight.

    Notes
    -----
    Before 2009 registry and registrar councillors cast 2 votes each and everyone else
    1, so the 21-member GNSO Council held 27 votes; consensus policy needed 18 of them,
    the weighted game [18; 2, ..., 2, 1, ..., 1] (six 2s, fifteen 1s).

    References
    ----------
    GNSO Council archives: mm.icann.org/pipermail/council/2007-May/003517.html and
    gnso.icann.org/mailing-lists/archives/council/msg01013.html.

    Examples
    --------
    >>> council = [2] * 6 + [1] * 15
    >>> ballot = [Stance.SUPPORT] * 6 + [Stance.SUPPORT] * 6 + [Stance.OPPOSE] * 9
    >>> bool(weighted_quota(ballot, council, [0] * 21, quota=18).passed)
    True
    """
    t = tally(stances, weights, houses)
    support = t.support.sum(-1)
    if quota is None:
        passed = meets(support, t.seats.sum(), Fraction(1, 2), inclusive=False)
    else:
        q = to_fraction(quota, "quota", upper=None)
        if q == 0:
            raise GovsimError(f"quota must be a positive number of votes; found {quota!r}")
        passed = meets(support, 1, q, inclusive=True)
    return Decision(np.asarray(passed), t, share(t.support, t.seats))
