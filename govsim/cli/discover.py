"""``govsim discover``: the conditions under which a metric crosses a threshold (PRIM)."""

from __future__ import annotations

import argparse
import json

from govsim.check import int_arg, number_arg
from govsim.cli._common import split

HELP = (
    "Scenario discovery on a sweep: PRIM boxes (factor limits) that hold the runs whose "
    "metric is above or below a threshold, and extra-trees feature scores."
)
EPILOG = (
    "Writes SWEEP/discovery/<metric>-<above|below>-<X>/ (tables, discovery.json, "
    "figures). example: govsim discover results/example --metric minority_loss "
    "--above 0.4"
)
DRAWS = True


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The command's arguments and options."""
    parser.add_argument("folder", metavar="SWEEP", help="a sweep folder with its runs")
    parser.add_argument("--metric", required=True, help="the metric that defines the cases")
    side = parser.add_mutually_exclusive_group(required=True)
    side.add_argument("--above", type=number_arg(), metavar="X", help="cases: metric > X")
    side.add_argument("--below", type=number_arg(), metavar="X", help="cases: metric < X")
    parser.add_argument("--design", help="analyse one design (default: all, design a factor)")
    parser.add_argument("--factors", help="comma-separated factors (default: every factor)")
    parser.add_argument(
        "--unit",
        choices=("point", "run"),
        default="point",
        help="a case is a design's replicate mean at a point (default) or a single run",
    )
    parser.add_argument(
        "--threshold-density",
        type=number_arg(0, 1, low_open=True),
        default=0.8,
        metavar="P",
        help="the density a box should reach (default 0.8)",
    )
    parser.add_argument(
        "--boxes", type=int_arg(low=1), default=3, help="boxes to find at most (default 3)"
    )
    parser.add_argument("--out", metavar="DIR", help="output folder (default: under SWEEP)")
    parser.add_argument("--json", action="store_true", help="print the boxes as JSON")


def handle(args: argparse.Namespace) -> int:
    """Run the command; return its exit code."""
    from govsim.app.discover import discover_sweep

    report = discover_sweep(
        args.folder,
        args.metric,
        above=args.above,
        below=args.below,
        design=args.design,
        factors=split(args.factors) or None,
        unit=args.unit,
        threshold_density=args.threshold_density,
        max_boxes=args.boxes,
        out=args.out,
    )
    print(json.dumps(report.record(), indent=2) if args.json else report)
    return 0
