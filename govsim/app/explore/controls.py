"""The page's controls of who takes part and what they want, and opening a file.

Per sector: its IAP2 level and its agenda, dialogue and decision dials
(``design.inclusion``). Per group: the mean (first dimension) and sd of its ideal
points, and for the GNSO scenario the preference split of the 7-over-14 experiment
(:mod:`~govsim.app.explore.presets`). Each control sets a ``(key path, value)`` pair of
:class:`~govsim.app.explore.session.Dials`, the ``--set`` of ``govsim run``, and
shows the value of the resolved design, so it always shows what runs.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import ipywidgets  # type: ignore[import-untyped]  # no stubs; solara renders it
import solara

from govsim.app.explore.opening import open_design
from govsim.app.explore.presets import splits
from govsim.app.explore.session import (
    INCLUSION_DIALS,
    Dials,
    first_mean,
    ideal_key,
    inclusion_key,
    level_of,
)
from govsim.designs import LEVELS
from govsim.designs.spec import Design, Group
from govsim.errors import GovsimError

__all__ = ["Fold", "IdealControls", "InclusionControls", "OpenFile", "split_fits"]

_OWN = "as the design has it"
_ERROR_STYLE = {"display": "block", "margin": "4px 0", "color": "#b71c1c"}
_CUSTOM = "custom"


@solara.component
def Fold(title: str, children: list[Any] = []) -> None:  # noqa: B006 (solara's convention)
    """A button that shows or hides ``children``, closed at first.

    Not solara.Details: its expansion panel does not build with this ipyvuetify.
    """
    shown, set_shown = solara.use_state(False)
    solara.Button(
        ("▾ " if shown else "▸ ") + title,
        on_click=lambda: set_shown(not shown),
        text=True,
        style={"justify-content": "flex-start", "text-transform": "none"},
    )
    if shown:
        solara.Column(children=children, style={"padding-left": "12px"})


@solara.component
def InclusionControls(dials: Dials, set_dials: Callable[[Dials], None], current: Any) -> None:
    """One panel per sector: its IAP2 level, then its three dials.

    ``current`` is the resolved (design, scenario) of ``dials``. A sector's level
    replaces its whole inclusion entry; a dial moved after it adjusts that level.
    """
    design, scenario = current
    with Fold("Inclusion by sector"):
        for sector in scenario.sectors:
            _sector(dials, set_dials, design, sector)


def _sector(dials: Dials, set_dials: Callable[[Dials], None], design: Design, sector: str) -> None:
    own = dict(design.inclusion).get(sector, design.default_inclusion)
    level = level_of(own)
    with solara.Card(sector, classes=["govsim-inclusion", f"inclusion-{sector}"], margin=0):
        solara.Select(
            label=f"{sector}: IAP2 level",
            value=level or _CUSTOM,
            values=[*LEVELS] if level else [*LEVELS, _CUSTOM],  # "custom" is not a choice
            on_value=lambda v: (
                set_dials(dials.set(inclusion_key(sector), v)) if v in LEVELS else None
            ),
        )
        for dial in INCLUSION_DIALS:
            solara.SliderFloat(
                f"{dial} {getattr(own, dial):g}",
                value=getattr(own, dial),
                min=0,
                max=1,
                step=0.05,
                on_value=_setter(dials, set_dials, inclusion_key(sector, dial)),
            )


def _setter(dials: Dials, set_dials: Callable[[Dials], None], key: str) -> Callable[[float], None]:
    """What a slider of ``key`` calls: set its value, to 4 places.

    A slider's step is a binary float (0.15000000000000002), which ``--set key=0.15``
    would not give.
    """
    return lambda value: set_dials(dials.set(key, round(float(value), 4)))


def split_fits(dials: Dials) -> bool:
    """Whether the preference split applies to the dials' design (its scenario's groups).

    Raises
    ------
    GovsimError
        The split's experiment or its CSV is broken (:func:`splits`).
    """
    table = splits()
    if not table:
        return False
    try:
        dials.with_split(next(iter(table))).resolved()
    except GovsimError:
        return False
    return True


@solara.component
def IdealControls(dials: Dials, set_dials: Callable[[Dials], None], current: Any) -> None:
    """The preference split where it applies, then each group's mean and sd.

    Groups whose ideal points are not normal (uniform, or listed points) have no
    controls. The mean is the first dimension's; the others stay as they are. Built
    only while unfolded: whether the split applies costs a resolve.
    """
    with Fold("Ideal points by group"):
        _IdealPanel(dials, set_dials, current)


@solara.component
def _IdealPanel(dials: Dials, set_dials: Callable[[Dials], None], current: Any) -> None:
    _, scenario = current
    fits = solara.use_memo(lambda: _split_or_error(dials), [dials])
    if isinstance(fits, str):  # a broken experiment: its one line, the groups still work
        solara.Text(fits, classes=["govsim-error"], style=_ERROR_STYLE)
    elif fits:
        labels = {_OWN: None} | {f"{s:g}": s for s in splits()}
        solara.Select(
            label="Preference split (contracted up, non-contracted down)",
            value=next(k for k, v in labels.items() if v == dials.split),
            values=list(labels),
            on_value=lambda v: set_dials(dials.with_split(labels[v])),
        )
    for group in scenario.groups:
        if group.ideal.distribution == "normal":
            _ideal(dials, set_dials, group)


def _split_or_error(dials: Dials) -> bool | str:
    """:func:`split_fits`, or the one-line error of a broken split experiment."""
    try:
        return split_fits(dials)
    except GovsimError as e:
        return f"preference split: {e}"


def _ideal(dials: Dials, set_dials: Callable[[Dials], None], group: Group) -> None:
    mean = group.ideal.mean

    def set_mean(value: float) -> None:
        set_dials(dials.set(ideal_key(group, "mean"), first_mean(group, round(float(value), 4))))

    with solara.Column(classes=["govsim-ideal", f"ideal-{group.name}"], gap="0px"):
        solara.SliderFloat(
            f"{group.name}: mean {mean[0]:g}",
            value=mean[0],
            min=0,
            max=1,
            step=0.05,
            on_value=set_mean,
        )
        solara.SliderFloat(
            f"{group.name}: sd {group.ideal.sd:g}",
            value=group.ideal.sd,
            min=0,
            max=0.5,
            step=0.01,
            on_value=_setter(dials, set_dials, ideal_key(group, "sd")),
        )


@solara.component
def OpenFile(on_open: Callable[[str], None], on_error: Callable[[str], None]) -> None:
    """A button that opens a design TOML file from the user's machine.

    ``on_open`` gets the opened file's path (see :func:`open_design`), ``on_error``
    the one-line message ``govsim run FILE`` would print.
    """

    def read(value: Any) -> None:
        if not value:
            return
        chosen = value[0]
        try:
            on_open(open_design(chosen["name"], bytes(chosen["content"])))
        except GovsimError as e:
            on_error(str(e))

    ipywidgets.FileUpload.element(
        accept=".toml",
        multiple=False,
        description="Open TOML…",
        on_value=read,
        layout=ipywidgets.Layout(width="auto"),
    )
