"""Publication figures: functions that take govsim's tidy DataFrames and return (fig, ax).

They never call ``plt.show()``; :func:`save_figure` writes vector PDF plus 300-dpi PNG
(and a caption file). This package is a leaf: it plots the frames it is given and
never imports the model, :mod:`govsim.simulate`, the sweep runner or the power report.
:func:`govsim.app.render` (``govsim figures DIR``) builds the frames of a sweep folder
(re-running single runs where a figure needs them) and draws every figure that fits.

========================================  ===========================================
:func:`plot_comparison`                   designs (or regions) side by side, per metric
:func:`plot_sector_power`                 each sector's voting power under each design
:func:`plot_over_factor`                  metrics over one swept factor, a line per design
:func:`plot_seven_over_fourteen`          GNSO "7 over 14": overridden majorities, power
:func:`plot_heatmap`                      a metric over two swept factors
:func:`plot_sensitivity`                  Sobol or Morris indices
:func:`plot_over_issues`                  a per-issue metric over issues (e.g. a shock)
:func:`plot_regions`                      the five ICANN regions: answers and outcomes
:func:`plot_positions`                    positions over issues or deliberation rounds
:func:`plot_network`, :func:`plot_networks`  the deliberation network by sector
:func:`plot_seat_power`                   a-priori power of one seat of each type
:func:`plot_counter_majoritarian`         profiles in which a rule overrides a majority
========================================  ===========================================
"""

from govsim.figures.compare import plot_comparison, plot_sector_power
from govsim.figures.gnso import plot_seven_over_fourteen
from govsim.figures.heatmap import plot_heatmap
from govsim.figures.issues import plot_over_issues
from govsim.figures.lines import plot_over_factor
from govsim.figures.network import plot_network, plot_networks
from govsim.figures.positions import plot_positions
from govsim.figures.power import plot_counter_majoritarian, plot_seat_power
from govsim.figures.regions import plot_regions
from govsim.figures.sensitivity import plot_sensitivity
from govsim.figures.style import OKABE_ITO, SECTOR_COLOURS, paper_style, save_figure

__all__ = [
    "OKABE_ITO",
    "SECTOR_COLOURS",
    "paper_style",
    "plot_comparison",
    "plot_counter_majoritarian",
    "plot_heatmap",
    "plot_network",
    "plot_networks",
    "plot_over_factor",
    "plot_over_issues",
    "plot_positions",
    "plot_regions",
    "plot_seat_power",
    "plot_sector_power",
    "plot_sensitivity",
    "plot_seven_over_fourteen",
    "save_figure",
]
