"""Global sensitivity indices of a Sobol or Morris sweep: one bar per index and factor."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from govsim.check import describe, suggest
from govsim.errors import GovsimError
from govsim.figures.frames import check_column, single_design
from govsim.figures.labels import factor_label, metric_label, wrap_label
from govsim.figures.layout import (
    axes_points,
    first_column,
    keep_ticks_in_view,
    new_axes,
    new_panels,
)
from govsim.figures.style import series_style

__all__ = ["plot_sensitivity"]

# Per method: (index column, its 95% half-width column or None, legend label).
_BARS = {
    "sobol": (
        ("S1", "S1_conf", "first-order S1"),
        ("ST", "ST_conf", "total ST"),
    ),
    "morris": (
        ("mu_star", "mu_star_conf", r"$\mu^*$ (mean |effect|)"),
        ("sigma", None, r"$\sigma$ (sd of effects)"),
    ),
}
_XLABELS = {
    "sobol": "Sobol index (share of output variance)",
    "morris": "elementary effect over the factor's range (metric units)",
}


def plot_sensitivity(
    table: pd.DataFrame,
    *,
    metric: str | None = None,
    design: str | None = None,
    ax: Axes | None = None,
    axes: Sequence[Axes] | None = None,
) -> tuple[Figure, Axes] | tuple[Figure, np.ndarray]:
    """Sobol (S1, ST) or Morris (mu*, sigma) indices of each factor, with 95% intervals.

    The return type follows the arguments, never the data: with ``metric`` one panel
    is drawn on ``ax`` and ``(fig, ax)`` returned; without, one panel per metric of
    ``table`` is drawn on ``axes`` and ``(fig, array of Axes)`` returned (one element
    when the table has one metric).

    Parameters
    ----------
    table
        :func:`govsim.sweeps.sensitivity` output. Sobol: ``design, metric, factor, S1,
        S1_conf, ST, ST_conf``; Morris: ``design, metric, factor, mu, mu_star,
        mu_star_conf, sigma``.
    metric
        One metric to draw (on ``ax``); None: every metric, one panel each (on
        ``axes``).
    design
        The design to draw; None when ``table`` holds one design.
    ax
        Axes for the single panel of ``metric``; a new figure when None.
    axes
        Axes for the panels when ``metric`` is None (at least one per metric); a new
        figure when None.

    Returns
    -------
    (Figure, Axes) or (Figure, numpy.ndarray of Axes)
        Horizontal bars, two per factor (top to bottom in the table's order), each
        with its whisker, and one legend: under the figure when this function made
        it, else to the right of the (last) Axes. Sobol: S1 and ST, whiskers
        ± ``S1_conf`` and ± ``ST_conf``. Morris: mu* with ± ``mu_star_conf`` and
        sigma, which has no interval. A metric
        with undefined indices (NaN: a Sobol metric constant over the sample) gets a
        note instead of bars.

    Raises
    ------
    GovsimError
        The table has neither the Sobol nor the Morris columns, ``metric`` or
        ``design`` is not in it, or ``design`` is None and it holds several designs.
    ValueError
        ``ax`` without ``metric``, or ``axes`` with it.

    Notes
    -----
    Sobol indices are Saltelli et al.'s (2010, Comput. Phys. Commun. 181:259)
    estimators: S1 is the share of the output variance due to the factor alone, ST
    the share it takes part in, interactions included, so ST − S1 measures its
    interactions. mu* is the mean absolute elementary effect (Morris 1991,
    Technometrics 33:161; Campolongo, Cariboni & Saltelli 2007, Environ. Model.
    Softw. 22:1509), the factor's overall influence; a sigma large next to mu* marks a
    nonlinear or interacting factor. The half-widths are SALib's bootstrap 95%
    intervals.

    Examples
    --------
    >>> table = pd.DataFrame({
    ...     "design": "d", "metric": "welfare", "factor": ["a", "b"],
    ...     "S1": [0.7, 0.1], "S1_conf": [0.05, 0.04], "ST": [0.8, 0.2], "ST_conf": [0.06, 0.05],
    ... })
    >>> fig, ax = plot_sensitivity(table, metric="welfare")
    >>> [round(float(p.get_width()), 2) for p in ax.patches]
    [0.7, 0.1, 0.8, 0.2]
    >>> fig.clf()
    """
    method = _method(table)
    design = single_design(table["design"], design, what="sensitivity table")
    mine = table[table["design"] == design]
    metrics = [str(m) for m in pd.unique(mine["metric"])]
    if metric is not None:
        if axes is not None:
            raise ValueError("axes: one metric is drawn on ax=; pass ax, or metric=None")
        if metric not in metrics:
            raise GovsimError(
                f"metric: expected one of {', '.join(metrics)}; found {describe(metric)}"
                f"{suggest(metric, metrics)}"
            )
        rows = mine[mine["metric"] == metric]
        created = ax is None
        fig, ax = new_axes(ax, height=0.45 * len(rows) + 1.6)
        _draw(ax, rows, method, metric_label(metric))
        _legend(ax, created)
        return fig, ax
    if ax is not None:
        raise ValueError("ax: a single Axes needs metric=; pass axes= for one panel per metric")
    factors = mine["factor"].nunique()
    fig, panels = new_panels(axes, len(metrics), columns=2, height=0.45 * factors + 1.6)
    for panel, name in zip(panels, metrics, strict=True):
        _draw(
            panel,
            mine[mine["metric"] == name],
            method,
            metric_label(name),
            ticklabels=first_column(panel),
        )
    _legend(panels[-1], axes is None)
    return fig, panels


def _method(table: pd.DataFrame) -> str:
    """``"sobol"`` or ``"morris"``, from the columns, which are checked."""
    if "S1" not in table.columns and "mu_star" not in table.columns:
        raise GovsimError(
            "table: expected govsim.sweeps.sensitivity output, with Sobol (S1, ST) or "
            f"Morris (mu_star, sigma) columns; found columns {', '.join(map(str, table.columns))}"
        )
    method = "sobol" if "S1" in table.columns else "morris"
    for name in ("design", "metric", "factor", *(c for bar in _BARS[method] for c in bar[:2] if c)):
        check_column(table, name, "table", table="sensitivity")
    return method


def _draw(
    ax: Axes, rows: pd.DataFrame, method: str, title: str, *, ticklabels: bool = True
) -> None:
    """Two bars per factor, with whiskers; the metric's label as the title."""
    factors = [str(f) for f in rows["factor"]]
    positions = np.arange(len(factors))
    height = 0.38
    for k, (column, conf, label) in enumerate(_BARS[method]):
        style = series_style(4 * k)  # orange, blue: apart in every colour vision
        ax.barh(
            positions + (k - 0.5) * height,
            rows[column].to_numpy(dtype=float),
            height=height,
            xerr=None if conf is None else rows[conf].to_numpy(dtype=float),
            label=label,
            color=style["color"],
            hatch=style["hatch"],
            edgecolor="black",
            linewidth=0.4,
            error_kw={"ecolor": "black", "elinewidth": 0.8, "capsize": 2},
        )
    if not np.isfinite(rows[_BARS[method][0][0]].to_numpy(dtype=float)).any():
        ax.text(
            0.5,
            0.5,
            "undefined: the metric is\nconstant over the sample",
            transform=ax.transAxes,
            ha="center",
            va="center",
            fontsize="small",
        )
    ax.axvline(0, color="black", linewidth=0.8)
    ax.set_yticks(positions, [wrap_label(factor_label(f), 150) for f in factors])
    ax.tick_params(axis="y", labelleft=ticklabels, length=3.5 if ticklabels else 0)
    ax.set_ylim(len(factors) - 0.5, -0.5)
    keep_ticks_in_view(ax.xaxis)
    width = axes_points(ax)
    ax.set_title(wrap_label(title, width), fontsize="medium")
    ax.set_xlabel(wrap_label(_XLABELS[method], width))


def _legend(ax: Axes, created: bool) -> None:
    """One legend: under the whole figure when this module made it, else right of ``ax``."""
    if created:
        handles, labels = ax.get_legend_handles_labels()
        ax.figure.legend(handles, labels, loc="outside lower center", ncol=2)
    else:
        ax.legend(loc="upper left", bbox_to_anchor=(1.02, 1.0))
