"""``sweep``: run an experiment into a result store, resumably, on any backend."""

from __future__ import annotations

import time
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
from tqdm import tqdm

from govsim.check import fail, join
from govsim.errors import GovsimError
from govsim.provenance import provenance
from govsim.sweeps.backends import backend, check_backend
from govsim.sweeps.bases import Base, read_base
from govsim.sweeps.columns import Columns, probe
from govsim.sweeps.evaluate import evaluate
from govsim.sweeps.experiment import Experiment
from govsim.sweeps.fingerprint import PARTS, SweepMismatch, fingerprint
from govsim.sweeps.parse import check_experiment, load_experiment
from govsim.sweeps.plan import Plan, Task
from govsim.sweeps.sampling import sample
from govsim.sweeps.seeds import sampler_seed
from govsim.sweeps.store import Store

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


def _designs(experiment: Experiment) -> tuple[dict[str, str], dict[str, Base]]:
    """Design name -> source, and -> its tables for the workers.

    Names must be distinct (they label the results).
    """
    if experiment.function:
        return {experiment.function: experiment.function}, {}
    names: dict[str, str] = {}
    bases: dict[str, Base] = {}
    for i, source in enumerate(experiment.designs):
        base = read_base(source, experiment.scenario, experiment.constants)
        name = base.name
        if name in names:
            fail(
                join("experiment.designs", i),
                f"expected designs with distinct names; {source!r} and "
                f"{names[name]!r} are both named {name!r}",
                experiment.source,
            )
        names[name], bases[name] = source, base
    return names, bases


def _manifest(plan: Plan, parts: dict[str, str]) -> dict[str, Any]:
    experiment = plan.experiment
    return {
        "format": "govsim-sweep/1",
        "experiment": asdict(experiment),
        "fingerprint": parts,
        "designs": plan.sources,
        "runs": plan.n_runs,
        "points": len(plan.points),
        "replications": experiment.replications,
        "chunk_size": plan.chunk_size,
        "chunks": plan.n_chunks,
        "seeds": "replicate r: SeedSequence(seed, spawn_key=(1, r)); sampler: (0,)",
        "started": _now(),
        "finished": None,
        "provenance": provenance(),
    }


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _open(store: Store, plan: Plan, columns: Columns, resume: bool, fresh: bool) -> dict[str, Any]:
    """The manifest of the sweep in ``store``: a new one, or the one to resume."""
    parts = fingerprint(plan)
    if fresh and store.exists():
        # Only a sweep folder (it has a manifest) is emptied, never any other folder.
        store.clear()
    if store.exists():
        manifest = store.manifest()
        if not resume:
            raise GovsimError(
                f"{store.root} already holds a sweep; pass --resume to continue it "
                "(or --retry-failed), --fresh to delete it and start over, or choose "
                "another --out"
            )
        changed = [PARTS[k] for k in PARTS if manifest.get("fingerprint", {}).get(k) != parts[k]]
        if changed:
            raise SweepMismatch(
                f"{store.root} holds a sweep of a different experiment: "
                f"{'; '.join(changed)} changed since it started; pass --fresh to replace "
                "it, or use another --out"
            )
        store.clean()
        manifest |= {"finished": None, "ok": None, "failed": None}
        manifest.setdefault("resumed", []).append(_now())
    elif store.has_files():
        raise GovsimError(f"{store.root} exists and is not a sweep folder; choose another --out")
    else:
        manifest = _manifest(plan, parts)
    # The manifest first: once it exists, a killed sweep can always be resumed.
    store.write_manifest(manifest)
    store.prepare(plan.points, columns.schemas)
    return manifest


def _pending(
    store: Store, plan: Plan, retry_failed: bool
) -> tuple[list[tuple[int, np.ndarray | None]], int]:
    """(chunk, run ids to run, or None for all) still to do, and how many runs are stored."""
    steps = plan.experiment.steps if "issues" in store.schemas() else None
    pending: list[tuple[int, np.ndarray | None]] = []
    stored = 0
    for chunk in range(plan.n_chunks):
        ids = plan.run_ids(chunk)
        found = store.read_chunk(chunk, ids, steps)
        if found.empty:
            pending.append((chunk, None))
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
    seed = sampler_seed(experiment.seed)
    points = sample(experiment.factors, experiment.sampler, seed, source=experiment.source)
    check_experiment(experiment, points)
    return Plan(experiment, points, *_designs(experiment))


def sweep(
    experiment: Experiment | str | Path,
    out: str | Path,
    *,
    backend_name: str = "process",
    workers: int | None = None,
    scheduler: str | None = None,
    resume: bool = False,
    retry_failed: bool = False,
    fresh: bool = False,
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
    fresh
        Delete a sweep stored in ``out`` first and start over (a folder that is not a
        sweep is never deleted).
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
    columns = probe(plan)
    store = Store(out)
    if store.root.exists() and not store.root.is_dir():
        raise GovsimError(f"{store.root} is a file; --out needs a folder")
    with store.lock():
        manifest = _open(store, plan, columns, resume or retry_failed, fresh)
        pending, stored = _pending(store, plan, retry_failed)
        tasks = (
            Task(
                chunk,
                experiment,
                plan.bases,
                plan.runs(plan.run_ids(chunk) if ids is None else ids),
                columns.kinds,
            )
            for chunk, ids in pending
        )
        todo = sum(len(plan.run_ids(chunk)) if ids is None else len(ids) for chunk, ids in pending)
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
        ok, failed = store.count_status()
        manifest |= {"finished": _now(), "ok": ok, "failed": failed}
        store.write_manifest(manifest)
        return SweepReport(
            Path(out), plan.n_runs, todo, stored, failed, time.perf_counter() - started
        )
