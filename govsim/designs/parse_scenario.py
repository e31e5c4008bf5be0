"""Reading a ``[scenario]`` table into a :class:`~govsim.designs.spec.Scenario`."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from govsim.check import (
    check_list,
    check_number,
    check_table,
    describe,
    fail,
    join,
    one_of,
    suggest,
)
from govsim.designs.keys import IDEAL_KEYS, KEYS
from govsim.designs.schema import Table, default_name, keys_of
from govsim.designs.spec import Group, Ideal, Issues, Scenario, Shock

__all__ = ["scenario_from_dict"]

#: Bounds of a coordinate of the policy space: an ideal point's.
UNIT = keys_of(Ideal)["points"].bounds


def scenario_from_dict(table: Mapping[str, Any], *, source: str = "<dict>") -> Scenario:
    """Build a :class:`Scenario` from its ``[scenario]`` table, checking every key.

    Groups are numbered sector groups first, in file order, then constituency groups
    in file order; stakeholders are numbered group by group in that order.
    """
    t = Table(table, "scenario", KEYS["scenario"], source=source)
    d = t.read(Scenario, "dimensions")
    groups = _groups(t, d)
    sectors = tuple(dict.fromkeys(g.sector for g in groups))
    return Scenario(
        name=t.read(Scenario, "name", default_name(source)),
        groups=groups,
        description=t.read(Scenario, "description"),
        dimensions=d,
        status_quo=t.per_dimension(Scenario, "status_quo", d),
        resource_inequality=t.read(Scenario, "resource_inequality"),
        polarisation=t.read(Scenario, "polarisation"),
        indifference=t.read(Scenario, "indifference"),
        learning_rate=t.read(Scenario, "learning_rate"),
        shocks=_shocks(t, sectors),
        issues=_issues(t, d),
    )


def _box(i: Table, cls: Any, d: int) -> tuple[tuple[float, ...], tuple[float, ...]]:
    """The ``low`` and ``high`` corners of a box in [0, 1]^d, each low <= its high."""
    low, high = i.per_dimension(cls, "low", d), i.per_dimension(cls, "high", d)
    for k, (lo, hi) in enumerate(zip(low, high, strict=True)):
        if lo > hi:
            fail(
                i.key("high") if d == 1 else join(i.key("high"), k),
                f"expected a number >= low ({lo}); found {hi}",
                i.source,
            )
    return low, high


def _issues(t: Table, d: int) -> Issues:
    i = Table(t.raw("issues", {}), t.key("issues"), KEYS["scenario.issues"], source=t.source)
    low, high = _box(i, Issues, d)
    return Issues(
        process=i.read(Issues, "process"),
        low=low,
        high=high,
        step=i.read(Issues, "step"),
        burn_in=i.read(Issues, "burn_in"),
        common_value=i.read(Issues, "common_value"),
        signal_noise=i.read(Issues, "signal_noise"),
    )


def _groups(t: Table, d: int) -> tuple[Group, ...]:
    groups: list[Group] = []
    for kind in ("sectors", "constituencies"):
        path = t.key(kind)
        table = check_table(t.raw(kind, {}), path, t.source, what="a table of groups by name")
        for name, value in table.items():
            key = join(path, name)
            if not name.strip():
                fail(key, "expected a non-empty group name; found ''", t.source)
            g = Table(value, key, KEYS[f"scenario.{kind}"], source=t.source)
            sector = g.read(Group, "sector") if kind == "constituencies" else name
            count = g.read(Group, "count")
            ideal = _ideal(g, d, count)
            numbers = ("resources", "engagement", "susceptibility", "confidence")
            groups.append(
                Group(
                    name=name,
                    sector=sector,
                    count=count,
                    constituency=kind == "constituencies",
                    ideal=ideal,
                    **{field: g.read(Group, field) for field in numbers},
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
    for group in groups:
        if not group.constituency:
            continue
        key = join(t.key("constituencies"), group.name)
        if group.name in sector_groups or group.name in sectors:
            fail(
                key,
                f"expected a name that is not also a sector's; found {group.name!r}, "
                f"which scenario.sectors or a constituency's sector already uses",
                t.source,
            )
    return tuple(groups)


def _ideal(g: Table, d: int, count: int) -> Ideal:
    i = Table(g.raw("ideal", {}), g.key("ideal"), KEYS["scenario.ideal"], source=g.source)
    guess = "points" if "points" in i else "uniform" if {"low", "high"} & set(i.value) else "normal"
    kind = i.read(Ideal, "distribution", guess)
    for key in i.value:
        if key not in IDEAL_KEYS[kind]:
            fail(
                i.key(key),
                f"unknown key for distribution {kind!r}; expected {one_of(IDEAL_KEYS[kind])}",
                g.source,
            )
    if kind == "normal":
        return Ideal("normal", mean=i.per_dimension(Ideal, "mean", d), sd=i.read(Ideal, "sd"))
    if kind == "uniform":
        low, high = _box(i, Ideal, d)
        return Ideal("uniform", low=low, high=high)
    items = check_list(
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
    points: list[tuple[float, ...]] = []
    for k, point in enumerate(items):
        key = join(i.key("points"), k)
        if d == 1 and not isinstance(point, list | tuple):
            points.append((check_number(point, key, g.source, **UNIT),))
        else:
            check_list(point, key, g.source, what=f"a point: a list of {d} numbers in [0, 1]")
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
    return tuple(check_number(x, join(key, j), source, **UNIT) for j, x in enumerate(value))


def _shocks(t: Table, sectors: tuple[str, ...]) -> tuple[Shock, ...]:
    items = check_list(t.raw("shocks", []), t.key("shocks"), t.source, what="a list of shocks")
    shocks = []
    for i, item in enumerate(items):
        s = Table(item, join(t.key("shocks"), i), KEYS["scenario.shocks"], source=t.source)
        issue = s.read(Shock, "issue")
        names = check_list(
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
        shocks.append(Shock(issue, tuple(names), s.read(Shock, "engagement")))
    return tuple(shocks)
