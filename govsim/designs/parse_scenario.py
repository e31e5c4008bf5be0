"""Reading a ``[scenario]`` table into a :class:`~govsim.designs.spec.Scenario`."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from govsim.designs.keys import (
    IDEAL_KEYS,
    KEYS,
    MAX_DIMENSIONS,
    MAX_MEMBERS,
    MAX_RESOURCE_INEQUALITY,
    MAX_RESOURCES,
    MIN_RESOURCES,
)
from govsim.designs.schema import (
    Table,
    as_list,
    as_number,
    as_table,
    default_name,
    describe,
    fail,
    join,
    one_of,
    suggest,
)
from govsim.designs.spec import Group, Ideal, Scenario, Shock

__all__ = ["scenario_from_dict"]

#: Bounds of a coordinate of the policy space.
UNIT = {"low": 0.0, "high": 1.0}


def scenario_from_dict(table: Mapping[str, Any], *, source: str = "<dict>") -> Scenario:
    """Build a :class:`Scenario` from its ``[scenario]`` table, checking every key.

    Groups are numbered sector groups first, in file order, then constituency groups
    in file order; stakeholders are numbered group by group in that order.
    """
    t = Table(table, "scenario", KEYS["scenario"], source=source)
    d = t.integer("dimensions", 1, low=1, high=MAX_DIMENSIONS)
    groups = _groups(t, d)
    sectors = tuple(dict.fromkeys(g.sector for g in groups))
    return Scenario(
        name=t.string("name", default_name(source), what="a non-empty name"),
        groups=groups,
        description=t.text("description"),
        dimensions=d,
        status_quo=t.per_dimension("status_quo", d, 0.5, low=0, high=1),
        resource_inequality=t.number(
            "resource_inequality", 0.5, low=0, high=MAX_RESOURCE_INEQUALITY
        ),
        polarisation=t.number("polarisation", 0.0, low=0, high=1),
        indifference=t.number("indifference", 0.01, low=0),
        learning_rate=t.number("learning_rate", 0.1, low=0, high=1),
        shocks=_shocks(t, sectors),
    )


def _groups(t: Table, d: int) -> tuple[Group, ...]:
    groups: list[Group] = []
    for kind in ("sectors", "constituencies"):
        path = t.key(kind)
        table = as_table(t.raw(kind, {}), path, t.source, what="a table of groups by name")
        for name, value in table.items():
            key = join(path, name)
            if not name.strip():
                fail(key, "expected a non-empty group name; found ''", t.source)
            g = Table(value, key, KEYS[f"scenario.{kind}"], source=t.source)
            if kind == "constituencies":
                sector = g.string("sector", what="the name of the constituency's sector")
            else:
                sector = name
            count = g.integer("count", low=1, high=MAX_MEMBERS)
            groups.append(
                Group(
                    name=name,
                    sector=sector,
                    count=count,
                    constituency=kind == "constituencies",
                    ideal=_ideal(g, d, count),
                    resources=g.number("resources", 1.0, low=MIN_RESOURCES, high=MAX_RESOURCES),
                    engagement=g.number("engagement", 0.6, low=0, high=1),
                    susceptibility=g.number("susceptibility", 0.5, low=0, high=1),
                    confidence=g.number("confidence", 0.2, low=0),
                )
            )
    if not groups:
        fail(
            t.key("sectors"),
            "expected at least one group in scenario.sectors or scenario.constituencies; "
            "found none",
            t.source,
        )
    sector_groups = {g.name for g in groups if not g.constituency}
    sectors = {g.sector for g in groups}
    for g in groups:
        if not g.constituency:
            continue
        key = join(t.key("constituencies"), g.name)
        if g.name in sector_groups or g.name in sectors:
            fail(
                key,
                f"expected a name that is not also a sector's; found {g.name!r}, "
                f"which scenario.sectors or a constituency's sector already uses",
                t.source,
            )
    return tuple(groups)


def _ideal(g: Table, d: int, count: int) -> Ideal:
    i = Table(g.raw("ideal", {}), g.key("ideal"), KEYS["scenario.ideal"], source=g.source)
    guess = "points" if "points" in i else "uniform" if {"low", "high"} & set(i.value) else "normal"
    kind = i.choice("distribution", IDEAL_KEYS, guess, what="a distribution")
    for key in i.value:
        if key not in IDEAL_KEYS[kind]:
            fail(
                i.key(key),
                f"unknown key for distribution {kind!r}; expected {one_of(IDEAL_KEYS[kind])}",
                g.source,
            )
    if kind == "normal":
        return Ideal(
            "normal",
            mean=i.per_dimension("mean", d, 0.5, **UNIT),
            sd=i.number("sd", 0.15, low=0),
        )
    if kind == "uniform":
        low = i.per_dimension("low", d, 0.0, **UNIT)
        high = i.per_dimension("high", d, 1.0, **UNIT)
        for k, (lo, hi) in enumerate(zip(low, high, strict=True)):
            if lo > hi:
                fail(
                    i.key("high") if d == 1 else join(i.key("high"), k),
                    f"expected a number >= low ({lo}); found {hi}",
                    g.source,
                )
        return Ideal("uniform", low=low, high=high)
    items = as_list(
        i.raw("points", what=f"a list of {count} points"),
        i.key("points"),
        g.source,
        what=f"a list of {count} points, one per member",
    )
    if len(items) != count:
        fail(
            i.key("points"),
            f"expected {count} points, one per member (count = {count}); found {len(items)}",
            g.source,
        )
    points = []
    for k, point in enumerate(items):
        key = join(i.key("points"), k)
        if d == 1 and not isinstance(point, list | tuple):
            points.append((as_number(point, key, g.source, **UNIT),))
        else:
            as_list(point, key, g.source, what=f"a point: a list of {d} numbers in [0, 1]")
            points.append(_point(point, key, g.source, d))
    return Ideal("points", points=tuple(points))


def _point(value: list[Any], key: str, source: str | None, d: int) -> tuple[float, ...]:
    if len(value) != d:
        fail(
            key,
            f"expected a point of {d} coordinate{'s' if d != 1 else ''} in [0, 1] "
            f"(scenario.dimensions = {d}); found {describe(value)}",
            source,
        )
    return tuple(as_number(x, join(key, j), source, **UNIT) for j, x in enumerate(value))


def _shocks(t: Table, sectors: tuple[str, ...]) -> tuple[Shock, ...]:
    items = as_list(t.raw("shocks", []), t.key("shocks"), t.source, what="a list of shocks")
    shocks = []
    for i, item in enumerate(items):
        s = Table(item, join(t.key("shocks"), i), KEYS["scenario.shocks"], source=t.source)
        issue = s.integer("issue", low=0)
        names = as_list(
            s.raw("sectors", what="a list of sector names"),
            s.key("sectors"),
            t.source,
            what="a non-empty list of sector names",
            min_len=1,
        )
        for k, name in enumerate(names):
            key = join(s.key("sectors"), k)
            if name not in sectors:
                fail(
                    key,
                    f"expected a sector of the scenario: {one_of(sectors)}; "
                    f"found {describe(name)}{suggest(name, sectors)}",
                    t.source,
                )
            if name in names[:k]:
                fail(key, f"expected each sector once; found {name!r} again", t.source)
        shocks.append(Shock(issue, tuple(names), s.number("engagement", 0.9, low=0, high=1)))
    return tuple(shocks)
