"""``govsim designs``: the built-in designs (or scenarios)."""

from __future__ import annotations

import argparse

HELP = "List the built-in designs (or scenarios)."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The command's arguments and options."""
    parser.add_argument(
        "--scenarios", action="store_true", help="list the built-in scenarios instead"
    )


def handle(args: argparse.Namespace) -> int:
    """Run the command; return its exit code."""
    from govsim.designs import builtin_designs, builtin_scenarios

    table = builtin_scenarios() if args.scenarios else builtin_designs()
    width = max(map(len, table), default=0)
    for name, description in table.items():
        print(f"{name:<{width}}  {description}")
    return 0
