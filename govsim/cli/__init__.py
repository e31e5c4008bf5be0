"""The ``govsim`` command line.

Every subcommand has ``--help``. Invalid input gets one line on stderr naming what was
expected and what was found, and exit code 2; never a traceback.

Each command is one module of this package: ``HELP`` (and ``EPILOG``),
``add_arguments(parser)`` and ``handle(args) -> exit code``, which parses nothing
itself, calls one function of the library or of :mod:`govsim.app`, and prints.
"""

from __future__ import annotations

import argparse
import os
import sys
import warnings
from collections.abc import Sequence
from types import ModuleType
from typing import Any

from govsim import __version__
from govsim.cli import (
    analyze,
    brief,
    compare,
    designs,
    discover,
    explore,
    figures,
    power,
    report,
    rules,
    run,
    study,
    sweep,
    validate,
)
from govsim.errors import GovsimError

__all__ = ["COMMANDS", "main"]

#: The commands, in the order ``govsim --help`` lists them.
COMMANDS: dict[str, ModuleType] = {
    "power": power,
    "rules": rules,
    "report": report,
    "run": run,
    "explore": explore,
    "validate": validate,
    "sweep": sweep,
    "analyze": analyze,
    "study": study,
    "figures": figures,
    "compare": compare,
    "discover": discover,
    "brief": brief,
    "designs": designs,
}


class _Parser(argparse.ArgumentParser):
    """argparse with a one-line error message instead of the usage block."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(2, f"{self.prog}: error: {message} (see --help)\n")


#: The end of ``govsim --help``: which command comes when.
ORDER_OF_WORK = """order of work:
  govsim designs           the built-in designs (--show NAME prints one as TOML to extend)
  govsim run DESIGN        one run of a design, to try it
  govsim validate SPEC     check an experiment file before running it
  govsim sweep SPEC        run the experiment: every design at every point, replicated
  govsim analyze FOLDER    tables of means with 95% confidence intervals
  govsim figures FOLDER    the figures that fit the sweep's data
  govsim study SPEC ...    validate, sweep, analyze and figures in one command
then, on a sweep folder: govsim discover (which settings lead to an outcome) and
govsim brief (a policy brief of several studies). docs/tutorial.md goes through it."""


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="govsim",
        description="govsim: agent-based simulation of multistakeholder governance.",
        epilog=ORDER_OF_WORK,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"govsim {__version__}")
    commands = parser.add_subparsers(title="commands", required=True, metavar="COMMAND")
    for name, module in COMMANDS.items():
        sub = commands.add_parser(
            name, help=module.HELP.replace("%", "%%"), description=module.HELP
        )
        sub.epilog = getattr(module, "EPILOG", None)
        sub.set_defaults(handler=module.handle, command=name)
        module.add_arguments(sub)
    return parser


def _print_skipped_figures() -> None:
    """Print every skipped figure as one line on stderr.

    Used in a ``warnings.catch_warnings`` block, so a skipped figure shows as one line,
    not as a warning with its source line.
    """
    from govsim.app.sweep_figures import FigureSkipped

    show = warnings.showwarning

    def showwarning(message: Any, category: type[Warning], *args: Any, **kwargs: Any) -> None:
        if issubclass(category, FigureSkipped):
            print(f"govsim figures: {message}", file=sys.stderr)
        else:
            show(message, category, *args, **kwargs)

    warnings.showwarning = showwarning
    warnings.simplefilter("always", FigureSkipped)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``govsim`` command; return its exit code."""
    args = _parser().parse_args(argv)
    module = COMMANDS[args.command]
    try:
        with warnings.catch_warnings():
            if getattr(module, "DRAWS", False):
                import matplotlib

                matplotlib.use("Agg")  # files only: no window, and the same output everywhere
                _print_skipped_figures()
            return args.handler(args)
    except GovsimError as error:
        print(f"govsim {args.command}: error: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        hint = getattr(module, "INTERRUPTED", "")
        print(f"govsim {args.command}: interrupted{hint}", file=sys.stderr)
        return 130
    except BrokenPipeError:  # output piped into `head`, which closed it: not an error
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
