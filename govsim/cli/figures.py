"""``govsim figures``: every figure that fits a sweep folder."""

from __future__ import annotations

import argparse
from pathlib import Path

from govsim.cli._common import split

HELP = (
    "Draw every figure that fits the results in FOLDER (a sweep folder) as vector PDF "
    "and 300-dpi PNG, each with a caption file."
)
EPILOG = "Writes FOLDER/figures/. example: govsim figures results/example"
DRAWS = True


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The command's arguments and options."""
    parser.add_argument("folder", metavar="FOLDER", help="a sweep folder (govsim sweep --out)")
    parser.add_argument(
        "--metrics",
        help="comma-separated metrics for the outcome figures (default: the experiment's)",
    )
    parser.add_argument("--quiet", action="store_true", help="print nothing")


def handle(args: argparse.Namespace) -> int:
    """Run the command; return its exit code."""
    from govsim.app.sweep_figures import render

    written = render(args.folder, metrics=split(args.metrics))
    if not args.quiet:
        names = sorted({p.stem for p in written})
        print(f"wrote {len(names)} figures (pdf, png, caption) to {Path(args.folder) / 'figures'}")
    return 0
