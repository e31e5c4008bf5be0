"""What a worker does with a :class:`~govsim.sweeps.plan.Task`: run it, never raise.

Each (design, point) group of a task runs as one batch
(:func:`govsim.run_batch`, which gives each replicate exactly what :func:`govsim.run`
gives for its seed). If the batch raises, its replicates run one by one so that only
the runs that fail are recorded as failed, each with its error.
"""

from __future__ import annotations

import traceback
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import PurePath
from typing import Any, cast

import numpy as np
import pandas as pd

from govsim.simulate import RunResult, run, run_batch
from govsim.sweeps.parse import RESERVED, import_function
from govsim.sweeps.plan import PLANNED, Task

__all__ = ["Outcome", "evaluate", "kind"]

#: Summary columns the sweep already holds: its own identity columns, and the issue
#: count, which always equals ``steps``.
_DUPLICATES = ("design", "seed", "issues")


@dataclass(frozen=True)
class Outcome:
    """What a task produced: one row per run and, if asked, one row per issue."""

    chunk: int
    runs: pd.DataFrame
    issues: pd.DataFrame | None


def _error(exc: BaseException) -> str:
    """``Type: message (at file:line)``, the same on every machine.

    The file is relative to the govsim package (or its bare name).
    """
    last = traceback.extract_tb(exc.__traceback__)[-1:] if exc.__traceback__ else []
    if not last:
        return f"{type(exc).__name__}: {exc}"
    parts = PurePath(last[0].filename).parts
    start = len(parts) - 1 - parts[::-1].index("govsim") if "govsim" in parts else -1
    return f"{type(exc).__name__}: {exc} (at {'/'.join(parts[start:])}:{last[0].lineno})"


def kind(value: Any) -> str | None:
    """The stored type of a metric value: bool, int, float or string (None: missing)."""
    if isinstance(value, np.generic):
        value = value.item()
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return None
    for name, types in (("bool", bool), ("int", int), ("float", float), ("string", str)):
        if isinstance(value, types):
            return name
    return "other"


def _misfit(metrics: Mapping[Any, Any], task: Task, factors: list[str]) -> str | None:
    """Why ``metrics`` cannot be stored in the sweep's columns, or None."""
    columns = task.columns
    for name, value in metrics.items():
        if not isinstance(name, str) or name in RESERVED or name in factors:
            return f"metric name {name!r} is not allowed: not a string, or a column of the results"
        found = kind(value)
        if found == "other":
            return f"metric {name!r} is {value!r}; expected a number, a string or a boolean"
        if columns is None or found is None:
            continue
        if name not in columns:
            return (
                f"metric {name!r} was not returned by the sweep's first run, which fixes "
                f"the columns ({', '.join(columns)})"
            )
        stored = columns[name]
        if found != stored and not (found == "int" and stored == "float"):
            return f"metric {name!r} is {value!r}, but the column holds {stored} values"
    return None


def _params(task: Task, group: pd.DataFrame, factors: list[str]) -> dict[str, Any]:
    """The values the point sets, by key (a label column sets nothing)."""
    return task.experiment.sampler.values(group.iloc[0], factors)


def _simulate(task: Task, design: str, group: pd.DataFrame, factors: list[str]) -> list[dict]:
    experiment = task.experiment
    overrides = (*experiment.constants, *_params(task, group, factors).items())
    spec, scenario = task.bases[design].sources(overrides)
    seeds = group["seed"].tolist()
    try:
        results: list[RunResult | BaseException] = list(
            run_batch(
                spec,
                scenario,
                seeds=seeds,
                steps=experiment.steps,
                overrides=overrides,
            )
        )
    except Exception:
        results = []
        for seed in seeds:
            try:
                results.append(
                    run(
                        spec,
                        scenario,
                        seed=seed,
                        steps=experiment.steps,
                        overrides=overrides,
                    )
                )
            except Exception as exc:
                results.append(exc)
    rows: list[dict[str, Any]] = []
    for result in results:
        if isinstance(result, BaseException):
            rows.append({"status": "failed", "error": _error(result)})
            continue
        # .drop() first costs 5% of a run; the summary's columns are metric names.
        summary = cast(dict[str, Any], result.summary.iloc[0].to_dict())
        for key in _DUPLICATES:
            del summary[key]
        names = {key: summary.pop(key) for key in ("scenario", "steps")}
        problem = _misfit(summary, task, factors)
        if problem:
            rows.append(names | {"status": "failed", "error": problem})
            continue
        row = names | {"status": "ok", "error": None} | summary
        if experiment.trajectories:
            row["_issues"] = result.issues
        rows.append(row)
    return rows


@cache
def _function(spec: str) -> Any:
    return import_function(spec)


def _call(task: Task, group: pd.DataFrame, factors: list[str]) -> list[dict]:
    function, params = _function(task.experiment.function), _params(task, group, factors)
    rows: list[dict[str, Any]] = []
    for seed in group["seed"].tolist():
        try:
            metrics = function(dict(params), seed)
            if not isinstance(metrics, Mapping):
                raise TypeError(f"expected a mapping of metric names to values; got {metrics!r}")
            problem = _misfit(metrics, task, factors)
            if problem:
                rows.append({"status": "failed", "error": problem})
            else:
                rows.append({"status": "ok", "error": None} | dict(metrics))
        except Exception as exc:
            rows.append({"status": "failed", "error": _error(exc)})
    return rows


def evaluate(task: Task) -> Outcome:
    """Run every run of ``task``; a run that raises becomes a row with its error."""
    factors = [column for column in task.runs.columns if column not in PLANNED]
    rows, issues = [], []
    for (design, _), group in task.runs.groupby(["design", "point"], sort=False):
        if task.experiment.function:
            found = _call(task, group, factors)
        else:
            found = _simulate(task, str(design), group, factors)
        # Columns to lists first: DataFrame.to_dict("records") is most of a small run.
        records = [
            dict(zip(group.columns, values, strict=True))
            for values in zip(*(group[c].tolist() for c in group.columns), strict=True)
        ]
        for identity, row in zip(records, found, strict=True):
            trajectory = row.pop("_issues", None)
            if trajectory is not None:
                issues.append(trajectory.assign(run_id=identity["run_id"]))
            rows.append(identity | row)
    frame = pd.DataFrame(rows)
    if not task.experiment.trajectories:
        return Outcome(task.chunk, frame, None)
    table = pd.concat(issues, ignore_index=True) if issues else pd.DataFrame({"run_id": []})
    return Outcome(task.chunk, frame, table)
