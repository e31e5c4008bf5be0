"""Publication figures: functions that take govsim's tidy DataFrames and return (fig, ax).

They never call ``plt.show()``; :func:`save_figure` writes vector PDF plus 300-dpi PNG.
"""

from govsim.figures.power import plot_counter_majoritarian, plot_seat_power
from govsim.figures.style import OKABE_ITO, paper_style, save_figure

__all__ = [
    "OKABE_ITO",
    "paper_style",
    "plot_counter_majoritarian",
    "plot_seat_power",
    "save_figure",
]
