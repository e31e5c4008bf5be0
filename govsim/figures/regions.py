"""Regional comparison: each ICANN region's survey answers beside what its design does."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from pandas.api.types import is_bool_dtype, is_numeric_dtype

from govsim.check import describe
from govsim.errors import GovsimError
from govsim.figures.compare import COMPARISON_METRICS, draw_intervals
from govsim.figures.frames import check_column, group_names
from govsim.figures.heatmap import annotated_mesh
from govsim.figures.labels import format_value, metric_label, wrap_label
from govsim.figures.layout import axes_points, first_column, new_panels
from govsim.sweeps.analysis import summary_table

__all__ = ["QUESTIONS", "plot_regions"]

#: The answer columns: the six ATLAS II regional survey questions (docs/spec.md).
QUESTIONS = ("q1", "q2", "q3", "q4", "q5", "q6")


def plot_regions(
    runs: pd.DataFrame,
    answers: pd.DataFrame,
    *,
    label: str = "region",
    metrics: Sequence[str] | None = None,
    varying: bool = True,
    axes: Sequence[Axes] | None = None,
) -> tuple[Figure, np.ndarray]:
    """Each region's survey answers, then its mean and interval on each metric.

    The first panel is a grid of the answers (regions down, questions across, each
    cell annotated); then one dot-and-whisker panel per metric, as in
    :func:`~govsim.figures.compare.plot_comparison`, with the regions in the rows of
    the grid, top to bottom in the order of ``answers``.

    Parameters
    ----------
    runs
        A runs table with a column ``label`` naming each run's region (or
        ``label="design"`` when each region is a design of its own).
    answers
        One row per region: the region in column ``label`` and its answers, numbers
        in [0, 5], in columns ``q1`` ... ``q6``
        (:func:`govsim.designs.regional_design`).
    label
        The column naming the region, in both tables.
    metrics
        Metric columns of ``runs``, one panel each; None: those of
        :data:`~govsim.figures.compare.COMPARISON_METRICS` that ``runs`` has.
    varying
        Show only what the answers move: with two regions or more, leave out the
        questions every region answered alike and the metrics whose mean is the same
        in every region (to 1e-9), and name them, with their common value, under the
        figure. The grid keeps every question if none varies.
    axes
        At least ``1 + len(metrics)`` Axes: the grid, then the metric panels (given
        Axes left unused are hidden); a new figure (three panels per row) when None.

    Returns
    -------
    (Figure, numpy.ndarray of Axes)
        The grid's Axes, then one per metric shown.

    Raises
    ------
    GovsimError
        A column is missing, an answer is not a number in [0, 5], a region is
        listed twice in ``answers``, a region of ``runs`` has no answers, a region
        runs under several designs, or a metric is not a metric column.

    Notes
    -----
    The intervals are Student t intervals over each region's ok runs, pooled over
    the sweep's points (:func:`govsim.sweeps.summary_table`; Student 1908). The
    answer grid uses cividis on the fixed scale 0-5 (Nuñez, Anderton & Renslow 2018,
    PLoS ONE 13(7): e0199239), so grids of different studies compare.

    Examples
    --------
    >>> runs = pd.DataFrame({
    ...     "design": ["d-af", "d-af", "d-eu", "d-eu"], "region": ["Africa"] * 2 + ["Europe"] * 2,
    ...     "replicate": [0, 1, 0, 1], "status": "ok", "welfare": [-0.3, -0.2, -0.25, -0.15],
    ...     "pass_rate": [0.5, 0.7, 0.5, 0.7],
    ... })
    >>> answers = pd.DataFrame({
    ...     "region": ["Europe", "Africa"], "q1": [4, 2], "q2": [3, 2], "q3": [4, 3],
    ...     "q4": [3, 3], "q5": [2, 3], "q6": [2, 3],
    ... })
    >>> fig, axes = plot_regions(runs, answers, metrics=["welfare", "pass_rate"])
    >>> [t.get_text() for t in axes[0].get_yticklabels()]
    ['Europe', 'Africa']
    >>> [t.get_text() for t in axes[0].get_xticklabels()], len(axes)
    (['q1', 'q2', 'q3', 'q5', 'q6'], 2)
    >>> fig.get_supxlabel()
    'The same in every region, not shown: q4 = 3; pass rate (share of issues) = 0.6'
    >>> [c.get_label() for c in axes[1].containers]
    ['Europe', 'Africa']
    >>> fig.clf()
    """
    check_column(runs, label, "label")
    grid, regions = _answers(answers, label)
    if metrics is None:
        metrics = [m for m in COMPARISON_METRICS if m in runs.columns]
    metrics = list(metrics)
    summary = summary_table(runs, [] if label == "design" else [label], metrics)
    summary = summary.assign(group=group_names(summary, label))
    _check_regions(summary, label, regions)
    means = {
        m: summary[summary["metric"] == m].set_index("group")["mean"].reindex(regions)
        for m in metrics
    }
    questions, shown, same = list(QUESTIONS), metrics, []
    if varying and len(regions) > 1:
        moved = [not _constant(column) for column in grid.T]
        if any(moved):
            same += [f"{q} = {grid[0, k]:g}" for k, q in enumerate(QUESTIONS) if not moved[k]]
            questions = [q for k, q in enumerate(QUESTIONS) if moved[k]]
            grid = grid[:, moved]
        shown = [m for m in metrics if not _constant(means[m].to_numpy(dtype=float))]
        same += [
            f"{metric_label(m)} = {format_value(means[m].iloc[0])}"
            for m in metrics
            if m not in shown
        ]
    columns = min(3, 1 + len(shown))
    fig, panels = new_panels(axes, 1 + len(shown), columns=columns, height=0.3 * len(regions) + 1.3)
    if axes is None:
        # The first column holds the region names as well as a panel.
        panels[0].get_subplotspec().get_gridspec().set_width_ratios([1.6] + [1] * (columns - 1))
    else:
        for unused in np.asarray(axes, dtype=object).ravel()[len(panels) :]:
            unused.set_visible(False)
    answered = panels[0]
    annotated_mesh(
        answered,
        grid,
        cmap="cividis",
        vmin=0,
        vmax=5,
        labels=[[f"{a:g}" for a in row] for row in grid],
    )
    answered.set_xticks(np.arange(len(questions)), questions)
    answered.set_yticks(np.arange(len(regions)), regions)
    answered.set_ylim(len(regions) - 0.5, -0.5)
    width = axes_points(answered)
    answered.set_xlabel(
        wrap_label("ATLAS II survey question (answer: 0 or 1 = not at all, 5 = completely)", width)
    )
    for ax, metric in zip(panels[1:], shown, strict=True):
        draw_intervals(
            ax,
            summary[summary["metric"] == metric].set_index("group").reindex(regions),
            regions,
            metric_label(metric),
            ticklabels=first_column(ax),
        )
    if same:
        fig.supxlabel(f"The same in every region, not shown: {'; '.join(same)}", fontsize="small")
    if axes is None:
        # Layout narrows the panels beside the region names below their grid cells:
        # wrap the metric labels to the panels' widths after layout, so they do not meet.
        fig.get_layout_engine().execute(fig)  # type: ignore[union-attr]
        for ax, metric in zip(panels[1:], shown, strict=True):
            width = ax.get_position().width * fig.get_figwidth() * 72
            ax.set_xlabel(wrap_label(metric_label(metric), width))
    return fig, panels


def _constant(values: np.ndarray) -> bool:
    """Whether every value equals the first (NaN equal to NaN; to 1e-9 relative)."""
    return bool(np.isclose(values, values[0], rtol=1e-9, atol=1e-12, equal_nan=True).all())


def _answers(answers: pd.DataFrame, label: str) -> tuple[np.ndarray, list[str]]:
    """The answers as a regions x questions array, checked, and the region names."""
    for name in (label, *QUESTIONS):
        check_column(answers, name, "answers", table="answers")
    regions = [format_value(r) for r in answers[label]]
    repeated = sorted({r for r in regions if regions.count(r) > 1})
    if repeated:
        raise GovsimError(
            f"answers: expected one row per region; found {', '.join(repeated)} more than once"
        )
    for question in QUESTIONS:
        values = answers[question]
        numeric = is_numeric_dtype(values.dtype) and not is_bool_dtype(values.dtype)
        bad = ~values.between(0, 5) if numeric else pd.Series(True, index=values.index)
        if bad.any():
            at = int(np.flatnonzero(bad.to_numpy())[0])
            found = values.iloc[at]
            found = found.item() if isinstance(found, np.generic) else found
            raise GovsimError(
                f"answers: expected numbers in [0, 5] in {question}; found {describe(found)} "
                f"for {regions[at]}"
            )
    return answers[list(QUESTIONS)].to_numpy(dtype=float), regions


def _check_regions(summary: pd.DataFrame, label: str, regions: list[str]) -> None:
    """Every region of the runs runs under one design and has answers."""
    if label != "design":
        designs = summary.groupby(summary[label].map(format_value))["design"].unique()
        several = designs[designs.map(len) > 1]
        if len(several):
            raise GovsimError(
                f"runs: expected one design per {label}; found {several.index[0]} under "
                f"{', '.join(map(str, several.iloc[0]))}"
            )
    unknown = [g for g in pd.unique(summary["group"]) if g not in regions]
    if unknown:
        raise GovsimError(
            f"answers: expected a row for every {label} of the runs; found none for "
            f"{', '.join(unknown)}"
        )
