"""The explore page: Solara components over :mod:`govsim.app.explore.session`.

``solara run govsim.app.explore.page`` serves :func:`Page`; ``govsim explore`` does
that with the design and scenario it was given in ``GOVSIM_EXPLORE_DESIGN`` and
``GOVSIM_EXPLORE_SCENARIO``. Every error of the model shows as its one line in the
page; the page reads no file and runs nothing but the model.
"""

from __future__ import annotations

import base64
import html
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any, cast

import solara

from govsim.app.explore.compare_panel import ComparePanel
from govsim.app.explore.controls import IdealControls, InclusionControls, OpenFile
from govsim.app.explore.opening import menu, name_of, plain, reopened
from govsim.app.explore.panels import (
    VIEWS,
    ExportPanel,
    NetworkPanel,
    PositionsPanel,
    PowerPanel,
    RecordPanel,
)
from govsim.app.explore.session import (
    CARDS,
    Dials,
    Session,
    card_text,
    check_steps,
    threshold_param,
    to_toml,
)
from govsim.designs import BUILTIN_DESIGNS
from govsim.designs.spec import PROCESSES
from govsim.dynamics import KERNELS
from govsim.errors import GovsimError
from govsim.rules import RULES

__all__ = ["Page", "run_heading"]

_STRATEGIES = ("sincere", "setter")
_NOTE_STYLE = {"display": "block", "margin": "8px", "font-weight": "bold"}
_ERROR_STYLE = {
    "display": "block",
    "margin": "8px",
    "padding": "10px 14px",
    "border-left": "4px solid #c62828",
    "background": "#fdecea",
    "color": "#b71c1c",
}


def _initial() -> Dials:
    """The dials ``govsim explore`` was started with."""
    design = os.environ.get("GOVSIM_EXPLORE_DESIGN") or "gnso-council"
    return Dials(design=design, scenario=os.environ.get("GOVSIM_EXPLORE_SCENARIO") or None)


@solara.component
def Cards(summary: dict[str, Any]) -> None:
    """One card per metric of :data:`CARDS`, with a stable class for tests."""
    with solara.Row(style={"flex-wrap": "wrap"}):
        for name in CARDS:
            with solara.Card(classes=["metric-card", f"metric-{name}"], margin=1):
                solara.Text(name, style={"font-size": "0.8em", "color": "#555"})
                solara.HTML(
                    tag="div",
                    unsafe_innerHTML=card_text(summary.get(name)),
                    classes=["metric-value"],
                    style={"font-size": "1.4em"},
                )


def _choice(label: str, value: str, values: list[str], on: Callable[[str], None]) -> None:
    solara.Select(label=label, value=value, values=values, on_value=on)


def _or(value: Any, default: Any) -> Any:
    return default if value is None else value


@solara.component
def Controls(
    dials: Dials, set_dials: Callable[[Dials], None], base: Any, designs: list[str]
) -> None:
    """The dials; each starts at the value of ``base``, the design's own (design, scenario).

    ``designs``: those the Design menu offers (opened files by their names).
    """
    design, scenario = base
    names = menu(designs)
    _choice(
        "Design",
        name_of(dials.design),
        list(names),
        lambda v: set_dials(dials.with_design(names[v])),
    )
    rule = _or(dials.rule, design.rule.name)
    # Another rule starts at its own defaults, and drops a threshold set for the last.
    _choice(
        "Rule",
        rule,
        list(RULES),
        lambda v: set_dials(
            dials.update(rule=None if v == design.rule.name else v, threshold=None)
        ),
    )
    params = dict(design.rule.params) if rule == design.rule.name else RULES[rule].defaults
    param = threshold_param(rule)
    if param is not None:
        solara.InputText(
            f"Rule threshold ({rule}: {param})",
            value=_or(dials.threshold, str(params.get(param, ""))),
            on_value=lambda v: set_dials(dials.update(threshold=v.strip() or None)),
            continuous_update=False,
        )
    delib, issues = design.deliberation, scenario.issues
    solara.SliderFloat(
        "Segregation",
        value=_or(dials.segregation, delib.segregation),
        min=0,
        max=1,
        step=0.05,
        on_value=lambda v: set_dials(dials.update(segregation=float(v))),
    )
    solara.SliderFloat(
        "Polarisation",
        value=_or(dials.polarisation, scenario.polarisation),
        min=0,
        max=1,
        step=0.05,
        on_value=lambda v: set_dials(dials.update(polarisation=float(v))),
    )
    _choice(
        "Kernel",
        _or(dials.kernel, delib.kernel),
        list(KERNELS),
        lambda v: set_dials(dials.update(kernel=v)),
    )
    solara.SliderInt(
        "Deliberation rounds",
        value=_or(dials.rounds, delib.rounds),
        min=0,
        max=50,
        on_value=lambda v: set_dials(dials.update(rounds=int(v))),
    )
    _choice(
        "Issue process",
        _or(dials.process, issues.process),
        list(PROCESSES),
        lambda v: set_dials(dials.update(process=v)),
    )
    _choice(
        "Proposer strategy",
        _or(dials.strategy, design.agenda.strategy),
        list(_STRATEGIES),
        lambda v: set_dials(dials.update(strategy=v)),
    )
    solara.InputInt(
        "Seed",
        value=dials.seed,
        on_value=lambda v: set_dials(dials.update(seed=v)),
        continuous_update=False,
    )
    solara.InputInt(
        "Issues per run",
        value=dials.steps,
        on_value=lambda v: set_dials(dials.update(steps=v)),
        continuous_update=False,
    )


@solara.component
def Page() -> None:
    """The whole page: dials on the left, cards and positions on the right."""
    dials, set_dials = solara.use_state(_initial())
    opened, set_opened = solara.use_state(cast(tuple[str, ...], ()))  # files opened here
    session, set_session = solara.use_state(cast(Session | None, None))
    error, set_error = solara.use_state("")
    tick, set_tick = solara.use_state(0)  # stepping changes the session in place

    def attempt(action: Callable[[], None]) -> None:
        try:
            action()
            set_error("")
        except GovsimError as e:
            set_error(plain(str(e)))

    def change(new: Dials) -> None:
        set_dials(new)
        set_session(None)
        set_error("")

    def run() -> None:
        fresh = Session(dials)
        fresh.step(check_steps(dials.steps))
        set_session(fresh)

    def step() -> None:
        current = session if session is not None else Session(dials)
        current.step()
        set_session(current)
        set_tick(tick + 1)

    def open_file(path: str) -> None:
        set_opened(reopened(opened, path))
        change(dials.with_design(path))

    dial_error = ""
    base = Dials(design=dials.design, scenario=dials.scenario).resolved()
    current = base
    try:
        current = dials.resolved()
    except GovsimError as e:
        dial_error = plain(str(e))
    designs = [*dict.fromkeys([_initial().design, *BUILTIN_DESIGNS, *opened, dials.design])]

    solara.Title("govsim explore")
    # Two plain columns, not an AppLayout sidebar: that drawer covers the cards when
    # the window is narrow.
    with solara.Columns([1, 3]):
        with solara.Column(style={"min-width": "300px"}):
            # Plain HTML, not Markdown: solara's Markdown loads KaTeX from a CDN.
            solara.HTML(tag="h2", unsafe_innerHTML="govsim explore")
            Controls(dials, change, base, designs)
            with solara.Row():
                solara.Button("Run", on_click=lambda: attempt(run), color="primary")
                solara.Button("Step one issue", on_click=lambda: attempt(step))
                solara.Button("Reset", on_click=lambda: change(_initial()))
            with solara.Row(style={"align-items": "center"}):
                OpenFile(open_file, set_error)
                if not dial_error:
                    ExportLink(dials)
            InclusionControls(dials, change, current)
            IdealControls(dials, change, current)
        with solara.Column():
            # The issue count as a prop: a step changes the session in place, and a
            # component re-renders only when a prop changes.
            Results(session, dial_error or error, tick)
            ComparePanel(dials, designs, _ERROR_STYLE)


@solara.component
def ExportLink(dials: Dials) -> None:
    """A link that saves the current configuration as TOML (see :func:`to_toml`).

    A data URL in a plain link: solara.FileDownload's widget does not show in this
    Solara, and the file is small.
    """
    data = base64.b64encode(to_toml(dials).encode()).decode()
    name = html.escape(f"{Path(dials.design).stem}-explore.toml")
    link = f'<a href="data:application/toml;base64,{data}" download="{name}">Export TOML</a>'
    solara.HTML(tag="div", unsafe_innerHTML=link, classes=["govsim-export"], style=_NOTE_STYLE)


def run_heading(session: Session) -> str:
    """The line above a run's cards: the design (an opened file by its name), seed, issues."""
    dials = session.dials
    return f"{name_of(dials.design)}, seed {dials.seed}: {session.issue_count} issues"


@solara.component
def Results(session: Session | None, message: str, tick: int) -> None:
    """The error line if any, then the run's cards and views (``tick``: steps so far).

    The views (:data:`~govsim.app.explore.panels.VIEWS`): positions over issues, the
    last motions, the network, the power of each seat and the figure export
    (:mod:`govsim.app.explore.panels`).
    """
    view, set_view = solara.use_state(VIEWS[0])  # kept while the run is cleared and rerun
    if message:
        # A plain box: solara.Error's Alert does not build with this ipyvuetify.
        solara.Text(message, classes=["govsim-error"], style=_ERROR_STYLE)
    if session is None:
        solara.Text("Set the dials, then Run or Step one issue.", style=_NOTE_STYLE)
        return
    solara.Text(run_heading(session), style=_NOTE_STYLE)
    Cards(session.summary())
    # One view at a time, chosen by buttons (solara.lab.Tabs does not build with this
    # ipyvuetify): a view not shown costs nothing when the model steps.
    solara.ToggleButtonsSingle(value=view, values=list(VIEWS), on_value=set_view, dense=True)
    if view == "Positions":
        PositionsPanel(session, tick)
    elif view == "Last motions":
        RecordPanel(session, tick)
    elif view == "Network":
        NetworkPanel(session)
    elif view == "Seat power":
        PowerPanel(session.model.design, session.model.scenario)
    else:
        ExportPanel(session, tick)
