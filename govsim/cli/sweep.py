"""``govsim sweep``: run an experiment into a resumable result store."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from govsim.cli._common import backend_arguments

HELP = (
    "Run an experiment: every design at every sampled point, replicated, into a "
    "resumable Parquet store."
)
EPILOG = (
    "SPEC is an experiment file (keys in docs/sweeps.md). A folder that already holds "
    "a sweep is refused: pass --resume to continue it or --fresh to replace it. Exit "
    "code 0 when every run succeeded, 1 when some failed (recorded with their errors), "
    "2 for bad input. "
    "example: govsim sweep experiments/example.toml --out results/example --workers 2"
)
INTERRUPTED = "; run it again with --resume to continue"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The command's arguments and options."""
    parser.add_argument("spec", metavar="SPEC", help="an experiment TOML file")
    parser.add_argument("--out", help="the sweep folder (default: results/<experiment name>)")
    backend_arguments(parser)
    parser.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="with --backend dask: a running scheduler, e.g. tcp://10.0.0.5:8786 "
        "(default: start a LocalCluster)",
    )
    parser.add_argument(
        "--resume", action="store_true", help="continue a killed or interrupted sweep in --out"
    )
    parser.add_argument(
        "--fresh",
        action="store_true",
        help="delete the sweep already in --out and start over",
    )
    parser.add_argument(
        "--retry-failed", action="store_true", help="resume and run the failed runs again"
    )
    parser.add_argument("--quiet", action="store_true", help="no progress bar or summary")


def handle(args: argparse.Namespace) -> int:
    """Run the command; return its exit code."""
    from govsim.sweeps import load_experiment, sweep

    experiment = load_experiment(args.spec)
    out = args.out or str(Path("results") / experiment.name)
    report = sweep(
        experiment,
        out,
        backend_name=args.backend,
        workers=args.workers,
        scheduler=args.scheduler,
        resume=args.resume,
        retry_failed=args.retry_failed,
        fresh=args.fresh,
        progress=not args.quiet,
    )
    if not args.quiet:
        print(report)
    if report.failed:
        print(
            f"govsim sweep: {report.failed} runs failed; their errors are in the 'error' "
            f"column (govsim.load({str(out)!r})); rerun with --retry-failed",
            file=sys.stderr,
        )
        return 1
    return 0
