"""Reading a ``[design]`` table into a :class:`~govsim.designs.spec.Design`.

Every key, type and range is checked, and the decision rule's parameters are checked
by calling the bound rule once on a small batch of ballots over the design's seats.
A design is checked on its own here; :func:`govsim.designs.resolve.check_compatible`
checks it against a scenario.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np

from govsim.check import (
    check_list,
    check_table,
    describe,
    fail,
    integer_expected,
    join,
    one_of,
    suggest,
)
from govsim.designs.keys import KEYS, LEVEL_KEY, REGIONAL_KEYS, to_dict
from govsim.designs.regional import regional_design
from govsim.designs.schema import MAX_SEATS, REQUIRED, Table, default_name, keys_of
from govsim.designs.spec import (
    LEVELS,
    Agenda,
    Amendment,
    Deliberation,
    Design,
    House,
    Inclusion,
    RuleSpec,
    Seats,
    check_house,
)
from govsim.errors import GovsimError, IntegerExpected, RuleParameterError

__all__ = ["check_house_sizes", "design_from_dict"]


def design_from_dict(
    table: Mapping[str, Any], *, source: str = "<dict>", house_sizes: bool = True
) -> Design:
    """Build a :class:`Design` from its ``[design]`` table, checking every key.

    ``house_sizes=False`` leaves out :func:`check_house_sizes`, for a caller that
    first checks the seats against a scenario (a seat block that takes more seats
    than its group has members is the more fundamental error) and then runs it.

    ``design.extends`` is read only from design files, by the loader, which replaces
    it with the base; here, in a mapping or a ``--set``, it is an error.
    """
    t = Table(table, "design", KEYS["design"], source=source)
    if "extends" in t:
        fail(
            t.key("extends"),
            "is read only from design files (write a .toml file that extends the base), "
            f"not from a dict or --set; found {describe(t.raw('extends'))}",
            source,
        )
    if "regional" in t:
        return design_from_dict(_expand_regional(t), source=source, house_sizes=house_sizes)
    houses = _houses(t)
    seats = _seats(t, houses)
    if house_sizes:
        check_house_sizes(houses, seats, source)
    default, inclusion = _inclusion(t)
    return Design(
        name=t.read(Design, "name", default_name(source)),
        description=t.read(Design, "description"),
        source=t.read(Design, "source"),
        scenario=t.read(Design, "scenario"),
        rule=_rule(t, houses, seats),
        houses=houses,
        seats=seats,
        inclusion=inclusion,
        default_inclusion=default,
        attendance=t.read(Design, "attendance"),
        agenda=Agenda(**_fields(t, "agenda", Agenda)),
        deliberation=Deliberation(**_fields(t, "deliberation", Deliberation)),
        amendment=_amendment(t),
    )


def _fields(t: Table, key: str, cls: Any) -> dict[str, Any]:
    """Every declared field of table ``key`` of ``t``, read as ``cls`` declares it."""
    table = Table(t.raw(key, {}), t.key(key), KEYS[f"design.{key}"], source=t.source)
    return {field: table.read(cls, field) for field in KEYS[f"design.{key}"]}


def _expand_regional(t: Table) -> dict[str, Any]:
    """The design table with ``[design.regional]`` replaced by the preset it builds.

    Keys given next to ``regional`` override the preset's: top-level keys and whole
    ``rule``/``houses``/``seats`` replace it; ``inclusion``, ``agenda``,
    ``deliberation`` and ``amendment`` entries are merged key by key.
    """
    r = Table(t.raw("regional"), t.key("regional"), KEYS["design.regional"], source=t.source)
    preset = regional_design(
        r.raw("answers", what=REGIONAL_KEYS["answers"].expected()),
        scale=r.raw("scale", REGIONAL_KEYS["scale"].default),
        q2=r.raw("q2", REGIONAL_KEYS["q2"].default),
        seats_per_sector=r.raw("seats_per_sector", REGIONAL_KEYS["seats_per_sector"].default),
        name=_name_hint(t),
        source=t.source,
        key=t.key("regional"),
    )
    merged = to_dict(preset)["design"]
    for key, value in t.value.items():
        if key == "regional":
            continue
        if key in ("inclusion", "agenda", "deliberation", "amendment") and isinstance(
            value, Mapping
        ):
            merged[key] = {**merged.get(key, {}), **value}
        else:
            merged[key] = value
    return merged


def _name_hint(t: Table) -> str | None:
    """The design's name as given, else its file's name, else None (the preset's)."""
    name = t.value.get("name", default_name(t.source))
    return name if isinstance(name, str) and name.strip() else None


def _houses(t: Table) -> tuple[House, ...]:
    value = t.raw("houses", [])
    items = check_list(value, t.key("houses"), t.source, what="a list of house tables")
    houses, seen = [], set()
    for i, item in enumerate(items):
        key = join(t.key("houses"), i)
        if isinstance(item, str):
            item = {"name": item}
        h = Table(item, key, KEYS["design.houses"], source=t.source)
        name = h.read(House, "name")
        if name in seen:
            fail(
                h.key("name"), f"expected a new house name; found the duplicate {name!r}", t.source
            )
        seen.add(name)
        houses.append(House(name, h.read(House, "seats")))
    return tuple(houses)


def _seats(t: Table, houses: tuple[House, ...]) -> tuple[Seats, ...]:
    value = t.raw("seats", [])
    items = check_list(value, t.key("seats"), t.source, what="a list of seat tables")
    names = [h.name for h in houses]
    seats, total = [], 0
    for i, item in enumerate(items):
        s = Table(item, join(t.key("seats"), i), KEYS["design.seats"], source=t.source)
        group = s.read(Seats, "group")
        count = s.read(Seats, "count")
        house = check_house(
            s.raw(
                "house",
                "body" if not houses else REQUIRED,
                what="a house declared in design.houses",
            ),
            tuple(names),
            s.key("house"),
            t.source,
        )
        weight = s.read(Seats, "weight")
        coopted = s.read(Seats, "coopted_by")
        total += count
        if total > MAX_SEATS:
            fail(t.key("seats"), f"expected at most {MAX_SEATS} seats; found more", t.source)
        seats.append(Seats(group, count, house, weight, coopted))
    if houses and not seats:
        fail(
            t.key("houses"),
            "expected seat blocks in design.seats for the declared houses; found none "
            "(an open assembly has no houses)",
            t.source,
        )
    if seats and not any(s.weight > 0 for s in seats):
        fail(t.key("seats"), "expected at least one voting seat (weight > 0); found none", t.source)
    for i, declared in enumerate(houses):
        if not any(s.house == declared.name for s in seats):
            fail(
                join(t.key("houses"), i),
                f"expected at least one seat block with house = {declared.name!r}; found none",
                t.source,
            )
    return tuple(seats)


def check_house_sizes(
    houses: tuple[House, ...], seats: tuple[Seats, ...], source: str | None
) -> None:
    """Check each declared ``houses[i].seats`` against the voting seats placed there."""
    for i, house in enumerate(houses):
        voting = sum(s.count for s in seats if s.house == house.name and s.weight > 0)
        if house.seats is not None and voting != house.seats:
            fail(
                join(join("design.houses", i), "seats"),
                f"expected the number of voting seats that design.seats places in house "
                f"{house.name!r} ({voting}); found {house.seats}",
                source,
            )


def _ballot_body(
    houses: tuple[House, ...], seats: tuple[Seats, ...]
) -> tuple[np.ndarray, np.ndarray]:
    """Seat weights and house codes of a seated body, or a stand-in open assembly."""
    if not seats:
        return np.ones(3), np.zeros(3, dtype=int)
    code = {h.name: i for i, h in enumerate(houses)} or {"body": 0}
    counts = [s.count for s in seats]
    weights = np.repeat([s.weight for s in seats], counts)
    return weights, np.repeat([code[s.house] for s in seats], counts)


def _rule(t: Table, houses: tuple[House, ...], seats: tuple[Seats, ...]) -> RuleSpec:
    from govsim.rules import RULES

    value = t.raw("rule", {"name": "majority"})
    if isinstance(value, str):
        value = {"name": value}
    path = t.key("rule")
    table = check_table(value, path, t.source, what="a rule name or a table with a name")
    if "name" not in table:
        fail(join(path, "name"), f"missing required key; expected {one_of(RULES)}", t.source)
    name = table["name"]
    if not isinstance(name, str) or name not in RULES:
        fail(
            join(path, "name"),
            f"expected a registered rule: {one_of(RULES)}; found {describe(name)}"
            f"{suggest(name, RULES)}",
            t.source,
        )
    info = RULES[name]
    params = []
    for key, param in table.items():
        if key == "name":
            continue
        if key not in info.defaults:
            expected = (
                one_of(["name", *info.defaults])
                if info.defaults
                else f"only name (rule {name!r} takes no parameters)"
            )
            fail(
                join(path, key),
                f"unknown parameter of rule {name!r}; expected {expected}"
                f"{suggest(key, info.defaults)}",
                t.source,
            )
        if not isinstance(param, str | int | float | bool):
            fail(
                join(path, key),
                f"expected a string, number or boolean; found {describe(param)}",
                t.source,
            )
        params.append((key, param))
    spec = RuleSpec(name, tuple(sorted(params)))
    _try_rule(spec, houses, seats, path, t.source)
    return spec


#: What a rule call may raise on parameters it cannot use (OverflowError is an
#: ArithmeticError: ``quota = 1e308`` overflows a C long inside numpy).
_RULE_ERRORS = (GovsimError, TypeError, ValueError, ArithmeticError, LookupError, RecursionError)


def _try_rule(
    spec: RuleSpec,
    houses: tuple[House, ...],
    seats: tuple[Seats, ...],
    path: str,
    source: str | None,
) -> None:
    """Call the bound rule once on a small batch of ballots; it checks its parameters.

    Whatever the call raises becomes a one-line error under the parameter to blame:
    the first parameter the rule rejects on its own (the others left at their
    defaults), else the parameter a :class:`~govsim.errors.RuleParameterError`
    names, else ``design.rule``.
    """
    weights, codes = _ballot_body(houses, seats)
    params = dict(spec.params)
    error = _rule_error(spec.name, params, weights, codes)
    if error is None:
        return
    for key, value in spec.params:
        alone = _rule_error(spec.name, {key: value}, weights, codes)
        if alone is not None:
            _fail_param(spec.name, path, key, value, alone, source)
    if isinstance(error, RuleParameterError) and error.parameter in params:
        _fail_param(spec.name, path, error.parameter, params[error.parameter], error, source)
    fail(path, f"rule {spec.name!r} rejects its parameters: {_one_line(error)}", source)


def _rule_error(
    name: str, params: dict[str, Any], weights: np.ndarray, codes: np.ndarray
) -> BaseException | None:
    """What the bound rule raises on three ballots (all for, all against, mixed), or None."""
    from govsim.rules import Stance, get_rule

    n = len(weights)
    cycle = np.array([Stance.SUPPORT, Stance.OPPOSE, Stance.ABSTAIN, Stance.ABSENT])
    stances = np.stack(
        [np.full(n, Stance.SUPPORT), np.full(n, Stance.OPPOSE), np.resize(cycle, n)]
    ).astype(np.int8)
    try:
        get_rule(name, **params)(stances, weights, codes)
    except _RULE_ERRORS as e:
        return e
    return None


def _fail_param(
    rule: str, path: str, key: str, value: Any, error: BaseException, source: str | None
) -> None:
    """Raise the error for rule parameter ``key``: the rule's own words if it checked it."""
    if isinstance(error, GovsimError):
        hint = suggest(value, _param_choices().get(key, ()))
        fail(join(path, key), f"rule {rule!r} rejects it: {_one_line(error)}{hint}", source)
    fail(
        join(path, key),
        f"expected a value rule {rule!r} can compute with; found {describe(value)}, "
        f"on which it fails with {type(error).__name__}: {_one_line(error)}",
        source,
    )


def _one_line(error: BaseException) -> str:
    """An exception's message on one line (its class name if it has none)."""
    text = " ".join(str(error).split("\n")).strip()
    return text or type(error).__name__


def _param_choices() -> dict[str, tuple[str, ...]]:
    """Named values of rule parameters, for a did-you-mean."""
    from govsim.rules import THRESHOLDS
    from govsim.rules.consensus import WG_LEVELS
    from govsim.rules.shares import BASES

    return {"threshold": tuple(THRESHOLDS), "base": BASES, "passes_at": WG_LEVELS[:3]}


def _dials(value: Any, key: str, source: str | None) -> Inclusion:
    """An IAP2 level name, or a table of dials (optionally starting from a level)."""
    if isinstance(value, str):
        if value not in LEVELS:
            fail(
                key,
                f"expected an IAP2 level: {one_of(LEVELS)}, or a table of dials; "
                f"found {describe(value)}{suggest(value, LEVELS)}",
                source,
            )
        return LEVELS[value]
    d = Table(value, key, KEYS["design.inclusion"], source=source)
    level = LEVEL_KEY.check(d.raw("level", None), d.key("level"), source)
    base = LEVELS[level] if level is not None else Inclusion()
    fields = KEYS["design.inclusion"][1:]
    return Inclusion(**{field: d.read(Inclusion, field, getattr(base, field)) for field in fields})


def _inclusion(t: Table) -> tuple[Inclusion, tuple[tuple[str, Inclusion], ...]]:
    path = t.key("inclusion")
    table = check_table(t.raw("inclusion", {}), path, t.source)
    default = Inclusion()
    entries = []
    for name, value in table.items():
        dials = _dials(value, join(path, name), t.source)
        if name == "default":
            default = dials
        else:
            if not name.strip():
                fail(join(path, name), "expected a group or sector name; found ''", t.source)
            entries.append((name, dials))
    return default, tuple(sorted(entries))


def _amendment(t: Table) -> Amendment:
    a = Table(t.raw("amendment", {}), t.key("amendment"), KEYS["design.amendment"], source=t.source)
    if a.raw("rounds", "auto") == "auto":
        rounds = None
    else:
        try:
            rounds = a.read(Amendment, "rounds")
        except IntegerExpected as error:
            bounds = keys_of(Amendment)["rounds"].bounds
            raise IntegerExpected(
                error.key,
                f"expected {integer_expected(**bounds)} or 'auto'; "
                f"found {describe(a.raw('rounds'))}",
                source=error.source,
            ) from None
    return Amendment(rounds=rounds, step=a.read(Amendment, "step"))
