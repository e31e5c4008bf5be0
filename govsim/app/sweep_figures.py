"""Every figure that fits a sweep folder, each saved with its caption file.

``govsim figures DIR`` (and ``govsim study``) call :func:`render`. Each entry of
:data:`FIGURES` looks at what the sweep holds (its designs, factors, sampler, label
column and trajectories), builds the frames its plot function of
:mod:`govsim.figures` takes, and draws the figure only where the data can carry it.
Figures of single runs (positions, the deliberation network) re-run replicate 0 of
the first design at the last point: the seed is stored, so they show a run of the
sweep itself. A figure that cannot be drawn is skipped with a :class:`FigureSkipped`
warning.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from functools import cached_property
from pathlib import Path
from typing import Any

import pandas as pd
from matplotlib import pyplot as plt
from matplotlib.figure import Figure

from govsim.designs import resolve
from govsim.errors import GovsimError
from govsim.figures.compare import COMPARISON_METRICS, plot_comparison, plot_sector_power
from govsim.figures.gnso import plot_seven_over_fourteen
from govsim.figures.heatmap import plot_heatmap
from govsim.figures.issues import plot_over_issues
from govsim.figures.labels import factor_label, format_value, wrap_label
from govsim.figures.lines import plot_over_factor
from govsim.figures.network import plot_networks
from govsim.figures.positions import plot_positions
from govsim.figures.regions import plot_regions
from govsim.figures.sensitivity import plot_sensitivity
from govsim.figures.style import paper_style, save_figure
from govsim.model import GovernanceModel
from govsim.model.trace import positions_over_issues, positions_over_rounds
from govsim.power.report import BASELINE, council_from_design, seat_power_table
from govsim.sweeps import load
from govsim.sweeps.experiment import Experiment, experiment_from_record
from govsim.sweeps.fingerprint import fingerprint
from govsim.sweeps.runner import plan_experiment
from govsim.sweeps.sensitivity import sensitivity

__all__ = ["FIGURES", "FigureSkipped", "Sweep", "caption", "render", "sweep_of"]

#: Heatmap metrics, in order of preference: the first two the sweep kept are drawn.
HEATMAPPED = ("welfare", "minority_loss", "attained_gain", "pass_rate")
#: Issues shown in a positions-over-issues figure.
TRACED_ISSUES = 40

Drawn = tuple[str, Figure, str]  # file stem, figure, the caption's first sentence


class FigureSkipped(UserWarning):
    """A figure that fits the sweep could not be drawn.

    For example, a design file changed since the sweep ran, so its single runs cannot
    be reproduced.
    """


@dataclass
class Sweep:
    """What the figures read from a sweep folder.

    Attributes
    ----------
    folder
        The sweep folder.
    runs
        Its runs table (:func:`govsim.load`), with the manifest in ``attrs``.
    experiment
        The experiment (from the manifest unless given).
    sources
        Design name -> where to load it, in the experiment's order.
    designs_changed
        Whether a design or scenario file differs from what the sweep ran (or can no
        longer be read), so its runs cannot be re-run.
    chosen
        The metrics the outcome figures should draw; empty: the experiment's.
    """

    folder: Path
    runs: pd.DataFrame
    experiment: Experiment
    sources: dict[str, str]
    designs_changed: bool
    chosen: tuple[str, ...] = ()

    @property
    def manifest(self) -> dict[str, Any]:
        """The sweep's manifest, as read with its runs."""
        return self.runs.attrs["manifest"]

    @property
    def ok(self) -> pd.DataFrame:
        """The runs that finished without error."""
        return self.runs[self.runs["status"] == "ok"]

    @property
    def label(self) -> str | None:
        """The sampler's label for the sweep's points, if it has one."""
        return self.experiment.sampler.label

    @cached_property
    def factors(self) -> list[str]:
        """The columns the points set (the label column is not one)."""
        return self.experiment.sampler.applied(load(self.folder, "points").columns)

    @cached_property
    def issues(self) -> pd.DataFrame | None:
        """The per-issue trajectories, or None if the sweep kept none."""
        return load(self.folder, "issues") if self.experiment.trajectories else None

    def outcome_metrics(self) -> tuple[list[str], list[str]]:
        """The metrics the outcome figures draw, and those asked for that have no mean.

        Those chosen (``govsim figures --metrics``), else the experiment's own list,
        else the main metrics of :data:`COMPARISON_METRICS` the runs have: never
        silently fewer. A label column (``minority_group``, ``captured_by``) cannot be
        averaged; it is returned second, so captions can say it was not drawn.

        Raises
        ------
        GovsimError
            A chosen metric is not a column of the runs.
        """
        wanted = self.chosen or tuple(self.experiment.metrics) or COMPARISON_METRICS
        missing = [m for m in self.chosen if m not in self.runs.columns]
        if missing:
            raise GovsimError(
                f"--metrics: expected metric columns of the sweep in {self.folder}; "
                f"found {', '.join(missing)}, which it does not have"
            )
        present = [m for m in wanted if m in self.runs.columns]
        numeric = [m for m in present if pd.api.types.is_numeric_dtype(self.runs[m])]
        return numeric, [m for m in present if m not in numeric]

    def metrics(self, wanted: tuple[str, ...]) -> list[str]:
        """The metrics of ``wanted`` that the runs table holds, in that order."""
        return [m for m in wanted if m in self.runs.columns]

    def shown_run(self) -> tuple[str, list[tuple[str, Any]], int, str]:
        """Source, overrides, seed and description of the run the single-run figures show.

        That run is replicate 0 of the first design with an ok run, at its last point
        (the last level of every factorial factor: usually the most extreme).

        Raises
        ------
        GovsimError
            No design has an ok replicate 0, or the design files changed since the
            sweep (the run could not be reproduced).
        """
        if self.designs_changed:
            raise GovsimError(
                "a design or scenario file changed since the sweep ran (or cannot be read)"
            )
        ok = self.ok[self.ok["replicate"] == 0]
        design = next((d for d in self.sources if (ok["design"] == d).any()), None)
        if design is None:
            raise GovsimError("no design has an ok run of replicate 0 to show")
        row = ok[ok["design"] == design].sort_values("run_id").iloc[-1]
        settings = {key: _plain(row[key]) for key in self.factors}
        overrides = [*self.experiment.constants, *settings.items()]
        # A labelled point is named by its label; others by their factor values.
        if self.label:
            where = [f"{self.label} = {row[self.label]}"]
        else:
            where = [f"{k} = {format_value(v)}" for k, v in settings.items()]
        shown = f"{design}, seed {int(row['seed'])}" + (f", at {'; '.join(where)}" if where else "")
        return self.sources[design], overrides, int(row["seed"]), shown


def _plain(value: Any) -> Any:
    return value.item() if hasattr(value, "item") else value


def caption(sweep: Sweep, what: str) -> str:
    """The caption file's text: what the figure shows, then where it came from."""
    m, e = sweep.manifest, sweep.experiment
    versions = m.get("provenance", {}).get("versions", {})
    commit = m.get("provenance", {}).get("git_commit")
    status = sweep.runs["status"]
    ok, failed = int((status == "ok").sum()), int((status == "failed").sum())
    unfinished = "" if m.get("finished") else " The sweep is unfinished: rerun it with --resume."
    return "\n".join(
        [
            what,
            "",
            f"Experiment: {e.name} ({e.source or 'no file'}): {e.description}".rstrip(": "),
            f"Designs: {', '.join(sweep.sources)}.",
            f"Runs: {ok} ok and {failed} failed of {m['runs']} "
            f"({m['points']} points x {len(sweep.sources)} designs x {m['replications']} "
            f"replications), {e.steps} issues each.{unfinished}",
            f"Seeds: base seed {e.seed}; replicate r uses numpy SeedSequence({e.seed}, "
            "spawn_key=(1, r)) under every design and at every point.",
            f"govsim {versions.get('govsim', '?')}"
            + (f", git commit {commit[:12]}" if commit else "")
            + f"; mesa {versions.get('mesa', '?')}, numpy {versions.get('numpy', '?')}.",
        ]
    )


def _interval(sweep: Sweep, by: str = "design") -> str:
    """How the intervals of a comparison of ``by`` are computed, for its caption."""
    replications = sweep.manifest["replications"]
    points = len(sweep.runs.drop_duplicates(sweep.factors)) if sweep.factors else 1
    if by == "design" and points > 1:
        return (
            f"each replicate averaged over the {points} distinct points, then a 95% "
            f"Student-t interval over the {replications} replications"
        )
    return f"95% Student-t interval over the {replications} replications"


# -- the figures ---------------------------------------------------------------------


def _drawn(metrics: list[str], labels: list[str]) -> str:
    """The caption's sentence naming the metrics drawn (and the labels that were not)."""
    told = f" Metrics drawn: {', '.join(metrics)}."
    if labels:
        told += f" Not drawn (labels, not numbers): {', '.join(labels)}."
    return told


def _comparison(sweep: Sweep) -> Iterator[Drawn]:
    by = "design" if len(sweep.sources) > 1 else sweep.label
    metrics, labels = sweep.outcome_metrics()
    if by is None or not metrics:
        return
    fig, _ = plot_comparison(sweep.ok, metrics, by=by, factors=sweep.factors)
    yield (
        "comparison",
        fig,
        f"Each {by} on the outcome metrics: the mean, with {_interval(sweep, by)}."
        + _drawn(metrics, labels),
    )


def _sector_power(sweep: Sweep) -> Iterator[Drawn]:
    if len(sweep.sources) < 2 or not any(c.startswith("power_") for c in sweep.runs.columns):
        return
    fig, _ = plot_sector_power(sweep.ok)
    yield (
        "sector-power",
        fig,
        "Normalised Banzhaf power of each sector under each design (exact, a-priori: "
        "every yes/no profile of the seats equally likely).",
    )


def _over_factor(sweep: Sweep) -> Iterator[Drawn]:
    factorial = sweep.experiment.sampler.method == "factorial"
    if factorial and len(sweep.factors) == 1:
        x = sweep.factors[0]
    elif sweep.label is not None and len(sweep.sources) > 1:
        x = sweep.label
    else:
        return
    metrics, labels = sweep.outcome_metrics()
    if not metrics:
        return
    fig, _ = plot_over_factor(sweep.ok, x, metrics)
    yield (
        "over-factor",
        fig,
        f"Each design's mean on the outcome metrics over {x}, with pointwise 95% "
        f"Student-t bands over the {sweep.manifest['replications']} replications."
        + _drawn(metrics, labels),
    )


def _seven_over_fourteen(sweep: Sweep) -> Iterator[Drawn]:
    # "7 over 14" is a blocked seat majority; older sweeps have only the sum.
    metric = next(
        (
            m
            for m in ("seat_blocked_majority_rate", "seat_counter_majoritarian_rate")
            if m in sweep.runs
        ),
        None,
    )
    if "gnso-council" not in sweep.sources or metric is None:
        return
    split = sweep.label or (sweep.factors[0] if len(sweep.factors) == 1 else None)
    designs = [
        resolve(source, sweep.experiment.scenario, sweep.experiment.constants)[0]
        for source in sweep.sources.values()
    ]
    councils = tuple(council_from_design(d) for d in designs if d.seats)  # no open rooms
    power = seat_power_table(councils)
    power = power[power["rule"] != BASELINE]
    fig, _ = plot_seven_over_fourteen(
        sweep.ok, power, metric=metric, split=split, factors=sweep.factors
    )
    what = (
        "issues voted on whose motion fails although more of the council's seats are for it "
        "than against"
        if metric == "seat_blocked_majority_rate"
        else "issues whose outcome defeats a larger head count of the council's seats"
    )
    yield (
        "seven-over-fourteen",
        fig,
        f"Top: share of {what}, mean with {_interval(sweep, split or 'design')}. Bottom: "
        "the a-priori Banzhaf power of one seat of each type under each design's rule (with the "
        "experiment's constants, not its factors), over the equal share.",
    )


def _heatmaps(sweep: Sweep) -> Iterator[Drawn]:
    numeric = [f for f in sweep.factors if pd.api.types.is_numeric_dtype(sweep.runs[f])]
    if len(numeric) < 2 or sweep.experiment.sampler.method != "factorial":
        return
    x, y, *rest = numeric
    panels = [(None, sweep.ok)]
    if rest:  # one figure per level of the third factor; the others are pooled
        levels = sorted(sweep.ok[rest[0]].unique())
        panels = [(v, sweep.ok[sweep.ok[rest[0]] == v]) for v in levels]
    for design in sweep.sources:
        for metric in sweep.metrics(HEATMAPPED)[:2]:
            # One colour scale for every level: the same colour is the same value.
            means = sweep.ok[sweep.ok["design"] == design].groupby([x, y, *rest[:1]])[metric]
            low, high = means.mean().min(), means.mean().max()
            for level, runs in panels:
                fig, ax = plot_heatmap(
                    runs[runs["design"] == design], x, y, metric, vmin=low, vmax=high
                )
                stem, where = f"heatmap-{metric}", ""
                if level is not None:
                    where = f" at {factor_label(rest[0])} = {format_value(level)}"
                    short = rest[0].rsplit(".", 1)[-1]
                    stem += f"-{short}-{format_value(level).replace('.', '_')}"
                if len(sweep.sources) > 1:
                    stem += f"-{design}"
                ax.set_title(wrap_label(f"{design}{where}", 400), fontsize="medium")
                pooled = [f for f in sweep.factors if f not in (x, y, *rest[:1])]
                over = f"pooling {', '.join(pooled)}" if pooled else "each cell one point"
                yield (
                    stem,
                    fig,
                    f"Mean {metric} of {design} over {x} and {y}{where}: the mean of the "
                    f"cell's runs ({over}; {sweep.manifest['replications']} replications "
                    "a point).",
                )


def _sensitivity(sweep: Sweep) -> Iterator[Drawn]:
    method = sweep.experiment.sampler.method
    if method not in ("sobol", "morris"):
        return
    table = sensitivity(sweep.runs, sweep.experiment, sweep.metrics(COMPARISON_METRICS) or None)
    indices = "Sobol first-order and total" if method == "sobol" else "Morris mu* and sigma"
    for design in sweep.sources:
        fig, _ = plot_sensitivity(table, design=design)
        stem = "sensitivity" if len(sweep.sources) == 1 else f"sensitivity-{design}"
        yield (
            stem,
            fig,
            f"{indices} indices of each factor for {design}, with 95% bootstrap intervals (SALib).",
        )


def _over_issues(sweep: Sweep) -> Iterator[Drawn]:
    if sweep.issues is None or sweep.issues.empty:
        return
    source = next(iter(sweep.sources.values()))
    _, scenario = resolve(source, sweep.experiment.scenario, sweep.experiment.constants)
    shocks = sorted({shock.issue for shock in scenario.shocks})
    for metric in ("engagement", "welfare"):
        fig, _ = plot_over_issues(sweep.issues, sweep.ok, metric, shocks=shocks)
        shocked = f"; dashed: the shock at issue {', '.join(map(str, shocks))}" if shocks else ""
        yield (
            f"over-issues-{metric}",
            fig,
            f"Mean {metric} issue by issue (issue 0 is the first) for each design, with "
            f"pointwise 95% Student-t bands over the runs{shocked}.",
        )


def _regions(sweep: Sweep) -> Iterator[Drawn]:
    answers = [f"regional.answers.{k}" for k in range(6)]
    if sweep.label is None or not set(answers) <= set(sweep.runs.columns):
        return
    table = (
        sweep.runs[[sweep.label, *answers]]
        .drop_duplicates(sweep.label)
        .rename(columns={sweep.label: "region"} | {a: f"q{k + 1}" for k, a in enumerate(answers)})
    )
    runs = sweep.ok.rename(columns={sweep.label: "region"})
    fig, _ = plot_regions(runs, table)
    source = Path(sweep.experiment.sampler.file or "").name
    if "illustrative" in source:
        fig.suptitle("Illustrative answers, not data", fontsize="medium")
    yield (
        "regions",
        fig,
        "Each region's answers to the ATLAS II survey questions (left; from "
        f"{source}) and the outcomes of the design they imply: the mean, with "
        f"{_interval(sweep, sweep.label)}. Only what the answers move is drawn: the "
        "questions answered alike and the metrics with the same mean in every region "
        "are named under the figure instead.",
    )


def _positions(sweep: Sweep) -> Iterator[Drawn]:
    source, overrides, seed, shown = sweep.shown_run()
    scenario = sweep.experiment.scenario
    steps = min(sweep.experiment.steps, TRACED_ISSUES)
    frame = positions_over_issues(
        source,
        scenario,
        seed=seed,
        steps=steps,
        overrides=overrides,
    )
    fig, _ = plot_positions(frame, x="issue")
    yield (
        "positions-over-issues",
        fig,
        f"Stakeholders' positions over the first {steps} issues of one run ({shown}), "
        "coloured by sector, with each sector's mean; black: what holds after each issue "
        "(its outcome; each issue has its own reversion point). Issue 0 is "
        "before the first issue, issue t after the t-th.",
    )
    rounds = positions_over_rounds(
        source,
        scenario,
        seed=seed,
        overrides=overrides,
    )
    fig, _ = plot_positions(rounds, x="round")
    yield (
        "positions-over-rounds",
        fig,
        f"The participants' positions round by round while they deliberate the first "
        f"issue of the same run ({shown}); black: the issue's reversion point; dashed: the "
        "proposal.",
    )


def _network(sweep: Sweep) -> Iterator[Drawn]:
    source, overrides, seed, shown = sweep.shown_run()
    graphs = {}
    for title, segregation in (("segregated (segregation 1)", 1.0), ("open (segregation 0)", 0.0)):
        pairs = [*overrides, ("deliberation.segregation", segregation)]
        model = GovernanceModel(
            source,
            sweep.experiment.scenario,
            seed=seed,
            overrides=pairs,
        )
        graphs[title] = model.network()
    fig, _ = plot_networks(graphs)
    yield (
        "network",
        fig,
        f"The deliberation network of one run ({shown}) with its segregation set to 1 "
        "(left: sectors or constituencies talk in silos) and to 0 (right: one open "
        "room); nodes coloured and shaped by sector.",
    )


#: Figure makers in drawing order; each yields nothing when the sweep cannot carry it.
FIGURES: tuple[Callable[[Sweep], Iterator[Drawn]], ...] = (
    _comparison,
    _sector_power,
    _over_factor,
    _seven_over_fourteen,
    _heatmaps,
    _sensitivity,
    _over_issues,
    _regions,
    _positions,
    _network,
)


def _designs(experiment: Experiment, manifest: dict[str, Any]) -> tuple[dict[str, str], bool]:
    """Design name -> source, and whether the designs changed since the sweep.

    Sources come from the experiment as planned now, or, if its files cannot be read,
    the manifest's paths.
    """
    try:
        plan = plan_experiment(experiment)
    except GovsimError:
        return dict(manifest["designs"]), True
    recorded = manifest.get("fingerprint", {}).get("designs")
    return plan.sources, fingerprint(plan)["designs"] != recorded


def sweep_of(folder: Path | str, experiment: Experiment | None = None) -> Sweep:
    """The sweep in ``folder``: runs, experiment (the manifest's unless given), sources."""
    runs = load(folder)
    manifest = runs.attrs["manifest"]
    experiment = experiment or experiment_from_record(manifest["experiment"])
    return Sweep(Path(folder), runs, experiment, *_designs(experiment, manifest))


def render(
    folder: Path | str, *, experiment: Experiment | None = None, metrics: Sequence[str] = ()
) -> list[Path]:
    """Draw every figure that fits the sweep in ``folder`` into ``folder/figures``.

    Parameters
    ----------
    folder
        A sweep folder (:func:`govsim.sweep`).
    experiment
        The experiment as just loaded (its design files are where they are now); None:
        the one recorded in the manifest.
    metrics
        The metrics the outcome figures (comparison, over a factor) draw; empty: the
        experiment's. Each caption names the metrics drawn.

    Returns
    -------
    list of Path
        Every file written: ``<name>.pdf``, ``<name>.png`` and the caption ``<name>.txt``.

    Raises
    ------
    GovsimError
        ``folder`` holds no sweep, or a function sweep (no governance model to draw).

    Warns
    -----
    FigureSkipped
        For each figure that fits but cannot be drawn, with the reason.
    """
    sweep = replace(sweep_of(folder, experiment), chosen=tuple(metrics))
    sweep.outcome_metrics()  # an unknown metric fails before anything is drawn
    if sweep.experiment.function:
        raise GovsimError(f"{folder}: a function sweep has no governance model to draw")
    if sweep.ok.empty:
        raise GovsimError(f"{folder}: no run of the sweep is ok, so there is nothing to draw")
    out = sweep.folder / "figures"
    written: list[Path] = []
    with paper_style():
        for make in FIGURES:
            try:
                for stem, fig, what in make(sweep):
                    written += save_figure(fig, out / stem, caption=caption(sweep, what))
                    plt.close(fig)
            except GovsimError as error:  # e.g. a design file moved since the sweep
                name = make.__name__.lstrip("_")
                warnings.warn(f"skipped {name}: {error}", FigureSkipped, stacklevel=2)
    return written
