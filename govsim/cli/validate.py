"""``govsim validate``: check design, scenario and experiment files."""

from __future__ import annotations

import argparse
import sys

from govsim.cli._common import overrides, overrides_argument
from govsim.errors import GovsimError

HELP = (
    "Check design and scenario files: every key, type and range, and that a design "
    "fits its scenario."
)
EPILOG = (
    "A file may hold [design], [scenario] or both, or be an experiment file "
    "([experiment], checked as govsim sweep would before running it); a design "
    "without its own [scenario] is checked against the scenario it names "
    "(design.scenario). Prints "
    "'FILE: ok (design NAME, scenario NAME)' per file, or one error line per bad "
    "file and exit code 2. Keys are documented in docs/spec.md. "
    "example: govsim validate experiments/designs/council-majority.toml "
    "--set deliberation.segregation=0.5"
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The command's arguments and options."""
    parser.add_argument(
        "files",
        nargs="+",
        metavar="FILE",
        help="a TOML file, or a built-in design or scenario name",
    )
    overrides_argument(
        parser,
        "override a key before checking, e.g. rule.threshold=gnso-supermajority or "
        "scenario.polarisation=0.5; repeat for several",
    )


def handle(args: argparse.Namespace) -> int:
    """Run the command; return its exit code."""
    from govsim.app.validate import check_file

    failed = 0
    for source in args.files:
        try:
            print(f"{source}: ok ({check_file(source, overrides(args.set))})")
        except GovsimError as error:
            print(f"govsim validate: error: {error}", file=sys.stderr)
            failed += 1
    return 2 if failed else 0
