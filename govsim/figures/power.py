"""Figures of a-priori voting power, from :mod:`govsim.power.report` tables."""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from govsim.figures.labels import format_value
from govsim.figures.layout import legend_below, new_axes
from govsim.figures.style import HATCHES, OKABE_ITO

__all__ = ["plot_counter_majoritarian", "plot_seat_power"]


def plot_seat_power(
    table: pd.DataFrame, *, index: str = "banzhaf", ax: Axes | None = None
) -> tuple[Figure, Axes]:
    """Power of one seat of each kind, relative to an equal share, for every rule.

    Parameters
    ----------
    table
        :func:`govsim.power.report.seat_power_table` output.
    index
        ``"banzhaf"`` or ``"shapley_shubik"`` (normalised indices).
    ax
        Axes to draw on; a new figure when ``None``.
    """
    voting = table[table["weight"] > 0].copy()
    # Seats differ by house in a multi-house council, by vote weight in a weighted one.
    by_house = voting.groupby("council")["house"].transform("nunique") > 1
    voting["seat class"] = np.where(
        by_house, voting["house"] + " seat", voting["weight"].map(format_value) + "-vote seat"
    )
    voting["row"] = voting["council"] + " · " + voting["rule"]
    voting["value"] = voting[index] * voting.groupby("row")["seats"].transform("sum")
    shares = voting.groupby(["row", "seat class"], sort=False)["value"].first().unstack()
    fig, ax = new_axes(ax, 0.45 * len(shares) + 1.5)
    height = 0.8 / shares.notna().sum(axis=1).max()
    for k, label in enumerate(shares.columns):
        present = shares.notna().to_numpy()
        # Centre each row's bars on its tick, whatever classes that row has.
        slot = present.cumsum(axis=1)[:, k] - 1 - (present.sum(axis=1) - 1) / 2
        rows = np.flatnonzero(present[:, k])
        ax.barh(
            rows + slot[rows] * height,
            shares[label].to_numpy()[rows],
            height=height,
            label=label,
            color=OKABE_ITO[k % len(OKABE_ITO)],
            hatch=HATCHES[k % len(HATCHES)],
            edgecolor="black",
            linewidth=0.4,
        )
    ax.axvline(1.0, color="black", linewidth=0.8, linestyle="--")
    ax.set_yticks(np.arange(len(shares)), shares.index)
    ax.invert_yaxis()
    name = "Banzhaf" if index == "banzhaf" else "Shapley–Shubik"
    ax.set_xlabel(f"{name} power of one seat ÷ equal share (1 = one seat, one vote)")
    legend_below(ax, columns=2)
    return fig, ax


def plot_counter_majoritarian(
    table: pd.DataFrame, *, ax: Axes | None = None
) -> tuple[Figure, Axes]:
    """Share of yes/no profiles in which each rule overrides a majority of seats.

    Parameters
    ----------
    table
        :func:`govsim.power.report.counter_majoritarian_table` output.
    ax
        Axes to draw on; a new figure when ``None``.
    """
    labels = table["council"] + " · " + table["rule"]
    fig, ax = new_axes(ax, 0.4 * len(table) + 1.2)
    positions = np.arange(len(table))
    parts = (
        ("blocked_majority", "majority of seats blocked"),
        ("minority_wins", "passes without a majority"),
    )
    left = np.zeros(len(table))
    for k, (column, label) in enumerate(parts):
        values = table[column].to_numpy() * 100
        ax.barh(
            positions,
            values,
            left=left,
            label=label,
            color=OKABE_ITO[k * 4],
            hatch=HATCHES[k],
            edgecolor="black",
            linewidth=0.4,
        )
        left += values
    ax.set_yticks(positions, labels)
    ax.invert_yaxis()
    ax.set_xlabel("share of all yes/no profiles (%)")
    legend_below(ax, columns=2)
    return fig, ax
