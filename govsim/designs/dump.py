"""Designs and scenarios as plain data in the TOML layout: :func:`to_dict`.

The result is JSON-serialisable and every field is written out, so a stored run
records its full spec; :func:`govsim.designs.from_dict` (or ``load_design``) reads it
back to an equal object: ``load_design(to_dict(d)) == d``.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import numpy as np

from govsim.designs.schema import describe
from govsim.designs.spec import LEVELS, Design, Group, Ideal, Inclusion, Scenario
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
    return {
        "agenda": dials.agenda,
        "dialogue": dials.dialogue,
        "decision": dials.decision,
        "advisory": dials.advisory,
    }


def _design_dict(d: Design) -> dict[str, Any]:
    houses = [
        {"name": h.name} | ({"seats": h.seats} if h.seats is not None else {}) for h in d.houses
    ]
    seats = [
        {"group": s.group, "count": s.count, "house": s.house, "weight": s.weight}
        | ({"coopted_by": s.coopted_by} if s.coopted_by is not None else {})
        for s in d.seats
    ]
    inclusion = {"default": _level_or_dials(d.default_inclusion)}
    inclusion |= {name: _level_or_dials(dials) for name, dials in d.inclusion}
    b = d.deliberation
    return {
        "name": d.name,
        "description": d.description,
        "source": d.source,
        "scenario": d.scenario,
        "attendance": d.attendance,
        "houses": houses,
        "seats": seats,
        "rule": {"name": d.rule.name} | {k: _plain(v) for k, v in d.rule.params},
        "inclusion": inclusion,
        "agenda": {"moderation": d.agenda.moderation},
        "deliberation": {
            "kernel": b.kernel,
            "rounds": b.rounds,
            "segregation": b.segregation,
            "blocks": b.blocks,
            "degree": b.degree,
            "mu": b.mu,
            "advisory_pull": b.advisory_pull,
        },
        "amendment": ({"rounds": d.amendment.rounds} if d.amendment.rounds is not None else {})
        | {"step": d.amendment.step},
    }


def _ideal_dict(ideal: Ideal) -> dict[str, Any]:
    if ideal.distribution == "normal":
        return {"distribution": "normal", "mean": list(ideal.mean), "sd": ideal.sd}
    if ideal.distribution == "uniform":
        return {"distribution": "uniform", "low": list(ideal.low), "high": list(ideal.high)}
    return {"distribution": "points", "points": [list(p) for p in ideal.points]}


def _group_dict(g: Group) -> dict[str, Any]:
    return ({"sector": g.sector} if g.constituency else {}) | {
        "count": g.count,
        "ideal": _ideal_dict(g.ideal),
        "resources": g.resources,
        "engagement": g.engagement,
        "susceptibility": g.susceptibility,
        "confidence": g.confidence,
    }


def _scenario_dict(s: Scenario) -> dict[str, Any]:
    return {
        "name": s.name,
        "description": s.description,
        "dimensions": s.dimensions,
        "status_quo": list(s.status_quo),
        "resource_inequality": s.resource_inequality,
        "polarisation": s.polarisation,
        "indifference": s.indifference,
        "learning_rate": s.learning_rate,
        "sectors": {g.name: _group_dict(g) for g in s.groups if not g.constituency},
        "constituencies": {g.name: _group_dict(g) for g in s.groups if g.constituency},
        "shocks": [
            {"issue": k.issue, "sectors": list(k.sectors), "engagement": k.engagement}
            for k in s.shocks
        ],
    }
