"""The registry of outcome metrics: every column a run reports, declared once.

A metric is a plain function of the run's state, registered with a decorator that
records its name, a one-line definition (the docstring's first line), whether it is
measured per issue or per run, which way is better, and what kind of value it gives.
:func:`govsim.model.summarise` and the issue cycle's records iterate over the
registry in registration order, which is the order of the output columns; the lists
that figures, the CLI and ``docs/model.md`` show are read from :data:`METRICS`.

Adding a metric is one decorated function (in :mod:`govsim.model.measures`, or any
module imported before a run)::

    @register("decided_share", per="run", direction="neither")
    def decided_share(run: RunState) -> float:
        \"\"\"Share of issues that reached a vote.\"\"\"
        return float(run.decided.mean()) if run.issues else np.nan

A **family** is one function that returns one value per member (per sector, or per
axis of the policy space); its columns are the family name plus each member's
suffix, e.g. ``welfare_civil_society``.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

__all__ = ["METRICS", "Metric", "metric_columns", "register"]

Per = Literal["issue", "run"]
Direction = Literal["higher", "lower", "neither"]
Family = Literal["sector", "axis"]


@dataclass(frozen=True)
class Metric:
    """A registered metric.

    Attributes
    ----------
    name
        The column name, or for a family the prefix of its columns.
    definition
        One line: what the number measures.
    per
        ``"issue"``: a column of ``RunResult.issues``, computed each issue from the
        issue's state; ``"run"``: a column of ``RunResult.summary``, computed once at
        the end from the run's state.
    direction
        ``"higher"`` or ``"lower"`` when that is better for the governed, else
        ``"neither"`` (descriptive numbers, labels).
    kind
        The type of each value: ``float``, ``int``, ``bool`` or ``str``. A float may
        be NaN where the metric is undefined (e.g. a rate over no issues).
    family
        None for one column; ``"sector"`` for one column per sector (suffix: the
        sector's name with ``-`` turned into ``_``); ``"axis"`` for one column in one
        dimension and ``name_1`` ... ``name_d`` in d.
    func
        The function: ``func(state)``, over :class:`~govsim.model.measures.IssueState`
        (returns one value per replication) or
        :class:`~govsim.model.measures.RunState` (one value, or one per member).
    """

    name: str
    definition: str
    per: Per
    direction: Direction
    kind: type
    family: Family | None
    func: Callable[[Any], Any]

    @property
    def label(self) -> str:
        """The name docs and lists show: ``welfare_<sector>`` for a sector family."""
        return f"{self.name}_<sector>" if self.family == "sector" else self.name

    @property
    def computed(self) -> str:
        """Where it is computed: the function's module and name."""
        return f"{self.func.__module__}.{self.func.__qualname__}"

    def columns(self, sectors: tuple[str, ...] = (), dimensions: int = 1) -> list[str]:
        """The output columns of this metric for a scenario's sectors and dimensions."""
        if self.family == "sector":
            return [f"{self.name}_{sector.replace('-', '_')}" for sector in sectors]
        if self.family == "axis" and dimensions > 1:
            return [f"{self.name}_{k + 1}" for k in range(dimensions)]
        return [self.name]


METRICS: dict[tuple[Per, str], Metric] = {}
"""Every registered metric by ``(per, label)``, in registration (= column) order.

A per-issue and a per-run metric may share a name (``welfare``: after each issue, and
at the end), and a sector family its prefix with a single column (``welfare``,
``welfare_<sector>``); the key tells them apart.
"""


def register(
    name: str,
    *,
    per: Per,
    direction: Direction = "neither",
    kind: type = float,
    family: Family | None = None,
) -> Callable[[Callable[[Any], Any]], Callable[[Any], Any]]:
    """Register a metric under ``name`` without changing the function.

    The definition is the first line of the function's docstring; see :class:`Metric`
    for the other fields.
    """

    def decorate(func: Callable[[Any], Any]) -> Callable[[Any], Any]:
        definition = (inspect.getdoc(func) or "").split("\n")[0]
        metric = Metric(name, definition, per, direction, kind, family, func)
        if (per, metric.label) in METRICS:
            raise RuntimeError(f"{per} metric {metric.label!r} registered twice")
        METRICS[per, metric.label] = metric
        return func

    return decorate


def metric_columns(per: Per, sectors: tuple[str, ...] = (), dimensions: int = 1) -> list[str]:
    """The columns the ``per`` metrics give, in output order, for a scenario.

    Run metrics give their single columns and axis families in registration order,
    then the sector families interleaved sector by sector (``welfare_a``,
    ``capture_a``, ``power_a``, ``welfare_b`` ...).
    """
    chosen = [m for m in METRICS.values() if m.per == per]
    columns = [c for m in chosen if m.family != "sector" for c in m.columns(sectors, dimensions)]
    by_sector = [m for m in chosen if m.family == "sector"]
    for sector in sectors:
        columns += [m.columns((sector,))[0] for m in by_sector]
    return columns
