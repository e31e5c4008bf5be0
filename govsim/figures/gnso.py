"""The GNSO "7 votes beat 14" figure: simulated counter-majoritarian outcomes and seat power.

Since 2009 the GNSO Council counts each motion per house (ICANN Bylaws §11.3(i)):
7 Contracted Parties House seats weigh as much as 13 Non-Contracted ones (14 with the
non-voting NomCom appointee). The left panel shows how often simulated councils
decide against a plain head count of their seats; the right one the a-priori power
of one seat of each kind that the rules give (:mod:`govsim.power.report`).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from matplotlib import pyplot as plt
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from govsim.figures.compare import draw_intervals, replicate_means
from govsim.figures.labels import factor_label, metric_label, wrap_label
from govsim.figures.layout import legend_below, new_panels
from govsim.figures.lines import draw_bands
from govsim.figures.power import plot_seat_power
from govsim.sweeps.analysis import summary_table

__all__ = ["plot_seven_over_fourteen"]

# The left panel's label says what the rate counts, with its unit.
_METRIC_LABELS = {
    "seat_blocked_majority_rate": (
        "share of issues voted on where a larger head count of seats is blocked"
    ),
    "seat_counter_majoritarian_rate": (
        "share of issues where the outcome defeats a larger head count of seats"
    ),
    "counter_majoritarian_rate": (
        "share of issues where the outcome defeats a majority of the engaged stakeholders"
    ),
}
# Widths (points) to wrap the label to: on the x axis, and on the shorter y axis.
_WRAP_X, _WRAP_Y = 240.0, 150.0


def plot_seven_over_fourteen(
    runs: pd.DataFrame,
    seat_power: pd.DataFrame,
    *,
    split: str | None = None,
    metric: str = "seat_counter_majoritarian_rate",
    factors: Sequence[str] = (),
    axes: Sequence[Axes] | None = None,
) -> tuple[Figure, np.ndarray]:
    """How often councils override a head count of seats, and what one seat weighs.

    First ("left") panel: for each council design in ``runs``, the mean of ``metric`` over the
    replications with its 95% t interval (:func:`govsim.sweeps.analysis.summary_table`;
    ``seat_counter_majoritarian_rate`` is defined in ``docs/model.md``). Without
    ``split`` one dot and whisker per design; with ``split``, a line per design over
    that factor with its interval as a band. Designs differ in colour (Okabe & Ito
    2008), marker and line style. Second ("right") panel: the power of one seat of
    each kind under each rule, relative to an equal share
    (:func:`govsim.figures.power.plot_seat_power`). A new figure stacks the two,
    because the seat-power panel's labels need the full 6.5-inch text width; pass
    ``axes`` of a wider figure to put them side by side.

    Parameters
    ----------
    runs
        A sweep's runs table (:func:`govsim.load`), e.g. of ``gnso-council`` (two
        houses since 2009), ``gnso-council-2003`` (weighted votes) and a
        one-seat-one-vote council.
    seat_power
        :func:`govsim.power.report.seat_power_table` output (or rows of it).
    split
        A factor column to plot against, e.g. how far apart the contracted and
        non-contracted parties' preferences are; runs are pooled over any other
        factor. None: one estimate per design.
    metric
        The metric column of the first panel.
    factors
        The sweep's factor columns. Without ``split`` and with several points, each
        replicate is first averaged over the points (a repeated point once), so the
        interval is over the independent replicates (see
        :func:`~govsim.figures.compare.replicate_means`).
    axes
        Two axes (simulated, seat power); a new figure when ``None``.

    References
    ----------
    ICANN (2016). Bylaws §11.3(h)-(i): GNSO Council houses and voting thresholds.
    Okabe, M. & Ito, K. (2008). Color Universal Design (CUD). jfly.uni-koeln.de/color.

    Examples
    --------
    >>> from govsim.power.report import seat_power_table
    >>> runs = pd.DataFrame({
    ...     "design": ["a", "a", "b", "b"], "point": 0, "replicate": [0, 1, 0, 1],
    ...     "status": "ok", "seat_counter_majoritarian_rate": [0.1, 0.3, 0.0, 0.1],
    ... })
    >>> fig, (left, right) = plot_seven_over_fourteen(runs, seat_power_table())
    >>> [t.get_text() for t in left.get_yticklabels()], right.get_title()
    (['a', 'b'], 'a-priori power of one seat')
    """
    if axes is None:
        # Stacked, each in its own subfigure: the seat-power panel's long row labels
        # then do not narrow the simulated panel above it.
        fig = plt.figure(figsize=(6.5, 6.8), layout="constrained")
        top, bottom = fig.subfigures(2, 1, squeeze=False)[:, 0]
        left, right = top.subplots(), bottom.subplots()
    else:
        fig, (left, right) = new_panels(axes, 2)
    if split is None and "point" in runs and runs["point"].nunique() > 1:
        runs = replicate_means(runs, [metric], factors)
    table = summary_table(runs, [] if split is None else [split], [metric])
    label = metric_label(metric, _METRIC_LABELS)
    if split is None:
        _dot_and_whisker(left, table, label)
    else:
        _lines_over(left, table, split, label)
    left.set_title("simulated councils")
    plot_seat_power(seat_power, ax=right)
    right.set_title("a-priori power of one seat")
    return fig, np.array([left, right], dtype=object)


def _dot_and_whisker(ax: Axes, table: pd.DataFrame, label: str) -> None:
    """One row per design: the mean and its interval, designs on the y axis."""
    draw_intervals(ax, table, list(table["design"]), label)
    ax.set_xlim(left=0)  # a rate: the axis starts at none


def _lines_over(ax: Axes, table: pd.DataFrame, split: str, label: str) -> None:
    """A line per design over the factor ``split``, its interval as a band."""
    handles = draw_bands(ax, table.assign(group=table["design"]), split)
    ax.set_ylim(bottom=0)
    ax.set_xlabel(wrap_label(factor_label(split), _WRAP_X))
    ax.set_ylabel(wrap_label(label, _WRAP_Y))
    legend_below(ax, handles, columns=2)
