"""What the explore page drives: the dials, a model stepped issue by issue, the export.

Nothing here imports the web framework, so the page's logic is tested without a
browser, and the browser test only checks that the page shows what this computes.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

import numpy as np

from govsim.app.explore.presets import split_overrides
from govsim.check import check_int
from govsim.designs import LEVELS, resolve, to_dict
from govsim.designs.resolve import parse_override
from govsim.designs.spec import Design, Group, Inclusion, Scenario
from govsim.errors import GovsimError
from govsim.model import GovernanceModel
from govsim.rules import RULES

__all__ = [
    "CARDS",
    "INCLUSION_DIALS",
    "MAX_STEPS",
    "THRESHOLD_PARAMS",
    "Dials",
    "Session",
    "check_steps",
    "first_mean",
    "ideal_key",
    "inclusion_key",
    "level_of",
    "threshold_param",
    "to_toml",
]

#: The rule parameters the page shows as "the rule's threshold", by rule; a rule
#: with none of them has no threshold dial.
THRESHOLD_PARAMS = ("threshold", "fraction", "reject_threshold", "max_objectors", "quota")

#: The run-level metrics shown as cards (``docs/model.md`` defines each).
CARDS = (
    "issues",
    "pass_rate",
    "gridlock_rate",
    "welfare",
    "welfare_gain",
    "minority_loss",
    "seat_blocked_majority_rate",
    "seat_imposed_majority_rate",
    "heard",
    "polarisation",
    "engagement",
    "captured_by",
)


#: The most issues per run the page handles: a run is stepped in the click's handler.
MAX_STEPS = 2000


def check_steps(steps: Any) -> int:
    """``steps`` if it is a number of issues per run the page handles, else a GovsimError.

    Examples
    --------
    >>> check_steps(100)
    100
    """
    return check_int(steps, "issues per run", low=1, high=MAX_STEPS)


def threshold_param(rule: str) -> str | None:
    """The parameter of rule ``rule`` that the threshold dial sets, or None.

    Examples
    --------
    >>> threshold_param("houses"), threshold_param("qualified-majority")
    ('threshold', 'fraction')
    >>> threshold_param("unanimity") is None
    True
    """
    params = RULES[rule].defaults if rule in RULES else {}
    return next((name for name in THRESHOLD_PARAMS if name in params), None)


#: The inclusion dials the page sets per sector (``docs/spec.md``, ``design.inclusion``).
INCLUSION_DIALS = ("agenda", "dialogue", "decision")


def inclusion_key(sector: str, dial: str | None = None) -> str:
    """The ``--set`` key of a sector's inclusion ``dial``; None: its whole entry (a level).

    Examples
    --------
    >>> inclusion_key("government", "agenda"), inclusion_key("government")
    ('inclusion.government.agenda', 'inclusion.government')
    """
    return f"inclusion.{sector}" + (f".{dial}" if dial else "")


def level_of(dials: Inclusion) -> str | None:
    """The IAP2 level whose dials ``dials`` are, or None.

    Examples
    --------
    >>> level_of(Inclusion(0.0, 1.0, 0.0)), level_of(Inclusion(0.3, 1.0, 0.0))
    ('consult', None)
    """
    return next((name for name, level in LEVELS.items() if level == dials), None)


def ideal_key(group: Group, field: str) -> str:
    """The ``--set`` key of ``field`` (``mean`` or ``sd``) of a group's ideal points.

    Examples
    --------
    >>> ideal_key(Group(name="ncsg", sector="civil-society", count=1, constituency=True), "sd")
    'scenario.constituencies.ncsg.ideal.sd'
    """
    table = "constituencies" if group.constituency else "sectors"
    return f"scenario.{table}.{group.name}.ideal.{field}"


def first_mean(group: Group, first: float) -> float | list[float]:
    """The ``ideal.mean`` that moves a group's first dimension to ``first``, keeping the rest.

    Examples
    --------
    >>> first_mean(Group(name="g", sector="g", count=1), 0.2)
    0.2
    """
    rest = [float(x) for x in group.ideal.mean[1:]]
    return [first, *rest] if rest else first


@dataclass(frozen=True)
class Dials:
    """The page's controls: a design and the settings it overrides.

    ``None`` leaves a setting as the design (or its scenario) has it. ``rule`` replaces
    the design's rule by a registered rule at its defaults (``--set 'rule={ name =
    "..." }'``); ``threshold`` is then read as ``--set rule.<param>=<text>`` would be,
    so the page accepts what the command line accepts. ``split`` is a point of the
    7-over-14 experiment (:mod:`~govsim.app.explore.presets`); ``pairs`` holds the other settings as
    ``(key path, value)`` pairs (a sector's inclusion, a group's ideal points), set
    with :meth:`set` and applied after ``split``.
    """

    design: str = "gnso-council"
    scenario: str | None = None
    rule: str | None = None
    threshold: str | None = None
    segregation: float | None = None
    polarisation: float | None = None
    kernel: str | None = None
    rounds: int | None = None
    process: str | None = None
    strategy: str | None = None
    split: float | None = None
    pairs: tuple[tuple[str, Any], ...] = ()
    seed: int = 0
    steps: int = 100

    def overrides(self) -> list[tuple[str, Any]]:
        """The ``(key path, value)`` pairs these dials apply to the design.

        Examples
        --------
        >>> Dials(segregation=0.5, seed=3).overrides()
        [('deliberation.segregation', 0.5)]
        """
        pairs: list[tuple[str, Any]] = []
        if self.rule is not None:
            pairs.append(("rule", {"name": self.rule}))
        if self.threshold is not None:
            rule = self.rule or resolve(self.design, self.scenario)[0].rule.name
            param = threshold_param(rule)
            if param is None:
                raise GovsimError(f"rule {rule!r} has no threshold")
            pairs.append(parse_override(f"rule.{param}={self.threshold}"))
        keys = {
            "deliberation.segregation": self.segregation,
            "scenario.polarisation": self.polarisation,
            "deliberation.kernel": self.kernel,
            "deliberation.rounds": self.rounds,
            "scenario.issues.process": self.process,
            "agenda.strategy": self.strategy,
        }
        pairs += [(key, value) for key, value in keys.items() if value is not None]
        if self.split is not None:
            pairs += split_overrides(self.split)
        return pairs + list(self.pairs)

    def resolved(self) -> tuple[Design, Scenario]:
        """The design and scenario with these dials applied (raises a GovsimError)."""
        return resolve(self.design, self.scenario, self.overrides())

    def with_design(self, design: str) -> Dials:
        """These dials for another design: its own settings, the same seed and steps."""
        return Dials(design=design, seed=self.seed, steps=self.steps)

    def update(self, **changes: Any) -> Dials:
        """A copy with ``changes``."""
        return replace(self, **changes)

    def set(self, key: str, value: Any) -> Dials:
        """A copy that sets ``key`` to ``value``, after dropping what it supersedes.

        A key replaces its own earlier setting and those of keys inside it: a
        sector's level (``inclusion.S``) drops that sector's earlier dials.

        Examples
        --------
        >>> d = Dials().set("inclusion.nomcom.agenda", 0.5).set("inclusion.nomcom", "consult")
        >>> d.pairs
        (('inclusion.nomcom', 'consult'),)
        """
        kept = tuple((k, v) for k, v in self.pairs if k != key and not k.startswith(key + "."))
        return replace(self, pairs=(*kept, (key, value)))

    def with_split(self, split: float | None) -> Dials:
        """A copy at preference split ``split``, dropping settings of the keys it sets."""
        keys = {key for key, _ in split_overrides(split)} if split is not None else set()
        pairs = tuple((k, v) for k, v in self.pairs if k not in keys)
        return replace(self, split=split, pairs=pairs)


class Session:
    """One model of the current dials, stepped one issue at a time.

    Also keeps, per issue, each sector's mean position after deliberation (the first
    policy dimension), which the per-issue table does not hold.
    """

    def __init__(self, dials: Dials) -> None:
        check_int(dials.seed, "seed", low=0)
        design, scenario = dials.resolved()
        self.dials = dials
        self.model = GovernanceModel(design, scenario, seed=dials.seed)
        cycle = self.model.cycle
        self.sectors: tuple[str, ...] = tuple(scenario.sectors)
        codes = cycle.layout.sector
        self._members = [codes == k for k in range(len(self.sectors))]
        self.positions: list[np.ndarray] = []  # one row of sector means per issue

    @property
    def issue_count(self) -> int:
        """Issues handled so far."""
        return len(self.positions)

    def step(self, issues: int = 1) -> None:
        """Handle ``issues`` more issues."""
        cycle = self.model.cycle
        for _ in range(issues):
            # The cycle alone, as govsim.run steps it: the Mesa DataCollector table
            # would cost time and show nothing the page uses.
            cycle.step()
            first = cycle.position[0][:, 0]
            self.positions.append(np.array([first[m].mean() for m in self._members]))

    def summary(self) -> dict[str, Any]:
        """The run summary so far (empty before the first issue)."""
        return self.model.summary() if self.issue_count else {}


def card_text(value: Any) -> str:
    """A metric value as a card shows it: floats to 4 places, as ``govsim run`` prints.

    Examples
    --------
    >>> card_text(0.123456), card_text(7), card_text(float("nan")), card_text(None)
    ('0.1235', '7', '–', '–')
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    if isinstance(value, float | np.floating):
        return f"{float(value):.4f}"
    return str(value)


def to_toml(dials: Dials) -> str:
    """The resolved design and scenario of ``dials`` as one TOML file.

    ``govsim run FILE --seed S`` loads it unchanged and reproduces the page's run: the
    file holds every key written out (not the dials), so it does not depend on the
    built-ins staying as they are.
    """
    design, scenario = dials.resolved()
    data = to_dict(design) | to_dict(scenario)
    header = (
        f"# govsim explore: design {design.name!r}, scenario {scenario.name!r}; "
        f"reproduce with: govsim run THIS_FILE --seed {dials.seed} --steps {dials.steps}\n"
    )
    return header + "".join(_tables(data, ""))


def _tables(table: Mapping[str, Any], path: str) -> list[str]:
    """TOML lines of a table: its plain keys, then its sub-tables and arrays of tables."""
    lines: list[str] = []
    nested: list[str] = []
    for key, value in table.items():
        name = f"{path}.{_key(key)}" if path else _key(key)
        if value is None:
            continue  # TOML has no null; a missing key takes its default
        if isinstance(value, Mapping):
            nested += ["\n", f"[{name}]\n", *_tables(value, name)]
        elif isinstance(value, list | tuple) and value and isinstance(value[0], Mapping):
            for item in value:
                nested += ["\n", f"[[{name}]]\n", *_tables(item, name)]
        else:
            lines.append(f"{_key(key)} = {_value(value)}\n")
    return lines + nested


def _key(key: str) -> str:
    return key if key.replace("-", "").replace("_", "").isalnum() else json.dumps(key)


def _value(value: Any) -> str:
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return repr(value)  # nan, inf and -inf are TOML too
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)  # a JSON string is a TOML basic string
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_value(v) for v in value) + "]"
    if isinstance(value, Mapping):
        inner = ", ".join(f"{_key(k)} = {_value(v)}" for k, v in value.items() if v is not None)
        return "{ " + inner + " }"
    raise GovsimError(f"cannot write {value!r} to TOML")
