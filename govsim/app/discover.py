"""``govsim discover``: the conditions under which a metric crosses a threshold.

:func:`discover_sweep` reads a sweep folder, makes each unit (a design's replicate
mean at one point, or each run) a case of interest when its metric is above or below
a threshold, runs PRIM and extra-trees feature scoring
(:mod:`govsim.sweeps.discovery`) over the factors, and writes what it found to
``FOLDER/discovery/<metric>-<above|below>-<X>/``: ``boxes``, ``trajectory`` and
``scores`` tables (CSV and Markdown), ``discovery.json`` and three figures (PDF, PNG
and caption). ``govsim brief`` picks the folder up.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import numpy as np
import pandas as pd
from matplotlib import pyplot as plt

from govsim.check import describe, suggest
from govsim.errors import GovsimError
from govsim.figures.discover import plot_box_limits, plot_feature_scores, plot_peeling_trajectory
from govsim.figures.labels import format_value
from govsim.figures.style import paper_style, save_figure
from govsim.sweeps import load, markdown
from govsim.sweeps.analysis import finite_values, metric_columns
from govsim.sweeps.discovery import Discovery, discover
from govsim.sweeps.experiment import experiment_from_record
from govsim.sweeps.store import write_atomic

__all__ = ["DiscoveryReport", "Question", "discover_sweep"]

Unit = Literal["point", "run"]
#: What ``govsim brief`` looks for in a study folder.
RECORD = "discovery.json"


@dataclass(frozen=True)
class Question:
    """Which units are cases of interest.

    Attributes
    ----------
    metric
        The metric column.
    direction
        ``"above"`` (metric > threshold) or ``"below"`` (metric < threshold).
    threshold
        The threshold.
    unit
        ``"point"``: a design's mean over the replicates at one point; ``"run"``: a run.
    design
        The one design analysed, or None for all of them (then ``design`` is a factor).
    """

    metric: str
    direction: Literal["above", "below"]
    threshold: float
    unit: Unit = "point"
    design: str | None = None

    @property
    def slug(self) -> str:
        """The output folder's name: ``welfare-below--0.2`` (and ``-<design>``)."""
        name = f"{self.metric}-{self.direction}-{format_value(self.threshold)}"
        return name + (f"-{self.design}" if self.design else "")

    def __str__(self) -> str:
        what = "replicate mean per design and point" if self.unit == "point" else "run"
        where = f" of {self.design}" if self.design else ""
        return (
            f"{self.metric} {self.direction} {format_value(self.threshold)}{where} "
            f"(one unit: a {what})"
        )


@dataclass(frozen=True)
class DiscoveryReport:
    """What :func:`discover_sweep` found and wrote.

    Attributes
    ----------
    question
        The cases of interest.
    factors
        The factors PRIM restricted (those that vary across the units).
    discovery
        PRIM's boxes and trajectories.
    scores
        ``factor, score``: extra-trees feature scores, highest first.
    folder
        Where the files went.
    files
        Every file written.
    """

    question: Question
    factors: list[str]
    discovery: Discovery
    scores: pd.DataFrame
    folder: Path
    files: list[Path]

    def record(self) -> dict[str, Any]:
        """The discovery as JSON-ready values (what ``discovery.json`` holds)."""
        q, d = self.question, self.discovery
        return {
            "metric": q.metric,
            q.direction: q.threshold,
            "unit": q.unit,
            "design": q.design,
            "question": str(q),
            "factors": self.factors,
            "units": d.units,
            "cases": d.cases,
            "threshold_density": d.threshold_density,
            "ranges": d.ranges,
            "boxes": [box.record() for box in d.boxes],
            "scores": dict(zip(self.scores["factor"], self.scores["score"], strict=True)),
        }

    def __str__(self) -> str:
        d = self.discovery
        lines = [
            f"cases of interest: {self.question}: {d.cases} of {d.units} units "
            f"({d.base_rate:.1%}); factors: {', '.join(self.factors)}",
            "",
            markdown(_shown(d.table())),
            "",
            markdown(self.scores, floatfmt=".3g"),
        ]
        for number, box in enumerate(d.boxes, start=1):
            if box.low_density:
                lines += [
                    "",
                    f"low density: box {number} reaches density {box.density:.2f}, below "
                    f"the {d.threshold_density:g} asked (the share of cases overall is "
                    f"{d.base_rate:.2f}): no region of these factors holds the cases that "
                    "densely",
                ]
        lines += ["", f"wrote {len(self.files)} files to {self.folder}"]
        return "\n".join(lines)


def _shown(table: pd.DataFrame) -> pd.DataFrame:
    """The box table as printed: limits and quasi-p-values as text, three digits."""

    def limits(row: pd.Series) -> str:
        if isinstance(row["values"], str):
            return f"in {{{row['values']}}}"
        return "" if pd.isna(row["low"]) else f"{row['low']:.3g} to {row['high']:.3g}"

    def quasi_p(row: pd.Series) -> str:
        ps = [row[k] for k in ("qp_low", "qp_high") if pd.notna(row[k])]
        return ", ".join(f"{p:.2g}" for p in ps)

    shown = pd.DataFrame(
        {
            "box": table["box"],
            "factor": table["factor"].fillna("(none)"),
            "limits": table.apply(limits, axis=1),
            "quasi-p": table.apply(quasi_p, axis=1),
            **{k: table[k].map(lambda v: f"{v:.3g}") for k in ("coverage", "density", "mass")},
        }
    )
    return shown.assign(note=np.where(table["low_density"], "low density", ""))


def _units(
    ok: pd.DataFrame, metric: str, factors: list[str], unit: Unit
) -> tuple[pd.DataFrame, np.ndarray]:
    """The factor values and the metric value of each unit (NaN-free)."""
    values = finite_values(ok, [metric])[:, 0]
    frame = ok[[*dict.fromkeys(["design", "point", *factors])]].assign(_value=values)
    if unit == "point":
        grouped = frame.groupby(["design", "point"], sort=True)
        frame = grouped.first().assign(_value=grouped["_value"].mean()).reset_index()
    frame = frame[np.isfinite(frame["_value"].to_numpy())]
    return frame[factors].reset_index(drop=True), frame["_value"].to_numpy()


def _choose_factors(
    ok: pd.DataFrame, candidates: list[str], factors: Sequence[str] | None
) -> list[str]:
    """The factors asked for (or all candidates), less those that do not vary."""
    for name in factors or ():
        if name not in candidates:
            raise GovsimError(
                f"factors: expected factors of the sweep ({', '.join(candidates)}); found "
                f"{describe(name)}{suggest(name, candidates)}"
            )
    chosen = [f for f in (factors or candidates) if ok[f].nunique(dropna=False) > 1]
    if not chosen:
        raise GovsimError(
            f"factors: expected at least one that varies across the runs; found none of "
            f"{', '.join(factors or candidates) or 'no factor'} varying"
        )
    return chosen


def _caption(manifest: dict[str, Any], what: str, question: Question, units: int) -> str:
    experiment = manifest["experiment"]
    versions = manifest.get("provenance", {}).get("versions", {})
    commit = manifest.get("provenance", {}).get("git_commit")
    return "\n".join(
        [
            what,
            "",
            f"Cases of interest: {question}; {units} units.",
            f"Experiment: {experiment['name']} ({experiment.get('source') or 'no file'}): "
            f"{manifest['runs']} runs ({manifest['points']} points x "
            f"{len(manifest['designs'])} designs x {manifest['replications']} replications), "
            f"base seed {experiment['seed']}.",
            "PRIM (Friedman & Fisher 1999) and extra-trees feature scores through the EMA "
            "Workbench (Kwakkel 2017).",
            f"govsim {versions.get('govsim', '?')}"
            + (f", git commit {commit[:12]}" if commit else "")
            + ".",
        ]
    )


def _write(report: DiscoveryReport, manifest: dict[str, Any], out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    d = report.discovery
    written = []
    tables = {"boxes": d.table(), "trajectory": d.trajectory, "scores": report.scores}
    for name, table in tables.items():
        csv, md = out / f"{name}.csv", out / f"{name}.md"
        write_atomic(csv, lambda p, t=table: t.to_csv(p, index=False))
        text = markdown(table) + "\n"
        write_atomic(md, lambda p, s=text: p.write_text(s))
        written += [csv, md]
    text = json.dumps(report.record(), indent=2) + "\n"
    write_atomic(out / RECORD, lambda p: p.write_text(text))
    written.append(out / RECORD)
    chosen = ", ".join(
        f"box {k}: coverage {b.coverage:.2f}, density {b.density:.2f}, mass {b.mass:.2f}"
        for k, b in enumerate(d.boxes, start=1)
    )
    figures = [
        (
            "peeling-trajectory",
            lambda: plot_peeling_trajectory(
                d.trajectory, threshold=d.threshold_density, base_rate=d.base_rate
            ),
            "PRIM's peeling trajectory: the coverage and density of the box at every step "
            f"of peeling and pasting; stars: the chosen boxes ({chosen}), each the step "
            f"with the most coverage among those at least {d.threshold_density:g} dense; "
            "dashed: that density; dotted: the share of cases among all units.",
        ),
        (
            "box-limits",
            lambda: plot_box_limits(d.table(), d.ranges),
            "The limits of each chosen box over the full range of each factor it "
            "restricts (a categorical factor: the values kept, filled), with the "
            "quasi-p-value of each restricted side (Bryant & Lempert 2010).",
        ),
        (
            "feature-scores",
            lambda: plot_feature_scores(report.scores),
            "How much each factor tells cases of interest from the rest: extra-trees "
            "impurity importance (100 trees; Jaxa-Rozen & Kwakkel 2018), summing to 1; "
            "dotted: an equal share.",
        ),
    ]
    with paper_style():
        for stem, draw, what in figures:
            fig, _ = draw()
            written += save_figure(
                fig, out / stem, caption=_caption(manifest, what, report.question, d.units)
            )
            plt.close(fig)
    return written


def discover_sweep(
    folder: str | Path,
    metric: str,
    *,
    above: float | None = None,
    below: float | None = None,
    design: str | None = None,
    factors: Sequence[str] | None = None,
    unit: Unit = "point",
    threshold_density: float = 0.8,
    max_boxes: int = 3,
    out: str | Path | None = None,
) -> DiscoveryReport:
    """Find the conditions under which ``metric`` is above (or below) a threshold.

    Parameters
    ----------
    folder
        A sweep folder (``govsim sweep`` or ``govsim study``), with its runs.
    metric
        A metric column of the runs.
    above, below
        The threshold: exactly one. A unit is a case of interest when its metric is
        strictly above (below) it.
    design
        Analyse this design only; None: every design, with ``design`` as a factor when
        there are several.
    factors
        The factors PRIM may restrict; None: every column of the design matrix (and
        ``design``). Factors that do not vary are left out.
    unit
        ``"point"`` (default): a design's mean over its replicates at one point, so
        the noise of single runs does not decide what is a case; ``"run"``: each run.
    threshold_density, max_boxes
        As for :func:`govsim.sweeps.discovery.prim`.
    out
        Where to write; None: ``folder/discovery/<metric>-<above|below>-<X>``.

    Returns
    -------
    DiscoveryReport

    Raises
    ------
    GovsimError
        Not a sweep folder; no ok run; an unknown metric, design or factor; both or
        neither threshold; a threshold no unit crosses (or every unit does).
    """
    if (above is None) == (below is None):
        raise GovsimError(
            "threshold: expected exactly one of --above and --below; found "
            + ("both" if above is not None else "neither")
        )
    direction: Literal["above", "below"] = "above" if above is not None else "below"
    threshold = float(above if above is not None else below)  # type: ignore[arg-type]
    runs = load(folder)
    manifest = runs.attrs["manifest"]
    experiment = experiment_from_record(manifest["experiment"])
    ok = runs[runs["status"] == "ok"]
    if ok.empty:
        raise GovsimError(f"{folder}: expected ok runs; found none of {len(runs)} ok")
    columns = experiment.sampler.applied(load(folder, "points").columns)
    name = experiment.sampler.label
    label = [name] if name is not None and name in runs.columns else []
    available = metric_columns(runs, [*columns, *label])
    if metric not in available:
        raise GovsimError(
            f"metric: expected a metric of the runs ({', '.join(available)}); found "
            f"{describe(metric)}{suggest(metric, available)}"
        )
    designs = [str(d) for d in pd.unique(ok["design"])]
    if design is not None:
        if design not in designs:
            raise GovsimError(
                f"design: expected one with ok runs ({', '.join(designs)}); found "
                f"{describe(design)}{suggest(design, designs)}"
            )
        ok = ok[ok["design"] == design]
    candidates = [*label, *columns, *(["design"] if design is None and len(designs) > 1 else [])]
    chosen = _choose_factors(ok, candidates, factors)
    question = Question(metric, direction, threshold, unit, design)
    x, values = _units(ok, metric, chosen, unit)
    cases = values > threshold if direction == "above" else values < threshold
    if not cases.any() or cases.all():
        which = "no" if not cases.any() else "every"
        raise GovsimError(
            f"--{direction} {format_value(threshold)}: expected a threshold that splits the "
            f"units; found {which} unit's {metric} {direction} it (they range from "
            f"{format_value(float(values.min()))} to {format_value(float(values.max()))})"
            if len(values)
            else f"{metric}: expected finite values; found none in the ok runs"
        )
    found, scores = discover(
        x, cases, threshold_density=threshold_density, max_boxes=max_boxes, seed=experiment.seed
    )
    target = Path(out) if out is not None else Path(folder) / "discovery" / question.slug
    report = DiscoveryReport(question, chosen, found, scores, target, [])
    files = _write(report, manifest, target)
    return DiscoveryReport(question, chosen, found, scores, target, files)
