"""``govsim run``: one simulation of a design, issue after issue."""

from __future__ import annotations

import argparse
import json
import sys

from govsim import DEFAULT_STEPS
from govsim.cli._common import overrides, overrides_argument

HELP = "Simulate a design issue after issue and print its metrics."
EPILOG = (
    "DESIGN and --scenario are built-in names (see `govsim designs`) or TOML files "
    "(keys in docs/spec.md). example: govsim run gnso-council --steps 200 --seed 7 "
    "--set deliberation.segregation=0.5 --out out/gnso"
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The command's arguments and options."""
    parser.add_argument("design", metavar="DESIGN", help="a built-in design name or a TOML file")
    parser.add_argument("--scenario", help="a built-in scenario name or a TOML file")
    parser.add_argument(
        "--steps",
        type=int,
        default=DEFAULT_STEPS,
        help=f"issues to simulate (default {DEFAULT_STEPS})",
    )
    parser.add_argument("--seed", type=int, default=0, help="random seed, an integer >= 0")
    overrides_argument(
        parser,
        "override a spec key, e.g. deliberation.kernel=degroot or "
        "scenario.polarisation=0.5; repeat for several",
    )
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument(
        "--out",
        help="folder for issues.parquet, summary.parquet and run.json (spec, seed, versions)",
    )


def handle(args: argparse.Namespace) -> int:
    """Run the command; return its exit code."""
    from govsim.simulate import run

    result = run(
        args.design,
        args.scenario,
        steps=args.steps,
        seed=args.seed,
        overrides=overrides(args.set),
        progress=True,
    )
    written = result.save(args.out) if args.out else []
    if args.json:
        identity = {"design": result.design.name, "scenario": result.scenario.name}
        content = identity | {"seed": args.seed, "steps": args.steps, "metrics": result.metrics}
        print(json.dumps(content, default=str))
    else:
        print(f"design {result.design.name}, scenario {result.scenario.name}, ", end="")
        print(f"seed {args.seed}, {args.steps} issues")
        width = max(map(len, result.metrics))
        for name, value in result.metrics.items():
            shown = f"{value:.4f}" if isinstance(value, float) else value
            print(f"  {name:<{width}}  {shown}")
    for path in written:
        print(f"wrote {path}", file=sys.stderr if args.json else sys.stdout)
    return 0
