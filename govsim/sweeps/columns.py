"""The columns of a sweep's tables, fixed before the first chunk is written.

Every chunk of a table has the same schema, so the files read as one dataset. The
metric columns and their types come from a probe: the first run of each design (for
the model, one issue long) at the first point where it succeeds. A function sweep's
numbers are stored as float64, since a function may return 0 at one point and 0.5 at
the next.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import pandas as pd
import pyarrow as pa

from govsim.check import describe, fail, join, suggest
from govsim.errors import GovsimError
from govsim.sweeps.evaluate import evaluate
from govsim.sweeps.plan import IDENTITY, PLANNED, STATUS, Plan, Task
from govsim.sweeps.store import arrow_schema

__all__ = ["Columns", "probe"]

#: Points tried per design before the probe gives up.
PROBES = 10
_KINDS = {pa.bool_(): "bool", pa.int64(): "int", pa.float64(): "float", pa.string(): "string"}


@dataclass(frozen=True)
class Columns:
    """What the probe found.

    Attributes
    ----------
    schemas
        Table name (``runs``, and ``issues`` with trajectories) -> Parquet schema.
    kinds
        Every metric the probe saw -> ``bool``, ``int``, ``float`` or ``string``;
        a run whose metrics do not fit is recorded as failed, not written.
    """

    schemas: dict[str, pa.Schema]
    kinds: dict[str, str]


def _first_success(plan: Plan, index: int, design: str):
    experiment = plan.experiment
    quick = experiment if experiment.function else replace(experiment, steps=1, trajectories=True)
    d, r = len(plan.designs), experiment.replications
    errors = []
    for point in range(min(len(plan.points), PROBES)):
        outcome = evaluate(Task(-1, quick, plan.bases, plan.runs([(point * d + index) * r])))
        if (outcome.runs["status"] == "ok").all():
            return outcome
        errors.append(outcome.runs["error"].iloc[0])
    raise GovsimError(
        f"design {design!r} fails at each of the first {len(errors)} points of the sweep; "
        f"the first error: {errors[0]}",
        source=experiment.source,
    )


def probe(plan: Plan) -> Columns:
    """Run the probe and fix the columns; check ``experiment.metrics`` against them.

    Raises
    ------
    GovsimError
        If a design fails at each of the first :data:`PROBES` points, or a metric the
        experiment keeps is not among those the runs return.
    """
    experiment = plan.experiment
    outcomes = [_first_success(plan, i, design) for i, design in enumerate(plan.designs)]
    frame = pd.concat([o.runs for o in outcomes], ignore_index=True)
    identity = PLANNED if experiment.function else IDENTITY
    factors = list(plan.points.columns)
    seen = [c for c in frame.columns if c not in (*identity, *factors, *STATUS)]
    for i, metric in enumerate(experiment.metrics):
        if metric not in seen:
            fail(
                join("experiment.metrics", i),
                f"expected a metric of the runs: {', '.join(seen)}; found "
                f"{describe(metric)}{suggest(metric, seen)}",
                experiment.source,
            )
    if experiment.function:
        for name in seen:
            if frame[name].dtype.kind in "iu" or frame[name].isna().all():
                frame[name] = frame[name].astype(float)
    frame = frame.assign(error="")  # type the error column as text
    full = arrow_schema(frame, [*identity, *factors, *STATUS, *seen])
    kept = [*identity, *factors, *STATUS, *(experiment.metrics or seen)]
    schemas = {"runs": pa.schema([full.field(name) for name in kept])}
    if experiment.trajectories:
        issues = outcomes[0].issues
        schemas["issues"] = arrow_schema(issues, ["run_id", *(c for c in issues if c != "run_id")])
    return Columns(schemas, {name: _KINDS[full.field(name).type] for name in seen})
