"""``govsim report``: the power report of real councils, tables and figures."""

from __future__ import annotations

import argparse

HELP = "Voting power and counter-majoritarian rates of real councils: tables and figures."
DRAWS = True


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The command's arguments and options."""
    parser.add_argument("--out", default="results", help="output folder (default: results)")
    parser.add_argument("--quiet", action="store_true", help="print nothing")


def handle(args: argparse.Namespace) -> int:
    """Run the command; return its exit code."""
    from govsim.app.power_report import write_power_report

    report = write_power_report(args.out)
    if args.quiet:
        return 0
    seats = report.seat_power
    gnso = seats[(seats["council"] == "gnso-council") & (seats["weight"] > 0)]
    print(
        gnso.drop_duplicates(["rule", "house"])[
            ["rule", "house", "banzhaf", "shapley_shubik", "vs_equal_share"]
        ].to_string(index=False, float_format=lambda v: f"{v:.4f}")
    )
    print()
    print(
        report.counter_majoritarian.drop(columns="counter_majoritarian_exact").to_string(
            index=False, float_format=lambda v: f"{v:.4f}"
        )
    )
    print("\nwrote:\n" + "\n".join(f"  {p}" for p in report.written))
    return 0
