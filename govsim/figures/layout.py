"""Where things go: figures and panels, legends under the axes, tick labels that fit."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, cast

import numpy as np
from matplotlib import pyplot as plt
from matplotlib import transforms
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.axis import Axis, XAxis, YAxis
from matplotlib.figure import Figure
from matplotlib.legend import Legend
from matplotlib.ticker import Locator

__all__ = [
    "axes_points",
    "first_column",
    "keep_ticks_in_view",
    "legend_below",
    "new_axes",
    "new_panels",
]


def new_axes(ax: Axes | None, height: float, width: float = 6.5) -> tuple[Figure, Axes]:
    """``ax`` and its figure, or a new constrained-layout figure.

    A new figure is ``width`` x ``height`` inches (6.5 in: the text width of a journal
    page).
    """
    if ax is not None:
        # A SubFigure for axes in one; the plotting functions pass it on as "the figure".
        return cast(Figure, ax.figure), ax
    fig, ax = plt.subplots(figsize=(width, height), layout="constrained")
    return fig, ax


def new_panels(
    axes: Sequence[Axes] | None,
    count: int,
    *,
    columns: int = 3,
    height: float = 2.2,
    width: float = 6.5,
    sharex: bool = False,
) -> tuple[Figure, np.ndarray]:
    """``count`` panels: the given ``axes``, or a new grid.

    The given ``axes`` must be at least ``count``; a new grid has ``columns`` per row,
    each row ``height`` inches, and its unused cells are hidden.
    """
    if axes is not None:
        given = np.asarray(axes, dtype=object).ravel()
        if len(given) < count:
            raise ValueError(f"expected at least {count} axes; found {len(given)}")
        return given[0].figure, given[:count]
    columns = min(columns, count)
    rows = -(-count // columns)
    fig, grid = plt.subplots(
        rows,
        columns,
        figsize=(width, height * rows),
        layout="constrained",
        squeeze=False,
        sharex=sharex,
    )
    for extra in grid.ravel()[count:]:
        extra.set_visible(False)
    return fig, grid.ravel()[:count]


#: Points from the bottom of the axes to the top of the legend: clear of one row of
#: tick labels and a one-line x label at the paper style's 9-point font.
BELOW_LABELS = 30.0


def legend_below(
    ax: Axes,
    handles: Sequence[Artist] | None = None,
    *,
    gap: float = BELOW_LABELS,
    columns: int = 4,
) -> Legend:
    """A legend centred under ``ax``, its top ``gap`` points below the axes.

    The gap is in points, not a fraction of the axes, so it clears the tick labels
    and x label whatever the axes' height; constrained layout makes room for it.

    Parameters
    ----------
    ax
        The axes.
    handles
        Artists to list (by their labels); None: every labelled artist of ``ax``.
    gap
        Points between the axes' bottom edge and the legend (about 4 for axes
        without tick labels).
    columns
        Most entries per row.
    """
    if handles is None:
        handles, _ = ax.get_legend_handles_labels()
    # The stubs want a Figure; a SubFigure works as well (it has the dpi_scale_trans used).
    below = transforms.offset_copy(
        ax.transAxes,
        fig=ax.figure,  # type: ignore[arg-type]
        y=-gap,
        units="points",
    )
    return ax.legend(
        handles=handles,
        loc="upper center",
        bbox_to_anchor=(0.5, 0.0),
        bbox_transform=below,
        ncol=max(1, min(columns, len(handles))),
        fontsize=8,
    )


class _InView(Locator):
    """The ticks of another locator inside the view limits, thinned to fit on an x axis."""

    def __init__(self, base: Locator) -> None:
        self.base = base

    # Any: Locator.set_axis also takes matplotlib's private stand-ins for an axis.
    def set_axis(self, axis: Any) -> None:
        super().set_axis(axis)
        self.base.set_axis(axis)

    def __call__(self) -> Sequence[float]:
        # keep_ticks_in_view installs this locator on an Axes' x or y axis only.
        axis = cast(XAxis | YAxis, self.axis)
        low, high = sorted(axis.get_view_interval())
        slack = 1e-9 * (high - low)
        ticks = [t for t in self.base() if low - slack <= t <= high + slack]
        if axis.axis_name != "x" or len(ticks) < 3:
            return ticks
        # Matplotlib spaces x ticks for labels 3 font sizes wide; "−0.35" is wider.
        labels = axis.get_major_formatter().format_ticks(ticks)
        # The axis label's size stands in for the tick labels' ("medium" both by default);
        # asking a tick would call this locator again.
        size = float(axis.label.get_fontsize())  # points: the stubs also allow a name
        widest = (0.62 * max(map(len, labels)) + 1) * size * axis.figure.dpi / 72
        step = 1
        while len(ticks[::step]) * widest > axis.axes.bbox.width and len(ticks[::step]) > 2:
            step += 1
        return ticks[::step]

    def tick_values(self, vmin: float, vmax: float) -> Sequence[float]:
        return self.base.tick_values(vmin, vmax)

    def view_limits(self, vmin: float, vmax: float) -> tuple[float, float]:
        return self.base.view_limits(vmin, vmax)

    def nonsingular(self, v0: float, v1: float) -> tuple[float, float]:
        return self.base.nonsingular(v0, v1)


def keep_ticks_in_view(axis: Axis) -> None:
    """Give ``axis`` only the major ticks inside its view limits, and room for their labels.

    On an x axis it keeps only as many ticks as their labels have room for (every
    second, third ... tick).

    Matplotlib places (without drawing) a label at each tick just beyond the limits,
    where it can sit on a neighbouring panel's labels; checks of overlapping text, and
    anything else that walks the figure's Text artists, would see it. And it spaces x
    ticks for labels three font sizes wide, so that labels such as "−0.35" touch on a
    narrow panel.

    Examples
    --------
    >>> fig, ax = new_axes(None, 2)
    >>> ax.set_xlim(0.05, 0.95)
    (0.05, 0.95)
    >>> ticks = ax.xaxis.get_major_locator()
    >>> float(min(ticks())), float(max(ticks()))
    (0.0, 1.0)
    >>> keep_ticks_in_view(ax.xaxis)
    >>> ticks = ax.xaxis.get_major_locator()
    >>> round(float(min(ticks())), 2), round(float(max(ticks())), 2)
    (0.1, 0.9)
    >>> fig.clf()
    """
    locator = axis.get_major_locator()
    if not isinstance(locator, _InView):
        axis.set_major_locator(_InView(locator))


def first_column(ax: Axes) -> bool:
    """Whether ``ax`` is in the first column of its grid, or in none: where row names go.

    Panels of one grid row share their rows, so only the first names them.

    Examples
    --------
    >>> fig, axes = new_panels(None, 2, columns=2)
    >>> [first_column(ax) for ax in axes]
    [True, False]
    >>> fig.clf()
    """
    spec = ax.get_subplotspec()
    return spec is None or spec.colspan.start == 0


def axes_points(ax: Axes, along: str = "x") -> float:
    """The width (``along="x"``) or height of ``ax`` in points.

    That is how long a label along that side may be. Also right for axes in a
    subfigure.

    Examples
    --------
    >>> fig, ax = new_axes(None, 2, width=4)
    >>> round(float(axes_points(ax)))  # the default subplot box: 77.5% of 4 inches
    223
    >>> fig.clf()
    """
    box = ax.get_position(original=True).transformed(ax.figure.transSubfigure)
    pixels = box.width if along == "x" else box.height
    return float(pixels * 72 / ax.figure.dpi)
