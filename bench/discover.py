"""PRIM on 100,000 units x 10 factors: the time of ``govsim.sweeps.discovery.prim``.

Target (issue 14): under 30 s on one core. The units are uniform on [0, 1]^10 with a
planted box (0.2 <= x0 <= 0.6, x1 >= 0.5; mass 0.2) and 5% of the labels flipped, so
PRIM peels through some sixty steps as it would on a sweep. Feature scoring
(extra trees) is timed on the same data as a second line; it is not in the target.

Usage::

    taskset -c 0 python bench/discover.py           # best of 3
    taskset -c 0 python bench/discover.py --repeat 1
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

# One core: no BLAS or OpenMP threads (set before numpy and scikit-learn load).
for variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[variable] = "1"

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

from govsim.sweeps.discovery import feature_scores, prim  # noqa: E402

UNITS, FACTORS = 100_000, 10
TARGET_SECONDS = 30.0


def data(seed: int = 0) -> tuple[pd.DataFrame, np.ndarray]:
    rng = np.random.default_rng(seed)
    x = pd.DataFrame(rng.random((UNITS, FACTORS)), columns=[f"x{k}" for k in range(FACTORS)])
    inside = ((x["x0"] >= 0.2) & (x["x0"] <= 0.6) & (x["x1"] >= 0.5)).to_numpy()
    return x, inside ^ (rng.random(UNITS) < 0.05)


def timed(call) -> tuple[float, float, object]:
    wall, cpu = time.perf_counter(), time.process_time()
    result = call()
    return time.perf_counter() - wall, time.process_time() - cpu, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs; the best is kept")
    args = parser.parse_args()
    x, cases = data()
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    print(f"{UNITS:,} units x {FACTORS} factors, {int(cases.sum()):,} cases; {cores} core(s)")
    runs = [timed(lambda: prim(x, cases, max_boxes=1)) for _ in range(args.repeat)]
    wall, cpu, found = min(runs, key=lambda r: r[1])
    box = found.boxes[0]  # type: ignore[attr-defined]
    steps = len(found.trajectory)  # type: ignore[attr-defined]
    verdict = "meets" if wall < TARGET_SECONDS else "misses"
    print(
        f"PRIM, one box ({steps} steps): {wall:.1f} s wall, {cpu:.1f} s CPU (best of "
        f"{args.repeat}; {verdict} the {TARGET_SECONDS:.0f} s target)"
    )
    limits = ", ".join(f"{k} {v[0]:.3f}-{v[1]:.3f}" for k, v in box.limits.items())
    print(f"  box: {limits}; coverage {box.coverage:.3f}, density {box.density:.3f}")
    wall, cpu, _ = timed(lambda: feature_scores(x, cases))
    print(f"feature scores (100 extra trees): {wall:.1f} s wall, {cpu:.1f} s CPU")


if __name__ == "__main__":
    main()
