"""Scenarios (the uncertainties) as frozen dataclasses: the context a design meets.

A :class:`Scenario` holds the stakeholder groups, where their interests lie, how
unequal their resources are, how polarised they are, the issue stream and shocks.
Fields are declared once with :func:`~govsim.designs.schema.declare`, as the design's
are (:mod:`govsim.designs.spec`).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal

from govsim.check import fail, join
from govsim.designs.schema import (
    MAX_COMMON_VALUE,
    MAX_DIMENSIONS,
    MAX_MEMBERS,
    MAX_RESOURCE_INEQUALITY,
    MAX_RESOURCES,
    MIN_RESOURCES,
    UNIT_INTERVAL,
    check_declared,
    declare,
    per_dimension,
)

__all__ = ["IDEAL_KEYS", "PROCESSES", "Group", "Ideal", "Issues", "Scenario", "Shock"]


@dataclass(frozen=True)
class Ideal:
    """Distribution of a group's ideal points in [0, 1]^d (values are clipped).

    ``"normal"`` uses ``mean`` and ``sd``; ``"uniform"`` draws from ``low`` to
    ``high``; ``"points"`` takes ``points`` as given, one per member (scalars for
    d = 1, else rows of length d). ``mean``, ``low`` and ``high`` are per dimension.
    """

    distribution: Literal["normal", "uniform", "points"] = declare(
        "choice",
        "The distribution.",
        "normal",
        choices=("normal", "uniform", "points"),
        what="a distribution",
        default_doc="see above",
    )
    mean: tuple[float, ...] = declare("dims", "Mean.", (0.5,), **UNIT_INTERVAL)
    sd: float = declare("number", "Standard deviation.", 0.15, low=0)
    low: tuple[float, ...] = declare("dims", "Lower bound.", (0.0,), **UNIT_INTERVAL)
    high: tuple[float, ...] = declare(
        "dims", "Upper bound.", (1.0,), **UNIT_INTERVAL, range_doc="[0, 1], ≥ `low`"
    )
    points: tuple[tuple[float, ...], ...] = declare(
        "points",
        "One point per member, in member order",
        (),
        **UNIT_INTERVAL,
        default_doc="required",
        range_doc="exactly `count` points, each in [0, 1]^d",
    )

    def __post_init__(self) -> None:
        check_declared(self, "scenario.ideal")
        for k, (lo, hi) in enumerate(zip(self.low, self.high, strict=False)):
            if lo > hi:
                fail(join("scenario.ideal.high", k), f"expected a number >= low ({lo}); found {hi}")


#: Keys of an ideal-point table used by each distribution.
IDEAL_KEYS: dict[str, tuple[str, ...]] = {
    "normal": ("distribution", "mean", "sd"),
    "uniform": ("distribution", "low", "high"),
    "points": ("distribution", "points"),
}


@dataclass(frozen=True)
class Group:
    """A population of stakeholders: a sector, or a constituency within a sector.

    ``resources`` scales the group's resources; the other numbers are each member's
    initial engagement, susceptibility lambda and confidence radius epsilon.
    """

    name: str = declare("name", "The group's name.", name="")
    sector: str = declare(
        "name",
        "The sector the constituency belongs to",
        what="the name of the constituency's sector",
        default_doc="required in a constituency; not allowed in a sector group",
    )
    count: int = declare("integer", "Number of members.", low=1, high=MAX_MEMBERS)
    constituency: bool = declare("bool", "A constituency within its sector.", False, name="")
    ideal: Ideal = declare(
        "table",
        "Where the members' ideal points lie",
        Ideal(),
        item=Ideal,
        default_doc='`{ distribution = "normal", mean = 0.5, sd = 0.15 }`',
    )
    resources: float = declare(
        "number", "Scales the group's resources", 1.0, low=MIN_RESOURCES, high=MAX_RESOURCES
    )
    engagement: float = declare(
        "number",
        "Each member's initial engagement: the probability of taking part in an issue.",
        0.6,
        **UNIT_INTERVAL,
    )
    susceptibility: float = declare(
        "number", "λ, openness to others in Friedkin–Johnsen deliberation", 0.5, **UNIT_INTERVAL
    )
    confidence: float = declare(
        "number", "ε, the radius of the bounded-confidence kernels.", 0.2, low=0
    )

    def __post_init__(self) -> None:
        kind = "constituencies" if self.constituency is True else "sectors"
        check_declared(self, join(f"scenario.{kind}", self.name))


@dataclass(frozen=True)
class Shock:
    """At issue ``issue`` (0-based), raise the engagement of ``sectors``.

    Their engagement becomes at least ``engagement``. Seat holders' attendance is not
    affected.
    """

    issue: int = declare(
        "integer", "The issue (0-based model step) at which the shock hits.", low=0
    )
    sectors: tuple[str, ...] = declare(
        "names",
        "Whose engagement rises.",
        range_doc="non-empty; sectors of the scenario, each once",
    )
    engagement: float = declare(
        "number",
        "The level those sectors' members' engagement rises to at least",
        0.9,
        **UNIT_INTERVAL,
    )

    def __post_init__(self) -> None:
        check_declared(self, "scenario.shocks")


#: The issue processes: where each issue's reversion point q_t comes from.
PROCESSES = ("fresh", "drift", "fixed")


@dataclass(frozen=True)
class Issues:
    """The issue stream: where each issue's reversion point q_t comes from.

    ``"fresh"``: every issue is a new question, q_t uniform on the box from ``low`` to
    ``high`` (Tsebelis 2002; Krehbiel 1998). ``"drift"``: one question the world keeps
    moving, q_t = outcome_{t-1} + a normal step of standard deviation ``step`` per
    axis, clipped to [0, 1] (Callander & Krehbiel 2014). ``"fixed"``: one question that
    moves only when a motion passes, from ``scenario.status_quo``. The first
    ``burn_in`` issues are left out of the run's averages.

    With ``common_value`` w > 0 each motion also has a hidden quality θ_t = ±1 (good
    or bad for everyone) that each stakeholder values with weight w and of which it
    holds a private signal θ_t + sigma * epsilon (Condorcet 1785); deliberation pools the
    participants' estimates.
    """

    process: Literal["fresh", "drift", "fixed"] = declare(
        "choice",
        "Where each issue's reversion point q_t comes from.",
        "fresh",
        choices=PROCESSES,
        what="an issue process",
    )
    low: tuple[float, ...] = declare(
        "dims", "`fresh`: lower corner of q_t's box.", (0.0,), **UNIT_INTERVAL
    )
    high: tuple[float, ...] = declare(
        "dims",
        "`fresh`: upper corner of q_t's box.",
        (1.0,),
        **UNIT_INTERVAL,
        range_doc="[0, 1], ≥ `low`",
    )
    step: float = declare(
        "number", "`drift`: standard deviation of q_t's step per axis.", 0.1, low=0, high=1
    )
    burn_in: int = declare(
        "integer", "Issues left out of the run's averages, from the first.", 0, low=0
    )
    common_value: float = declare(
        "number",
        "w: the weight every stakeholder puts on the motion's hidden quality θ_t = ±1.",
        0.0,
        low=0,
        high=MAX_COMMON_VALUE,
    )
    signal_noise: float = declare(
        "number",
        "The SD of the normal noise in each stakeholder's private signal of θ_t.",
        1.0,
        low=0,
        high=MAX_COMMON_VALUE,
        low_open=True,
    )

    def __post_init__(self) -> None:
        check_declared(self, "scenario.issues")
        for k, (lo, hi) in enumerate(zip(self.low, self.high, strict=False)):
            if lo > hi:
                fail(
                    join("scenario.issues.high", k), f"expected a number >= low ({lo}); found {hi}"
                )


@dataclass(frozen=True)
class Scenario:
    """The context: who the stakeholders are and how they behave.

    ``groups`` are in order (stakeholders are numbered group by group); the field
    docs (``docs/spec.md``) say the rest.
    """

    name: str = declare(
        "name",
        "Name of the scenario.",
        what="a non-empty name",
        default_doc="the file name without `.toml`/`.scenario.toml` (required for a dict)",
    )
    groups: tuple[Group, ...] = declare("list", "Stakeholder groups in order.", item=Group, name="")
    description: str = declare("text", "One line; `govsim designs --scenarios` prints it.", "")
    dimensions: int = declare(
        "integer",
        "d, the dimension of the policy space [0, 1]^d.",
        1,
        low=1,
        high=MAX_DIMENSIONS,
    )
    status_quo: tuple[float, ...] = declare(
        "dims",
        "The status quo before the first issue (`fixed` and `drift` start there).",
        (0.5,),
        **UNIT_INTERVAL,
    )
    resource_inequality: float = declare(
        "number",
        "The spread of resources within a group",
        0.5,
        low=0,
        high=MAX_RESOURCE_INEQUALITY,
    )
    polarisation: float = declare(
        "number",
        "p: each ideal moves the share p of the way to its group's pole",
        0.0,
        **UNIT_INTERVAL,
    )
    indifference: float = declare(
        "number",
        "τ: a stakeholder abstains when its distances to y and to q differ by at most τ.",
        0.01,
        low=0,
    )
    learning_rate: float = declare(
        "number", "η, the engagement learning rate.", 0.1, **UNIT_INTERVAL
    )
    shocks: tuple[Shock, ...] = declare(
        "list", "Engagement shocks: `[[scenario.shocks]]`.", (), item=Shock, default_doc="`[]`"
    )
    issues: Issues = declare(
        "table",
        "The issue stream: `[scenario.issues]`.",
        Issues(),
        item=Issues,
        default_doc="the defaults below",
    )

    def __post_init__(self) -> None:
        check_declared(self, "scenario")
        if not self.groups:
            fail(
                "scenario.sectors",
                "expected at least one group in scenario.sectors or scenario.constituencies; "
                "found none",
            )
        d = self.dimensions
        per_dimension(self.status_quo, "scenario.status_quo", None, d)
        issues = self.issues
        if d > 1 and len(issues.low) == len(issues.high) == 1:
            # The defaults are one corner for every axis, as a scalar in a file is.
            issues = replace(issues, low=issues.low * d, high=issues.high * d)
            object.__setattr__(self, "issues", issues)
        for field in ("low", "high"):
            per_dimension(getattr(issues, field), join("scenario.issues", field), None, d)
        for group in self.groups:
            kind = "constituencies" if group.constituency else "sectors"
            path = join(join(join("scenario", kind), group.name), "ideal")
            for field in IDEAL_KEYS[group.ideal.distribution][1:]:
                if field != "points":
                    per_dimension(getattr(group.ideal, field), join(path, field), None, d)
            for k, point in enumerate(group.ideal.points):
                per_dimension(point, join(join(path, "points"), k), None, d)

    @property
    def sectors(self) -> tuple[str, ...]:
        """Sector names in order of first appearance."""
        return tuple(dict.fromkeys(group.sector for group in self.groups))

    @property
    def size(self) -> int:
        """N, the number of stakeholders."""
        return sum(group.count for group in self.groups)
