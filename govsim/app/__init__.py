"""The application layer: what the ``govsim`` commands do, as Python functions.

Each function here runs the model, a sweep or the power report and returns plain
data (frames, reports, the files it wrote); :mod:`govsim.cli` only parses arguments,
calls one of them and prints. Figures are drawn here from frames built here:
:mod:`govsim.figures` holds only the plot functions.

==========================================  ==========================================
:func:`study`, :func:`load_studies`         an experiment file: sweep, tables, figures
:func:`render`                              every figure that fits a sweep folder
:func:`write_power_report`                  the power report of real councils
:func:`compare`                             two designs on common seeds, paired tests
:func:`check_file`                          check a design, scenario or experiment file
:func:`discover_sweep`                      PRIM boxes and feature scores of a sweep
:func:`brief`                               a policy brief (HTML and PDF) of studies
:func:`weighted_seat_power`,                power of every seat of one body
:func:`rule_seat_power`
==========================================  ==========================================
"""

from importlib import import_module
from typing import Any

# Loaded on first use, so that a command imports only what it runs (`govsim power`
# needs neither matplotlib nor the model).
_LAZY = {
    "Comparison": "govsim.app.comparison",
    "compare": "govsim.app.comparison",
    "PowerReport": "govsim.app.power_report",
    "write_power_report": "govsim.app.power_report",
    "FigureSkipped": "govsim.app.sweep_figures",
    "render": "govsim.app.sweep_figures",
    "SeatPower": "govsim.app.seat_power",
    "rule_seat_power": "govsim.app.seat_power",
    "weighted_seat_power": "govsim.app.seat_power",
    "StudyFolderTaken": "govsim.app.studies",
    "StudyReport": "govsim.app.studies",
    "load_studies": "govsim.app.studies",
    "study": "govsim.app.studies",
    "check_file": "govsim.app.validate",
    "DiscoveryReport": "govsim.app.discover",
    "discover_sweep": "govsim.app.discover",
    "BriefReport": "govsim.app.brief",
    "brief": "govsim.app.brief",
}

__all__ = sorted(_LAZY)


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'govsim.app' has no attribute {name!r}")
