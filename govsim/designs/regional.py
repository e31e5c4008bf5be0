"""Regional presets: a design built from answers to the ATLAS II regional survey.

At the ATLAS II regional session (London, 22 June 2014) each of the five ICANN regions
was asked six questions, answered on a Likert scale from 1 ("not at all") to 5
("completely"); some answered on 0-5:

1. Do governments include outside groups in identifying issues and having
   conversations?
2. Do governments include outside groups in their decision-making?
3. Question 1 for the ccTLDs and the RIR of the region.
4. Question 2 for the ccTLDs and the RIR of the region.
5. and 6. How strongly are stakeholder groups segregated (ICANN-style constituencies
   against IETF-style open participation)?

The only answer on record is Latin America and the Caribbean's 2 to question 1; every
other answer is an input the user supplies.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from govsim.check import check_list, check_number, fail, join
from govsim.designs.keys import REGIONAL_BODIES, REGIONAL_KEYS
from govsim.designs.spec import (
    LEVELS,
    Deliberation,
    Design,
    Inclusion,
    RuleSpec,
    Seats,
)

__all__ = ["REGIONAL_BODIES", "REGIONAL_SECTORS", "likert", "regional_design"]

#: The five NETmundial sectors, in the order of the ``five-sectors`` scenario; the
#: preset seats ``seats_per_sector`` members of each.
REGIONAL_SECTORS: tuple[str, ...] = (
    "government",
    "private-sector",
    "civil-society",
    "technical-community",
    "academia",
)

_SOURCE = "ATLAS II regional session, London, 22 June 2014 (six-question regional survey)"


def likert(answer: float) -> float:
    """Map a Likert answer in [0, 5] to a dial in [0, 1]: ``(max(a, 1) - 1) / 4``.

    An answer of 0 ("some answered 0-5") is read as 1, "not at all".

    Examples
    --------
    >>> likert(1), likert(2), likert(3), likert(5), likert(0)
    (0.0, 0.25, 0.5, 1.0, 0.0)
    """
    return (max(float(answer), 1.0) - 1.0) / 4.0


def regional_design(
    answers: Sequence[float],
    *,
    body: str = "government",
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
        Six numbers in [0, 5], the answers to questions 1-6 (1 = not at all,
        5 = completely; 0 is read as 1). Averages such as 2.5 are fine.
    body : {"government", "cctld"}
        Whose process the design models: the government's (questions 1 and 2), or
        the ccTLD/RIR's (questions 3 and 4), which the technical community runs.
    seats_per_sector
        Seats each of the five sectors (:data:`REGIONAL_SECTORS`) holds on the
        council, in [1, 20000]; the scenario must have that many members in each.
    name, description
        Defaults: ``"regional-<body>"`` and a line quoting the answers.
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
        total seat weight. With a = the answer mapped by :func:`likert`:

        - the deciding sector (``government``, or ``technical-community`` for
          ``"cctld"``) keeps ``empower`` and its seats weigh 1;
        - every other sector's seats weigh a2 (a4 for ``"cctld"``; 0 makes them
          non-voting seats), and every other group gets agenda = dialogue = a1
          (a3 for ``"cctld"``) and decision = a2 (a4), with no advisory channel.
          The decision dial does not apply to seat holders; it is what an open
          assembly would use if the seats were overridden away;
        - deliberation segregation = (a5 + a6) / 2, blocked by sector.

        Seats, not an open assembly: in an open assembly every member votes with
        weight = decision dial, so the sizes of the sectors swamp the answer (260
        non-government members at weight 0.5 outvote 40 government members at 1).
        Equal seat counts make the answer alone set each sector's share of the vote.

    Raises
    ------
    GovsimError
        If there are not six answers, an answer is not a number in [0, 5], ``body``
        is unknown or ``seats_per_sector`` is not an integer in [1, 20000].

    Examples
    --------
    >>> lac = regional_design([2, 3, 3, 3, 3, 3])
    >>> lac.default_inclusion.dialogue, lac.deliberation.segregation
    (0.25, 0.5)
    >>> [(s.group, s.count, s.weight) for s in lac.seats[:2]]
    [('government', 5, 1.0), ('private-sector', 5, 0.5)]
    """
    body = REGIONAL_KEYS["body"].check(body, join(key, "body"), source)
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
    answer_bounds = REGIONAL_KEYS["answers"].bounds
    a = [
        likert(check_number(v, join(join(key, "answers"), i), source, **answer_bounds))
        for i, v in enumerate(values)
    ]
    talk, decide = (a[0], a[1]) if body == "government" else (a[2], a[3])
    segregation = (a[4] + a[5]) / 2
    deciding = REGIONAL_BODIES[body]
    shown = ", ".join(_fmt(v) for v in values)
    return Design(
        name=name or f"regional-{body}",
        description=description
        or f"Regional preset ({body} process) from ATLAS II survey answers [{shown}]",
        source=_SOURCE,
        scenario=scenario,
        rule=RuleSpec("majority", (("base", "seats"),)),
        seats=tuple(
            Seats(sector, per_sector, weight=1.0 if sector == deciding else decide)
            for sector in REGIONAL_SECTORS
        ),
        inclusion=((deciding, LEVELS["empower"]),),
        default_inclusion=Inclusion(agenda=talk, dialogue=talk, decision=decide),
        deliberation=Deliberation(segregation=segregation, blocks="sector"),
    )


def _fmt(value: Any) -> str:
    if isinstance(value, float) and math.isfinite(value) and value.is_integer():
        return str(int(value))
    return str(value)
