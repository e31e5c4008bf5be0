"""The explore page rendered without a browser (``solara.render``): its limits.

Clicks and typed values go to the page's widgets as the browser's would; the page
must answer with its one-line error, not run.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from govsim.app.explore.compare_panel import MAX_REPLICATIONS
from govsim.app.explore.session import MAX_STEPS, check_steps
from govsim.errors import GovsimError

solara = pytest.importorskip("solara")
v = pytest.importorskip("ipyvuetify")


@pytest.fixture
def page() -> Iterator:
    """The rendered page: its render context (``find`` locates widgets)."""
    from govsim.app.explore.page import Page

    _, rc = solara.render(Page(), handle_error=False)
    yield rc
    rc.close()


def type_into(rc, label: str, text: str) -> None:
    """Type ``text`` into the field labelled ``label`` and press Enter."""
    field = rc.find(v.TextField, label=label).widget
    field.v_model = text
    field.fire_event("keyup.enter", None)


def click(rc, button: str) -> None:
    rc.find(v.Btn, children=[button]).widget.click()


def errors(rc) -> list[str]:
    return [" ".join(map(str, w.children)) for w in rc.find(v.Html, class_="govsim-error").widgets]


def shown(rc) -> str:
    """Every line of text on the page."""
    return "\n".join(" ".join(map(str, w.children)) for w in rc.find(v.Html).widgets)


def test_issues_per_run_are_capped(page) -> None:
    type_into(page, "Issues per run", str(MAX_STEPS + 1))
    click(page, "Run")
    assert errors(page) == [f"issues per run: expected an integer in [1, {MAX_STEPS}]; found 2001"]
    assert "Set the dials, then Run" in shown(page)  # nothing ran
    type_into(page, "Issues per run", "3")
    click(page, "Run")
    assert errors(page) == [] and "gnso-council, seed 0: 3 issues" in shown(page)


def test_replications_are_capped(page) -> None:
    type_into(page, "Replications", str(MAX_REPLICATIONS + 1))
    click(page, "Compare")
    assert errors(page) == [
        f"replications: expected an integer in [2, {MAX_REPLICATIONS}]; found 201"
    ]
    type_into(page, "Issues per run", str(MAX_STEPS + 1))
    type_into(page, "Replications", "2")
    click(page, "Compare")
    assert errors(page) == [f"issues per run: expected an integer in [1, {MAX_STEPS}]; found 2001"]
    assert "paired replications" not in shown(page)


def test_check_steps_takes_whole_numbers_in_range() -> None:
    assert check_steps(1) == 1 and check_steps(MAX_STEPS) == MAX_STEPS
    for bad in (0, MAX_STEPS + 1, True, 2.0, None):
        with pytest.raises(GovsimError, match=r"^issues per run: expected an integer in \[1, "):
            check_steps(bad)
