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
from typing import Any

import pandas as pd

from govsim.simulate import RunResult, run, run_batch
from govsim.sweeps.load import import_function, override
from govsim.sweeps.plan import PLANNED, Task

__all__ = ["Outcome", "evaluate"]

#: Columns the summary of a run shares with the sweep's own identity columns.
_DUPLICATES = ("design", "seed")


@dataclass(frozen=True)
class Outcome:
    """What a task produced: one row per run and, if asked, one row per issue."""

    chunk: int
    runs: pd.DataFrame
    issues: pd.DataFrame | None


def _error(exc: BaseException) -> str:
    last = traceback.extract_tb(exc.__traceback__)[-1:] if exc.__traceback__ else []
    where = f" (at {last[0].filename}:{last[0].lineno})" if last else ""
    return f"{type(exc).__name__}: {exc}{where}"


def _params(group: pd.DataFrame, factors: list[str]) -> dict[str, Any]:
    row = group.iloc[0]
    return {key: row[key].item() if hasattr(row[key], "item") else row[key] for key in factors}


def _simulate(task: Task, design: str, group: pd.DataFrame, factors: list[str]) -> list[dict]:
    experiment = task.experiment
    overrides = (
        *experiment.constants,
        *(override(k, v) for k, v in _params(group, factors).items()),
    )
    kwargs = {"steps": experiment.steps, "overrides": overrides}
    source, seeds = task.sources[design], group["seed"].tolist()
    try:
        results: list[RunResult | BaseException] = list(
            run_batch(source, experiment.scenario, seeds=seeds, **kwargs)
        )
    except Exception:
        results = []
        for seed in seeds:
            try:
                results.append(run(source, experiment.scenario, seed=seed, **kwargs))
            except Exception as exc:
                results.append(exc)
    rows = []
    for result in results:
        if isinstance(result, BaseException):
            rows.append({"status": "failed", "error": _error(result)})
            continue
        summary = result.summary.iloc[0].drop(list(_DUPLICATES)).to_dict()
        row = {"status": "ok", "error": None} | summary
        if experiment.trajectories:
            row["_issues"] = result.issues
        rows.append(row)
    return rows


@cache
def _function(spec: str) -> Any:
    return import_function(spec)


def _call(task: Task, group: pd.DataFrame, factors: list[str]) -> list[dict]:
    function, params = _function(task.experiment.function), _params(group, factors)
    rows = []
    for seed in group["seed"].tolist():
        try:
            metrics = function(dict(params), seed)
            if not isinstance(metrics, Mapping):
                raise TypeError(f"expected a mapping of metric names to values; got {metrics!r}")
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
            found = _simulate(task, design, group, factors)
        for identity, row in zip(group.to_dict("records"), found, strict=True):
            trajectory = row.pop("_issues", None)
            if trajectory is not None:
                issues.append(trajectory.assign(run_id=identity["run_id"]))
            rows.append(identity | row)
    frame = pd.DataFrame(rows)
    if not task.experiment.trajectories:
        return Outcome(task.chunk, frame, None)
    table = pd.concat(issues, ignore_index=True) if issues else pd.DataFrame({"run_id": []})
    return Outcome(task.chunk, frame, table)
