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
    "ROUGH_MAX_OBJECTORS",
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


#: Default share of the participants who may still object under rough consensus.
ROUGH_MAX_OBJECTORS = Fraction(1, 10)


@register(
    "rough-consensus",
    source="IETF rough consensus: RFC 7282 §§2-3, 6; RFC 2418 §3.3",
    anonymous=True,
    consensus=True,
)
def rough_consensus(
    stances: np.ndarray,
    weights: np.ndarray,
    houses: np.ndarray,
    *,
    addressed: np.ndarray | None = None,
    max_objectors: Fraction | str | float = ROUGH_MAX_OBJECTORS,
) -> Decision:
    """Pass when the chair can declare rough consensus: few objectors, each considered.

    Three conditions, all over seats of positive weight:

    - the objectors who remain are at most ``max_objectors`` of the participants
      (the weight present: supporting, objecting or abstaining);
    - each remaining objection was considered (``addressed``);
    - support exceeds opposition.

    Parameters
    ----------
    stances, weights, houses
        As for every rule; houses are ignored.
    addressed
        Bool array like ``stances``: True where the seat's objection was considered,
        i.e. an amendment responded to it (the model marks an objector when an
        amendment round moved the proposal toward it). Considered is not met: the
        objector may still object. Flags on seats that do not object are ignored.
        None: no objection was considered.
    max_objectors
        Largest share of the participants' weight that may still object, in [0, 1).
        0 is full consensus: then the rule decides exactly as ``full-consensus``.
        Default 1/10, a modelling choice (see Notes).

    Returns
    -------
    Decision
        ``designation`` is ``"rough consensus"``, or why not, in this order:
        ``"insufficient support"`` (support does not exceed opposition),
        ``"too many objectors"``, ``"objections unaddressed"``. ``fraction`` is each
        house's support over its votes cast, reported only.

    Notes
    -----
    RFC 7282: "lack of disagreement is more important than agreement" (§2); rough
    consensus is achieved "when all issues are addressed, but not necessarily
    accommodated" (§3); "one hundred people for and five people against might not be
    rough consensus" (§6), when the five's objections were not considered. The chair
    judges objections, not a count, which a simulation cannot do; the rule keeps the
    judgement's shape: an objection blocks until it has been considered, and the
    chair does not declare rough consensus over more than a small minority of the
    room. It departs from §7 ("five people for and one hundred people against might
    still be rough consensus", when the hundred repeat one answered objection): the
    model cannot tell a repeated objection from a distinct one, so support must
    exceed opposition, and a lone supporter never carries a room of objectors.

    The default 1/10 reads the "rough" of §6: five against a hundred (about 5% of
    the room) may be declared rough once heard, while a tenth of the room still
    objecting is about as far as "rough" stretches. It is a modelling choice, not
    an IETF number. Fewer allowed objectors never pass more.

    References
    ----------
    P. Resnick, "On Consensus and Humming in the IETF", RFC 7282, 2014.
    S. Bradner, "IETF Working Group Guidelines and Procedures", RFC 2418 §3.3, 1998.

    Examples
    --------
    >>> ballot = [Stance.SUPPORT] * 9 + [Stance.OPPOSE]
    >>> heard = [False] * 9 + [True]
    >>> str(rough_consensus(ballot, [1] * 10, [0] * 10, addressed=heard).designation)
    'rough consensus'
    >>> str(rough_consensus(ballot, [1] * 10, [0] * 10).designation)
    'objections unaddressed'
    """
    limit = to_fraction(max_objectors, "max_objectors")
    if limit == 1:
        raise GovsimError(
            f"max_objectors must be a share in [0, 1) such as 1/10; found {max_objectors!r}"
        )
    stances = np.asarray(stances)
    objecting = (stances == Stance.OPPOSE) & (np.asarray(weights, dtype=float) > 0)
    if addressed is not None:
        try:
            considered = np.broadcast_to(np.asarray(addressed, dtype=bool), stances.shape)
        except ValueError:
            raise GovsimError(
                f"addressed must have the shape of stances {stances.shape}; "
                f"found {np.shape(addressed)}"
            ) from None
        objecting = objecting & ~considered
    t = tally(stances, weights, houses)
    support, oppose = t.support.sum(-1), t.oppose.sum(-1)
    ahead = support > oppose
    few = ~meets(oppose, t.present.sum(-1), limit, inclusive=False)
    heard = ~objecting.any(axis=-1)
    designation = np.select(
        [~ahead, ~few, ~heard],
        ["insufficient support", "too many objectors", "objections unaddressed"],
        "rough consensus",
    )
    return Decision(np.asarray(ahead & few & heard), t, share(t.support, t.cast), designation)
