"""Regional presets: a design built from answers to the ATLAS II regional survey.

At the ATLAS II regional session (ICANN, London, 22 June 2014) each of the five ICANN
regions was asked six questions, on a Likert scale from 1 ("not at all") to 5
("completely"), or 0 to 5 ("0 is nothing's happening; 5 is full involvement"): the
moderator said "1 to 5 – 0 to 5, whatever".

1. Do governments include outside groups in identifying issues and having
   conversations?
2. Do governments include outside groups in their decision-making? Asked whether
   that meant "they have a vote" or "they are seriously listened to", the moderator
   left it open.
3. and 4. Questions 1 and 2 for the region's ccTLDs and RIR.
5. and 6. How strongly are stakeholder groups segregated (ICANN-style constituencies
   against IETF-style open participation)?

The only answer on record is Latin America and the Caribbean's 2 to question 1; every
other answer is an input the user supplies. Source: ATLAS II session transcript,
Thematic Group 1, Session 2 (ICANN, London, 22 June 2014).
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from govsim.check import check_list, check_number, describe, fail, join
from govsim.designs.keys import REGIONAL_KEYS, REGIONAL_SCALES
from govsim.designs.spec import (
    LEVELS,
    Deliberation,
    Design,
    Inclusion,
    RuleSpec,
    Seats,
)
from govsim.errors import SpecError

__all__ = ["REGIONAL_SECTORS", "likert", "regional_design"]

#: The five NETmundial sectors, in the order of the ``five-sectors`` scenario; the
#: preset seats ``seats_per_sector`` members of each.
REGIONAL_SECTORS: tuple[str, ...] = (
    "government",
    "private-sector",
    "civil-society",
    "technical-community",
    "academia",
)
#: The sector that decides (questions 1 and 2 ask how it includes the others) and the
#: sector questions 3 and 4 are about (ccTLD operators and RIRs).
_GOVERNMENT, _TECHNICAL = "government", "technical-community"

_SOURCE = (
    "ATLAS II session transcript, Thematic Group 1, Session 2 (ICANN, London, "
    "22 June 2014): the six-question regional survey"
)


def likert(answer: float, scale: str = "1-5") -> float:
    """Map a Likert answer to a dial in [0, 1]: the scale's lowest answer to 0, its highest to 1.

    On ``"1-5"`` the dial is ``(a - 1) / 4``; on ``"0-5"`` it is ``a / 5``. The answer
    is assumed on the scale (:func:`regional_design` checks it).

    Examples
    --------
    >>> likert(1), likert(2), likert(3), likert(5)
    (0.0, 0.25, 0.5, 1.0)
    >>> likert(0, "0-5"), likert(1, "0-5"), likert(2.5, "0-5"), likert(5, "0-5")
    (0.0, 0.2, 0.5, 1.0)
    """
    low, high = REGIONAL_SCALES[scale]
    return (float(answer) - low) / (high - low)


def regional_design(
    answers: Sequence[float],
    *,
    scale: str = "1-5",
    q2: str = "vote",
    seats_per_sector: int = 5,
    name: str | None = None,
    description: str | None = None,
    scenario: str = "five-sectors",
    source: str | None = "<regional>",
    key: str = "design.regional",
) -> Design:
    """A design from Likert answers to the six ATLAS II survey questions.

    Parameters
    ----------
    answers
        Six numbers on ``scale``, the answers to questions 1-6. Averages such as 2.5
        are fine.
    scale : {"1-5", "0-5"}
        The answer scale (both were used at the meeting): on ``"1-5"`` an answer of 1
        is "not at all" and 0 is an error; on ``"0-5"`` 0 is "nothing's happening".
    q2 : {"vote", "advice"}
        How question 2 ("do governments include outside groups in their
        decision-making?") is read: as a vote (the outside sectors' seat weight) or as
        being "seriously listened to" (non-voting seats, and the outside groups advise
        the deciders with that pull).
    seats_per_sector
        Seats each of the five sectors (:data:`REGIONAL_SECTORS`) holds on the
        council, in [1, 20000]; the scenario must have that many members in each.
    name, description
        Defaults: ``"regional"`` and a line quoting the answers.
    scenario
        The scenario the design is used with by default; it needs a group named after
        each of the five sectors (the built-in ``five-sectors`` has them).
    source, key
        File and key path for error messages.

    Returns
    -------
    Design
        A seated council of one house, ``seats_per_sector`` seats from each of the
        five sectors, deciding by ``majority`` with ``base = "seats"``: a motion
        passes when its supporting seat weight is more than half of the council's
        total seat weight. With a1 ... a6 the answers mapped by :func:`likert`:

        - the government keeps ``empower`` and its seats weigh 1;
        - the outside groups (every group but the government and the technical
          community) get agenda = dialogue = a1 (question 1). Under ``q2 = "vote"``
          the outside sectors' seats weigh a2 and their decision dial is a2; under
          ``q2 = "advice"`` their seats weigh 0 (non-voting), their decision dial is
          0, they advise (``advisory`` when a2 > 0) and
          ``deliberation.advisory_pull`` is a2;
        - the technical community (ccTLD operators and RIRs) gets agenda = dialogue
          = a3 (question 3), and its seats and decision dial weigh a4 (question 4,
          always read as a vote: a design has one advisory pull, which question 2
          sets);
        - deliberation segregation = (a5 + a6) / 2, blocked by sector.

        A seat holder always deliberates, so the dialogue dials reach the members
        without seats; the agenda dials set how often each sector's seat holders
        move motions. The decision dials do not apply to seat holders; they are
        what an open assembly would use if the seats were overridden away.

        Seats, not an open assembly: in an open assembly every member votes with
        weight = decision dial, so the sizes of the sectors swamp the answer (260
        non-government members at weight 0.5 outvote 40 government members at 1).
        Equal seat counts make the answers alone set each sector's share of the vote.

    Raises
    ------
    GovsimError
        If there are not six answers, an answer is not a number on the scale, or
        ``scale``, ``q2`` or ``seats_per_sector`` is not valid.

    Examples
    --------
    >>> lac = regional_design([2, 3, 4, 3, 3, 3])
    >>> lac.default_inclusion.dialogue, lac.deliberation.segregation
    (0.25, 0.5)
    >>> lac.dials("technical-community", "technical-community").dialogue
    0.75
    >>> [(s.group, s.weight) for s in lac.seats[:2]]
    [('government', 1.0), ('private-sector', 0.5)]
    >>> heard = regional_design([2, 3, 4, 3, 3, 3], q2="advice")
    >>> [(s.group, s.weight) for s in heard.seats[:2]], heard.deliberation.advisory_pull
    ([('government', 1.0), ('private-sector', 0.0)], 0.5)
    """
    scale = REGIONAL_KEYS["scale"].check(scale, join(key, "scale"), source)
    q2 = REGIONAL_KEYS["q2"].check(q2, join(key, "q2"), source)
    per_sector = REGIONAL_KEYS["seats_per_sector"].check(
        seats_per_sector, join(key, "seats_per_sector"), source
    )
    values = check_list(answers, join(key, "answers"), source, what="a list of six answers")
    if len(values) != 6:
        fail(
            join(key, "answers"),
            f"expected six answers, one per survey question; found {len(values)}",
            source,
        )
    a = [
        likert(_answer(v, join(join(key, "answers"), i), source, scale), scale)
        for i, v in enumerate(values)
    ]
    vote = q2 == "vote"
    outside = Inclusion(
        agenda=a[0], dialogue=a[0], decision=a[1] if vote else 0.0, advisory=not vote and a[1] > 0
    )
    technical = Inclusion(agenda=a[2], dialogue=a[2], decision=a[3])
    weight = {_GOVERNMENT: 1.0, _TECHNICAL: a[3]}
    talk = Deliberation(segregation=(a[4] + a[5]) / 2, blocks="sector")
    if not vote:
        talk = replace(talk, advisory_pull=a[1])
    shown = ", ".join(_fmt(v) for v in values)
    return Design(
        name=name or "regional",
        description=description
        or f"Regional preset from ATLAS II survey answers [{shown}] (scale {scale}, q2 as {q2})",
        source=_SOURCE,
        scenario=scenario,
        rule=RuleSpec("majority", (("base", "seats"),)),
        seats=tuple(
            Seats(sector, per_sector, weight=weight.get(sector, a[1] if vote else 0.0))
            for sector in REGIONAL_SECTORS
        ),
        inclusion=((_GOVERNMENT, LEVELS["empower"]), (_TECHNICAL, technical)),
        default_inclusion=outside,
        deliberation=talk,
    )


def _answer(value: Any, key: str, source: str | None, scale: str) -> float:
    """One answer, checked against its scale; the message names the scale."""
    low, high = REGIONAL_SCALES[scale]
    try:
        return check_number(value, key, source, low=low, high=high)
    except SpecError:
        # An answer below the scale's lowest may be on the other scale.
        below = isinstance(value, numbers.Real) and not isinstance(value, bool) and value < low
        other = [(s, lo) for s, (lo, _) in REGIONAL_SCALES.items() if below and lo <= value]
        hint = f' (set scale = "{other[0][0]}" for answers from {other[0][1]})' if other else ""
        fail(
            key,
            f'expected a number in [{low}, {high}] on scale "{scale}"{hint}; '
            f"found {describe(value)}",
            source,
        )


def _fmt(value: Any) -> str:
    if isinstance(value, float) and math.isfinite(value) and value.is_integer():
        return str(int(value))
    return str(value)
