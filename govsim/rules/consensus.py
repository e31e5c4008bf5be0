"""Consensus rules: full consensus, GNSO working-group levels, IETF rough consensus.

These rules judge objections rather than count a majority, and ignore houses. Only
seats with positive weight count: a weight-0 seat's objection carries nothing.
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np

from govsim.errors import GovsimError
from govsim.rules.registry import Decision, Stance, register, tally
from govsim.rules.shares import check_choice, meets, share, to_fraction

__all__ = [
    "WG_LEVELS",
    "full_consensus",
    "gnso_wg_consensus",
    "rough_consensus",
]


#: GNSO Working Group Guidelines §3.6 levels, strongest first.
WG_LEVELS = (
    "full consensus",
    "consensus",
    "strong support but significant opposition",
    "divergence",
)


@register(
    "full-consensus",
    source="GNSO Working Group Guidelines §3.6 (Full consensus); NETmundial "
    "Multistakeholder Statement (2014), adopted by consensus",
    anonymous=True,
    consensus=True,
)
def full_consensus(
    stances: np.ndarray,
    weights: np.ndarray,
    houses: np.ndarray,
    *,
    addressed: np.ndarray | None = None,
) -> Decision:
    """Pass when nobody present opposes and at least one seat supports.

    Abstention and absence do not block; one objection does.

    Returns
    -------
    Decision
        ``fraction`` is each house's support over its votes cast.

    Notes
    -----
    The GNSO's "Full consensus: when no one in the group speaks against the
    recommendation in its last readings", also called unanimous consensus.

    References
    ----------
    GNSO Working Group Guidelines §3.6; community.icann.org/display/tatcipdp/
    Level+of+consensus.
    """
    t = tally(stances, weights, houses)
    passed = (t.oppose.sum(-1) == 0) & (t.support.sum(-1) > 0)
    return Decision(np.asarray(passed), t, share(t.support, t.cast))


@register(
    "gnso-wg-consensus",
    source="GNSO Working Group Guidelines §3.6 (levels of consensus designated by the chair)",
    anonymous=True,
    consensus=True,
)
def gnso_wg_consensus(
    stances: np.ndarray,
    weights: np.ndarray,
    houses: np.ndarray,
    *,
    addressed: np.ndarray | None = None,
    consensus_max_opposition: Fraction | str | float = Fraction(1, 10),
    strong_support_min: Fraction | str | float = Fraction(1, 2),
    passes_at: str = "consensus",
) -> Decision:
    """Designate a GNSO working-group consensus level, as the chair would.

    The levels, strongest first (:data:`WG_LEVELS`), over the votes cast:

    - ``"full consensus"``: nobody opposes and someone supports;
    - ``"consensus"``: opposition is at most ``consensus_max_opposition``;
    - ``"strong support but significant opposition"``: support is more than
      ``strong_support_min``;
    - ``"divergence"``: anything else.

    Parameters
    ----------
    stances, weights, houses, addressed
        As for every rule; houses and ``addressed`` are ignored.
    consensus_max_opposition
        Largest share of votes cast that may oppose at "consensus" (inclusive).
        Default 1/10: the guidelines' "only a small minority disagrees", taken as at
        most one in ten.
    strong_support_min
        Share of votes cast that support must exceed for "strong support but
        significant opposition". Default 1/2: the guidelines' "most of the group
        supports".
    passes_at
        The weakest level that passes; one of the first three levels. By default
        "full consensus" and "consensus" pass, the levels at which GNSO working-group
        recommendations go forward as consensus recommendations.

    Returns
    -------
    Decision
        ``designation`` holds the level; ``fraction`` is each house's support over
        its votes cast.

    Notes
    -----
    The guidelines describe the levels in words, not numbers, so the cut-offs are
    parameters. Abstention and absence are outside the votes cast. A "minority view"
    may accompany any level and is not designated here.

    References
    ----------
    GNSO Working Group Guidelines §3.6; community.icann.org/display/tatcipdp/
    Level+of+consensus.

    Examples
    --------
    >>> ballot = [Stance.SUPPORT] * 9 + [Stance.OPPOSE]
    >>> str(gnso_wg_consensus(ballot, [1] * 10, [0] * 10).designation)
    'consensus'
    """
    max_opposition = to_fraction(consensus_max_opposition, "consensus_max_opposition")
    strong = to_fraction(strong_support_min, "strong_support_min")
    passes_at = check_choice(passes_at, WG_LEVELS[:3], "passes_at")
    t = tally(stances, weights, houses)
    support, oppose, cast = t.support.sum(-1), t.oppose.sum(-1), t.cast.sum(-1)
    heard = support > 0
    level = np.select(
        [
            heard & (oppose == 0),
            heard & ~meets(oppose, cast, max_opposition, inclusive=False),
            meets(support, cast, strong, inclusive=False),
        ],
        [0, 1, 2],
        default=3,
    )
    return Decision(
        np.asarray(level <= WG_LEVELS.index(passes_at)),
        t,
        share(t.support, t.cast),
        np.asarray(WG_LEVELS)[level],
    )


@register(
    "rough-consensus",
    source="IETF rough consensus: RFC 7282; RFC 2418 §3.3",
    anonymous=True,
    consensus=True,
)
def rough_consensus(
    stances: np.ndarray,
    weights: np.ndarray,
    houses: np.ndarray,
    *,
    addressed: np.ndarray | None = None,
    max_unaddressed: Fraction | str | float = 0,
) -> Decision:
    """Pass when someone supports and no more than ``max_unaddressed`` objections stand.

    Parameters
    ----------
    stances, weights, houses
        As for every rule; houses are ignored.
    addressed
        Bool array like ``stances``: True where an objection was addressed in
        deliberation. None: every objection is unaddressed.
    max_unaddressed
        Largest weight of unaddressed objections (OPPOSE seats not marked addressed)
        that still allows rough consensus; default 0.

    Returns
    -------
    Decision
        ``designation`` is ``"rough consensus"``, ``"objections unaddressed"`` or
        ``"no support"``; ``fraction`` is each house's support over its votes cast,
        reported only: it does not decide.

    Notes
    -----
    "Lack of disagreement is more important than agreement": the chair judges whether
    every objection has been addressed, not necessarily accommodated, and does not
    count votes. "100 for and 5 against might not be rough consensus; 5 for and 100
    against might still be" (RFC 7282 §6).

    References
    ----------
    P. Resnick, "On Consensus and Humming in the IETF", RFC 7282, 2014.
    S. Bradner, "IETF Working Group Guidelines and Procedures", RFC 2418 §3.3, 1998.
    """
    limit = to_fraction(max_unaddressed, "max_unaddressed", upper=None)
    stances = np.asarray(stances)
    objecting = stances == Stance.OPPOSE
    if addressed is not None:
        try:
            objecting &= ~np.broadcast_to(np.asarray(addressed, dtype=bool), stances.shape)
        except ValueError:
            raise GovsimError(
                f"addressed must have the shape of stances {stances.shape}; "
                f"found {np.shape(addressed)}"
            ) from None
    t = tally(stances, weights, houses)
    # Summed along each ballot's own row, so a ballot's total does not depend on its batch.
    unaddressed = np.where(objecting, np.asarray(weights, dtype=float), 0.0).sum(axis=-1)
    heard = t.support.sum(-1) > 0
    settled = ~meets(unaddressed, 1, limit, inclusive=False)
    designation = np.where(
        heard, np.where(settled, "rough consensus", "objections unaddressed"), "no support"
    )
    return Decision(np.asarray(heard & settled), t, share(t.support, t.cast), designation)
