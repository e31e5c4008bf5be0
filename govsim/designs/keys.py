"""The file layout of a spec: the keys each table may hold, and :func:`to_dict`.

The dataclass fields of :mod:`govsim.designs.spec` declare most keys; the few that
build a design rather than fill a field (``extends``, ``regional``, an inclusion
entry's ``level``, the groups' tables) are declared here. :data:`DECLARED` maps each
table to its keys; ``docs/spec.md`` has a row for each, which a test compares with
the declaration.

:func:`to_dict` writes a spec in that layout, every field written out, so a stored run
records its full spec; :func:`govsim.designs.from_dict` (or ``load_design``) reads it
back to an equal object: ``load_design(to_dict(d)) == d``.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from typing import Any

import numpy as np

from govsim.check import describe
from govsim.designs.schema import MAX_SEATS_PER_SECTOR, Key, field_data, key_name, keys_of
from govsim.designs.spec import (
    IDEAL_KEYS,
    LEVELS,
    Agenda,
    Amendment,
    Deliberation,
    Design,
    Group,
    House,
    Ideal,
    Inclusion,
    Issues,
    RuleSpec,
    Scenario,
    Seats,
    Shock,
)
from govsim.errors import GovsimError

__all__ = [
    "DECLARED",
    "DESIGN_FILE_KEYS",
    "IDEAL_KEYS",
    "KEYS",
    "LEVEL_KEY",
    "REGIONAL_KEYS",
    "REGIONAL_READINGS",
    "REGIONAL_SCALES",
    "declared_key",
    "file_keys",
    "to_dict",
]

#: Keys of ``[design]`` read only from files: they build the design, not a field.
DESIGN_FILE_KEYS: dict[str, Key] = {
    "regional": Key("table", "Build the design from ATLAS II survey answers.", None),
    "extends": Key(
        "name",
        "Start from that design and change only what this file sets",
        None,
        range_doc="a built-in design name or a path to a `.toml` file",
    ),
}
#: The answer scales used at the ATLAS II meeting -> (lowest, highest) answer. The
#: lowest answer maps to the dial 0, the highest to 1; see
#: :func:`~govsim.designs.regional_design`.
REGIONAL_SCALES: dict[str, tuple[int, int]] = {"1-5": (1, 5), "0-5": (0, 5)}
#: The readings of question 2 (decision-making): a vote or advice ("seriously listened to").
REGIONAL_READINGS: tuple[str, ...] = ("vote", "advice")
#: The keys of ``[design.regional]`` (see :func:`~govsim.designs.regional_design`).
REGIONAL_KEYS: dict[str, Key] = {
    "answers": Key(
        "list",
        "Answers to questions 1–6.",
        what="a list of six answers",
        low=0,
        high=5,
        type="list of 6 numbers",
        range_doc='each in [1, 5] (`scale = "1-5"`) or [0, 5] (`scale = "0-5"`)',
    ),
    "scale": Key(
        "choice",
        "The answer scale: its lowest answer maps to 0, its highest to 1.",
        "1-5",
        choices=tuple(REGIONAL_SCALES),
        what="an answer scale",
    ),
    "q2": Key(
        "choice",
        "Question 2 read as a vote (seat weight) or as advice (advisory pull).",
        "vote",
        choices=REGIONAL_READINGS,
        what="a reading of question 2",
    ),
    "seats_per_sector": Key(
        "integer",
        "Seats each sector holds on the council.",
        5,
        low=1,
        high=MAX_SEATS_PER_SECTOR,
    ),
}
#: The key of an inclusion entry that starts its dials from an IAP2 level.
LEVEL_KEY = Key(
    "choice",
    "Start from this level's dials",
    None,
    choices=tuple(LEVELS),
    what="an IAP2 level",
    range_doc="an IAP2 level",
)
#: The key of a ``[design.rule]`` table that names the rule (the rest are parameters).
RULE_NAME_KEY = keys_of(RuleSpec)["name"]


def file_keys(cls: Any) -> dict[str, Key]:
    """File key -> :class:`Key` of a spec class's own table."""
    return {
        key_name(field, key): key for field, key in keys_of(cls).items() if key_name(field, key)
    }


_GROUP = file_keys(Group)
#: Every key each table of a spec may hold, declared above (``docs/spec.md`` rows).
DECLARED: dict[str, dict[str, Key]] = {
    "design": {**file_keys(Design), **DESIGN_FILE_KEYS},
    "design.houses": file_keys(House),
    "design.seats": file_keys(Seats),
    "design.rule": {"name": RULE_NAME_KEY},
    "design.inclusion": {"level": LEVEL_KEY, **file_keys(Inclusion)},
    "design.agenda": file_keys(Agenda),
    "design.deliberation": file_keys(Deliberation),
    "design.amendment": file_keys(Amendment),
    "design.regional": REGIONAL_KEYS,
    "scenario": {
        **{k: v for k, v in file_keys(Scenario).items() if k not in ("shocks", "issues")},
        "sectors": Key(
            "table",
            "Groups that are a whole sector",
            {},
            type="table of groups",
            default_doc="`{}`",
        ),
        "constituencies": Key(
            "table", "Groups inside a sector", {}, type="table of groups", default_doc="`{}`"
        ),
        "shocks": file_keys(Scenario)["shocks"],
        "issues": file_keys(Scenario)["issues"],
    },
    "scenario.sectors": {k: v for k, v in _GROUP.items() if k != "sector"},
    "scenario.constituencies": _GROUP,
    "scenario.ideal": file_keys(Ideal),
    "scenario.shocks": file_keys(Shock),
    "scenario.issues": file_keys(Issues),
}
#: Every key each table of a spec may hold, in order; ``"file"``: a file's tables.
KEYS: dict[str, tuple[str, ...]] = {
    "file": ("design", "scenario"),
    **{table: tuple(keys) for table, keys in DECLARED.items()},
}

#: Tables whose entries are named by the user (groups, inclusion entries).
_NAMED_ENTRIES = ("design.inclusion", "scenario.sectors", "scenario.constituencies")


def declared_key(root: str, tokens: Sequence[str | int]) -> Key | None:
    """The declared key a key path ends at, or None (a rule parameter, a whole table).

    ``root`` is ``"design"`` or ``"scenario"``; ``tokens`` the path below it, with
    list indices as ints.

    Examples
    --------
    >>> declared_key("scenario", ["sectors", "gov", "ideal", "mean"]).kind
    'dims'
    >>> declared_key("design", ["rule", "threshold"]) is None
    True
    """
    path, named = root, False
    for token in tokens[:-1]:
        if isinstance(token, int):
            continue
        if named:
            named = False
            continue
        path = (
            "scenario.ideal" if token == "ideal" and path in _NAMED_ENTRIES else f"{path}.{token}"
        )
        if path not in DECLARED:
            return None
        named = path in _NAMED_ENTRIES
    last = tokens[-1] if tokens else None
    if named or not isinstance(last, str):
        return None
    return DECLARED[path].get(last)


def to_dict(spec: Design | Scenario) -> dict[str, Any]:
    """A design or scenario as plain data in the TOML layout, JSON-serialisable.

    The result is ``{"design": {...}}`` or ``{"scenario": {...}}``, with every field
    written out; :func:`from_dict` (or :func:`load_design`) reads it back to an equal
    object.

    Examples
    --------
    >>> from govsim.designs.spec import Design
    >>> to_dict(Design("demo"))["design"]["rule"]
    {'name': 'majority'}
    """
    if isinstance(spec, Design):
        return {"design": _design_dict(spec)}
    if isinstance(spec, Scenario):
        return {"scenario": _scenario_dict(spec)}
    raise GovsimError(f"expected a Design or a Scenario; found {describe(spec)}")


def _plain(value: Any) -> Any:
    """Rule parameters as TOML/JSON scalars (a Fraction becomes ``"p/q"``)."""
    if isinstance(value, Fraction):
        return f"{value.numerator}/{value.denominator}"
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, str | int | float | bool):
        return value
    return str(value)


def _level_or_dials(dials: Inclusion) -> str | dict[str, Any]:
    for name, level in LEVELS.items():
        if level == dials:
            return name
    return field_data(dials)


def _design_dict(d: Design) -> dict[str, Any]:
    inclusion = {"default": _level_or_dials(d.default_inclusion)}
    inclusion |= {name: _level_or_dials(dials) for name, dials in d.inclusion}
    return field_data(
        d,
        houses=[field_data(h) for h in d.houses],
        seats=[field_data(s) for s in d.seats],
        rule={"name": d.rule.name} | {k: _plain(v) for k, v in d.rule.params},
        inclusion=inclusion,
        agenda=field_data(d.agenda),
        deliberation=field_data(d.deliberation),
        amendment=field_data(d.amendment),
    )


def _group_dict(g: Group) -> dict[str, Any]:
    ideal = field_data(g.ideal)
    used = IDEAL_KEYS[g.ideal.distribution]
    data = field_data(g, ideal={k: v for k, v in ideal.items() if k in used})
    if not g.constituency:
        del data["sector"]
    return data


def _scenario_dict(s: Scenario) -> dict[str, Any]:
    return field_data(s) | {
        "sectors": {g.name: _group_dict(g) for g in s.groups if not g.constituency},
        "constituencies": {g.name: _group_dict(g) for g in s.groups if g.constituency},
        "shocks": [field_data(k) for k in s.shocks],
        "issues": field_data(s.issues),
    }
