"""Speed and scale of the issue cycle; prints the numbers recorded in bench/README.md.

Reference configuration (issue 3): 200 stakeholders in five sectors, 100 issues, 5
Friedkin–Johnsen rounds per issue on a segregated network (s = 0.8, blocks by sector),
and a GNSO-style two-house rule (a majority of each house; 7 + 13 seats).

Single run (issue 11): ``govsim.run("gnso-council", steps=100, seed=s)`` called in a
loop, as users do in notebooks and Mesa's ``batch_run``; the whole call (spec, Mesa
model, issues, result tables) is timed.

Usage::

    python bench/model.py            # speed, reference ratio, 100k scale
    python bench/model.py --million  # also 1,000,000 stakeholders
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

# One core: the targets are per core, and BLAS threads would blur them.
for variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(variable, "1")

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from govsim.designs.spec import (  # noqa: E402
    Deliberation,
    Design,
    Group,
    House,
    Ideal,
    RuleSpec,
    Scenario,
    Seats,
)
from govsim.model import GovernanceModel, IssueCycle  # noqa: E402
from govsim.simulate import run  # noqa: E402
from tests.model.reference import ReferenceCycle  # noqa: E402

SECTORS = ("government", "private-sector", "civil-society", "technical-community", "academia")
MEANS = (0.35, 0.25, 0.7, 0.5, 0.6)


def reference_config(per_sector: int = 40) -> tuple[Design, Scenario]:
    """Five sectors of ``per_sector`` stakeholders; a GNSO-style two-house council."""
    scenario = Scenario(
        name=f"five-sectors-{5 * per_sector}",
        groups=tuple(
            Group(name=s, sector=s, count=per_sector, ideal=Ideal(mean=(m,), sd=0.15))
            for s, m in zip(SECTORS, MEANS, strict=True)
        ),
    )
    seats = (
        Seats("private-sector", 7, "contracted"),
        Seats("civil-society", 5, "non-contracted"),
        Seats("technical-community", 4, "non-contracted"),
        Seats("academia", 4, "non-contracted"),
    )
    design = Design(
        name="bench-two-houses",
        rule=RuleSpec("houses", (("threshold", "gnso-default"),)),
        houses=(House("contracted", 7), House("non-contracted", 13)),
        seats=seats,
        deliberation=Deliberation(kernel="friedkin_johnsen", rounds=5, segregation=0.8),
    )
    return design, scenario


def time_batch(design: Design, scenario: Scenario, batch: int, steps: int) -> float:
    """Seconds to run ``batch`` replications of ``steps`` issues as one array program.

    Up to the per-issue records with their metrics (``cycle.history()``): a small run
    measures its issues at the end, so the time includes what it defers.
    """
    start = time.perf_counter()
    cycle = IssueCycle(design, scenario, list(range(batch)))
    for _ in range(steps):
        cycle.step()
    cycle.history()
    return time.perf_counter() - start


def best_of(repeats: int, call: Callable[[], object]) -> float:
    """Fewest seconds ``call`` took over ``repeats`` calls."""
    return best_times(repeats, call)[0]


def best_times(repeats: int, call: Callable[[], object]) -> tuple[float, float]:
    """Fewest wall-clock and fewest CPU seconds ``call`` took over ``repeats`` calls.

    CPU time (``time.process_time``) of this one-thread process is the steadier
    figure on a shared machine, where other processes stretch wall time.
    """
    wall, cpu = [], []
    for _ in range(repeats):
        start, start_cpu = time.perf_counter(), time.process_time()
        call()
        wall.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return min(wall), min(cpu)


def single_runs(count: int = 40, repeats: int = 3) -> tuple[float, float]:
    """Runs per second of ``govsim.run("gnso-council", steps=100, seed=s)``, wall-clock
    and CPU time, best of ``repeats`` loops of ``count`` seeds."""
    run("gnso-council", steps=100, seed=0)  # warm caches (built-in specs, power, numba)

    def loop() -> None:
        for seed in range(count):
            run("gnso-council", steps=100, seed=seed)

    wall, cpu = best_times(repeats, loop)
    return count / wall, count / cpu


def time_reference(design: Design, scenario: Scenario, steps: int) -> float:
    start = time.perf_counter()
    cycle = ReferenceCycle(design, scenario, 0)
    for _ in range(steps):
        cycle.step()
    return time.perf_counter() - start


def open_assembly(design: Design) -> Design:
    """The same stakeholders deciding in one open room: everyone votes, simple majority."""
    return replace(design, name="bench-open", seats=(), houses=(), rule=RuleSpec("majority"))


def measure_scale(n: int, steps: int, everyone_votes: bool) -> dict[str, float]:
    """Time one replication of n stakeholders and read this process's peak memory."""
    design, scenario = reference_config(n // 5)
    if everyone_votes:
        design = open_assembly(design)
    start = time.perf_counter()
    cycle = IssueCycle(design, scenario, [0])
    setup = time.perf_counter() - start
    for _ in range(steps):
        cycle.step()
    total = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20  # KiB -> GiB
    return {"setup_s": setup, "total_s": total, "peak_gb": peak}


def scale(n: int, steps: int = 20, everyone_votes: bool = False) -> dict[str, float]:
    """:func:`measure_scale` in a fresh process, so peak memory is this run's alone."""
    command = [sys.executable, __file__, "--measure-scale", str(n), "--steps", str(steps)]
    command += ["--everyone-votes"] if everyone_votes else []
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--million", action="store_true", help="also run 1,000,000 stakeholders")
    parser.add_argument("--batch", type=int, default=100, help="replications per array program")
    parser.add_argument("--measure-scale", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--steps", type=int, default=20, help=argparse.SUPPRESS)
    parser.add_argument("--everyone-votes", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure_scale:
        print(json.dumps(measure_scale(args.measure_scale, args.steps, args.everyone_votes)))
        return

    # First: a child's peak RSS on Linux starts from this process's size at fork, and
    # the runs below load numba and the model's compiled loops into this process.
    sizes = [100_000] + ([1_000_000] if args.million else [])
    scales = {
        (n, everyone_votes): scale(n, everyone_votes=everyone_votes)
        for n in sizes
        for everyone_votes in (False, True)
    }

    rate, cpu_rate = single_runs()
    print("single run: govsim.run('gnso-council', steps=100, seed=s), 235 stakeholders")
    print(
        f"  govsim.run in a loop      : {rate:8.1f} runs/s ({1e3 / rate:.1f} ms/run); "
        f"CPU time {cpu_rate:.1f} runs/s (target >= 60)"
    )

    design, scenario = reference_config()
    steps = 100
    time_batch(design, scenario, 2, 5)  # warm caches (rule parsing, power)
    single = min(time_batch(design, scenario, 1, steps) for _ in range(3))
    batched, batched_cpu = best_times(3, lambda: time_batch(design, scenario, args.batch, steps))
    reference = time_reference(design, scenario, steps)
    print("reference configuration: 200 stakeholders, 5 sectors, 100 issues, 5 FJ rounds")
    print(f"  one replication at a time : {1 / single:8.1f} runs/s ({single * 1e3:.1f} ms/run)")
    print(
        f"  {args.batch} replications batched: {args.batch / batched:8.1f} runs/s "
        f"({batched / args.batch * 1e3:.2f} ms/run); CPU time "
        f"{args.batch / batched_cpu:.1f} runs/s (target >= 250 on a quiet machine)"
    )
    setter_design = replace(design, agenda=replace(design.agenda, strategy="setter"))
    setter, setter_cpu = best_times(
        3, lambda: time_batch(setter_design, scenario, args.batch, steps)
    )
    print(
        f"  the same with setters     : {args.batch / setter:8.1f} runs/s; CPU time "
        f"{args.batch / setter_cpu:.1f} runs/s ({setter_cpu / batched_cpu:.2f}x sincere)"
    )
    print(f"  per-agent reference       : {1 / reference:8.2f} runs/s")
    print(
        f"  speed-up over reference   : {reference / single:8.1f}x unbatched, "
        f"{reference / (batched / args.batch):.0f}x batched"
    )

    for n in sizes:
        for everyone_votes, body in ((False, "20-seat council"), (True, "open assembly")):
            figures = scales[n, everyone_votes]
            print(
                f"scale: {n:,} stakeholders, {body}, 20 issues: {figures['total_s']:.1f} s "
                f"(setup {figures['setup_s']:.1f} s), peak RSS {figures['peak_gb']:.2f} GB"
            )

    # Last: 100,000 agents in this process, after the children above.
    design, scenario = reference_config(20_000)
    cycle_setup = best_of(3, lambda: IssueCycle(design, scenario, [0]))
    # Agents are made on first use of model.agents; ask for them to time them.
    model_setup = best_of(3, lambda: GovernanceModel(design, scenario, seed=0).agents)
    extra = (model_setup - cycle_setup) / scenario.size
    print(
        f"Mesa agents, 100,000 stakeholders: GovernanceModel with its agents "
        f"{model_setup:.2f} s against IssueCycle {cycle_setup:.2f} s to set up "
        f"({extra * 1e6:.0f} µs per agent)"
    )


if __name__ == "__main__":
    main()
