"""``govsim compare``: two designs on the same seeds, metric by metric."""

from __future__ import annotations

import argparse
import sys

from govsim import DEFAULT_STEPS
from govsim.check import int_arg
from govsim.cli._common import backend_arguments, overrides, overrides_argument, split

HELP = (
    "Compare two designs on the same seeds: mean difference, 95% CI, effect size "
    "and paired tests per metric."
)
EPILOG = (
    "example: govsim compare gnso-council gnso-council-2003 --replications 50 "
    "--metrics welfare,minority_loss"
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The command's arguments and options."""
    parser.add_argument("design_a", metavar="DESIGN_A", help="a built-in design or TOML file")
    parser.add_argument("design_b", metavar="DESIGN_B", help="a built-in design or TOML file")
    parser.add_argument("--scenario", help="one scenario for both (default: each design's own)")
    parser.add_argument(
        "--replications", type=int_arg(low=1), default=30, help="paired replications (default 30)"
    )
    parser.add_argument(
        "--steps",
        type=int_arg(low=1),
        default=DEFAULT_STEPS,
        help=f"issues per run (default {DEFAULT_STEPS})",
    )
    parser.add_argument("--seed", type=int_arg(low=0), default=0, help="base seed, an integer >= 0")
    parser.add_argument("--metrics", help="comma-separated metrics (default: the main ones)")
    overrides_argument(
        parser,
        "override a key in both designs; repeat for several",
    )
    backend_arguments(parser)
    parser.add_argument("--out", help="keep the runs in this sweep folder")
    parser.add_argument("--json", action="store_true", help="print JSON records")


def handle(args: argparse.Namespace) -> int:
    """Run the command; return its exit code."""
    from govsim.app.comparison import compare
    from govsim.sweeps import markdown

    result = compare(
        args.design_a,
        args.design_b,
        scenario=args.scenario,
        steps=args.steps,
        replications=args.replications,
        seed=args.seed,
        overrides=overrides(args.set),
        metrics=split(args.metrics) or None,
        backend_name=args.backend,
        workers=args.workers,
        out=args.out,
        progress=not args.json,
        labels=("DESIGN_A", "DESIGN_B"),
    )
    a, b = result.a, result.b
    if args.json:
        # Fixed keys for programs, with the designs named in every record.
        records = result.table.assign(design_a=a, design_b=b)
        print(records.to_json(orient="records"))
    else:
        # Columns named by design, in the order typed (the same design twice gets A, B).
        first, second = (a, b) if a != b else (f"{a} (A)", f"{b} (B)")
        print(
            f"{first} vs {second}: {result.replications} paired replications (common "
            f"seeds), {result.steps} issues each; difference = {second} - {first}\n"
        )
        print(markdown(result.table.rename(columns={"mean_a": first, "mean_b": second})))
    if result.failed:
        print(
            f"govsim compare: {result.failed} runs failed, e.g. {result.first_error}",
            file=sys.stderr,
        )
        return 1
    return 0
