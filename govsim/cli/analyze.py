"""``govsim analyze``: the summary tables of a sweep."""

from __future__ import annotations

import argparse
from pathlib import Path

from govsim.cli._common import split

HELP = (
    "Summarise a sweep: mean, sd and 95% confidence interval per design and factor "
    "setting; Sobol or Morris indices; paired design comparisons."
)
EPILOG = (
    "Writes FOLDER/analysis/*.csv and *.md. example: govsim analyze results/example "
    "--metrics welfare,minority_loss"
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The command's arguments and options."""
    parser.add_argument("folder", metavar="FOLDER", help="a sweep folder (govsim sweep --out)")
    parser.add_argument("--metrics", help="comma-separated metrics (default: all)")
    parser.add_argument(
        "--confidence", type=float, default=0.95, help="confidence level (default 0.95)"
    )
    parser.add_argument(
        "--rows", type=int, default=40, help="print tables up to this many rows (default 40)"
    )
    parser.add_argument(
        "--paper",
        action="store_true",
        help="also write the paper table: mean [CI] per design and setting, one column "
        "per metric, as analysis/paper.csv, .md, .tex (booktabs) and its caption .txt",
    )
    parser.add_argument("--quiet", action="store_true", help="print nothing")


def handle(args: argparse.Namespace) -> int:
    """Run the command; return its exit code."""
    from govsim.sweeps import analyze, markdown

    metrics = split(args.metrics) or None
    tables = analyze(args.folder, metrics=metrics, confidence=args.confidence)
    if args.paper:
        from govsim.app.paper_table import write_paper_tables

        paper = write_paper_tables(args.folder, tables["summary"], args.confidence)
    if args.quiet:
        return 0
    out = Path(args.folder) / "analysis"
    for name, table in tables.items():
        print(f"## {name}\n")
        fits = len(table) <= args.rows
        print(markdown(table) if fits else f"{len(table)} rows: see {out / name}.md")
        print()
    print(f"wrote {len(tables)} tables (csv and md) to {out}")
    if args.paper:
        print(f"wrote the paper table ({', '.join(p.suffix[1:] for p in paper)}) to {out}")
    return 0
