"""The explore page's views: Solara components over :mod:`govsim.app.explore.views`.

The results (:func:`govsim.app.explore.page.Results`) show one view at a time, so a
view that is not shown costs nothing when the model steps. Every view has a stable
class for the browser tests.
"""

from __future__ import annotations

import base64
import html
from typing import cast

import pandas as pd
import solara

from govsim.app.explore.session import Session
from govsim.app.explore.views import (
    RECORDED,
    PositionsPlot,
    export_files,
    figure_image,
    network_figure,
    power_figure,
    power_frame,
    record_frame,
)
from govsim.designs.spec import Design, Scenario
from govsim.errors import GovsimError

__all__ = [
    "VIEWS",
    "ExportPanel",
    "NetworkPanel",
    "PositionsPanel",
    "PowerPanel",
    "RecordPanel",
]

#: The views of a run, in the order of their buttons; the first shows first.
VIEWS = ("Positions", "Last motions", "Network", "Seat power", "Export figures")

_NOTE = {"display": "block", "margin": "8px 0", "color": "#444"}
_ERROR = {"display": "block", "margin": "8px 0", "color": "#b71c1c"}
# Plain HTML tables: compact, right-aligned numbers, and no widget to load.
_TABLE_CSS = (
    "<style>.govsim-table{border-collapse:collapse;font-size:0.85em}"
    ".govsim-table th,.govsim-table td{padding:2px 8px;border-bottom:1px solid #ddd;"
    "text-align:right}.govsim-table td{white-space:nowrap}"
    ".govsim-table th{background:#f5f5f5}</style>"
)
_MIME = {"pdf": "application/pdf", "png": "image/png"}


def _table(frame: pd.DataFrame, css_class: str, digits: int) -> None:
    """``frame`` as an HTML table of class ``css_class``, floats to ``digits`` figures."""
    text = frame.to_html(
        index=False,
        classes=["govsim-table", css_class],
        float_format=lambda v: f"{v:.{digits}g}",
        na_rep="–",
        border=0,
    )
    solara.HTML(tag="div", unsafe_innerHTML=_TABLE_CSS + text, style={"overflow-x": "auto"})


@solara.component
def PositionsPanel(session: Session, tick: int) -> None:
    """Positions over issues (``tick`` re-renders it after a step).

    One figure per run, updated in place (:class:`PositionsPlot`): building it anew
    on every step would cost more than the step.
    """
    plot = solara.use_memo(lambda: PositionsPlot(session.sectors), [session])
    image = solara.use_memo(lambda: plot.image(session), [session, tick, session.issue_count])
    solara.Image(image, format="svg+xml")


@solara.component
def RecordPanel(session: Session, tick: int) -> None:
    """The last motions, newest last (``tick`` re-renders it after a step)."""
    solara.Text(
        f"The last {RECORDED} motions (of {session.issue_count}): who proposed (stakeholder "
        "and group), the reversion point q, the proposal, what holds after the issue, the "
        "deciding seats and vote weight for and against, and whether it passed.",
        style=_NOTE,
    )
    _table(record_frame(session.model), "govsim-record", 3)


@solara.component
def NetworkPanel(session: Session) -> None:
    """The deliberation network, drawn once per model (kept for this session only)."""
    image = solara.use_memo(lambda: figure_image(network_figure(session.model), dpi=140), [session])
    graph = session.model.cycle.network
    solara.Text(
        f"Who can talk to whom: {graph.shape[0]} stakeholders, {graph.nnz // 2} ties; "
        "colour and marker: sector. It does not change as the model steps.",
        style=_NOTE,
    )
    solara.Image(image, classes=["govsim-network"])


def _power(design: Design, scenario: Scenario) -> tuple[pd.DataFrame, bytes] | str:
    """The power table and its figure, or the one-line reason there are none."""
    try:
        table = power_frame(design, scenario)
    except GovsimError as e:
        return str(e)
    return table, figure_image(power_figure(table))


@solara.component
def PowerPanel(design: Design, scenario: Scenario) -> None:
    """The a-priori power of one seat of each kind under the design's rule."""
    power = solara.use_memo(lambda: _power(design, scenario), [design, scenario])
    if isinstance(power, str):
        solara.Text(power, classes=["govsim-power-error"], style=_ERROR)
        return
    table, image = power
    method = "exact" if table.attrs["method"].startswith("exact") else "Monte Carlo estimates"
    solara.Text(
        f"A-priori power under {table['rule'][0]} ({method}): the normalised Banzhaf and "
        "Shapley–Shubik index of one seat, and its Banzhaf index over the equal share of "
        "one seat, one vote. It depends on the rule and the seats only, not on the issues.",
        style=_NOTE,
    )
    shown = table.drop(columns=["council", "rule"]).rename(
        columns={"shapley_shubik": "shapley–shubik", "vs_equal_share": "÷ equal share"}
    )
    _table(shown, "govsim-power", 4)
    solara.Image(image, classes=["govsim-power-figure"])


def _link(name: str, data: bytes) -> str:
    encoded = base64.b64encode(data).decode()
    kind = _MIME[name.rsplit(".", 1)[-1]]
    shown = html.escape(name)
    return f'<a href="data:{kind};base64,{encoded}" download="{shown}">{shown}</a>'


@solara.component
def ExportPanel(session: Session, tick: int) -> None:
    """Links that save the house-style figures of the run so far, drawn on request."""
    drawn, set_drawn = solara.use_state(dict[str, bytes]())
    at, set_at = solara.use_state(cast(tuple[Session | None, int], (None, -1)))

    def draw() -> None:
        set_drawn(export_files(session.model))
        set_at((session, tick))

    solara.Text(
        "The figures of the run so far in the house style of govsim figures: vector PDF "
        "and 300-dpi PNG. The positions figure shows every stakeholder (the same run "
        "again); drawing takes a second or two.",
        style=_NOTE,
    )
    if at != (session, tick):  # nothing drawn yet, or the run moved on since
        solara.Button("Draw the figures", on_click=draw, classes=["govsim-draw-figures"])
        return
    links = " · ".join(_link(name, data) for name, data in drawn.items())
    solara.HTML(tag="div", unsafe_innerHTML=links, classes=["govsim-figure-export"])
