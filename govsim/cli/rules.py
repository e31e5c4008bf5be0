"""``govsim rules``: the registered decision rules and multi-house thresholds."""

from __future__ import annotations

import argparse
import textwrap

HELP = "List the registered decision rules and multi-house thresholds."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """No arguments."""


def handle(args: argparse.Namespace) -> int:
    """Run the command; return its exit code."""
    from govsim.rules import RULES, THRESHOLDS

    for info in RULES.values():
        claims = [claim for claim in ("anonymous", "monotone") if getattr(info, claim)]
        params = ", ".join(f"{key}={value!s}" for key, value in info.defaults.items())
        print(f"{info.name}  [{', '.join(claims) or 'neither anonymous nor monotone'}]")
        for label, text in (
            ("", info.summary),
            ("parameters: ", params or "none"),
            ("source: ", info.source),
        ):
            print(
                textwrap.fill(
                    label + text, width=88, initial_indent="    ", subsequent_indent="      "
                )
            )
    print("\nmulti-house thresholds (rule 'houses', parameter threshold=NAME or an expression):")
    width = max(map(len, THRESHOLDS))
    for name, expression in THRESHOLDS.items():
        print(f"    {name:<{width}}  {expression}")
    return 0
