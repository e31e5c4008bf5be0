"""Designs (the levers) and scenarios (the uncertainties) as frozen dataclasses.

A :class:`Design` is the institution a user tests: bodies and seats, who is included
in what, the decision rule, advisory channels, agenda access and the deliberation
format. A :class:`Scenario` is the context: the stakeholder groups, where their
interests lie, how unequal their resources are, how polarised they are, and shocks.
Both are built from primitives and refer to decision rules by registry *name*, so
they are hashable, picklable and round-trip through TOML and JSON. Make variants with
:func:`dataclasses.replace`.

Every field has a default; ``docs/spec.md`` documents each TOML key.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

__all__ = [
    "KERNELS",
    "LEVELS",
    "Agenda",
    "Amendment",
    "Deliberation",
    "Design",
    "Group",
    "House",
    "Ideal",
    "Inclusion",
    "RuleSpec",
    "Scenario",
    "Seats",
    "Shock",
]

Kernel = Literal["friedkin_johnsen", "degroot", "hegselmann_krause", "deffuant", "none"]
KERNELS: tuple[str, ...] = ("friedkin_johnsen", "degroot", "hegselmann_krause", "deffuant", "none")


@dataclass(frozen=True)
class Inclusion:
    """The three inclusion dials of one group, each in [0, 1].

    Attributes
    ----------
    agenda
        May raise issues and make proposals ("identifying issues").
    dialogue
        Takes part in deliberation ("having conversations").
    decision
        Vote weight in an open assembly; 0 means at most advisory.
    advisory
        The group's engaged members advise the deciders (a non-binding channel that
        pulls deciders' positions toward the group's mean position).
    """

    agenda: float = 1.0
    dialogue: float = 1.0
    decision: float = 1.0
    advisory: bool = False


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

    name: str
    seats: int | None = None


@dataclass(frozen=True)
class Seats:
    """A block of ``count`` seats filled from one scenario group.

    Attributes
    ----------
    group
        Name of the scenario group (constituency or sector) whose members hold them.
    count
        Number of seats.
    house
        Name of the house the seats sit in.
    weight
        Vote weight of each seat, in [0, 1e6]; 0 is a non-voting seat.
    coopted_by
        If set, the holders are co-opted: they hold the group's seats but their
        ideal points are drawn from this sector's distribution ("they invite their
        friends").
    """

    group: str
    count: int = 1
    house: str = "body"
    weight: float = 1.0
    coopted_by: str | None = None


@dataclass(frozen=True)
class RuleSpec:
    """A registered decision rule by name, with its parameters as sorted pairs."""

    name: str = "majority"
    params: tuple[tuple[str, Any], ...] = ()


@dataclass(frozen=True)
class Agenda:
    """How proposals arise; ``moderation`` in [0, 1) moves a proposal toward q."""

    moderation: float = 0.0


@dataclass(frozen=True)
class Deliberation:
    """The deliberation format.

    Attributes
    ----------
    kernel
        Opinion-dynamics kernel (:mod:`govsim.dynamics`), or ``"none"``.
    rounds
        Rounds per issue.
    segregation
        s in [0, 1]: p_out = p_in (1 - s) in the stochastic block model.
    blocks
        Block the network by ``"sector"`` or by ``"constituency"`` (scenario group).
    degree
        Expected degree at s = 0, in [0, 1e4]: p_in = min(1, degree / (N - 1)).
    mu
        Deffuant step size in (0, 1/2].
    advisory_pull
        Share of the way non-binding advice moves deciders toward the advisers'
        mean position.
    """

    kernel: Kernel = "friedkin_johnsen"
    rounds: int = 5
    segregation: float = 0.0
    blocks: Literal["sector", "constituency"] = "sector"
    degree: float = 12.0
    mu: float = 0.5
    advisory_pull: float = 0.2


@dataclass(frozen=True)
class Amendment:
    """Amendment rounds: y <- y + step (mean objector position - y).

    ``rounds`` is K, the most decision rounds per issue; None means 5 for consensus
    rules and 1 (no amendment) for voting rules.
    """

    rounds: int | None = None
    step: float = 0.5


@dataclass(frozen=True)
class Design:
    """An institution: the lever a user tests.

    Attributes
    ----------
    name, description, source
        Identification, and where the design comes from (bylaws, RFC, transcript).
    scenario
        Name of the built-in scenario used when none is given.
    rule
        The decision rule and its parameters.
    houses
        The houses in code order (house 0 first). Empty: one house named "body".
    seats
        Seat blocks. Empty: an open assembly in which every stakeholder votes with
        weight equal to its group's decision dial.
    inclusion
        Dials per group or sector name, as sorted (name, Inclusion) pairs.
    default_inclusion
        Dials for any group not listed.
    attendance
        Probability that a seat holder attends a vote.
    """

    name: str
    description: str = ""
    source: str = ""
    scenario: str = "five-sectors"
    rule: RuleSpec = field(default_factory=RuleSpec)
    houses: tuple[House, ...] = ()
    seats: tuple[Seats, ...] = ()
    inclusion: tuple[tuple[str, Inclusion], ...] = ()
    default_inclusion: Inclusion = field(default_factory=Inclusion)
    attendance: float = 1.0
    agenda: Agenda = field(default_factory=Agenda)
    deliberation: Deliberation = field(default_factory=Deliberation)
    amendment: Amendment = field(default_factory=Amendment)

    def dials(self, group: str, sector: str) -> Inclusion:
        """Dials of a group: its own entry, else its sector's, else the default."""
        table = dict(self.inclusion)
        return table.get(group, table.get(sector, self.default_inclusion))


@dataclass(frozen=True)
class Ideal:
    """Distribution of a group's ideal points in [0, 1]^d (values are clipped).

    ``"normal"`` uses ``mean`` and ``sd``; ``"uniform"`` draws from ``low`` to
    ``high``; ``"points"`` takes ``points`` as given, one per member (scalars for
    d = 1, else rows of length d). ``mean``, ``low`` and ``high`` are per dimension.
    """

    distribution: Literal["normal", "uniform", "points"] = "normal"
    mean: tuple[float, ...] = (0.5,)
    sd: float = 0.15
    low: tuple[float, ...] = (0.0,)
    high: tuple[float, ...] = (1.0,)
    points: tuple[tuple[float, ...], ...] = ()


@dataclass(frozen=True)
class Group:
    """A population of stakeholders: a sector, or a constituency within a sector.

    ``resources`` scales the group's resources, in [1e-6, 1e6]; the other numbers are
    each member's initial engagement, susceptibility lambda and confidence radius
    epsilon.
    """

    name: str
    sector: str
    count: int
    constituency: bool = False
    ideal: Ideal = field(default_factory=Ideal)
    resources: float = 1.0
    engagement: float = 0.6
    susceptibility: float = 0.5
    confidence: float = 0.2


@dataclass(frozen=True)
class Shock:
    """At issue ``issue`` (0-based), raise the engagement of ``sectors`` to at least
    ``engagement``. Seat holders' attendance is not affected."""

    issue: int
    sectors: tuple[str, ...]
    engagement: float = 0.9


@dataclass(frozen=True)
class Scenario:
    """The context: who the stakeholders are and how they behave.

    Attributes
    ----------
    groups
        Stakeholder groups in order; stakeholders are numbered group by group.
    dimensions
        d, the dimension of the policy space [0, 1]^d.
    status_quo
        Initial q, per dimension.
    resource_inequality
        sigma of the log-normal spread of resources within a group, in [0, 5].
    polarisation
        p in [0, 1]: each ideal moves the share p of the way to its group's pole
        (the end of each axis nearer the group's mean).
    indifference
        tau: a stakeholder abstains when |p - y| and |p - q| differ by at most tau.
    learning_rate
        eta, the engagement learning rate.
    shocks
        Engagement shocks (crises).
    """

    name: str
    groups: tuple[Group, ...]
    description: str = ""
    dimensions: int = 1
    status_quo: tuple[float, ...] = (0.5,)
    resource_inequality: float = 0.5
    polarisation: float = 0.0
    indifference: float = 0.01
    learning_rate: float = 0.1
    shocks: tuple[Shock, ...] = ()

    @property
    def sectors(self) -> tuple[str, ...]:
        """Sector names in order of first appearance."""
        return tuple(dict.fromkeys(group.sector for group in self.groups))

    @property
    def size(self) -> int:
        """N, the number of stakeholders."""
        return sum(group.count for group in self.groups)
