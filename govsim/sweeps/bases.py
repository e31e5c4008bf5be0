"""What a worker builds its runs from: each design and scenario as plain tables.

The parent reads every design of a sweep, and the scenario it meets, once
(:func:`read_base`); workers get the raw tables as plain data, with the names the
files give by default written in, and apply each point's typed ``(key path, value)``
overrides to them (:meth:`Base.sources`). So a worker never reads a design file: a
Dask worker on another machine, or in another folder, needs only govsim installed.

The tables are the files' own (``design.extends`` merged in), not the resolved spec
(:func:`govsim.designs.to_dict`), because an override means what it means in the
file: ``regional.answers.0`` re-runs the ``regional`` preset, and
``scenario.dimensions`` re-broadcasts a status quo the file left at its default.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from govsim.designs import resolve
from govsim.designs.load import read_source
from govsim.designs.resolve import scenario_source

__all__ = ["Base", "Override", "read_base"]

#: A typed override: a ``--set`` key path and the value it sets.
Override = tuple[str, Any]

#: The keys of a design that name its scenario (``scenario.x`` is a scenario key).
_SCENARIO_REFERENCE = ("scenario", "design.scenario")


@dataclass(frozen=True)
class Base:
    """A design's table and its scenario's table, in the file layout.

    Attributes
    ----------
    name
        The design's name with the experiment's constants applied: the label of its
        runs in the results.
    design
        ``{"design": {...}}``.
    scenario
        ``{"scenario": {...}}``: the experiment's scenario, the design file's own, or
        the one the design names.
    """

    name: str
    design: Mapping[str, Any]
    scenario: Mapping[str, Any]

    def sources(self, overrides: Sequence[Override] = ()) -> tuple[Any, Any]:
        """The ``design, scenario`` to resolve with ``overrides``, as the files would give.

        The pair is for :func:`govsim.designs.resolve` (or :func:`govsim.run`).

        An override of the design's own ``scenario`` key names another scenario, which
        is then read by name (a built-in, or a path the worker must be able to read).
        """
        if any(key in _SCENARIO_REFERENCE for key, _ in overrides):
            return self.design, None
        return self.design, self.scenario


def read_base(source: Any, scenario: Any, constants: Sequence[Override] = ()) -> Base:
    """Read design ``source`` and its scenario into a :class:`Base`.

    Parameters
    ----------
    source
        A built-in design name or a path.
    scenario
        The experiment's scenario (a built-in name or a path), or None for the
        design's own.
    constants
        The experiment's constants: one may change which scenario the design names.

    Raises
    ------
    GovsimError
        As :func:`govsim.designs.resolve` does for ``source``.
    """
    design, context = resolve(source, scenario, constants)
    data, label = read_source(source, "design")
    if scenario is not None:
        tables, _ = read_source(scenario, "scenario")
    elif isinstance(data.get("scenario"), Mapping):
        tables = data
    else:
        tables, _ = read_source(scenario_source(design, label), "scenario")
    # A file without a name is named after the file, which a table no longer is.
    named = {"name": design.name} | dict(data["design"])
    setting = {"name": context.name} | dict(tables["scenario"])
    return Base(design.name, {"design": named}, {"scenario": setting})
