"""A metric's mean over two swept factors: an annotated grid of cells, one per setting."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.collections import QuadMesh
from matplotlib.colors import Colormap
from matplotlib.figure import Figure

from govsim.figures.frames import check_column, single_design
from govsim.figures.labels import factor_label, format_value, metric_label, wrap_label
from govsim.figures.layout import axes_points, keep_ticks_in_view, new_axes
from govsim.sweeps.analysis import summary_table

__all__ = ["annotated_mesh", "plot_heatmap"]


def plot_heatmap(
    runs: pd.DataFrame,
    x: str,
    y: str,
    metric: str,
    *,
    design: str | None = None,
    ax: Axes | None = None,
    cmap: str | Colormap = "cividis",
    vmin: float | None = None,
    vmax: float | None = None,
) -> tuple[Figure, Axes]:
    """Mean of ``metric`` at each setting of two factors, one design, as annotated cells.

    Parameters
    ----------
    runs
        A sweep's runs table (:func:`govsim.load`).
    x, y
        Factor columns for the horizontal and vertical axes; their distinct values,
        sorted, are the columns and rows of cells (ticks at the cell centres, the
        lowest value at the bottom left).
    metric
        The metric column to average.
    design
        The design to draw; None when ``runs`` holds one design.
    ax
        Axes to draw on; a new figure when None.
    cmap
        Colour map. The default, cividis, reads the same with colour-vision
        deficiencies and its lightness rises monotonically, so it survives greyscale
        (Nuñez, Anderton & Renslow 2018, PLoS ONE 13(7): e0199239).
    vmin, vmax
        Ends of the colour scale; None: the drawn means' range. Give the same ends to
        heatmaps that are read side by side, so that one colour is one value.

    Returns
    -------
    (Figure, Axes)
        The cells (a :class:`~matplotlib.collections.QuadMesh`, vector in PDF), each
        annotated with its mean, and a colour bar labelled with the metric. A setting
        with no ok run is left blank.

    Raises
    ------
    GovsimError
        ``x`` or ``y`` is not a column, ``metric`` not a metric column, ``design`` not
        in ``runs``, or ``design`` is None and ``runs`` holds several designs (the
        message names them).
    ValueError
        ``x`` and ``y`` are the same column.

    Notes
    -----
    The means are :func:`govsim.sweeps.summary_table`'s, with ``[x, y]`` as factors:
    the ok runs at each setting, each repeated point counted once. Other swept
    factors are pooled.

    Examples
    --------
    >>> runs = pd.DataFrame({
    ...     "design": "a", "replicate": 0, "status": "ok",
    ...     "s": [0.0, 0.0, 1.0, 1.0], "p": [0.0, 0.5, 0.0, 0.5],
    ...     "welfare": [-0.2, -0.3, -0.25, -0.35],
    ... })
    >>> fig, ax = plot_heatmap(runs, "s", "p", "welfare")
    >>> [t.get_text() for t in ax.texts]
    ['−0.2', '−0.25', '−0.3', '−0.35']
    >>> fig.clf()
    """
    for name, column in (("x", x), ("y", y)):
        check_column(runs, column, name)
    if x == y:
        raise ValueError(f"x and y: expected two different factor columns; found {x!r} twice")
    design = single_design(runs["design"], design)
    summary = summary_table(runs[runs["design"] == design], [x, y], [metric])
    columns = sorted(pd.unique(summary[x]))
    rows = sorted(pd.unique(summary[y]))
    means = summary.pivot(index=y, columns=x, values="mean").reindex(index=rows, columns=columns)
    fig, ax = new_axes(ax, height=0.4 * len(rows) + 1.6, width=min(6.5, 0.8 * len(columns) + 2.8))
    mesh = annotated_mesh(ax, means.to_numpy(dtype=float), cmap=cmap, vmin=vmin, vmax=vmax)
    ax.set_xticks(np.arange(len(columns)), [format_value(v) for v in columns])
    ax.set_yticks(np.arange(len(rows)), [format_value(v) for v in rows])
    ax.set_xlabel(factor_label(x))
    ax.set_ylabel(wrap_label(factor_label(y), 0.9 * axes_points(ax, "y")))
    ax.set_title(design, fontsize="medium")
    label = wrap_label(metric_label(metric), 0.8 * 72 * fig.get_figheight())
    bar = fig.colorbar(mesh, ax=ax, label=label)
    # Matplotlib rasterises a colour bar of 50 or more colours; the PDF stays vector.
    if bar.solids is not None:  # None for a contour set's colour bar only
        bar.solids.set_rasterized(False)
    keep_ticks_in_view(bar.ax.yaxis)
    return fig, ax


def annotated_mesh(
    ax: Axes,
    values: np.ndarray,
    *,
    cmap: str | Colormap = "cividis",
    vmin: float | None = None,
    vmax: float | None = None,
    labels: Sequence[Sequence[str]] | None = None,
) -> QuadMesh:
    """Draw ``values[i, j]`` as the unit cell centred on (j, i), its value written inside.

    Cells are drawn with :meth:`~matplotlib.axes.Axes.pcolormesh`, so a PDF holds them
    as vector paths, not an embedded image. NaN cells are left blank and unlabelled.
    Each label is black or white, whichever contrasts more with its cell: black when
    the cell's relative luminance exceeds 0.179, where the WCAG 2 contrast ratios
    (L + 0.05) / 0.05 against black and 1.05 / (L + 0.05) against white are equal.

    Parameters
    ----------
    ax
        Axes to draw on; row 0 is at the bottom unless the caller inverts the y axis.
    values
        A 2-d array of numbers.
    cmap, vmin, vmax
        Colour map and its range (default: the finite values' range).
    labels
        Text per cell; default: each value to 3 significant digits.

    Examples
    --------
    >>> fig, ax = new_axes(None, 2)
    >>> mesh = annotated_mesh(ax, np.array([[0.0, 1.0], [np.nan, 0.5]]))
    >>> [(t.get_text(), t.get_color()) for t in ax.texts]
    [('0', 'white'), ('1', 'black'), ('0.5', 'black')]
    >>> fig.clf()
    """
    values = np.asarray(values, dtype=float)
    rows, columns = values.shape
    mesh = ax.pcolormesh(
        np.arange(columns + 1) - 0.5,
        np.arange(rows + 1) - 0.5,
        np.ma.masked_invalid(values),
        cmap=cmap,
        vmin=vmin,
        vmax=vmax,
        edgecolors="face",  # no hairline gaps between cells in PDF viewers
    )
    for i, j in zip(*np.nonzero(np.isfinite(values)), strict=True):
        text = labels[i][j] if labels is not None else f"{values[i, j]:.3g}".replace("-", "−")
        ax.text(
            j,
            i,
            text,
            ha="center",
            va="center",
            fontsize="small",
            color="black" if _luminance(mesh.to_rgba(values[i, j])) > 0.179 else "white",
        )
    ax.set_xlim(-0.5, columns - 0.5)
    ax.set_ylim(-0.5, rows - 0.5)
    ax.tick_params(length=0)
    for spine in ax.spines.values():
        spine.set_visible(False)
    return mesh


def _luminance(rgba: Sequence[float] | np.ndarray) -> float:
    """Relative luminance of an sRGB colour (WCAG 2.1, after IEC 61966-2-1)."""
    rgb = np.asarray(rgba[:3], dtype=float)
    linear = np.where(rgb <= 0.04045, rgb / 12.92, ((rgb + 0.055) / 1.055) ** 2.4)
    return float(linear @ [0.2126, 0.7152, 0.0722])
