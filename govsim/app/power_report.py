"""The power report's files: what ``govsim report`` writes.

:func:`write_power_report` computes :mod:`govsim.power.report`'s two tables over the
councils of the built-in design files and writes them (CSV and Parquet), their
figures (PDF and PNG) and a provenance manifest to ``out/power/``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from matplotlib import pyplot as plt

from govsim.figures import paper_style, plot_counter_majoritarian, plot_seat_power, save_figure
from govsim.power.report import (
    Council,
    counter_majoritarian_table,
    report_councils,
    seat_power_table,
)
from govsim.provenance import write_manifest

__all__ = ["PowerReport", "write_power_report"]


@dataclass(frozen=True)
class PowerReport:
    """What :func:`write_power_report` computed and wrote.

    Attributes
    ----------
    seat_power, counter_majoritarian
        The two tables (:func:`~govsim.power.report.seat_power_table`,
        :func:`~govsim.power.report.counter_majoritarian_table`).
    written
        Every file written, the manifest last.
    """

    seat_power: pd.DataFrame
    counter_majoritarian: pd.DataFrame
    written: list[Path]


def write_power_report(
    out: str | Path = "results", councils: tuple[Council, ...] | None = None
) -> PowerReport:
    """Write the power report's tables, figures and manifest to ``out/power/``.

    Parameters
    ----------
    out
        The parent folder.
    councils
        The councils to report; None: :func:`~govsim.power.report.report_councils`.

    Returns
    -------
    PowerReport
        The tables and the files; every file but the manifest is byte-identical when
        written again.
    """
    councils = report_councils() if councils is None else councils
    folder = Path(out) / "power"
    folder.mkdir(parents=True, exist_ok=True)
    tables = {
        "seat_power": seat_power_table(councils),
        "counter_majoritarian": counter_majoritarian_table(councils),
    }
    written = []
    for name, table in tables.items():
        for path, write in (
            (folder / f"{name}.csv", table.to_csv),
            (folder / f"{name}.parquet", table.to_parquet),
        ):
            write(path, index=False)
            written.append(path)
    with paper_style():
        for name, plot in (
            ("seat_power", plot_seat_power),
            ("counter_majoritarian", plot_counter_majoritarian),
        ):
            fig, _ = plot(tables[name])
            written += save_figure(fig, folder / name)
            plt.close(fig)
    written.append(
        write_manifest(folder / "manifest.json", job="report", councils=[c.name for c in councils])
    )
    return PowerReport(tables["seat_power"], tables["counter_majoritarian"], written)
