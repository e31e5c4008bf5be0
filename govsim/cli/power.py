"""``govsim power``: voting power of every seat of one body."""

from __future__ import annotations

import argparse
import json
from typing import Any

from govsim.cli._common import split
from govsim.errors import GovsimError

HELP = "Voting power (Banzhaf, Shapley–Shubik) of every seat."
EPILOG = (
    "examples: govsim power --weights 4,4,4,2,2,1 --quota 12 --json; "
    "govsim power --houses 7,13 --threshold gnso-default"
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The command's arguments and options."""
    parser.add_argument("--weights", help="comma-separated seat weights, e.g. 4,4,4,2,2,1")
    parser.add_argument(
        "--quota", help="quota of a weighted game: a coalition wins with weight >= quota"
    )
    parser.add_argument(
        "--houses", help="comma-separated house sizes, e.g. 7,13 (seats listed house by house)"
    )
    parser.add_argument(
        "--threshold", help="multi-house threshold: a name (see `govsim rules`) or an expression"
    )
    parser.add_argument("--rule", help="any registered decision rule (see `govsim rules`)")
    parser.add_argument(
        "--param",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="a rule parameter; repeat for several",
    )
    parser.add_argument(
        "--exact", action="store_true", help="print exact fractions as 'p/q' strings"
    )
    parser.add_argument(
        "--method",
        choices=["auto", "exact", "monte-carlo"],
        default="auto",
        help="for rules over seats: exact counting by seat type, or Monte Carlo",
    )
    parser.add_argument("--samples", type=int, default=100_000, help="Monte Carlo samples")
    parser.add_argument("--seed", type=int, default=0, help="Monte Carlo seed")
    parser.add_argument("--json", action="store_true", help="print one JSON object")


def _house_sizes(text: str) -> list[int]:
    try:
        sizes = [int(part) for part in split(text)]
    except ValueError:
        raise GovsimError(
            f"expected whole numbers of seats such as 7,13; found {text!r}", source="--houses"
        ) from None
    if not sizes or min(sizes) < 1:
        raise GovsimError(
            f"expected at least one house of one or more seats; found {text!r}", source="--houses"
        )
    return sizes


def _param(text: str) -> tuple[str, Any]:
    key, sep, value = text.partition("=")
    if not sep or not key:
        raise GovsimError(f"expected KEY=VALUE; found {text!r}", source="--param")
    try:
        return key, json.loads(value)
    except json.JSONDecodeError:
        return key, value  # fractions like 2/3 and names stay strings; rules parse them


def handle(args: argparse.Namespace) -> int:
    """Run the command; return its exit code."""
    from govsim.app.seat_power import rule_seat_power, weighted_seat_power

    if args.quota is not None:
        if args.houses or args.rule or args.threshold:
            raise GovsimError(
                "give either --quota (a weighted game) or --houses/--rule/--threshold"
            )
        if args.weights is None:
            raise GovsimError("a weighted game needs --weights as well as --quota")
        result = weighted_seat_power(args.weights, args.quota, exact=args.exact)
    else:
        if not (args.rule or args.threshold):
            raise GovsimError("give --quota for a weighted game, or --threshold or --rule")
        houses = _house_sizes(args.houses) if args.houses else []
        if not (houses or split(args.weights)):
            raise GovsimError("a rule over seats needs --houses sizes or --weights")
        params = dict(_param(p) for p in args.param)
        if args.threshold:
            params["threshold"] = args.threshold
        result = rule_seat_power(
            args.rule or "houses",
            params,
            houses=houses,
            weights=args.weights if split(args.weights) else None,
            exact=args.exact,
            method=args.method,
            samples=args.samples,
            seed=args.seed,
            source="--weights",
        )
    record = result.to_record()
    if args.json:
        print(json.dumps(record))
        return 0
    print(result.to_frame().to_string(index=False, float_format=lambda v: f"{v:.6f}"))
    print(f"method: {result.power.method}")
    for key in ("veto_players", "null_players", "minimal_winning_coalitions"):
        if key in record:
            print(f"{key.replace('_', ' ')}: {record[key]}")
    return 0
