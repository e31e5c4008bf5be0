"""Trajectories over issues: a per-issue column's mean over runs, with its t band, per design."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from pandas.api.types import is_bool_dtype, is_numeric_dtype

from govsim.check import describe
from govsim.errors import GovsimError
from govsim.figures.frames import check_column, group_names
from govsim.figures.labels import metric_label
from govsim.figures.layout import new_axes
from govsim.figures.lines import draw_bands
from govsim.sweeps.analysis import summary_table

__all__ = ["ISSUE_LABELS", "plot_over_issues"]

#: Axis labels of the per-issue columns (docs/model.md#metrics) that differ from the
#: run-level ones of :data:`~govsim.figures.compare.METRIC_LABELS`. True/false columns
#: are averaged as shares of runs.
ISSUE_LABELS: dict[str, str] = {
    "has_proposal": "issues with a proposal (share of runs)",
    "passed": "passed (share of runs)",
    "quality": "the motion's quality θ_t (±1)",
    "passed_informed": "would pass with its quality known (share of runs)",
    "informed": "decided as full information would (share of runs)",
    "rounds": "decision rounds",
    "engaged": "engaged stakeholders (count)",
    "participants": "participants (count)",
    "support": "support (vote weight)",
    "oppose": "opposition (vote weight)",
    "abstain": "abstention (vote weight)",
    "seat_support": "support (heads of the deciding seats)",
    "seat_oppose": "opposition (heads of the deciding seats)",
    "popular_support": "support (heads among the engaged)",
    "popular_oppose": "opposition (heads among the engaged)",
    "blocked_majority": "majority blocked (share of runs)",
    "imposed_majority": "majority overridden by a pass (share of runs)",
    "seat_blocked_majority": "seat majority blocked (share of runs)",
    "seat_imposed_majority": "seat majority overridden (share of runs)",
    "counter_majoritarian": "against the head count (share of runs)",
    "seat_counter_majoritarian": "against the seat count (share of runs)",
    "objections": "objections (count)",
    "objections_addressed": "objections addressed (count)",
    "heard": "heard (share of those who took a side)",
    "reversion": "reversion point q_t (position)",
    "proposal": "proposal (position)",
    "outcome": "outcome (position)",
}


def plot_over_issues(
    issues: pd.DataFrame,
    runs: pd.DataFrame,
    metric: str = "engagement",
    *,
    by: str = "design",
    confidence: float = 0.95,
    shocks: Mapping[int, str] | Iterable[int | tuple[int, str]] = (),
    ax: Axes | None = None,
) -> tuple[Figure, Axes]:
    """Mean of a per-issue column at each issue, over runs, with its confidence band.

    One line per design (or value of ``by``), each with its own colour, dash pattern
    and marker, and a shaded Student t band; a dashed black line at each shock.

    Parameters
    ----------
    issues
        A sweep's issues table (``govsim.load(folder, table="issues")``): ``run_id,
        issue`` and the per-issue columns.
    runs
        Its runs table (``govsim.load(folder)``), joined on ``run_id`` for ``by``,
        the design and the status.
    metric
        A numeric or true/false per-issue column; true/false columns are drawn as the
        share of runs where they hold.
    by
        The runs column whose values are the lines (see
        :func:`~govsim.figures.compare.plot_comparison`).
    confidence
        Coverage of the bands, in (0, 1).
    shocks
        Issues to mark: issue numbers (0-based steps, as in ``scenario.shocks``),
        ``(issue, label)`` pairs, or a mapping issue -> label. The default label is
        "shock".
    ax
        Axes to draw on; a new figure when None.

    Returns
    -------
    (Figure, Axes)
        The legend is under the axes.

    Raises
    ------
    GovsimError
        ``issues`` lacks ``run_id``, ``issue`` or ``metric`` (or it is not numeric),
        ``runs`` lacks ``by``, or no issue row belongs to a run of ``runs``.

    Notes
    -----
    The means and bands are :func:`govsim.sweeps.summary_table`'s, with the issue
    (and ``by``) as factors: at each issue, Student's t interval over the ok runs
    (Student 1908, Biometrika 6:1), every point of the sweep pooled, a repeated point
    counted once. The band is pointwise: it covers each issue's mean, not the whole
    curve at once. For a true/false column it is the t interval of a share, which
    can reach beyond [0, 1] with few runs.

    Examples
    --------
    >>> runs = pd.DataFrame({
    ...     "run_id": [0, 1], "design": "a", "replicate": [0, 1], "status": "ok",
    ... })
    >>> issues = pd.DataFrame({
    ...     "run_id": [0, 0, 1, 1], "issue": [0, 1, 0, 1], "engagement": [0.2, 0.4, 0.4, 0.6],
    ... })
    >>> fig, ax = plot_over_issues(issues, runs, shocks={1: "Mexico 2009"})
    >>> [float(y) for y in ax.lines[0].get_ydata()]
    [0.30000000000000004, 0.5]
    >>> fig.clf()
    """
    for name in ("run_id", "issue", metric):
        check_column(issues, name, "issues" if name != metric else "metric", table="issues")
    check_column(runs, "run_id", "runs")
    check_column(runs, by, "by")
    values = issues[metric]
    if not is_numeric_dtype(values.dtype):
        raise GovsimError(
            f"metric: expected a numeric or true/false column of the issues table; "
            f"found {metric!r} of type {values.dtype}"
        )
    # The runs' own columns, all kept: summary_table tells a repeated point's copies
    # apart from other runs by comparing every column.
    joined = issues[["run_id", "issue"]].assign(
        **{metric: values.astype(float) if is_bool_dtype(values.dtype) else values}
    )
    joined = joined.merge(
        runs.drop(columns=[c for c in ("issue", metric) if c in runs.columns]),
        on="run_id",
        validate="many_to_one",
    )
    if joined.empty:
        raise GovsimError("issues: expected rows of the runs' run_id values; found none")
    summary = summary_table(
        joined, ["issue"] if by == "design" else [by, "issue"], [metric], confidence
    )
    summary = summary.assign(group=group_names(summary, by))
    fig, ax = new_axes(ax, height=3.0)
    draw_bands(ax, summary, "issue")
    for issue, label in _shocks(shocks):
        ax.axvline(issue, color="black", linestyle="--", linewidth=0.8)
        ax.annotate(
            label,
            (issue, 1.0),
            xycoords=("data", "axes fraction"),
            xytext=(2, 2),
            textcoords="offset points",
            ha="left",
            va="bottom",
            fontsize="small",
        )
    ax.set_xlabel("issue (one per step)")
    ax.set_ylabel(ISSUE_LABELS.get(metric) or metric_label(metric))
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.2), ncol=3)
    return fig, ax


def _shocks(shocks: Mapping[int, str] | Iterable[int | tuple[int, str]]) -> list[tuple[int, str]]:
    """``shocks`` as ``(issue, label)`` pairs."""
    items = shocks.items() if isinstance(shocks, Mapping) else shocks
    pairs = []
    for item in items:
        issue, label = item if isinstance(item, tuple) else (item, "shock")
        if isinstance(issue, bool) or not isinstance(issue, int | np.integer) or issue < 0:
            raise GovsimError(
                f"shocks: expected issue numbers (integers ≥ 0); found {describe(issue)}"
            )
        pairs.append((int(issue), str(label)))
    return pairs
