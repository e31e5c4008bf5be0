"""``govsim designs``: the built-in designs (or scenarios), listed or shown."""

from __future__ import annotations

import argparse

from govsim.errors import GovsimError

HELP = "List the built-in designs (or scenarios), or print one as TOML."
EPILOG = (
    "--show prints a built-in's TOML file, which govsim run and an extends file take as "
    "they take the name: govsim designs --show gnso-council > my-council.toml"
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The command's arguments and options."""
    parser.add_argument(
        "--scenarios", action="store_true", help="list (or --show) the built-in scenarios instead"
    )
    parser.add_argument("--show", metavar="NAME", help="print built-in NAME as TOML")


def handle(args: argparse.Namespace) -> int:
    """Run the command; return its exit code."""
    from govsim.check import suggest
    from govsim.designs import builtin_designs, builtin_scenarios
    from govsim.designs.library import builtin_path

    kind = "scenario" if args.scenarios else "design"
    table = builtin_scenarios() if args.scenarios else builtin_designs()
    if args.show is not None:
        path = builtin_path(args.show, kind)
        if path is None:
            other = "design" if args.scenarios else "scenario"
            if builtin_path(args.show, other):
                hint = f"; it is a built-in {other}" + (
                    "" if args.scenarios else ": add --scenarios"
                )
            else:
                hint = suggest(args.show, table)
            raise GovsimError(
                f"--show: expected a built-in {kind}: one of {', '.join(table)}; found "
                f"{args.show!r}{hint}"
            )
        print(path.read_text(), end="")
        return 0
    width = max(map(len, table), default=0)
    for name, description in table.items():
        print(f"{name:<{width}}  {description}")
    return 0
