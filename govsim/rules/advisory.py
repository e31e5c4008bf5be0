"""Advisory channels into a deciding body: binding-unless-rejected and non-binding advice.

House 0 is the deciding body (the ICANN Board), house 1 the advisory body (the GAC or
the ALAC). A body without a house 1 receives no advice.
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np

from govsim.errors import GovsimError
from govsim.rules.registry import Decision, Tally, register, tally
from govsim.rules.shares import Bound, meets, share, to_bound

__all__ = [
    "advisory_nonbinding",
    "advisory_override",
    "deciding_majority",
    "house_zero_decides",
]


def _house(x: np.ndarray, k: int) -> np.ndarray:
    """Column ``k`` of a per-house array, or zeros if the body has no house ``k``."""
    return x[..., k] if k < x.shape[-1] else np.zeros(x.shape[:-1])


def deciding_majority(t: Tally) -> np.ndarray:
    """Whether house 0 supports by more than half of its seat weight."""
    return meets(t.support[..., 0], t.seats[0], Fraction(1, 2), inclusive=False)


def house_zero_decides(
    stances: np.ndarray, weights: np.ndarray, houses: np.ndarray, labels: tuple[str, str, str]
) -> Decision:
    """House 0 decides by a majority of its seats; every other house is only consulted.

    ``labels`` are (agreed, disagreed, no view): whether the decision went the way the
    consulted houses' majority of votes cast favoured. They have no view when their
    support and opposition are equal (including when nobody voted or no house 1 exists).
    """
    t = tally(stances, weights, houses)
    passed = deciding_majority(t)
    support, oppose = t.support[..., 1:].sum(-1), t.oppose[..., 1:].sum(-1)
    agreed, disagreed, no_view = labels
    designation = np.select(
        [support == oppose, (support > oppose) == passed], [no_view, agreed], disagreed
    )
    return Decision(np.asarray(passed), t, share(t.support, t.seats), designation)


@register(
    "advisory-override",
    source="ICANN Bylaws (2016) §12.2(a)(x); CCWG-Accountability Recommendation 11 "
    "(GAC consensus advice rejected only by 60% of the Board)",
    anonymous=False,
    house_zero_decides=True,
    monotone=True,  # in both directions, because reject_threshold must exceed 1/2 (Notes)
)
def advisory_override(
    stances: np.ndarray,
    weights: np.ndarray,
    houses: np.ndarray,
    *,
    addressed: np.ndarray | None = None,
    reject_threshold: Fraction | str | float | Bound = "60%",
) -> Decision:
    """Advisory consensus advice binds unless enough of the deciding body rejects it.

    The advisory body (house 1) gives consensus advice when at least one member takes
    a side and no member present takes the other. Advice *for* the proposal passes it
    unless the deciding body's (house 0) opposition reaches ``reject_threshold`` of its
    seat weight; advice *against* it fails it unless house 0's support reaches
    ``reject_threshold``, since rejecting that advice means carrying the proposal
    against it. Without consensus advice (house 1 split, silent or absent) house 0
    decides alone by a simple majority of its seats.

    Parameters
    ----------
    stances, weights, houses, addressed
        As for every rule; ``addressed`` is ignored.
    reject_threshold
        Share of the deciding body's seat weight that rejects consensus advice, by
        opposing advice for the proposal or supporting against advice. A bare number
        is inclusive ("60%": at least 60%); prefix ``">"`` for strictly more. It must
        be more than half (``">1/2"`` at the least), so that house 0 can never reject
        advice in both directions at once and advice never binds less than no advice
        would. The variants for the 16 voting Board directors:

        - ``"60%"`` (default): Bylaws since 2016, 10 of 16 reject;
        - ``">1/2"``: before 2016, a simple majority, 9 of 16;
        - ``"2/3"``: proposed in 2014, 11 of 16.

    Returns
    -------
    Decision
        ``designation`` is ``"advice followed"`` or ``"advice rejected"`` for
        consensus advice in either direction (followed: advice for passed, advice
        against failed), and ``"no consensus advice"`` otherwise; ``fraction`` is each
        house's support over its seats.

    Notes
    -----
    GAC consensus advice is adopted "by general agreement in the absence of any formal
    objection"; absence and abstention do not break it. The reference model binds the
    advisory body's position, whichever it is, unless at least θ of the deciding body
    rejects it. After a rejection the Board and the GAC must try to find a mutually
    acceptable solution, which this rule does not model.

    The rule is monotone for every allowed ``reject_threshold``: an advisory member
    turning to SUPPORT can break advice against (to no advice, or to advice for), but
    a proposal carried against that advice has more than half of house 0 in support,
    so it also passes by majority and is not rejected by a house-0 opposition of less
    than half. With an inclusive 1/2, an 8-8 Board would carry the proposal against
    advice yet reject advice for it; that threshold is therefore refused.

    References
    ----------
    ICANN Bylaws (1 October 2016) §12.2(a)(x); CCWG-Accountability Work Stream 1
    Final Report (2016), Recommendation 11; ICANN Bylaws (pre-2016) Art. XI §2.1(j).
    """
    reject = to_bound(reject_threshold, "reject_threshold")
    if reject.fraction < Fraction(1, 2) or (reject.fraction == Fraction(1, 2) and reject.inclusive):
        raise GovsimError(
            f"reject_threshold must be more than 1/2 of the deciding body (at least "
            f"'>1/2'); found {reject}"
        )
    t = tally(stances, weights, houses)
    advice_for = (_house(t.support, 1) > 0) & (_house(t.oppose, 1) == 0)
    advice_against = (_house(t.oppose, 1) > 0) & (_house(t.support, 1) == 0)
    opposed = meets(t.oppose[..., 0], t.seats[0], reject.fraction, reject.inclusive)
    carried = meets(t.support[..., 0], t.seats[0], reject.fraction, reject.inclusive)
    passed = np.select([advice_for, advice_against], [~opposed, carried], deciding_majority(t))
    rejected = np.where(advice_for, opposed, carried)
    designation = np.where(
        advice_for | advice_against,
        np.where(rejected, "advice rejected", "advice followed"),
        "no consensus advice",
    )
    return Decision(np.asarray(passed), t, share(t.support, t.seats), designation)


@register(
    "advisory-nonbinding",
    source="ICANN Bylaws (2016) §12.2(d) (At-Large Advisory Committee advice)",
    anonymous=False,
    house_zero_decides=True,
)
def advisory_nonbinding(
    stances: np.ndarray,
    weights: np.ndarray,
    houses: np.ndarray,
    *,
    addressed: np.ndarray | None = None,
) -> Decision:
    """The deciding body decides by simple majority of its seats; advice is recorded.

    Parameters
    ----------
    stances, weights, houses, addressed
        As for every rule; ``addressed`` is ignored. House 0 decides; house 1 advises.

    Returns
    -------
    Decision
        ``designation`` is ``"advice followed"`` or ``"advice not followed"`` when the
        advisory body's majority of votes cast favoured or opposed the proposal, and
        ``"no advice"`` when it was split evenly or silent.

    Notes
    -----
    The ALAC's advice on users' interests is advisory only and the Board may ignore
    it. In the model, non-binding advice only pulls the deciders' positions during
    deliberation; the vote itself does not see it.

    References
    ----------
    ICANN Bylaws (1 October 2016) §12.2(d).
    """
    return house_zero_decides(
        stances, weights, houses, ("advice followed", "advice not followed", "no advice")
    )
