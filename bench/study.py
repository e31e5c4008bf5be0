"""The flagship studies of ``make run``: time of the sweep, the tables and the figures
of each, at default size (or ``--full``); prints the numbers recorded in
bench/README.md. It is a benchmark, not a test.

Target (issue 5): the simulation of the whole flagship set finishes in under 5 minutes
on 2 cores at default size.

Usage::

    python bench/study.py            # default size, about 70 s on 2 cores
    python bench/study.py --full     # paper size (each experiment's [full] settings)
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from govsim.app.sweep_figures import render  # noqa: E402
from govsim.sweeps import analyze, load_experiment, sweep  # noqa: E402

FLAGSHIP = (
    "rules",
    "gnso_7_over_14",
    "inclusion",
    "regions",
    "crisis",
    "crisis_counterfactual",
    "ministry",
    "consultation",
    "coopted",
)
TARGET_SECONDS = 300.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--full", action="store_true", help="paper size ([full] settings)")
    args = parser.parse_args()
    header = ("experiment", "runs", "sweep s", "runs/s", "tables s", "figures s")
    print("".join(f"{h:<16}" if k == 0 else f"{h:>10}" for k, h in enumerate(header)))
    totals = [0.0, 0.0, 0.0]
    with tempfile.TemporaryDirectory() as out:
        for name in FLAGSHIP:
            experiment = load_experiment(ROOT / "experiments" / f"{name}.toml", full=args.full)
            folder = Path(out) / name
            report = sweep(experiment, folder, progress=False)
            start = time.perf_counter()
            analyze(folder)
            tables = time.perf_counter() - start
            start = time.perf_counter()
            render(folder, experiment=experiment)
            figures = time.perf_counter() - start
            for k, seconds in enumerate((report.seconds, tables, figures)):
                totals[k] += seconds
            print(
                f"{name:<16}{report.runs:>10}{report.seconds:>10.1f}"
                f"{report.runs / report.seconds:>10.0f}{tables:>10.1f}{figures:>10.1f}"
            )
    print(f"{'total':<16}{'':>10}{totals[0]:>10.1f}{'':>10}{totals[1]:>10.1f}{totals[2]:>10.1f}")
    verdict = "met" if totals[0] < TARGET_SECONDS else "MISSED"
    print(f"simulation {totals[0]:.1f} s against the {TARGET_SECONDS:.0f} s target: {verdict}")


if __name__ == "__main__":
    main()
