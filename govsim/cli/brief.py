"""``govsim brief``: a policy brief (HTML and PDF) from study folders."""

from __future__ import annotations

import argparse

from govsim.cli._common import split

HELP = (
    "Write a policy brief from study folders: the question, the designs, key figures, "
    "the comparison with 95% intervals in words, scenario-discovery boxes, method, "
    "limitations and provenance, as OUT/brief.html and OUT/brief.pdf."
)
EPILOG = "example: govsim brief results/rules results/gnso_7_over_14 --out out"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The command's arguments and options."""
    parser.add_argument("studies", nargs="+", metavar="STUDY", help="study folders (govsim study)")
    parser.add_argument("--out", required=True, metavar="DIR", help="the brief's folder")
    parser.add_argument("--title", help="the brief's title (default: names the studies)")
    parser.add_argument(
        "--metrics", help="comma-separated metrics of the comparison (default: each study's)"
    )


def handle(args: argparse.Namespace) -> int:
    """Run the command; return its exit code."""
    from govsim.app.brief import brief

    print(brief(args.studies, args.out, title=args.title, metrics=split(args.metrics)))
    return 0
