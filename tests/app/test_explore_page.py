"""The explore page rendered without a browser (``solara.render``): limits and errors.

Clicks and typed values go to the page's widgets as the browser's would; the page
must answer with its one-line error, not run.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from govsim.app.explore import controls
from govsim.app.explore.compare_panel import MAX_REPLICATIONS
from govsim.app.explore.controls import split_fits
from govsim.app.explore.presets import SPLIT_EXPERIMENT, splits
from govsim.app.explore.session import MAX_STEPS, Dials, check_steps
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


def test_the_split_is_looked_up_only_when_unfolded(page, monkeypatch) -> None:
    calls: list[Dials] = []

    def counted(dials: Dials) -> bool:
        calls.append(dials)
        return split_fits(dials)

    monkeypatch.setattr(controls, "split_fits", counted)
    click(page, "Run")  # a render of the whole page
    assert calls == []
    click(page, "▸ Ideal points by group")
    assert calls == [Dials()]
    split = "Preference split (contracted up, non-contracted down)"
    page.find(v.Select, label=split).assert_single()


def test_a_broken_split_experiment_is_one_line_in_the_page(page, tmp_path, monkeypatch) -> None:
    broken = tmp_path / "gnso_7_over_14.toml"
    text = SPLIT_EXPERIMENT.read_text().replace('"gnso-splits.csv"', '"missing.csv"')
    broken.write_text(text)
    with pytest.raises(GovsimError) as error:
        splits(broken)
    assert "\n" not in str(error.value)
    monkeypatch.setattr(controls, "splits", lambda: splits(broken))
    click(page, "▸ Ideal points by group")
    assert errors(page) == [f"preference split: {error.value}"]
    page.find(v.Slider, label="rysg: mean 0.8").assert_single()  # the groups still work


def test_choosing_a_rule_shows_its_threshold_at_its_default(page) -> None:
    rule = page.find(v.Select, label="Rule").widget
    assert rule.v_model == "houses"
    assert page.find(v.TextField, label="Rule threshold (houses: threshold)").widget.v_model == (
        "gnso-default"
    )
    rule.v_model = "qualified-majority"
    field = page.find(v.TextField, label="Rule threshold (qualified-majority: fraction)")
    assert field.widget.v_model == "2/3"  # the rule's own default, not the design's threshold
    type_into(page, "Rule threshold (qualified-majority: fraction)", "3/4")
    type_into(page, "Issues per run", "5")
    click(page, "Run")
    assert errors(page) == [] and "gnso-council, seed 0: 5 issues" in shown(page)
    page.find(v.Select, label="Rule").widget.v_model = "unanimity"
    labels = [w.label for w in page.find(v.TextField).widgets]
    assert "Issues per run" in labels and not any(x.startswith("Rule threshold") for x in labels)
