"""The page's comparison of two designs on the same seeds: what ``govsim compare`` runs.

The current dials' design is A; the user picks B and the number of paired
replications. Both run with the dials' overrides, scenario, issues per run and base
seed, through :func:`govsim.app.comparison.compare` (common random numbers: replicate
r has the same seed under both), and the page shows its table: the means, the paired
difference B − A and its 95% interval, per metric.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import Any, cast

import solara

from govsim.app.comparison import Comparison, compare
from govsim.app.explore.opening import menu, name_of, plain
from govsim.app.explore.session import CARDS, Dials, card_text, check_steps
from govsim.check import check_int
from govsim.designs import load_design
from govsim.errors import GovsimError

__all__ = [
    "COMPARED",
    "MAX_REPLICATIONS",
    "ComparePanel",
    "compare_dials",
    "comparison_caption",
    "comparison_html",
    "default_partner",
]

#: The metrics compared: the cards' numbers (not the issue count or a group's name).
COMPARED = tuple(name for name in CARDS if name not in ("issues", "captured_by"))

#: Replications the panel starts with: under a second for a 100-issue design.
START_REPLICATIONS = 10
#: The most replications the panel runs: it runs them in the click's handler.
MAX_REPLICATIONS = 200
_HEADER = ("metric", "A", "B", "B − A", "95% interval")
_CELL = ' style="padding:2px 10px;text-align:left"'


def compare_dials(dials: Dials, design_b: str, replications: int) -> Comparison:
    """Run ``govsim compare`` for the current dials' design against ``design_b``.

    Equivalent to ``govsim compare A B --seed S --steps N --replications R --set ...
    --metrics ...`` with the dials' overrides (which apply to both designs, as
    ``--set`` does) and the metrics of :data:`COMPARED`.
    Serial: the page's server is one process. At most
    :data:`~govsim.app.explore.session.MAX_STEPS` issues per run and
    :data:`MAX_REPLICATIONS` replications.
    """
    check_steps(dials.steps)
    check_int(replications, "replications", low=2, high=MAX_REPLICATIONS)
    return compare(
        dials.design,
        design_b,
        scenario=dials.scenario,
        steps=dials.steps,
        replications=replications,
        seed=dials.seed,
        overrides=dials.overrides(),
        metrics=COMPARED,
        backend_name="serial",
        progress=False,
        labels=("design A", "design B"),
    )


def comparison_html(result: Comparison) -> str:
    """The comparison as an HTML table (one row per metric, four places, as cards)."""
    rows = []
    for record in result.table.itertuples(index=False):
        low, high = cast(float, record.ci_low), cast(float, record.ci_high)
        cells = (
            str(record.metric),
            card_text(record.mean_a),
            card_text(record.mean_b),
            card_text(record.difference),
            f"[{card_text(low)}, {card_text(high)}]",
        )
        clear = low > 0 or high < 0  # the interval leaves out 0
        style = ' style="font-weight:bold"' if clear else ""
        row = "".join(f"<td{_CELL}>{html.escape(c)}</td>" for c in cells)
        rows.append(f'<tr class="compare-{html.escape(str(record.metric))}"{style}>{row}</tr>')
    head = "".join(f"<th{_CELL}>{h}</th>" for h in _HEADER)
    return (
        '<table class="govsim-compare" style="border-collapse:collapse">'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )


def comparison_caption(result: Comparison, seed: int) -> str:
    """The line above the table: which design is which, the runs, any failure.

    Opened files by their names, also in a failed run's error (:func:`plain`).
    """
    failed = f"; {result.failed} runs failed, e.g. {plain(str(result.first_error))}"
    return (
        f"A = {name_of(result.a)}, B = {name_of(result.b)}: {result.replications} paired "
        f"replications (common seeds from base seed {seed}), {result.steps} issues each"
        + (failed if result.failed else "")
    )


def default_partner(design: str, designs: list[str]) -> str:
    """The design B the panel offers first: another design on the same scenario, if any.

    Examples
    --------
    >>> default_partner("gnso-council", ["ietf-wg", "gnso-council", "gnso-council-2003"])
    'gnso-council-2003'
    """
    others = [d for d in designs if d != design] or designs
    try:
        own = load_design(design).scenario
        return next((d for d in others if load_design(d).scenario == own), others[0])
    except GovsimError:
        return others[0]


@solara.component
def ComparePanel(dials: Dials, designs: list[str], error_style: dict[str, str]) -> None:
    """Design B, the replications, a button, and the last comparison's table."""
    chosen, set_other = solara.use_state(cast(str | None, None))
    partner = solara.use_memo(lambda: default_partner(dials.design, designs), [dials.design])
    replications, set_replications = solara.use_state(START_REPLICATIONS)
    shown, set_shown = solara.use_state(cast(tuple[str, Any] | None, None))
    error, set_error = solara.use_state("")
    design_b = chosen if chosen in designs and chosen != dials.design else partner

    def run() -> None:
        try:
            result = compare_dials(dials, design_b, replications)
        except GovsimError as e:
            set_error(plain(str(e)))
            return
        set_error("")
        set_shown((comparison_caption(result, dials.seed), comparison_html(result)))

    with solara.Card("Compare with another design", classes=["govsim-compare-panel"], margin=1):
        solara.Text(
            "The current dials' design is A. Both designs run with the dials' settings on "
            "the same seeds; bold rows have a 95% interval that leaves out 0.",
            style={"font-size": "0.9em"},
        )
        with solara.Row():
            _choose(designs, design_b, set_other)
            solara.InputInt(
                "Replications",
                value=replications,
                on_value=set_replications,
                continuous_update=False,
            )
            solara.Button("Compare", on_click=run, color="primary")
        if error:
            solara.Text(error, classes=["govsim-error"], style=error_style)
        if shown is not None:
            solara.Text(shown[0], style={"display": "block", "margin": "6px 0"})
            solara.HTML(tag="div", unsafe_innerHTML=shown[1])


def _choose(designs: list[str], value: str, on: Callable[[str], None]) -> None:
    names = menu(designs)
    solara.Select(
        label="Design B",
        value=name_of(value),
        values=list(names),
        on_value=lambda v: on(names[v]),
    )
