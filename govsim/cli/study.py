"""``govsim study``: experiment files end to end (sweep, tables, figures)."""

from __future__ import annotations

import argparse
import sys

from govsim.cli._common import backend_arguments

HELP = (
    "Run experiment files end to end: the sweep (resumed if interrupted), the "
    "analysis tables and every figure that fits, in OUT/<experiment>/."
)
EPILOG = (
    "example: govsim study experiments/example.toml experiments/tutorial.toml --out results "
    "(make run runs the flagship set this way)"
)
DRAWS = True
INTERRUPTED = "; run it again to continue where it stopped"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The command's arguments and options."""
    parser.add_argument("specs", nargs="+", metavar="SPEC", help="experiment TOML files")
    parser.add_argument(
        "--out", help="parent folder (default: results, or results/full with --full)"
    )
    parser.add_argument(
        "--full", action="store_true", help="paper size: use each file's [full] settings"
    )
    parser.add_argument(
        "--fresh", action="store_true", help="delete an earlier sweep of the study and start over"
    )
    backend_arguments(parser)
    parser.add_argument("--quiet", action="store_true", help="no progress bars or summary")


def handle(args: argparse.Namespace) -> int:
    """Run the command; return its exit code."""
    from govsim.app.studies import load_studies, study

    out = args.out or ("results/full" if args.full else "results")
    failed = 0
    for experiment in load_studies(args.specs, full=args.full):
        report = study(
            experiment,
            out,
            full=args.full,
            fresh=args.fresh,
            backend_name=args.backend,
            workers=args.workers,
            progress=not args.quiet,
        )
        failed += report.failed
        if not args.quiet:
            print(report)
    if failed:
        print(f"govsim study: {failed} runs failed; see the 'error' column", file=sys.stderr)
        return 1
    return 0
