"""The rule-comparison figure: each design's mean and confidence interval, metric by metric.

:func:`plot_comparison` draws one dot-and-whisker panel per metric and
:func:`plot_sector_power` each sector's voting power under each design. The regional
comparison (:mod:`govsim.figures.regions`) draws its panels with the same
``draw_intervals``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from govsim.errors import GovsimError
from govsim.figures.frames import check_column, group_names
from govsim.figures.labels import metric_label, wrap_label
from govsim.figures.layout import (
    axes_points,
    first_column,
    keep_ticks_in_view,
    new_axes,
    new_panels,
)
from govsim.figures.style import HATCHES, SECTOR_COLOURS, sector_colour, series_style
from govsim.sweeps.analysis import distinct_runs, finite_values, select_metrics, summary_table

__all__ = [
    "COMPARISON_METRICS",
    "draw_intervals",
    "plot_comparison",
    "plot_sector_power",
    "replicate_means",
]


#: The main outcome metrics, in order: what the comparison figures draw and
#: ``govsim compare`` (:func:`govsim.app.compare`) tests by default, those the runs have.
COMPARISON_METRICS = (
    "pass_rate",
    "welfare",
    "minority_loss",
    "decision_rounds",
    "counter_majoritarian_rate",
    "seat_counter_majoritarian_rate",
    "congruence",
    "heard",
    "attained_gain",
)


def replicate_means(
    runs: pd.DataFrame, metrics: Sequence[str], factors: Sequence[str] = ()
) -> pd.DataFrame:
    """Each (design, replicate)'s mean of ``metrics`` over its ok runs at every point.

    As in :func:`govsim.sweeps.summary_table`, a repeated point (a Morris grid, a
    repeated CSV row) counts once when ``factors`` are given, and missing or infinite
    values are left out.

    Examples
    --------
    >>> runs = pd.DataFrame({
    ...     "design": "a", "point": [0, 1, 0, 1], "replicate": [0, 0, 1, 1],
    ...     "status": "ok", "welfare": [-0.1, -0.3, -0.2, -0.4],
    ... })
    >>> replicate_means(runs, ["welfare"])
      design  replicate  welfare status
    0      a          0     -0.2     ok
    1      a          1     -0.3     ok
    """
    ok = distinct_runs(runs[runs["status"] == "ok"], factors)
    values = pd.DataFrame(finite_values(ok, list(metrics)), columns=list(metrics), index=ok.index)
    keys = [ok["design"], ok["replicate"]]
    means = values.groupby(keys, sort=False).mean()
    return means.reset_index().assign(status="ok")


def plot_comparison(
    runs: pd.DataFrame,
    metrics: Sequence[str] | str | None = None,
    *,
    by: str = "design",
    confidence: float = 0.95,
    labels: Mapping[str, str] | None = None,
    factors: Sequence[str] = (),
    axes: Sequence[Axes] | None = None,
) -> tuple[Figure, np.ndarray]:
    """Mean and confidence interval of each metric per design: one panel per metric.

    Each panel is a horizontal dot-and-whisker chart, one row per value of ``by``
    (top to bottom in order of first appearance in ``runs``), each row with its own
    colour and marker.

    Parameters
    ----------
    runs
        A sweep's runs table (:func:`govsim.load`).
    metrics
        Metric columns, one panel each; None: those of :data:`COMPARISON_METRICS` that
        ``runs`` has.
    by
        The column whose values are the rows: ``"design"``, or another column such as
        a factor or a region label. When a value of ``by`` occurs under several
        designs, its rows are ``"value · design"``.
    confidence
        Coverage of the intervals, in (0, 1).
    labels
        Display text for row names (values of ``by``) and metric names (axis labels);
        metric labels default to :func:`metric_label`.
    factors
        The sweep's factor columns: with them a repeated point counts once when each
        replicate is averaged over the points (see :func:`replicate_means`).
    axes
        At least one Axes per metric to draw on; a new figure when None.

    Returns
    -------
    (Figure, numpy.ndarray of Axes)
        One Axes per metric, in the order of ``metrics``.

    Raises
    ------
    GovsimError
        ``by`` is not a column, a metric is not a numeric metric column, or ``runs``
        has none of the default metrics.

    Notes
    -----
    Means and intervals are those of :func:`govsim.sweeps.summary_table`: Student's t
    interval (Student 1908, Biometrika 6:1). With ``by="design"`` and several points,
    each replicate's value is first averaged over the points, as
    :func:`govsim.sweeps.compare_designs` does: a replicate has one seed at every point,
    so its runs are not independent, while the replicates are. The interval is then
    over the replicates and describes the mean over the sweep's settings, not their
    spread. With another ``by`` it is a breakdown by that column, and a point repeated
    in the design matrix counts once.

    Examples
    --------
    >>> runs = pd.DataFrame({
    ...     "design": ["a", "a", "b", "b"], "replicate": [0, 1, 0, 1], "status": "ok",
    ...     "welfare": [-0.3, -0.2, -0.25, -0.15],
    ... })
    >>> fig, axes = plot_comparison(runs, "welfare")
    >>> axes[0].get_xlabel(), [t.get_text() for t in axes[0].get_yticklabels()]
    ('welfare (−mean distance to the outcome)', ['a', 'b'])
    >>> fig.clf()
    """
    check_column(runs, by, "by")
    chosen = _comparison_metrics(runs, metrics)
    if by == "design" and "point" in runs and runs["point"].nunique() > 1:
        runs = replicate_means(runs, select_metrics(runs, factors, chosen), factors)
    summary = summary_table(runs, [] if by == "design" else [by], chosen, confidence)
    summary = summary.assign(group=group_names(summary, by))
    order = list(pd.unique(summary["group"]))
    names = [labels.get(g, g) if labels else g for g in order]
    fig, panels = new_panels(axes, len(chosen), columns=3, height=0.28 * len(order) + 1.2)
    for ax, metric in zip(panels, chosen, strict=True):
        stats = summary[summary["metric"] == metric].set_index("group").reindex(order)
        draw_intervals(
            ax,
            stats,
            names,
            metric_label(metric, labels),
            ticklabels=first_column(ax),
        )
    return fig, panels


def plot_sector_power(
    runs: pd.DataFrame, *, by: str = "design", ax: Axes | None = None
) -> tuple[Figure, Axes]:
    """Voting power per sector under each rule: mean ``power_<sector>`` per design.

    Parameters
    ----------
    runs
        A runs table with ``power_<sector>`` columns (docs/model.md#metrics).
    by
        The column whose values are the rows (see :func:`plot_comparison`).
    ax
        Axes to draw on; a new figure when None.

    Returns
    -------
    (Figure, Axes)
        Grouped horizontal bars: one group per row, one bar per sector, in the
        sector's fixed colour (:func:`~govsim.figures.style.sector_colour`) and its
        own hatch. A sector with no value for a row (NaN) has no bar there.

    Raises
    ------
    GovsimError
        ``runs`` has no ``power_<sector>`` column, or ``by`` is not a column.

    Notes
    -----
    The normalised Banzhaf index (Banzhaf 1965, Rutgers Law Review 19:317) of a
    sector is its seats' summed share of all swings. It is a-priori power, fixed by
    the design's rule and seats, so the mean over runs is the value itself unless a
    swept factor changes the seats or the rule.

    Examples
    --------
    >>> runs = pd.DataFrame({
    ...     "design": ["a", "b"], "replicate": [0, 0], "status": "ok",
    ...     "power_government": [0.5, 0.2], "power_civil_society": [0.5, 0.8],
    ... })
    >>> fig, ax = plot_sector_power(runs)
    >>> [float(p.get_width()) for p in ax.patches]
    [0.5, 0.2, 0.5, 0.8]
    >>> fig.clf()
    """
    check_column(runs, by, "by")
    columns = [c for c in runs.columns if str(c).startswith("power_")]
    if not columns:
        raise GovsimError(
            "runs: expected power_<sector> columns (run the sweep with the power metrics); "
            "found none"
        )
    summary = summary_table(runs, [] if by == "design" else [by], columns)
    summary = summary.assign(group=group_names(summary, by))
    sectors = {c: c.removeprefix("power_").replace("_", "-") for c in columns}
    # Known sectors in their fixed order, then the others by name.
    known = list(SECTOR_COLOURS)
    columns.sort(key=lambda c: (known.index(sectors[c]) if sectors[c] in known else len(known), c))
    means = summary.pivot(index="group", columns="metric", values="mean")
    means = means.reindex(index=pd.unique(summary["group"]), columns=columns)
    present = np.isfinite(means.to_numpy(dtype=float))
    most = max(1, present.sum(axis=1).max())  # bars in the fullest row
    height = 0.8 / most
    fig, ax = new_axes(ax, height=0.15 * len(means) * most + 1.0)
    rows = np.arange(len(means))
    # A fixed hatch per known sector, as its colour; the others take the next ones.
    others = [sectors[c] for c in columns if sectors[c] not in known]
    hatches = {s: HATCHES[(len(known) + j) % len(HATCHES)] for j, s in enumerate(others)}
    hatches.update({s: HATCHES[j % len(HATCHES)] for j, s in enumerate(known)})
    # Each row's bars sit side by side, centred on its tick, whichever sectors it has.
    slot = present.cumsum(axis=1) - 1 - (present.sum(axis=1, keepdims=True) - 1) / 2
    for k, column in enumerate(columns):
        sector = sectors[column]
        mine = present[:, k]
        ax.barh(
            rows[mine] + slot[mine, k] * height,
            means[column].to_numpy(dtype=float)[mine],
            height=height,
            label=sector,
            color=sector_colour(sector),
            hatch=hatches[sector],
            edgecolor="black",
            linewidth=0.4,
        )
    ax.set_yticks(rows, list(means.index))
    ax.set_ylim(len(means) - 0.5, -0.5)
    keep_ticks_in_view(ax.xaxis)
    ax.set_xlabel("normalised Banzhaf power of the sector (share)")
    ax.legend(loc="upper left", bbox_to_anchor=(1.02, 1.0), title="sector")
    return fig, ax


def draw_intervals(
    ax: Axes,
    stats: pd.DataFrame,
    names: Sequence[str],
    xlabel: str,
    *,
    ticklabels: bool = True,
) -> None:
    """One dot-and-whisker panel: row k of ``stats`` (``mean, ci_low, ci_high``) at y = k.

    Rows with no mean are left empty; rows with no interval (n < 2) get a dot only.
    Each row's ErrorbarContainer is labelled with its name.
    """
    for k, (mean, low, high) in enumerate(stats[["mean", "ci_low", "ci_high"]].to_numpy(float)):
        if not np.isfinite(mean):
            continue
        style = series_style(k)
        whisker = [[mean - low], [high - mean]] if np.isfinite(low) else None
        ax.errorbar(
            mean,
            k,
            xerr=whisker,
            fmt=style["marker"],
            color=style["color"],
            markeredgecolor="black",
            markeredgewidth=0.5,
            markersize=5,
            capsize=3,
            elinewidth=1.2,
            label=names[k],
        )
    ax.set_yticks(np.arange(len(names)), list(names))
    ax.tick_params(axis="y", labelleft=ticklabels, length=3.5 if ticklabels else 0)
    ax.set_ylim(len(names) - 0.5, -0.5)
    ax.margins(x=0.1)
    keep_ticks_in_view(ax.xaxis)
    # The axes' grid cell before layout: a bound on how wide the label can be.
    ax.set_xlabel(wrap_label(xlabel, axes_points(ax)))


def _comparison_metrics(runs: pd.DataFrame, metrics: Sequence[str] | str | None) -> list[str]:
    if isinstance(metrics, str):
        return [metrics]
    if metrics is not None:
        return list(metrics)
    chosen = [m for m in COMPARISON_METRICS if m in runs.columns]
    if not chosen:
        raise GovsimError(
            f"metrics: expected a runs table with some of {', '.join(COMPARISON_METRICS)}; "
            "found none (pass metrics=)"
        )
    return chosen
