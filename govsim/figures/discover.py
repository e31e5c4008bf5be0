"""Figures of a scenario discovery: PRIM's peeling trajectory, its boxes, feature scores.

Each takes the frames of :class:`govsim.sweeps.discovery.Discovery` (``trajectory``,
``table()``) or :func:`govsim.sweeps.discovery.feature_scores`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from govsim.figures.frames import check_column
from govsim.figures.labels import factor_label
from govsim.figures.layout import legend_below, new_axes
from govsim.figures.style import OKABE_ITO, series_style

__all__ = ["plot_box_limits", "plot_feature_scores", "plot_peeling_trajectory"]


def plot_peeling_trajectory(
    trajectory: pd.DataFrame,
    *,
    threshold: float | None = None,
    base_rate: float | None = None,
    ax: Axes | None = None,
) -> tuple[Figure, Axes]:
    """Coverage against density at every step of PRIM's peeling, the chosen boxes marked.

    Parameters
    ----------
    trajectory
        ``box, coverage, density, chosen`` (one row per step; ``Discovery.trajectory``).
    threshold
        The density asked for: a dashed line.
    base_rate
        The share of all units that are cases (the density of no restriction): a
        dotted line.
    ax
        Axes to draw on; a new figure when None.
    """
    for column in ("box", "coverage", "density", "chosen"):
        check_column(trajectory, column, "trajectory", "trajectory")
    fig, ax = new_axes(ax, 3.4, width=4.8)
    for k, (box, steps) in enumerate(trajectory.groupby("box", sort=True)):
        style = series_style(k)
        ax.plot(
            steps["coverage"],
            steps["density"],
            color=style["color"],
            marker=style["marker"],
            markersize=3,
            linewidth=0.8,
            label=f"box {box}",
        )
        chosen = steps[steps["chosen"]]
        ax.scatter(
            chosen["coverage"],
            chosen["density"],
            s=110,
            marker="*",
            color=style["color"],
            edgecolor="black",
            linewidth=0.8,
            zorder=3,
            label=f"box {box}: chosen",
        )
    if threshold is not None:
        ax.axhline(threshold, color="black", linestyle="--", linewidth=0.8, label="density asked")
    if base_rate is not None:
        ax.axhline(base_rate, color="black", linestyle=":", linewidth=0.8, label="share of cases")
    ax.set_xlim(0, 1.02)
    ax.set_ylim(0, 1.02)
    ax.set_xlabel("coverage (share of all cases inside the box)")
    ax.set_ylabel("density (share of the box that are cases)")
    legend_below(ax, columns=3)
    return fig, ax


def _limit_text(row: pd.Series, full: Sequence[Any]) -> str:
    if isinstance(row["values"], str):
        return f"in {{{row['values']}}} ({len(row['values'].split(', '))} of {len(full)})"
    return f"{float(row['low']):.3g} to {float(row['high']):.3g}"


def _p_text(row: pd.Series) -> str:
    ps = [p for p in (row["qp_low"], row["qp_high"]) if p is not None and np.isfinite(p)]
    return f"  (quasi-p {', '.join(f'{p:.2g}' for p in ps)})" if ps else ""


def plot_box_limits(
    table: pd.DataFrame, ranges: Mapping[str, Sequence[Any]], *, ax: Axes | None = None
) -> tuple[Figure, Axes]:
    """Each box's restrictions as bars over the full range of each factor.

    Parameters
    ----------
    table
        ``box, factor, low, high, values, qp_low, qp_high`` (``Discovery.table()``): one
        row per restriction; ``values`` holds the kept categories of a categorical
        factor.
    ranges
        Factor -> its full ``[min, max]`` or its categories (``Discovery.ranges``).
    ax
        Axes to draw on; a new figure when None.

    Returns
    -------
    (Figure, Axes)
        One row per restriction, box by box: a number range as a bar over [0, 1] (the
        factor's full range), a categorical one as one square per value in sorted
        order, filled when kept; each labelled with the limits and their
        quasi-p-values.
    """
    for column in ("box", "factor", "low", "high", "values", "qp_low", "qp_high"):
        check_column(table, column, "table", "box")
    rows = table[table["factor"].notna()].reset_index(drop=True)
    fig, ax = new_axes(ax, 0.42 * max(len(rows), 1) + 1.0)
    for i, row in rows.iterrows():
        colour = OKABE_ITO[(int(row["box"]) - 1) % len(OKABE_ITO)]
        full = list(ranges[row["factor"]])
        y = float(i)  # type: ignore[arg-type]  # iterrows' index is the row number here
        ax.plot([0, 1], [y, y], color="0.85", linewidth=6, solid_capstyle="butt")
        if isinstance(row["values"], str):
            kept = set(row["values"].split(", "))
            spots = (np.arange(len(full)) + 0.5) / len(full)
            for spot, value in zip(spots, full, strict=True):
                ax.plot(spot, y, "s", color=colour if value in kept else "white", mec="black")
        else:
            span = (float(full[1]) - float(full[0])) or 1.0
            low, high = ((float(row[s]) - float(full[0])) / span for s in ("low", "high"))
            ax.plot([low, high], [y, y], color=colour, linewidth=6, solid_capstyle="butt")
        ax.text(1.03, y, _limit_text(row, full) + _p_text(row), va="center", fontsize="small")
    labels = [f"box {int(r['box'])}: {factor_label(str(r['factor']))}" for _, r in rows.iterrows()]
    ax.set_yticks(np.arange(len(rows)), labels)
    ax.set_ylim(len(rows) - 0.5, -0.5)
    ax.set_xlim(0, 1)
    ax.set_xticks([0, 1], ["factor's minimum", "maximum"])
    ax.spines["left"].set_visible(False)
    if rows.empty:
        ax.text(0.5, 0, "no restriction", ha="center", va="center")
    return fig, ax


def plot_feature_scores(scores: pd.DataFrame, *, ax: Axes | None = None) -> tuple[Figure, Axes]:
    """Each factor's extra-trees feature score, highest on top.

    Parameters
    ----------
    scores
        ``factor, score`` (:func:`govsim.sweeps.discovery.feature_scores`).
    ax
        Axes to draw on; a new figure when None.
    """
    for column in ("factor", "score"):
        check_column(scores, column, "scores", "scores")
    fig, ax = new_axes(ax, 0.3 * len(scores) + 1.0, width=4.8)
    y = np.arange(len(scores))
    ax.barh(y, scores["score"], color=OKABE_ITO[4], edgecolor="black", linewidth=0.4)
    ax.set_yticks(y, [factor_label(str(f)) for f in scores["factor"]])
    ax.invert_yaxis()
    ax.set_xlabel("feature score (extra-trees importance; sums to 1)")
    ax.axvline(1 / len(scores), color="black", linestyle=":", linewidth=0.8)
    return fig, ax
