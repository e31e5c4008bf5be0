"""Figure of one run's positions: every stakeholder over issues or deliberation rounds."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
from matplotlib import patheffects
from matplotlib.axes import Axes
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from govsim.figures.layout import keep_ticks_in_view, legend_below, new_axes
from govsim.figures.style import SECTOR_MARKERS, sector_colour

__all__ = ["plot_positions"]

_X_LABELS = {"issue": "issue (one per step)", "round": "deliberation round"}
# Markers on about this many points of a mean line: enough to tell sectors apart in
# greyscale without hiding the line.
_MARKS = 10
# The black reference lines: what holds after each issue (a step: it holds until the
# next issue) and, over rounds, the reversion point and the proposal on the table.
_REFERENCES: dict[str, dict[str, Any]] = {
    "status_quo": {"linewidth": 2.4, "drawstyle": "steps-post", "label": "what holds (outcome)"},
    "reversion": {"linewidth": 2.4, "label": "reversion point $q_t$"},
    "proposal": {"linewidth": 1.2, "linestyle": "--", "label": "proposal (as tabled)"},
}


def plot_positions(
    frame: pd.DataFrame, *, x: str = "issue", ax: Axes | None = None
) -> tuple[Figure, Axes]:
    """Each stakeholder's position over issues (or rounds), by sector, with the status quo.

    One thin line per stakeholder in its sector's colour (drawn as one
    ``LineCollection`` per sector, so hundreds of stakeholders stay fast and the PDF
    small), a thick line per sector for the sector's mean with the sector's marker
    (Okabe & Ito 2008 colours; markers keep sectors apart in greyscale), and the
    status quo as a thick black step line (the value after each issue holds until
    the next). Over rounds the issue's reversion point is a thick black line and the
    proposal on the table a dashed one.

    Parameters
    ----------
    frame
        :func:`govsim.model.trace.positions_over_issues` or
        :func:`~govsim.model.trace.positions_over_rounds` output: columns ``x``,
        ``stakeholder``, ``sector``, ``position`` and optionally ``status_quo``,
        ``reversion`` and ``proposal``.
    x
        ``"issue"`` or ``"round"``.
    ax
        Axes to draw on; a new figure when ``None``.

    Examples
    --------
    >>> from govsim.model.trace import positions_over_issues
    >>> fig, ax = plot_positions(positions_over_issues("ietf-wg", steps=5))
    >>> ax.get_xlabel()
    'issue (one per step)'
    """
    if x not in _X_LABELS:
        raise ValueError(f"x: expected 'issue' or 'round', found {x!r}")
    fig, ax = new_axes(ax, 3.4)
    wide = frame.pivot(index=x, columns="stakeholder", values="position").sort_index()
    times = wide.index.to_numpy(dtype=float)
    sector_of = frame.drop_duplicates("stakeholder").set_index("stakeholder")["sector"]
    halo = [patheffects.withStroke(linewidth=3.2, foreground="white")]
    handles = []
    for sector in pd.unique(sector_of):
        values = wide[sector_of.index[sector_of == sector]].to_numpy(dtype=float)
        colour = sector_colour(sector)
        lines = np.stack([np.broadcast_to(times[:, None], values.shape), values], axis=-1)
        ax.add_collection(
            LineCollection(
                lines.transpose(1, 0, 2),  # type: ignore[arg-type]  # stubs: (N, M, 2) works
                colors=colour,
                linewidths=0.4,
                alpha=0.35,
                gid=sector,
            )
        )
        (mean,) = ax.plot(
            times,
            np.nanmean(values, axis=1),
            color=colour,
            linewidth=1.6,
            marker=SECTOR_MARKERS.get(sector, "o"),
            markersize=4,
            markeredgecolor="black",
            markeredgewidth=0.4,
            markevery=max(1, len(times) // _MARKS),
            path_effects=halo,  # lifts the mean off its own bundle of thin lines
            label=f"{sector} mean (n = {values.shape[1]})",
        )
        handles.append(mean)
    handles += _reference_lines(ax, frame, x, times)
    ax.set_xlim(times.min(), max(times.max(), times.min() + 1))
    ax.set_ylim(-0.02, 1.02)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    for axis in (ax.xaxis, ax.yaxis):
        keep_ticks_in_view(axis)
    ax.set_xlabel(_X_LABELS[x])
    ax.set_ylabel("position on the policy axis (0–1)")
    legend_below(ax, handles, columns=3)
    return fig, ax


def _reference_lines(ax: Axes, frame: pd.DataFrame, x: str, times: np.ndarray) -> list:
    """The status quo or reversion point (thick black) and the proposal (dashed), if present."""
    per_time = frame.groupby(x).first().reindex(times.astype(frame[x].to_numpy().dtype))
    lines = []
    for column, style in _REFERENCES.items():
        if column in per_time and per_time[column].notna().any():
            values = per_time[column].to_numpy(dtype=float)
            lines += ax.plot(times, values, color="black", **style)
    return lines
