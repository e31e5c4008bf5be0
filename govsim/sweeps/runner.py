"""``sweep``: run an experiment into a result store, resumably, on any backend."""

from __future__ import annotations

import hashlib
import json
import time
from dataclasses import asdict, dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from tqdm import tqdm

from govsim.designs import resolve, to_dict
from govsim.designs.schema import describe, fail, join, suggest
from govsim.errors import GovsimError
from govsim.provenance import provenance
from govsim.sweeps.backends import backend, check_backend
from govsim.sweeps.evaluate import evaluate
from govsim.sweeps.experiment import Experiment
from govsim.sweeps.load import check_experiment, load_experiment
from govsim.sweeps.plan import IDENTITY, PLANNED, STATUS, Plan, Task
from govsim.sweeps.sampling import sample
from govsim.sweeps.seeds import sampler_seed
from govsim.sweeps.store import Store, arrow_schema

__all__ = ["SweepReport", "plan_experiment", "sweep"]


@dataclass(frozen=True)
class SweepReport:
    """What a call to :func:`sweep` did.

    Attributes
    ----------
    out
        The sweep folder.
    runs
        Runs in the sweep.
    done
        Runs this call computed.
    skipped
        Runs already in the store (``resume``), not computed again.
    failed
        Runs in the store recorded as failed, after this call.
    seconds
        Wall time of this call.
    """

    out: Path
    runs: int
    done: int
    skipped: int
    failed: int
    seconds: float

    def __str__(self) -> str:
        skipped = f", {self.skipped} already done" if self.skipped else ""
        return (
            f"{self.runs} runs ({self.done} run now{skipped}, {self.failed} failed) "
            f"in {self.seconds:.1f} s -> {self.out}"
        )


def _designs(experiment: Experiment) -> dict[str, str]:
    """Design name -> source; names must be distinct (they label the results)."""
    if experiment.function:
        return {experiment.function: experiment.function}
    names: dict[str, str] = {}
    for i, source in enumerate(experiment.designs):
        design, _ = resolve(source, experiment.scenario, experiment.constants)
        if design.name in names:
            fail(
                join("experiment.designs", i),
                f"expected designs with distinct names; {source!r} and "
                f"{names[design.name]!r} are both named {design.name!r}",
                experiment.source,
            )
        names[design.name] = source
    return names


def _fingerprint(plan: Plan) -> str:
    """SHA-256 of everything that determines the results: the experiment, the resolved
    designs and scenarios, and the design matrix (a changed CSV changes it)."""
    experiment = plan.experiment
    content: dict[str, Any] = {"experiment": asdict(replace(experiment, source=None))}
    if not experiment.function:
        content["designs"] = {}
        for name, source in zip(plan.designs, experiment.designs, strict=True):
            design, scenario = resolve(source, experiment.scenario, experiment.constants)
            content["designs"][name] = [to_dict(design), to_dict(scenario)]
    content["points"] = plan.points.to_csv(index=False)
    text = json.dumps(content, sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()


def _schemas(plan: Plan) -> dict[str, Any]:
    """Column types, from one short run of each design at the first point."""
    experiment = plan.experiment
    probe = experiment if experiment.function else replace(experiment, steps=1, trajectories=True)
    ids = [d * experiment.replications for d in range(len(plan.designs))]
    outcome = evaluate(Task(-1, probe, plan.sources, plan.runs(ids)))
    for row in outcome.runs.itertuples():
        if row.status != "ok":
            raise GovsimError(
                f"design {row.design!r} fails at the first point of the sweep: {row.error}",
                source=experiment.source,
            )
    frame = outcome.runs
    identity = PLANNED if experiment.function else IDENTITY
    factors = list(plan.points.columns)
    known = [c for c in frame.columns if c not in (*identity, *factors, *STATUS)]
    for i, metric in enumerate(experiment.metrics):
        if metric not in known:
            fail(
                join("experiment.metrics", i),
                f"expected a metric of the runs: {', '.join(known)}; found "
                f"{describe(metric)}{suggest(metric, known)}",
                experiment.source,
            )
    metrics = list(experiment.metrics) or known
    frame = frame.assign(error="")  # type the error column as text
    schemas = {"runs": arrow_schema(frame, [*identity, *factors, *STATUS, *metrics])}
    if experiment.trajectories and not experiment.function:
        issues = outcome.issues
        schemas["issues"] = arrow_schema(issues, ["run_id", *(c for c in issues if c != "run_id")])
    return schemas


def _manifest(plan: Plan, digest: str) -> dict:
    experiment = plan.experiment
    return {
        "format": "govsim-sweep/1",
        "experiment": asdict(experiment),
        "spec_hash": digest,
        "designs": plan.sources,
        "runs": plan.n_runs,
        "points": len(plan.points),
        "replications": experiment.replications,
        "chunk_size": plan.chunk_size,
        "chunks": plan.n_chunks,
        "seeds": "replicate r: SeedSequence(seed, spawn_key=(1, r)); sampler: (0,)",
        "started": datetime.now(UTC).isoformat(timespec="seconds"),
        "finished": None,
        "provenance": provenance(),
    }


def _open(store: Store, plan: Plan, resume: bool) -> dict[str, Any]:
    """The manifest of the sweep in ``store``: a new one, or the one to resume."""
    digest = _fingerprint(plan)
    store.clean()
    if store.exists():
        manifest = store.manifest()
        if not resume:
            raise GovsimError(
                f"{store.root} already holds a sweep; pass --resume to continue it "
                "(or --retry-failed), or choose another --out"
            )
        if manifest.get("spec_hash") != digest:
            raise GovsimError(
                f"{store.root} holds a sweep of a different experiment (spec hash "
                f"{str(manifest.get('spec_hash'))[:12]}, now {digest[:12]}): the experiment, "
                "a design or scenario it uses, or its CSV changed; use another --out"
            )
        manifest.setdefault("resumed", []).append(datetime.now(UTC).isoformat(timespec="seconds"))
    elif store.root.exists() and any(store.root.iterdir()):
        raise GovsimError(f"{store.root} exists and is not a sweep folder; choose another --out")
    else:
        manifest = _manifest(plan, digest)
    # The manifest first: once it exists, a killed sweep can always be resumed.
    store.write_manifest(manifest)
    store.prepare(plan.points, _schemas(plan))
    return manifest


def _pending(store: Store, plan: Plan, retry_failed: bool) -> tuple[list[tuple[int, Any]], int]:
    """(chunk, run ids to run) still to do, and how many runs are already stored."""
    steps = plan.experiment.steps if "issues" in store.schemas() else None
    pending, stored = [], 0
    for chunk in range(plan.n_chunks):
        ids = plan.run_ids(chunk)
        found = store.read_chunk(chunk, ids, steps)
        if found.empty:
            pending.append((chunk, ids))
            continue
        failed = found["run_id"][found["status"] != "ok"].to_numpy()
        if retry_failed and len(failed):
            pending.append((chunk, failed))
        stored += len(ids) - (len(failed) if retry_failed else 0)
    return pending, stored


def plan_experiment(experiment: Experiment | str | Path) -> Plan:
    """Load and check an experiment and sample its points: everything but running it.

    Raises
    ------
    GovsimError
        One line naming the file and key, for anything a run would reject.
    """
    experiment = load_experiment(experiment)
    check_experiment(experiment)
    seed = sampler_seed(experiment.seed)
    points = sample(experiment.factors, experiment.sampler, seed, source=experiment.source)
    check_experiment(experiment, points)
    return Plan(experiment, points, _designs(experiment))


def sweep(
    experiment: Experiment | str | Path,
    out: str | Path,
    *,
    backend_name: str = "process",
    workers: int | None = None,
    scheduler: str | None = None,
    resume: bool = False,
    retry_failed: bool = False,
    progress: bool = True,
) -> SweepReport:
    """Run every run of ``experiment`` and store the results in ``out``.

    Parameters
    ----------
    experiment
        An :class:`Experiment` or the path of an experiment file.
    out
        The sweep folder (see :mod:`govsim.sweeps.store`); created if missing.
    backend_name
        ``"serial"``, ``"process"`` (default: a local process pool) or ``"dask"``.
    workers
        Worker processes; None: every available core.
    scheduler
        With ``"dask"``: a running scheduler's address instead of a LocalCluster.
    resume
        Continue a sweep stored in ``out``: completed chunks are kept, incomplete or
        corrupt ones redone. Refused if the experiment changed.
    retry_failed
        Like ``resume``, and run again the runs recorded as failed.
    progress
        A progress bar on stderr (when it is a terminal).

    Returns
    -------
    SweepReport
        Counts and time; the results are read with :func:`govsim.load`.

    Notes
    -----
    The stored results are identical, row for row and value for value, whatever the
    backend, the worker count, and however often the sweep was killed and resumed:
    every run's seed and parameters are fixed by its run id, and each chunk file holds
    a fixed range of run ids.
    """
    started = time.perf_counter()
    check_backend(backend_name, workers, scheduler)
    plan = plan_experiment(experiment)
    experiment = plan.experiment
    store = Store(out)
    manifest = _open(store, plan, resume or retry_failed)
    pending, stored = _pending(store, plan, retry_failed)
    tasks = (Task(chunk, experiment, plan.sources, plan.runs(ids)) for chunk, ids in pending)
    todo = sum(len(ids) for _, ids in pending)
    bar = tqdm(
        total=plan.n_runs,
        initial=stored,
        unit="run",
        desc=experiment.name,
        disable=None if progress else True,
        smoothing=0.05,
    )
    with bar, backend(backend_name, workers, scheduler) as mapped:
        for outcome in mapped(evaluate, tasks):
            store.write(outcome.chunk, outcome.runs, outcome.issues, merge=retry_failed)
            bar.update(len(outcome.runs))
    status = store.column("status")
    failed = int((status != "ok").sum())
    manifest |= {
        "finished": datetime.now(UTC).isoformat(timespec="seconds"),
        "ok": int((status == "ok").sum()),
        "failed": failed,
    }
    store.write_manifest(manifest)
    return SweepReport(Path(out), plan.n_runs, todo, stored, failed, time.perf_counter() - started)
