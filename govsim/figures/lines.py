"""Metrics over one factor: a line per design with its confidence band, panel by metric.

:func:`draw_bands` draws the lines of any summary with a ``group`` column (the
per-issue trajectories and the GNSO figure use it too); :func:`plot_over_factor`
draws one panel per metric over a swept factor.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from pandas.api.types import is_numeric_dtype

from govsim.figures.compare import COMPARISON_METRICS
from govsim.figures.frames import check_column, group_names
from govsim.figures.labels import factor_label, format_value, metric_label, wrap_label
from govsim.figures.layout import axes_points, keep_ticks_in_view, new_panels
from govsim.figures.style import series_style
from govsim.sweeps.analysis import summary_table

__all__ = ["draw_bands", "plot_over_factor"]


def draw_bands(ax: Axes, summary: pd.DataFrame, x: str, *, markers: int = 10) -> list[Artist]:
    """A line per ``group`` of ``summary`` over column ``x``, its interval as a band.

    Parameters
    ----------
    ax
        The axes.
    summary
        :func:`govsim.sweeps.summary_table` rows of one metric with a ``group``
        column (the line each row belongs to).
    x
        The column along the x axis. Values that are not numbers sit at 0, 1, ... in
        order of first appearance, labelled with their values.
    markers
        About how many markers a line shows; they are staggered between lines so that
        they do not sit on each other.

    Returns
    -------
    list of Artist
        One line per group, labelled with its name (the legend's handles).
    """
    numeric = is_numeric_dtype(summary[x])
    levels = pd.unique(summary[x])
    slot = {level: float(k) for k, level in enumerate(levels)}
    every = max(1, len(levels) // markers)
    handles: list[Artist] = []
    for k, (group, rows) in enumerate(summary.groupby("group", sort=False)):
        where = rows[x].to_numpy(float) if numeric else rows[x].map(slot).to_numpy(float)
        order = np.argsort(where, kind="stable")
        where, rows = where[order], rows.iloc[order]
        style = series_style(k)
        ax.fill_between(
            where, rows["ci_low"], rows["ci_high"], color=style["color"], alpha=0.25, lw=0
        )
        handles += ax.plot(
            where,
            rows["mean"],
            color=style["color"],
            marker=style["marker"],
            linestyle=style["linestyle"],
            markersize=4 if every > 1 else 5,
            markeredgecolor="black",
            markeredgewidth=0.4,
            markevery=(k % every, every),
            label=group,
        )
    if not numeric:
        ax.set_xticks(np.arange(len(levels)), [format_value(v) for v in levels])
    keep_ticks_in_view(ax.xaxis)
    keep_ticks_in_view(ax.yaxis)
    return handles


def plot_over_factor(
    runs: pd.DataFrame,
    factor: str,
    metrics: Sequence[str] | str | None = None,
    *,
    by: str = "design",
    confidence: float = 0.95,
    axes: Sequence[Axes] | None = None,
) -> tuple[Figure, np.ndarray]:
    """Each metric's mean over a swept factor, a line per design with its band.

    Parameters
    ----------
    runs
        A sweep's runs table (:func:`govsim.load`).
    factor
        The factor column along the x axis; runs are pooled over any other factor.
    metrics
        Metric columns, one panel each; None: those of
        :data:`~govsim.figures.compare.COMPARISON_METRICS` the runs have.
    by
        The runs column whose values are the lines.
    confidence
        Coverage of the bands, in (0, 1).
    axes
        One axes per metric; a new figure (three panels a row) when None.

    Returns
    -------
    (Figure, numpy.ndarray of Axes)
        The legend is under the figure (or under the first panel given ``axes``).

    Notes
    -----
    Means and bands are :func:`govsim.sweeps.summary_table`'s with ``factor`` as a
    factor: at each value, Student's t interval over the replications (Student 1908,
    Biometrika 6:1). The band is pointwise.

    Examples
    --------
    >>> runs = pd.DataFrame({
    ...     "design": "a", "point": [0, 0, 1, 1], "replicate": [0, 1, 0, 1],
    ...     "status": "ok", "x": [0.0, 0.0, 1.0, 1.0], "welfare": [-0.2, -0.4, -0.1, -0.3],
    ... })
    >>> fig, (ax,) = plot_over_factor(runs, "x", "welfare")
    >>> [round(float(y), 2) for y in ax.lines[0].get_ydata()]
    [-0.3, -0.2]
    >>> fig.clf()
    """
    check_column(runs, factor, "factor")
    check_column(runs, by, "by")
    if isinstance(metrics, str):
        metrics = [metrics]
    metrics = list(metrics or [m for m in COMPARISON_METRICS if m in runs.columns])
    for metric in metrics:
        check_column(runs, metric, "metrics")
    factors = [factor] if by == "design" else [by, factor]
    summary = summary_table(runs, factors, metrics, confidence)
    summary = summary.assign(group=group_names(summary, by))
    fig, panels = new_panels(axes, len(metrics), columns=3, height=2.3)
    width = axes_points(panels[0])
    for ax, metric in zip(panels, metrics, strict=True):
        handles = draw_bands(ax, summary[summary["metric"] == metric], factor)
        ax.set_ylabel(wrap_label(metric_label(metric), 0.9 * width))
        ax.set_xlabel(wrap_label(factor_label(factor), width))
    if axes is None:
        fig.legend(handles=handles, loc="outside lower center", ncol=min(4, len(handles)))
    else:
        panels[0].legend(handles=handles, loc="best", fontsize="small")
    return fig, panels
