"""Designs (the levers) and scenarios (the uncertainties) as frozen dataclasses.

A :class:`Design` is the institution a user tests: bodies and seats, who is included
in what, the decision rule, advisory channels, agenda access and the deliberation
format. A :class:`Scenario` is the context (defined in
:mod:`govsim.designs.scenario` and importable from here, so that ``spec`` names every
part of a spec). Both are built from primitives and refer to decision rules by registry *name*, so
they are hashable, picklable and round-trip through TOML and JSON. Make variants with
:func:`dataclasses.replace`.

Every field is declared once, with :func:`~govsim.designs.schema.declare`: its type,
default, bounds and one-line doc. Building any of these classes checks the fields
against that declaration (a :class:`~govsim.errors.SpecError` names the key), and the
loader, :func:`~govsim.designs.to_dict`, :data:`~govsim.designs.keys.KEYS` and
``docs/spec.md`` follow it.

Examples
--------
>>> Design("x", attendance=7)
Traceback (most recent call last):
...
govsim.errors.SpecError: design.attendance: expected a number in (0, 1]; found 7
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from govsim.check import check_choice, describe, fail, join
from govsim.designs.scenario import IDEAL_KEYS, PROCESSES, Group, Ideal, Issues, Scenario, Shock
from govsim.designs.schema import (
    MAX_DEGREE,
    MAX_ROUNDS,
    MAX_SEATS,
    MAX_WEIGHT,
    UNIT_INTERVAL,
    check_declared,
    declare,
)
from govsim.dynamics import KERNEL_INFO, KERNELS

__all__ = [
    "IDEAL_KEYS",
    "KERNELS",
    "LEVELS",
    "PROCESSES",
    "Agenda",
    "Amendment",
    "Deliberation",
    "Design",
    "Group",
    "House",
    "Ideal",
    "Inclusion",
    "Issues",
    "RuleSpec",
    "Scenario",
    "Seats",
    "Shock",
    "check_house",
]


@dataclass(frozen=True)
class Inclusion:
    """The three inclusion dials of one group, each in [0, 1], and its advisory channel.

    ``agenda``: may raise issues and make proposals; ``dialogue``: takes part in
    deliberation; ``decision``: vote weight in an open assembly (0: at most advisory);
    ``advisory``: the group's engaged members advise the deciders (a non-binding
    channel that pulls deciders' positions toward the group's mean position).
    """

    agenda: float = declare(
        "number",
        'May raise issues and make proposals ("identifying issues").',
        1.0,
        **UNIT_INTERVAL,
        default_doc="`1.0` (or the level's)",
    )
    dialogue: float = declare(
        "number",
        'Takes part in deliberation ("having conversations").',
        1.0,
        **UNIT_INTERVAL,
        default_doc="`1.0` (or the level's)",
    )
    decision: float = declare(
        "number",
        "Vote weight in an open assembly; 0 means at most advisory.",
        1.0,
        **UNIT_INTERVAL,
        default_doc="`1.0` (or the level's)",
    )
    advisory: bool = declare(
        "bool",
        "The group's engaged members advise the deciders",
        False,
        default_doc="`false` (or the level's)",
    )

    def __post_init__(self) -> None:
        check_declared(self, "design.inclusion")


#: The IAP2 spectrum of public participation as dial settings (reference model).
LEVELS: dict[str, Inclusion] = {
    "inform": Inclusion(0.0, 0.0, 0.0),
    "consult": Inclusion(0.0, 1.0, 0.0),
    "involve": Inclusion(1.0, 1.0, 0.0, advisory=True),
    "collaborate": Inclusion(1.0, 1.0, 0.5),
    "empower": Inclusion(1.0, 1.0, 1.0),
}


@dataclass(frozen=True)
class House:
    """One house (chamber) of the deciding body.

    ``seats``, if given, is the number of voting seats (weight > 0) the house must
    hold; the loader checks the seat blocks against it.
    """

    name: str = declare(
        "name", "House name; seats refer to it.", what="a house name", range_doc="non-empty, unique"
    )
    seats: int | None = declare(
        "integer",
        "The number of **voting** seats (weight > 0) the house must hold.",
        None,
        low=1,
        high=MAX_SEATS,
        default_doc="none (not checked)",
    )

    def __post_init__(self) -> None:
        check_declared(self, "design.houses")


@dataclass(frozen=True)
class Seats:
    """A block of ``count`` seats filled from one scenario group, in house ``house``.

    Each seat has vote weight ``weight`` (0: non-voting). If ``coopted_by`` names a
    sector, the holders are co-opted: they hold the group's seats but their ideal
    points are drawn from that sector's distribution ("they invite their friends").
    """

    group: str = declare(
        "name",
        "The scenario group (sector group or constituency) whose members hold the seats.",
        what="a scenario group name",
        range_doc="a group of the scenario",
    )
    count: int = declare("integer", "Number of seats.", 1, low=1, high=MAX_SEATS)
    house: str = declare(
        "name",
        "The house the seats sit in.",
        "body",
        default_doc='`"body"` when no houses are declared; required otherwise',
        range_doc="a declared house (or `body`)",
    )
    weight: float = declare(
        "number",
        "Vote weight of each seat; 0 is a non-voting seat.",
        1.0,
        low=0,
        high=MAX_WEIGHT,
    )
    coopted_by: str | None = declare(
        "name",
        "The holders are co-opted",
        None,
        what="a sector name",
        range_doc="a sector of the scenario",
    )

    def __post_init__(self) -> None:
        check_declared(self, "design.seats")


@dataclass(frozen=True)
class RuleSpec:
    """A registered decision rule by name, with its parameters as sorted pairs."""

    name: str = declare("name", "The registered decision rule:", "majority", what="a rule name")
    params: tuple[tuple[str, Any], ...] = declare("table", "The rule's parameters.", (), name="")

    def __post_init__(self) -> None:
        check_declared(self, "design.rule")


@dataclass(frozen=True)
class Agenda:
    """How proposals arise: who moves motions and what they propose.

    ``proposers`` says who may move a motion: ``"seats"``, the seat holders of a
    seated body (councillors move motions; everyone with agenda access in an open
    assembly), or ``"all"``, everyone with agenda access. ``strategy`` says what they
    propose: ``"sincere"``, their own position moved the share ``moderation`` toward
    the reversion point; ``"setter"``, the point nearest their own position that the
    rule would pass (Romer & Rosenthal 1978).
    """

    moderation: float = declare(
        "number",
        "How far a sincere proposal is moved from the proposer's position toward q_t.",
        0.0,
        low=0,
        high=1,
        high_open=True,
    )
    proposers: Literal["seats", "all"] = declare(
        "choice",
        "Who moves motions: seat holders (all in an open assembly), or all with agenda access.",
        "seats",
        choices=("seats", "all"),
        what="who proposes",
    )
    strategy: Literal["sincere", "setter"] = declare(
        "choice",
        "Sincere: the proposer's own position; setter: the nearest point the rule would pass.",
        "sincere",
        choices=("sincere", "setter"),
        what="a proposal strategy",
    )

    def __post_init__(self) -> None:
        check_declared(self, "design.agenda")


@dataclass(frozen=True)
class Deliberation:
    """The deliberation format: kernel, rounds, network and advice (see the field docs)."""

    kernel: str = declare(
        "choice",
        "Opinion-dynamics kernel.",
        "friedkin_johnsen",
        choices=KERNEL_INFO,
        what="an opinion-dynamics kernel",
    )
    rounds: int = declare(
        "integer", "Deliberation rounds per issue (0: none).", 5, low=0, high=MAX_ROUNDS
    )
    segregation: float = declare(
        "number", "s in the stochastic block model, p_out = p_in (1 − s)", 0.0, **UNIT_INTERVAL
    )
    blocks: Literal["sector", "constituency"] = declare(
        "choice",
        "Block the network by sector or by scenario group.",
        "sector",
        choices=("sector", "constituency"),
    )
    degree: float = declare(
        "number",
        "Expected degree at s = 0: p_in = min(1, degree / (N − 1)).",
        12.0,
        low=0,
        high=MAX_DEGREE,
    )
    mu: float = declare("number", "Deffuant step size.", 0.5, low=0, high=0.5, low_open=True)
    advisory_pull: float = declare(
        "number",
        "Share of the way non-binding advice moves deciders toward the advisers' mean position.",
        0.2,
        **UNIT_INTERVAL,
    )

    def __post_init__(self) -> None:
        check_declared(self, "design.deliberation")


@dataclass(frozen=True)
class Amendment:
    """Amendment rounds: y <- y + step (mean objector position - y).

    ``rounds`` is K, the most decision rounds per issue; None means 5 for consensus
    rules and 1 (no amendment) for voting rules.
    """

    rounds: int | None = declare(
        "integer",
        "K, the most decision rounds per issue.",
        None,
        low=1,
        high=MAX_ROUNDS,
        type='integer or `"auto"`',
        default_doc='`"auto"` (stored as `None`)',
    )
    step: float = declare("number", "The amendment step", 0.5, **UNIT_INTERVAL)

    def __post_init__(self) -> None:
        check_declared(self, "design.amendment")


def check_house(house: Any, houses: tuple[str, ...], key: str, source: str | None = None) -> str:
    """A seat block's house: one of ``houses``, or ``"body"`` when none are declared."""
    if houses:
        return check_choice(house, key, houses, source, what="a house declared in design.houses")
    if house != "body":
        fail(
            key,
            f"expected 'body' (no houses are declared in design.houses); found {describe(house)}",
            source,
        )
    return house


@dataclass(frozen=True)
class Design:
    """An institution: the lever a user tests.

    ``houses`` are in code order (house 0 first; none: one house named "body");
    ``seats`` empty is an open assembly in which every stakeholder votes with weight
    equal to its group's decision dial; ``inclusion`` holds sorted (group or sector
    name, :class:`Inclusion`) pairs and ``default_inclusion`` the dials of any group
    not listed. The field docs (``docs/spec.md``) say the rest.
    """

    name: str = declare(
        "name",
        "Name of the design.",
        what="a non-empty name",
        default_doc="the file name without `.toml` (required for a dict)",
    )
    description: str = declare(
        "text", "One line on what it models; `govsim designs` prints it.", ""
    )
    source: str = declare(
        "text", "Where the design comes from: bylaw section, RFC, transcript.", ""
    )
    scenario: str = declare(
        "name",
        "Scenario used when none is given.",
        "five-sectors",
        what="a scenario name or path",
        range_doc="a built-in scenario name or a path",
    )
    attendance: float = declare(
        "number",
        "Probability that a seat holder attends a vote.",
        1.0,
        low=0,
        high=1,
        low_open=True,
    )
    houses: tuple[House, ...] = declare(
        "list",
        "The houses of the deciding body, in code order",
        (),
        item=House,
        type="list of tables (or of names)",
        default_doc="`[]`",
    )
    seats: tuple[Seats, ...] = declare(
        "list",
        "Seat blocks.",
        (),
        item=Seats,
        default_doc="`[]`",
        range_doc="at most 100,000 seats",
    )
    rule: RuleSpec = declare(
        "table",
        "The decision rule.",
        RuleSpec(),
        item=RuleSpec,
        type="table, or a rule name",
        default_doc='`{ name = "majority" }`',
    )
    inclusion: tuple[tuple[str, Inclusion], ...] = declare(
        "table",
        "Inclusion dials per group or sector.",
        (),
        default_doc="every group `empower`",
    )
    default_inclusion: Inclusion = declare(
        "table", "Dials for any group not listed.", Inclusion(), item=Inclusion, name=""
    )
    agenda: Agenda = declare(
        "table", "How proposals arise.", Agenda(), item=Agenda, default_doc="the defaults below"
    )
    deliberation: Deliberation = declare(
        "table",
        "The deliberation format.",
        Deliberation(),
        item=Deliberation,
        default_doc="the defaults below",
    )
    amendment: Amendment = declare(
        "table", "Amendment rounds.", Amendment(), item=Amendment, default_doc="the defaults below"
    )

    def __post_init__(self) -> None:
        check_declared(self, "design")
        names = tuple(h.name for h in self.houses)
        for i, block in enumerate(self.seats):
            check_house(block.house, names, join(join("design.seats", i), "house"))
        for i, pair in enumerate(self.inclusion):
            if not (isinstance(pair, tuple) and len(pair) == 2 and isinstance(pair[1], Inclusion)):
                fail(
                    join("design.inclusion", i),
                    f"expected a (name, Inclusion) pair; found {describe(pair)}",
                )

    def dials(self, group: str, sector: str) -> Inclusion:
        """Dials of a group: its own entry, else its sector's, else the default."""
        table = dict(self.inclusion)
        return table.get(group, table.get(sector, self.default_inclusion))
