"""Who votes where: the seat layout a design gives a scenario's stakeholders.

These helpers pin down the semantics ``docs/spec.md`` states, so the model and the
power tools read a design the same way:

- stakeholders are numbered group by group in scenario order;
- seat blocks take their group's members in order: the first block from a group
  takes its first ``count`` members, the next block the following ones;
- a seated design gives votes only to seat holders, with the seat's weight; house
  codes follow ``design.houses`` (one house ``"body"`` when none are declared);
- an open assembly (no seats) gives every member of a group whose decision dial is
  above 0 a vote with weight equal to the dial, all in house 0;
- ``amendment.rounds`` left unset means 5 rounds for consensus rules, 1 otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from govsim.designs.spec import Design, Scenario
from govsim.rules import CONSENSUS_RULES

__all__ = [
    "Seating",
    "amendment_rounds",
    "group_ranges",
    "house_names",
    "seating",
]


@dataclass(frozen=True)
class Seating:
    """The voting seats of a design on a scenario, one entry per seat.

    Attributes
    ----------
    member
        Stakeholder index of each seat holder.
    weight
        Vote weight of each seat (0 = non-voting).
    house
        House code of each seat.
    coopted_by
        For each seat, the sector whose ideal-point distribution its holder's ideal
        is drawn from, or None.
    houses
        House names in code order.
    """

    member: np.ndarray
    weight: np.ndarray
    house: np.ndarray
    coopted_by: tuple[str | None, ...]
    houses: tuple[str, ...]


def house_names(design: Design) -> tuple[str, ...]:
    """House names in code order; ``("body",)`` when the design declares none."""
    return tuple(h.name for h in design.houses) or ("body",)


def group_ranges(scenario: Scenario) -> dict[str, range]:
    """Stakeholder indices of each group, numbered group by group in scenario order.

    Examples
    --------
    >>> from govsim.designs import load_scenario
    >>> group_ranges(load_scenario("five-sectors"))["private-sector"]
    range(40, 120)
    """
    ranges, start = {}, 0
    for group in scenario.groups:
        ranges[group.name] = range(start, start + group.count)
        start += group.count
    return ranges


def seating(design: Design, scenario: Scenario) -> Seating:
    """The seats of ``design`` on ``scenario`` (check them with ``check_compatible`` first).

    Examples
    --------
    >>> from govsim.designs import resolve
    >>> seats = seating(*resolve("gnso-council"))
    >>> int(seats.weight.sum()), seats.houses
    (20, ('contracted', 'non-contracted'))
    """
    ranges = group_ranges(scenario)
    names = house_names(design)
    if not design.seats:
        member: list[int] = []
        weight: list[float] = []
        for group in scenario.groups:
            dial = design.dials(group.name, group.sector).decision
            if dial > 0:
                member.extend(ranges[group.name])
                weight.extend([dial] * group.count)
        n = len(member)
        return Seating(
            np.asarray(member, dtype=np.intp),
            np.asarray(weight, dtype=float),
            np.zeros(n, dtype=np.intp),
            (None,) * n,
            names[:1],
        )
    code = {name: i for i, name in enumerate(names)}
    taken = dict.fromkeys(ranges, 0)
    member, weight, house, coopted = [], [], [], []
    for block in design.seats:
        start = ranges[block.group].start + taken[block.group]
        taken[block.group] += block.count
        member.extend(range(start, start + block.count))
        weight.extend([block.weight] * block.count)
        house.extend([code[block.house]] * block.count)
        coopted.extend([block.coopted_by] * block.count)
    return Seating(
        np.asarray(member, dtype=np.intp),
        np.asarray(weight, dtype=float),
        np.asarray(house, dtype=np.intp),
        tuple(coopted),
        names,
    )


def amendment_rounds(design: Design) -> int:
    """K, the most decision rounds per issue: ``amendment.rounds``, else 5 or 1.

    Examples
    --------
    >>> from govsim.designs import load_design
    >>> amendment_rounds(load_design("ietf-wg")), amendment_rounds(load_design("gnso-council"))
    (5, 1)
    """
    if design.amendment.rounds is not None:
        return design.amendment.rounds
    return 5 if design.rule.name in CONSENSUS_RULES else 1
