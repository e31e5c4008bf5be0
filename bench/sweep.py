"""The sweep machinery: worker scaling, Dask, per-run overhead and memory; prints the
numbers recorded in bench/README.md. It is a benchmark, not a test.

Parts (issue targets):

- ``scaling``: a sweep of the reference configuration (``bench/model.py``) on the
  process backend with 1 and 2 workers; target: 2 workers >= 1.8x as fast as 1.
- ``dask``: the same sweep on a Dask LocalCluster of 2 workers; target: within 20% of
  the process pool with 2 workers.
- ``overhead``: a serial sweep against calling ``govsim.run_batch`` (and ``govsim.run``
  for single replications) on the same runs in this process; target: < 5% per run.
- ``memory``: 100,000-run sweeps (the model, small; a trivial function) on 2 worker
  processes, each in a fresh process; target: peak memory < 1 GB. Peaks are read from
  ``/proc`` (Linux).

Usage::

    python bench/sweep.py                        # every part (about 6.5 minutes)
    python bench/sweep.py --part scaling dask    # some parts: scaling, dask, overhead, memory
    python bench/sweep.py --quick                # small sizes, about 30 s (smoke test only)
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

# One core per worker: the targets are per core, and BLAS threads would blur them.
for variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(variable, "1")

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import govsim  # noqa: E402
from bench.model import reference_config  # noqa: E402
from govsim.designs import resolve, to_dict  # noqa: E402
from govsim.sweeps import Experiment, Factor, Sampler, load, sweep  # noqa: E402
from govsim.sweeps.plan import default_chunk_size  # noqa: E402
from govsim.sweeps.seeds import replicate_seed  # noqa: E402

PARTS = ("scaling", "dask", "overhead", "memory")
STEPS = 100  # issues per run of the reference configuration
KEY = "scenario.polarisation"


# -- Specs as TOML files a sweep can name ---------------------------------------------


def toml_value(value: Any) -> str:
    """``value`` as an inline TOML value (``None`` entries of tables are left out)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)  # to_dict writes finite numbers only
    if isinstance(value, str):
        return json.dumps(value)  # a JSON string is a valid TOML basic string
    if isinstance(value, list | tuple):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        items = [
            f"{json.dumps(str(k))} = {toml_value(v)}" for k, v in value.items() if v is not None
        ]
        return "{" + ", ".join(items) + "}" if items else "{}"
    raise TypeError(f"cannot write {value!r} as TOML")


def write_spec(path: Path, per_sector: int = 40) -> str:
    """The reference design with its own ``[scenario]`` table, as one TOML file."""
    design, scenario = reference_config(per_sector)
    lines = []
    for spec in (design, scenario):
        for table, body in to_dict(spec).items():
            lines.append(f"[{table}]")
            lines += [
                f"{json.dumps(k)} = {toml_value(v)}" for k, v in body.items() if v is not None
            ]
    path.write_text("\n".join(lines) + "\n")
    loaded = resolve(str(path))
    assert loaded == (design, scenario), "the TOML file does not read back to the reference"
    return str(path)


def levels(n: int, high: float = 0.9) -> tuple[float, ...]:
    """``n`` distinct polarisation values from 0 to ``high``."""
    return tuple(round(high * i / max(n - 1, 1), 6) for i in range(n))


def model_experiment(design: str, points: int, replications: int, steps: int = STEPS):
    return Experiment(
        name="bench-sweep",
        designs=(design,),
        steps=steps,
        replications=replications,
        seed=2024,
        factors=(Factor(KEY, values=levels(points)),),
    )


def trivial(params: dict, seed: int) -> dict:
    """A function swept by the memory part: no work, so the machinery is all there is."""
    return {"y": params["a"] - 2.0 * params["b"] + seed % 7}


# -- Timing helpers -------------------------------------------------------------------


def timed_sweep(experiment: Experiment, backend: str, workers: int | None = None):
    """Wall seconds of one sweep into a fresh folder, and its results."""
    with tempfile.TemporaryDirectory(prefix="bench-sweep-") as folder:
        out = Path(folder) / "out"
        start = time.perf_counter()
        report = sweep(experiment, out, backend_name=backend, workers=workers, progress=False)
        seconds = time.perf_counter() - start
        assert report.failed == 0 and report.done == report.runs, report
        frame = load(out)
    return seconds, frame


def same_results(a, b) -> bool:
    return a.reset_index(drop=True).equals(b.reset_index(drop=True))


@dataclass
class Row:
    target: str
    measure: str
    value: str
    verdict: str = ""


def verdict(ok: bool) -> str:
    return "pass" if ok else "FAIL"


# -- Parts ----------------------------------------------------------------------------


def part_scaling(spec: str, args, rows: list[Row], parts: tuple[str, ...]) -> None:
    """Process pool with 1 and 2 workers, Dask LocalCluster with 2, on the same sweep."""
    experiment = model_experiment(spec, args.points, args.replications)
    one_chunk = replace(experiment, factors=(Factor(KEY, values=levels(1)),))
    n, r = args.points * args.replications, args.replications
    print(
        f"sweep: reference configuration, {args.points} points x {r} replications = {n} runs "
        f"of {STEPS} issues, chunks of {default_chunk_size(r)} runs"
    )
    configs = {"process, 2 workers": ("process", 2)}
    if "scaling" in parts:
        configs = {"process, 1 worker": ("process", 1), **configs}
    if "dask" in parts:
        configs["dask, 2 workers"] = ("dask", 2)
    fixed, times, frames = {}, {label: [] for label in configs}, {}
    for round_ in range(args.repeats):  # round robin, so drift touches every setting alike
        for label, (backend, workers) in configs.items():
            if not round_:
                fixed[label], _ = timed_sweep(one_chunk, backend, workers)
            seconds, frames[label] = timed_sweep(experiment, backend, workers)
            times[label].append(seconds)
    measured = {}
    for label in configs:
        seconds = min(times[label])
        steady = (n - r) / (seconds - fixed[label]) if seconds > fixed[label] else float("nan")
        measured[label] = {"seconds": seconds, "steady": steady}
        print(
            f"  {label:44s}: {seconds:5.1f} s = {n / seconds:5.1f} runs/s (one-chunk sweep "
            f"{fixed[label]:.1f} s; {steady:.1f} runs/s after it)"
            + (
                f" [each: {', '.join(f'{t:.1f}' for t in times[label])} s]"
                if args.repeats > 1
                else ""
            )
        )
    labels = list(frames)
    identical = all(same_results(frames[labels[0]], frames[k]) for k in labels[1:])
    print(f"  results identical across the {len(labels)} settings: {identical}")
    if not identical:
        rows.append(Row("identical results", "across backends", "no", "FAIL"))

    two = measured["process, 2 workers"]
    if "process, 1 worker" in measured:
        one = measured["process, 1 worker"]
        ratio = one["seconds"] / two["seconds"]
        steady = two["steady"] / one["steady"]
        rows.append(Row("", "process, 1 worker", f"{n / one['seconds']:.1f} runs/s"))
        rows.append(Row("", "process, 2 workers", f"{n / two['seconds']:.1f} runs/s"))
        rows.append(
            Row(
                "2 workers >= 1.8x 1 worker",
                "speed-up, wall time",
                f"{ratio:.2f}x",
                verdict(ratio >= 1.8),
            )
        )
        rows.append(Row("", "speed-up, after start-up", f"{steady:.2f}x"))
    if "dask" in parts:
        dask = measured["dask, 2 workers"]
        slower = dask["seconds"] / two["seconds"] - 1
        rows.append(Row("", "dask LocalCluster, 2 workers", f"{n / dask['seconds']:.1f} runs/s"))
        rows.append(
            Row(
                "dask within 20% of process (2 workers)",
                "dask time / process time - 1",
                f"{slower:+.1%}",
                verdict(slower <= 0.20),
            )
        )
        rows.append(Row("", "same, after start-up", f"{two['steady'] / dask['steady'] - 1:+.1%}"))


def part_overhead(spec: str, args, rows: list[Row]) -> None:
    """A serial sweep against the same runs called directly, no store."""
    # Warm caches first (imports, rule parsing, the Parquet writer).
    govsim.run(spec, steps=5, seed=0)
    timed_sweep(model_experiment(spec, 2, 2, steps=5), "serial")

    def batched(experiment: Experiment) -> list:
        seeds = [replicate_seed(experiment.seed, i) for i in range(experiment.replications)]
        results = []
        for value in experiment.factors[0].values:
            results += govsim.run_batch(
                spec, steps=experiment.steps, seeds=seeds, overrides=((KEY, value),)
            )
        return results

    def one_by_one(experiment: Experiment) -> list:
        seed = replicate_seed(experiment.seed, 0)
        return [
            govsim.run(spec, steps=experiment.steps, seed=seed, overrides=((KEY, v),))
            for v in experiment.factors[0].values
        ]

    def measure(experiment: Experiment, direct: Callable[[Experiment], list]):
        """Best-of sweep and direct times, and the median of their paired differences
        (each sweep right after its direct twin, so both see the same machine)."""
        sweep_times, direct_times = [], []
        for _ in range(args.repeats_overhead):
            gc.collect()
            start = time.perf_counter()
            results = direct(experiment)
            direct_times.append(time.perf_counter() - start)
            welfare = [result.metrics["welfare"] for result in results]
            del results  # neither call runs with the other's results alive
            gc.collect()
            seconds, frame = timed_sweep(experiment, "serial")
            sweep_times.append(seconds)
        same = bool((frame["welfare"].to_numpy() == welfare).all())
        extra = statistics.median(s - d for s, d in zip(sweep_times, direct_times, strict=True))
        return min(sweep_times), min(direct_times), extra, same

    cases = [
        (args.replications, args.overhead_points, batched, "run_batch"),
        (1, args.single_points, batched, "run_batch of 1"),
        (1, args.single_points, one_by_one, "run"),
    ]
    for replications, points, direct, label in cases:
        # One (design, point) batch, then many: the difference of the two overheads,
        # per extra run, is the per-run overhead; the rest is a fixed cost per sweep.
        small = model_experiment(spec, 1, replications)
        large = model_experiment(spec, points, replications)
        n_small, n_large = replications, points * replications
        s_small, d_small, fixed, same_small = measure(small, direct)
        s_large, d_large, extra, same_large = measure(large, direct)
        per_run = (extra - fixed) / (n_large - n_small)
        own = d_large / n_large
        whole = s_large / d_large - 1
        same = same_small and same_large
        print(
            f"overhead, {replications} replication(s) per batch, serial sweep against {label}: "
            f"{n_large} runs {s_large:.2f} s against {d_large:.2f} s ({whole:+.1%}); "
            f"{n_small} run(s) {s_small:.2f} s against {d_small:.2f} s\n"
            f"  fixed cost per sweep {fixed * 1e3:.0f} ms; per run {per_run * 1e3:+.3f} ms "
            f"= {per_run / own:+.1%} of the run's own {own * 1e3:.2f} ms; same welfare: {same}"
        )
        target = label != "run"
        rows.append(
            Row(
                "per-run overhead < 5%" if target else "",
                f"{replications}/batch vs {label}: per run (marginal)",
                f"{per_run * 1e3:+.2f} ms of {own * 1e3:.1f} ms ({per_run / own:+.1%})",
                verdict(per_run / own < 0.05) if target else "",
            )
        )
        rows.append(
            Row(
                "",
                f"{replications}/batch vs {label}: {n_large}-run sweep, all in",
                f"{s_large:.2f} s vs {d_large:.2f} s ({whole:+.1%})",
            )
        )
        if not same:
            rows.append(Row("same results", f"sweep vs {label}", "differ", "FAIL"))


# -- Memory: a 100,000-run sweep in a fresh process -----------------------------------


def _hwm_kib(pid: int | str) -> int:
    """Peak resident memory (VmHWM) of a live process, in KiB; 0 if it is gone."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def _descendants(root: int) -> list[int]:
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
                parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
            except (OSError, ValueError, IndexError):
                continue
    found, frontier = [], [root]
    while frontier:
        parent = frontier.pop()
        children = [pid for pid, ppid in parents.items() if ppid == parent]
        found += children
        frontier += children
    return found


class Peaks(threading.Thread):
    """Polls the peak resident memory of every descendant process while they live.

    VmHWM belongs to a process's own address space, which ``exec`` replaces, so unlike
    ``ru_maxrss`` it does not inherit the parent's peak in a spawned worker."""

    def __init__(self, interval: float = 0.2) -> None:
        super().__init__(daemon=True)
        self.interval, self.peaks, self.halt = interval, {}, threading.Event()

    def run(self) -> None:
        while not self.halt.is_set():
            for pid in _descendants(os.getpid()):
                self.peaks[pid] = max(self.peaks.get(pid, 0), _hwm_kib(pid))
            self.halt.wait(self.interval)

    def stop(self) -> dict[int, int]:
        self.halt.set()
        self.join()
        return self.peaks


def measure_memory(kind: str, runs: int, workers: int) -> dict[str, Any]:
    """Run a ``runs``-run sweep on the process backend here; report time and memory."""
    with tempfile.TemporaryDirectory(prefix="bench-sweep-") as folder:
        if kind == "model":
            spec = write_spec(Path(folder) / "tiny.toml", per_sector=8)  # 40 stakeholders
            replications = 100
            experiment = model_experiment(spec, runs // replications, replications, steps=5)
            what = f"40 stakeholders, 5 issues, {runs // replications} points x 100 replications"
        else:
            sampler = Sampler("latin-hypercube", samples=runs)
            factors = (Factor("a", low=0.0, high=1.0), Factor("b", low=0.0, high=1.0))
            experiment = Experiment(
                name="bench-function",
                designs=(),
                replications=1,
                factors=factors,
                sampler=sampler,
                function="bench.sweep:trivial",
            )
            what = f"function bench.sweep:trivial, {runs} latin-hypercube points x 1 replication"
        out = Path(folder) / "out"
        base = _hwm_kib("self")
        peaks = Peaks()
        peaks.start()
        start = time.perf_counter()
        report = sweep(experiment, out, backend_name="process", workers=workers, progress=False)
        seconds = time.perf_counter() - start
        children = peaks.stop()
        manifest = json.loads((out / "manifest.json").read_text())
        size = sum(p.stat().st_size for p in out.rglob("*") if p.is_file())
        main = _hwm_kib("self")
    workers_kib = sorted(children.values(), reverse=True)
    return {
        "what": what,
        "runs": report.runs,
        "failed": report.failed,
        "chunks": manifest["chunks"],
        "chunk_size": manifest["chunk_size"],
        "seconds": seconds,
        "store_mb": size / 2**20,
        "main_before_gb": base / 2**20,
        "main_gb": main / 2**20,
        "children": len(workers_kib),
        "worker_gb": workers_kib[0] / 2**20 if workers_kib else 0.0,
        "total_gb": (main + sum(workers_kib)) / 2**20,
        "ru_self_gb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20,
        "ru_children_gb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 2**20,
    }


def part_memory(args, rows: list[Row]) -> None:
    for kind in ("model", "function"):
        command = [sys.executable, __file__, "--measure-memory", kind]
        command += ["--memory-runs", str(args.memory_runs), "--workers", "2"]
        done = subprocess.run(command, capture_output=True, text=True)
        if done.returncode:
            sys.exit(f"memory part ({kind}) failed:\n{done.stderr}")
        m = json.loads(done.stdout.strip().splitlines()[-1])
        print(
            f"memory, {m['what']}: {m['runs']:,} runs ({m['failed']} failed) in "
            f"{m['chunks']:,} chunks of {m['chunk_size']}, {m['seconds']:.1f} s "
            f"({m['runs'] / m['seconds']:.0f} runs/s), store {m['store_mb']:.1f} MB\n"
            f"  peak RSS: main {m['main_gb']:.3f} GB (after imports {m['main_before_gb']:.3f}), "
            f"largest of {m['children']} child processes {m['worker_gb']:.3f} GB, "
            f"all together at most {m['total_gb']:.3f} GB; "
            f"ru_maxrss self {m['ru_self_gb']:.3f}, children {m['ru_children_gb']:.3f} GB"
        )
        ok = m["failed"] == 0 and m["main_gb"] < 1 and m["worker_gb"] < 1
        rows.append(
            Row(
                "peak memory < 1 GB" if kind == "model" else "",
                f"{m['runs']:,}-run {kind} sweep: main / worker / sum",
                f"{m['main_gb']:.2f} / {m['worker_gb']:.2f} / {m['total_gb']:.2f} GB",
                verdict(ok),
            )
        )
        rows.append(
            Row(
                "",
                f"{kind} sweep: chunks, wall time",
                f"{m['chunks']:,} chunks, {m['seconds']:.0f} s",
            )
        )


# -- Main -----------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--part", nargs="+", choices=[*PARTS, "all"], default=["all"])
    parser.add_argument("--quick", action="store_true", help="small sizes (under a minute)")
    parser.add_argument("--points", type=int, help="scaling/dask: polarisation values")
    parser.add_argument("--replications", type=int, help="replications per point (batch)")
    parser.add_argument("--repeats", type=int, help="scaling/dask: best of this many")
    parser.add_argument("--memory-runs", type=int, help="runs of the memory sweeps")
    parser.add_argument("--measure-memory", choices=["model", "function"], help=argparse.SUPPRESS)
    parser.add_argument("--workers", type=int, default=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure_memory:
        figures = measure_memory(args.measure_memory, args.memory_runs, args.workers)
        print(json.dumps(figures))
        return

    quick = args.quick
    args.points = args.points or (4 if quick else 80)
    args.replications = args.replications or (20 if quick else 50)
    args.repeats = args.repeats or (1 if quick else 2)
    args.memory_runs = args.memory_runs or (2_000 if quick else 100_000)
    args.overhead_points = 2 if quick else 20
    args.single_points = 5 if quick else 50
    args.repeats_overhead = 2 if quick else 5
    parts = PARTS if "all" in args.part else tuple(args.part)

    started = time.perf_counter()
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="bench-spec-") as folder:
        spec = write_spec(Path(folder) / "reference.toml")
        if "scaling" in parts or "dask" in parts:
            part_scaling(spec, args, rows, parts)
        if "overhead" in parts:
            part_overhead(spec, args, rows)
    if "memory" in parts:
        part_memory(args, rows)

    widths = [
        max(len(getattr(r, f)) for r in [Row("target", "measure", "value", ""), *rows])
        for f in ("target", "measure", "value")
    ]
    print(f"\nsummary ({time.perf_counter() - started:.0f} s):")
    if quick:
        print("  --quick: the sizes are too small for the targets; the verdicts mean nothing")
    for row in [Row("target", "measure", "value", "verdict"), *rows]:
        print(
            f"  {row.target:{widths[0]}}  {row.measure:{widths[1]}}  "
            f"{row.value:{widths[2]}}  {row.verdict}"
        )


if __name__ == "__main__":
    main()
