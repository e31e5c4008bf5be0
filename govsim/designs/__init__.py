"""Designs (the levers) and scenarios (the uncertainties): specs, loading, built-ins.

A :class:`Design` is the institution under test and a :class:`Scenario` the context
it meets; both are frozen dataclasses (:mod:`govsim.designs.spec`) read from TOML.
Each key is declared once, on its dataclass field (:mod:`govsim.designs.schema`):
building a spec in Python checks it as loading a file does.

- :func:`load_design`, :func:`load_scenario`: from a built-in name, a TOML file or a
  parsed table, checking every key (one-line :class:`~govsim.errors.GovsimError`).
- :func:`resolve`: a design with its scenario, ``--set`` overrides applied, checked
  against each other by :func:`check_compatible`.
- :func:`to_dict` / :func:`from_dict`: plain JSON-serialisable data and back.
- :data:`KEYS`: the keys each table of a file may hold (:mod:`govsim.designs.keys`).
- :data:`BUILTIN_DESIGNS`, :data:`BUILTIN_SCENARIOS`: the built-in library.
- :func:`regional_design`: a design from ATLAS II regional survey answers.
- :func:`validate`: what ``govsim validate`` checks for one file or name.
- :func:`seating`, :func:`amendment_rounds`: how a design seats a scenario.

``docs/spec.md`` documents every key of a design or scenario file.

Examples
--------
>>> from govsim.designs import resolve
>>> design, scenario = resolve("gnso-council")
>>> [h.seats for h in design.houses], scenario.size
([7, 13], 235)
"""

from govsim.designs.keys import KEYS, to_dict
from govsim.designs.library import (
    BUILTIN_DESIGNS,
    BUILTIN_SCENARIOS,
    builtin_designs,
    builtin_scenarios,
)
from govsim.designs.load import from_dict, load_design, load_scenario
from govsim.designs.parse_design import design_from_dict
from govsim.designs.parse_scenario import scenario_from_dict
from govsim.designs.regional import likert, regional_design
from govsim.designs.resolve import apply_overrides, check_compatible, resolve, validate
from govsim.designs.seating import (
    Seating,
    amendment_rounds,
    group_ranges,
    house_names,
    seating,
)
from govsim.designs.spec import (
    KERNELS,
    LEVELS,
    Agenda,
    Amendment,
    Deliberation,
    Design,
    Group,
    House,
    Ideal,
    Inclusion,
    RuleSpec,
    Scenario,
    Seats,
    Shock,
)
from govsim.errors import SpecError

__all__ = [
    "BUILTIN_DESIGNS",
    "BUILTIN_SCENARIOS",
    "KERNELS",
    "KEYS",
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
    "Seating",
    "Seats",
    "Shock",
    "SpecError",
    "amendment_rounds",
    "apply_overrides",
    "builtin_designs",
    "builtin_scenarios",
    "check_compatible",
    "design_from_dict",
    "from_dict",
    "group_ranges",
    "house_names",
    "likert",
    "load_design",
    "load_scenario",
    "regional_design",
    "resolve",
    "scenario_from_dict",
    "seating",
    "to_dict",
    "validate",
]
