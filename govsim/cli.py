"""The ``govsim`` command line.

Every subcommand has ``--help``. Invalid input gets one line on stderr naming what was
expected and what was found, and exit code 2; never a traceback.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import textwrap
from collections.abc import Callable, Sequence
from fractions import Fraction
from pathlib import Path
from typing import Any

import numpy as np

from govsim import __version__
from govsim.errors import GovsimError

__all__ = ["main"]


class _Parser(argparse.ArgumentParser):
    """argparse with a one-line error message instead of the usage block."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(2, f"{self.prog}: error: {message} (see --help)\n")


def _split(text: str | None) -> list[str]:
    return [] if text is None else [part.strip() for part in text.split(",") if part.strip()]


def _house_sizes(text: str) -> list[int]:
    try:
        sizes = [int(part) for part in _split(text)]
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


def _format(values: Sequence[Any], exact: bool) -> list[Any]:
    if exact:
        return [f"{v.numerator}/{v.denominator}" for v in values]
    return [float(v) for v in values]


def _weighted_game(args: argparse.Namespace) -> tuple[Any, Any, np.ndarray, dict[str, Any]]:
    """``--weights`` and ``--quota``: a weighted game, one house."""
    from govsim.power import WeightedGame

    if args.houses or args.rule or args.threshold:
        raise GovsimError("give either --quota (a weighted game) or --houses/--rule/--threshold")
    if args.weights is None:
        raise GovsimError("a weighted game needs --weights as well as --quota")
    game = WeightedGame.from_values(args.weights, args.quota)
    houses = np.zeros(game.n_players, dtype=int)
    return (
        game,
        game.power(exact=args.exact),
        houses,
        {"weights": list(game.weights), "quota": game.quota},
    )


def _seat_game(args: argparse.Namespace) -> tuple[Any, Any, np.ndarray, dict[str, Any]]:
    """``--houses``/``--weights`` with ``--threshold`` or ``--rule``: any rule over seats."""
    from govsim.exact import exact_number
    from govsim.power import SeatGame
    from govsim.rules import get_rule

    if not (args.rule or args.threshold):
        raise GovsimError("give --quota for a weighted game, or --threshold or --rule")
    sizes = _house_sizes(args.houses) if args.houses else []
    given = _split(args.weights)
    n = sum(sizes) or len(given)
    if n == 0:
        raise GovsimError("a rule over seats needs --houses sizes or --weights")
    if given and len(given) != n:
        raise GovsimError(
            f"expected {n} weights, one per seat; found {len(given)}", source="--weights"
        )
    weights = (
        np.array(
            [
                float(exact_number(w, f"weights[{i}]", source="--weights"))
                for i, w in enumerate(given)
            ]
        )
        if given
        else np.ones(n)
    )
    houses = np.repeat(np.arange(len(sizes)), sizes) if sizes else np.zeros(n, dtype=int)
    rule, params = args.rule or "houses", dict(_param(p) for p in args.param)
    if args.threshold:
        params["threshold"] = args.threshold
    game = SeatGame(get_rule(rule, **params), weights, houses)
    power = game.power(
        method="exact" if args.exact else args.method, samples=args.samples, seed=args.seed
    )
    return (
        game,
        power,
        houses,
        {"rule": rule, "params": params, "weights": weights.tolist(), "houses": houses.tolist()},
    )


def _power(args: argparse.Namespace) -> int:
    from govsim.power import INDICES

    build = _weighted_game if args.quota is not None else _seat_game
    game, power, houses, report = build(args)
    exact = args.exact and power.exact is not None
    values = power.exact if exact else {key: getattr(power, key).tolist() for key in INDICES}
    report |= {key: _format(values[key], exact) for key in INDICES} | {"method": power.method}
    if power.standard_error:
        report["standard_error"] = {k: v.tolist() for k, v in power.standard_error.items()}
    if houses.max() > 0:
        zero = Fraction(0) if exact else 0.0
        report["house_totals"] = {
            key: _format(
                [
                    sum((values[key][i] for i in np.flatnonzero(houses == h)), zero)
                    for h in range(houses.max() + 1)
                ],
                exact,
            )
            for key in INDICES
        }
    if power.method != "monte-carlo":
        report |= {
            "veto_players": game.veto_players(),
            "null_players": game.null_players(),
            "minimal_winning_coalitions": game.minimal_winning_coalitions(),
        }

    if args.json:
        print(json.dumps(report))
        return 0
    table = power.to_frame()
    table.insert(1, "house", houses)
    table.insert(2, "weight", report["weights"])
    print(table.to_string(index=False, float_format=lambda v: f"{v:.6f}"))
    print(f"method: {power.method}")
    for key in ("veto_players", "null_players", "minimal_winning_coalitions"):
        if key in report:
            print(f"{key.replace('_', ' ')}: {report[key]}")
    return 0


def _rules(args: argparse.Namespace) -> int:
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


def _report(args: argparse.Namespace) -> int:
    from matplotlib import pyplot as plt

    from govsim.figures import paper_style, plot_counter_majoritarian, plot_seat_power, save_figure
    from govsim.power.report import COUNCILS, counter_majoritarian_table, seat_power_table
    from govsim.provenance import write_manifest

    out = Path(args.out) / "power"
    out.mkdir(parents=True, exist_ok=True)
    tables = {
        "seat_power": seat_power_table(),
        "counter_majoritarian": counter_majoritarian_table(),
    }
    written = []
    for name, table in tables.items():
        for path, write in (
            (out / f"{name}.csv", table.to_csv),
            (out / f"{name}.parquet", table.to_parquet),
        ):
            write(path, index=False)
            written.append(path)
    with paper_style():
        for name, plot in (
            ("seat_power", plot_seat_power),
            ("counter_majoritarian", plot_counter_majoritarian),
        ):
            fig, _ = plot(tables[name])
            written += save_figure(fig, out / name)
            plt.close(fig)
    written.append(
        write_manifest(out / "manifest.json", job="report", councils=[c.name for c in COUNCILS])
    )
    if not args.quiet:
        seats = tables["seat_power"]
        gnso = seats[(seats["council"] == "gnso-council") & (seats["weight"] > 0)]
        print(
            gnso.drop_duplicates(["rule", "house"])[
                ["rule", "house", "banzhaf", "shapley_shubik", "vs_equal_share"]
            ].to_string(index=False, float_format=lambda v: f"{v:.4f}")
        )
        print()
        print(
            tables["counter_majoritarian"]
            .drop(columns="counter_majoritarian_exact")
            .to_string(index=False, float_format=lambda v: f"{v:.4f}")
        )
        print("\nwrote:\n" + "\n".join(f"  {p}" for p in written))
    return 0


def _run(args: argparse.Namespace) -> int:
    from govsim.simulate import run

    result = run(
        args.design,
        args.scenario,
        steps=args.steps,
        seed=args.seed,
        overrides=args.set,
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


def _sweep(args: argparse.Namespace) -> int:
    from govsim.sweeps import load_experiment, sweep

    experiment = load_experiment(args.spec)
    out = args.out or str(Path("results") / experiment.name)
    report = sweep(
        experiment,
        out,
        backend_name=args.backend,
        workers=args.workers,
        scheduler=args.scheduler,
        resume=args.resume,
        retry_failed=args.retry_failed,
        progress=not args.quiet,
    )
    if not args.quiet:
        print(report)
    if report.failed:
        print(
            f"govsim sweep: {report.failed} runs failed; their errors are in the 'error' "
            f"column (govsim.load({str(out)!r})); rerun with --retry-failed",
            file=sys.stderr,
        )
        return 1
    return 0


def _study(args: argparse.Namespace) -> int:
    from govsim.study import load_studies, study

    out = args.out or ("results/full" if args.full else "results")
    failed = 0
    for experiment in load_studies(args.specs, full=args.full):
        report = study(
            experiment,
            out,
            full=args.full,
            fresh=args.fresh,
            backend_name=args.backend,
            workers=args.workers,
            progress=not args.quiet,
        )
        failed += report.failed
        if not args.quiet:
            print(report)
    if failed:
        print(f"govsim study: {failed} runs failed; see the 'error' column", file=sys.stderr)
        return 1
    return 0


def _figures(args: argparse.Namespace) -> int:
    from govsim.figures.render import render

    written = render(args.folder)
    if not args.quiet:
        names = sorted({p.stem for p in written})
        print(f"wrote {len(names)} figures (pdf, png, caption) to {Path(args.folder) / 'figures'}")
    return 0


_COMPARED = (
    "pass_rate",
    "gridlock_rate",
    "decision_rounds",
    "welfare",
    "welfare_gain",
    "minority_loss",
    "counter_majoritarian_rate",
    "legitimacy_input",
    "legitimacy_throughput",
    "legitimacy_output",
    "engagement",
)


def _analyze(args: argparse.Namespace) -> int:
    from govsim.sweeps import analyze, markdown

    metrics = _split(args.metrics) or None
    tables = analyze(args.folder, metrics=metrics, confidence=args.confidence)
    if args.quiet:
        return 0
    out = Path(args.folder) / "analysis"
    for name, table in tables.items():
        print(f"## {name}\n")
        fits = len(table) <= args.rows
        print(markdown(table) if fits else f"{len(table)} rows: see {out / name}.md")
        print()
    print(f"wrote {len(tables)} tables (csv and md) to {out}")
    return 0


def _compare(args: argparse.Namespace) -> int:
    import tempfile

    from govsim.designs import resolve
    from govsim.sweeps import Experiment, compare_designs, load, markdown, sweep

    for label, design in (("DESIGN_A", args.design_a), ("DESIGN_B", args.design_b)):
        try:
            resolve(design, args.scenario, args.set)
        except GovsimError as error:
            raise GovsimError(str(error), source=label) from None
    experiment = Experiment(
        name="compare",
        designs=(args.design_a, args.design_b),
        scenario=args.scenario,
        steps=args.steps,
        replications=args.replications,
        seed=args.seed,
        constants=tuple(args.set),
        source="<command line>",
    )
    with tempfile.TemporaryDirectory() as scratch:
        out = args.out or Path(scratch) / "compare"
        report = sweep(
            experiment, out, backend_name=args.backend, workers=args.workers, progress=not args.json
        )
        runs = load(out)
    a, b = list(runs.attrs["manifest"]["designs"])
    metrics = _split(args.metrics) or [m for m in _COMPARED if m in runs.columns]
    table = compare_designs(runs, a, b, metrics=metrics).drop(columns="points")  # one point
    if args.json:
        print(table.to_json(orient="records"))
    else:
        print(
            f"{b} vs {a}: {args.replications} paired replications (common seeds), "
            f"{args.steps} issues each; difference = {b} - {a}\n"
        )
        print(markdown(table))
    if report.failed:
        first = runs.loc[runs["status"] != "ok", "error"].iloc[0]
        print(f"govsim compare: {report.failed} runs failed, e.g. {first}", file=sys.stderr)
        return 1
    return 0


def _count(low: int) -> Callable[[str], int]:
    """An argparse type: a whole number >= ``low``."""

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            value = low - 1
        if value < low:
            raise argparse.ArgumentTypeError(f"expected a whole number >= {low}; found {text!r}")
        return value

    return parse


def _validate(args: argparse.Namespace) -> int:
    from govsim.designs import validate

    failed = 0
    for source in args.files:
        try:
            if _is_experiment(source):
                print(f"{source}: ok ({_experiment_summary(source, args.set)})")
                continue
            design, scenario = validate(source, args.set)
        except GovsimError as error:
            print(f"govsim validate: error: {error}", file=sys.stderr)
            failed += 1
            continue
        what = f"design {design.name}, " if design is not None else ""
        print(f"{source}: ok ({what}scenario {scenario.name})")
    return 2 if failed else 0


def _is_experiment(source: str) -> bool:
    """A TOML file with an [experiment] table (anything unreadable is left to the
    design loader, which names the problem)."""
    from govsim.designs.load import read_toml

    path = Path(source)
    if path.suffix != ".toml" or not path.is_file():
        return False
    try:
        return "experiment" in read_toml(path, source)
    except GovsimError:
        return False


def _experiment_summary(source: str, overrides: Sequence[str]) -> str:
    from govsim.sweeps.columns import probe
    from govsim.sweeps.runner import plan_experiment

    if overrides:
        raise GovsimError("--set applies to designs and scenarios, not to experiment files")
    plan = plan_experiment(source)
    probe(plan)  # one short run per design, as the sweep starts with
    e = plan.experiment
    return (
        f"experiment {e.name}: {len(plan.points)} points x {len(plan.designs)} designs x "
        f"{e.replications} replications = {plan.n_runs} runs in {plan.n_chunks} chunks"
    )


def _designs(args: argparse.Namespace) -> int:
    from govsim.designs import builtin_designs, builtin_scenarios

    table = builtin_scenarios() if args.scenarios else builtin_designs()
    width = max(map(len, table), default=0)
    for name, description in table.items():
        print(f"{name:<{width}}  {description}")
    return 0


def _backend_arguments(parser: argparse.ArgumentParser) -> None:
    """``--workers`` and ``--backend``, the same for every command that sweeps."""
    parser.add_argument(
        "--workers", type=_count(1), help="worker processes (default: every available core)"
    )
    parser.add_argument(
        "--backend",
        choices=("serial", "process", "dask"),  # govsim.sweeps.backends.BACKENDS, unimported
        default="process",
        help="serial (this process), process (a local pool; default) or dask",
    )


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="govsim", description="govsim: agent-based simulation of multistakeholder governance."
    )
    parser.add_argument("--version", action="version", version=f"govsim {__version__}")
    commands = parser.add_subparsers(title="commands", required=True, metavar="COMMAND")

    def command(
        name: str, handler: Callable[[argparse.Namespace], int], help: str
    ) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help.replace("%", "%%"), description=help)
        sub.set_defaults(handler=handler, command=name)
        return sub

    power = command("power", _power, "Voting power (Banzhaf, Shapley–Shubik) of every seat.")
    power.epilog = (
        "examples: govsim power --weights 4,4,4,2,2,1 --quota 12 --json; "
        "govsim power --houses 7,13 --threshold gnso-default"
    )
    power.add_argument("--weights", help="comma-separated seat weights, e.g. 4,4,4,2,2,1")
    power.add_argument(
        "--quota", help="quota of a weighted game: a coalition wins with weight >= quota"
    )
    power.add_argument(
        "--houses", help="comma-separated house sizes, e.g. 7,13 (seats listed house by house)"
    )
    power.add_argument(
        "--threshold", help="multi-house threshold: a name (see `govsim rules`) or an expression"
    )
    power.add_argument("--rule", help="any registered decision rule (see `govsim rules`)")
    power.add_argument(
        "--param",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="a rule parameter; repeat for several",
    )
    power.add_argument(
        "--exact", action="store_true", help="print exact fractions as 'p/q' strings"
    )
    power.add_argument(
        "--method",
        choices=["auto", "exact", "monte-carlo"],
        default="auto",
        help="for rules over seats: exact counting by seat type, or Monte Carlo",
    )
    power.add_argument("--samples", type=int, default=100_000, help="Monte Carlo samples")
    power.add_argument("--seed", type=int, default=0, help="Monte Carlo seed")
    power.add_argument("--json", action="store_true", help="print one JSON object")

    command("rules", _rules, "List the registered decision rules and multi-house thresholds.")

    report = command(
        "report",
        _report,
        "Voting power and counter-majoritarian rates of real councils: tables and figures.",
    )
    report.add_argument("--out", default="results", help="output folder (default: results)")
    report.add_argument("--quiet", action="store_true", help="print nothing")

    run = command("run", _run, "Simulate a design issue after issue and print its metrics.")
    run.epilog = (
        "DESIGN and --scenario are built-in names (see `govsim designs`) or TOML files "
        "(keys in docs/spec.md). example: govsim run gnso-council --steps 200 --seed 7 "
        "--set deliberation.segregation=0.5 --out results/gnso"
    )
    run.add_argument("design", metavar="DESIGN", help="a built-in design name or a TOML file")
    run.add_argument("--scenario", help="a built-in scenario name or a TOML file")
    run.add_argument("--steps", type=int, default=100, help="issues to simulate (default 100)")
    run.add_argument("--seed", type=int, default=0, help="random seed, an integer >= 0")
    run.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="KEY.PATH=VALUE",
        help="override a spec key, e.g. deliberation.kernel=degroot or "
        "scenario.polarisation=0.5; repeat for several",
    )
    run.add_argument("--json", action="store_true", help="print one JSON object")
    run.add_argument(
        "--out",
        help="folder for issues.parquet, summary.parquet and run.json (spec, seed, versions)",
    )

    validate = command(
        "validate",
        _validate,
        "Check design and scenario files: every key, type and range, and that a design "
        "fits its scenario.",
    )
    validate.epilog = (
        "A file may hold [design], [scenario] or both, or be an experiment file "
        "([experiment], checked as govsim sweep would before running it); a design "
        "without its own [scenario] is checked against the scenario it names "
        "(design.scenario). Prints "
        "'FILE: ok (design NAME, scenario NAME)' per file, or one error line per bad "
        "file and exit code 2. Keys are documented in docs/spec.md. "
        "example: govsim validate my-council.toml --set deliberation.segregation=0.5"
    )
    validate.add_argument(
        "files",
        nargs="+",
        metavar="FILE",
        help="a TOML file, or a built-in design or scenario name",
    )
    validate.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="override a key before checking, e.g. rule.threshold=gnso-supermajority or "
        "scenario.polarisation=0.5; repeat for several",
    )

    sweep = command(
        "sweep",
        _sweep,
        "Run an experiment: every design at every sampled point, replicated, into a "
        "resumable Parquet store.",
    )
    sweep.epilog = (
        "SPEC is an experiment file (keys in docs/sweeps.md). Exit code 0 when every run "
        "succeeded, 1 when some failed (recorded with their errors), 2 for bad input. "
        "example: govsim sweep experiments/rules.toml --out results/rules --workers 2"
    )
    sweep.add_argument("spec", metavar="SPEC", help="an experiment TOML file")
    sweep.add_argument("--out", help="the sweep folder (default: results/<experiment name>)")
    _backend_arguments(sweep)
    sweep.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="with --backend dask: a running scheduler, e.g. tcp://10.0.0.5:8786 "
        "(default: start a LocalCluster)",
    )
    sweep.add_argument(
        "--resume", action="store_true", help="continue a killed or interrupted sweep in --out"
    )
    sweep.add_argument(
        "--retry-failed", action="store_true", help="resume and run the failed runs again"
    )
    sweep.add_argument("--quiet", action="store_true", help="no progress bar or summary")

    analyze = command(
        "analyze",
        _analyze,
        "Summarise a sweep: mean, sd and 95% confidence interval per design and factor "
        "setting; Sobol or Morris indices; paired design comparisons.",
    )
    analyze.epilog = (
        "Writes FOLDER/analysis/*.csv and *.md. example: govsim analyze results/rules "
        "--metrics welfare,minority_loss"
    )
    analyze.add_argument("folder", metavar="FOLDER", help="a sweep folder (govsim sweep --out)")
    analyze.add_argument("--metrics", help="comma-separated metrics (default: all)")
    analyze.add_argument(
        "--confidence", type=float, default=0.95, help="confidence level (default 0.95)"
    )
    analyze.add_argument(
        "--rows", type=int, default=40, help="print tables up to this many rows (default 40)"
    )
    analyze.add_argument("--quiet", action="store_true", help="print nothing")

    study = command(
        "study",
        _study,
        "Run experiment files end to end: the sweep (resumed if interrupted), the "
        "analysis tables and every figure that fits, in OUT/<experiment>/.",
    )
    study.epilog = (
        "example: govsim study experiments/rules.toml experiments/crisis.toml --out results "
        "(make run runs the flagship set this way)"
    )
    study.add_argument("specs", nargs="+", metavar="SPEC", help="experiment TOML files")
    study.add_argument(
        "--out", help="parent folder (default: results, or results/full with --full)"
    )
    study.add_argument(
        "--full", action="store_true", help="paper size: use each file's [full] settings"
    )
    study.add_argument(
        "--fresh", action="store_true", help="delete an earlier sweep of the study and start over"
    )
    _backend_arguments(study)
    study.add_argument("--quiet", action="store_true", help="no progress bars or summary")

    figures = command(
        "figures",
        _figures,
        "Draw every figure that fits the results in FOLDER (a sweep folder) as vector PDF "
        "and 300-dpi PNG, each with a caption file.",
    )
    figures.epilog = "Writes FOLDER/figures/. example: govsim figures results/rules"
    figures.add_argument("folder", metavar="FOLDER", help="a sweep folder (govsim sweep --out)")
    figures.add_argument("--quiet", action="store_true", help="print nothing")

    compare = command(
        "compare",
        _compare,
        "Compare two designs on the same seeds: mean difference, 95% CI, effect size "
        "and paired tests per metric.",
    )
    compare.epilog = (
        "example: govsim compare gnso-council gnso-council-2003 --replications 50 "
        "--metrics welfare,minority_loss"
    )
    compare.add_argument("design_a", metavar="DESIGN_A", help="a built-in design or TOML file")
    compare.add_argument("design_b", metavar="DESIGN_B", help="a built-in design or TOML file")
    compare.add_argument("--scenario", help="one scenario for both (default: each design's own)")
    compare.add_argument(
        "--replications", type=_count(1), default=30, help="paired replications (default 30)"
    )
    compare.add_argument(
        "--steps", type=_count(1), default=100, help="issues per run (default 100)"
    )
    compare.add_argument("--seed", type=_count(0), default=0, help="base seed, an integer >= 0")
    compare.add_argument("--metrics", help="comma-separated metrics (default: the main ones)")
    compare.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="KEY.PATH=VALUE",
        help="override a key in both designs; repeat for several",
    )
    _backend_arguments(compare)
    compare.add_argument("--out", help="keep the runs in this sweep folder")
    compare.add_argument("--json", action="store_true", help="print JSON records")

    designs = command("designs", _designs, "List the built-in designs (or scenarios).")
    designs.add_argument(
        "--scenarios", action="store_true", help="list the built-in scenarios instead"
    )
    return parser


#: Commands that write figures.
_DRAWING = ("report", "study", "figures")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``govsim`` command; return its exit code."""
    args = _parser().parse_args(argv)
    if args.command in _DRAWING:
        import matplotlib

        matplotlib.use("Agg")  # files only: no window, and the same output everywhere
    try:
        return args.handler(args)
    except GovsimError as error:
        print(f"govsim {args.command}: error: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        hint = {
            "sweep": "; run it again with --resume to continue",
            "study": "; run it again to continue where it stopped",
        }.get(args.command, "")
        print(f"govsim {args.command}: interrupted{hint}", file=sys.stderr)
        return 130
    except BrokenPipeError:  # output piped into `head`, which closed it: not an error
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
