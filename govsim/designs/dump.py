"""Designs and scenarios as plain data in the TOML layout: :func:`to_dict`.

The result is JSON-serialisable and every field is written out, so a stored run
records its full spec; :func:`govsim.designs.from_dict` (or ``load_design``) reads it
back to an equal object: ``load_design(to_dict(d)) == d``. Scalar keys are written as
declared (:func:`~govsim.designs.schema.field_data`); this module writes the tables
whose file layout differs from the dataclasses.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import numpy as np

from govsim.check import describe
from govsim.designs.schema import field_data
from govsim.designs.spec import IDEAL_KEYS, LEVELS, Design, Group, Inclusion, Scenario
from govsim.errors import GovsimError

__all__ = ["to_dict"]


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
    }
