"""The explore page's controls in a real browser (headless Chromium, offline).

Inclusion by sector and the preference split reach the model as ``govsim run --set``
would apply them; a broken TOML file opened in the page shows the line ``govsim run``
prints; a comparison shows ``govsim compare``'s numbers. The server and the browser
come from ``conftest.py``; any browser console error fails a test.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from govsim.app.comparison import compare
from govsim.app.explore.compare_panel import COMPARED
from govsim.app.explore.session import INCLUSION_DIALS, card_text
from govsim.cli import main
from govsim.designs import LEVELS
from tests.app.explore_checks import (
    cards,
    csv_row,
    expected_cards,
    explore_visit,
    set_field,
    wait_issues,
)

#: The preference split of experiments/gnso-splits.csv at 0.4 (the file's own row):
#: the contracted groups' mean ideal point 0.9, the non-contracted groups' 0.1.
SPLIT_04 = csv_row(0.4)


def _choose(page, label: str, option: str) -> None:
    """Pick ``option`` in the menu (a Vuetify select) labelled ``label``."""
    # Vuetify 3: the field's input is named "Open", so find the field by its label.
    floating = page.locator("label.v-field-label--floating")
    title = floating.filter(has_text=re.compile(f"^{re.escape(label)}$"))
    page.locator(".v-field").filter(has=title).click()
    menu = page.locator(".v-overlay__content .v-list-item-title")
    menu.filter(has_text=re.compile(f"^{re.escape(option)}$")).click()
    menu.first.wait_for(state="detached")


def _open(page, path: Path) -> None:
    """Open ``path`` with the page's Open TOML button (the browser's file chooser)."""
    with page.expect_file_chooser() as chooser:
        page.get_by_role("button", name=re.compile("Open TOML")).click()
    chooser.value.set_files(path)


def test_inclusion_and_split_are_govsim_run_overrides(explore_server, tmp_path: Path) -> None:
    url, log = explore_server
    with explore_visit(url) as visit:
        page = visit.page
        page.get_by_role("button", name="Inclusion by sector").click()
        _choose(page, "civil-society: IAP2 level", "consult")
        page.get_by_role("button", name="Ideal points by group").click()
        _choose(page, "Preference split (contracted up, non-contracted down)", "0.4")
        # The group sliders show the split's means.
        page.get_by_text("rysg: mean 0.9", exact=True).wait_for()
        page.get_by_text("ncsg: mean 0.1", exact=True).wait_for()
        set_field(page, "Seed", "3")
        page.get_by_role("button", name="Run", exact=True).click()
        wait_issues(page, 100)
        overrides = [("inclusion.civil-society", "consult"), *SPLIT_04]
        shown = cards(page)
        assert shown == expected_cards("gnso-council", 100, 3, overrides)
        # Civil society only consulted: its councillors move no motions, so the page
        # is not showing the split alone.
        assert shown != expected_cards("gnso-council", 100, 3, SPLIT_04)
        artefacts = Path(os.environ.get("GOVSIM_TEST_ARTEFACTS") or tmp_path)
        artefacts.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(artefacts / "explore-controls.png"), full_page=True)
        # The sector's dials on the page are the level's (IAP2 consult: no agenda), and
        # its councillors moved none of the last motions.
        sector = page.locator(".inclusion-civil-society")
        for dial in INCLUSION_DIALS:
            value = getattr(LEVELS["consult"], dial)
            sector.get_by_text(f"{dial} {value:g}", exact=True).wait_for()
        page.get_by_role("button", name="Last motions").click()
        page.locator(".govsim-record").wait_for()
        proposers = page.locator(".govsim-record tbody tr td:nth-child(3)").all_inner_texts()
        assert len(proposers) == 10 and "civil-society" not in proposers
    assert "Traceback" not in log.read_text()


def test_a_broken_file_shows_the_command_line_error(
    explore_server, tmp_path: Path, capsys, monkeypatch
) -> None:
    url, log = explore_server
    broken = tmp_path / "broken.toml"
    broken.write_text('[design]\nname = "broken"\nscenario = "gnso"\nrule = "majorty"\n')
    good = tmp_path / "mine.toml"
    good.write_text('[design]\nextends = "gnso-council"\nname = "mine"\nattendance = 0.8\n')
    monkeypatch.chdir(tmp_path)
    assert main(["run", "broken.toml"]) == 2
    line = capsys.readouterr().err.strip()
    assert line.startswith("govsim run: error: broken.toml: ") and "\n" not in line
    message = line.removeprefix("govsim run: error: ")
    with explore_visit(url) as visit:
        page = visit.page
        _open(page, broken)
        assert page.locator(".govsim-error").inner_text().strip() == message
        # A good file becomes the current design.
        _open(page, good)
        page.get_by_text("mine.toml (opened)").first.wait_for()
        page.locator(".govsim-error").wait_for(state="detached")
        page.get_by_role("button", name="Run", exact=True).click()
        wait_issues(page, 100)
        assert cards(page) == expected_cards(good, 100, 0)
    assert "Traceback" not in log.read_text()


def test_compare_shows_govsim_compare(explore_server) -> None:
    url, log = explore_server
    with explore_visit(url) as visit:
        page = visit.page
        set_field(page, "Issues per run", "30")
        _choose(page, "Design B", "gnso-council-2003")
        set_field(page, "Replications", "3")
        page.get_by_role("button", name="Compare", exact=True).click()
        table = page.locator(".govsim-compare")
        table.wait_for()
        expected = compare(
            "gnso-council",
            "gnso-council-2003",
            steps=30,
            replications=3,
            seed=0,
            metrics=COMPARED,
            backend_name="serial",
            progress=False,
        ).table.set_index("metric")
        assert table.locator("tbody tr").count() == len(expected)
        cells = table.locator("tr.compare-pass_rate td").all_inner_texts()
        row = expected.loc["pass_rate"]
        assert cells == [
            "pass_rate",
            card_text(row["mean_a"]),
            card_text(row["mean_b"]),
            card_text(row["difference"]),
            f"[{card_text(row['ci_low'])}, {card_text(row['ci_high'])}]",
        ]
        page.get_by_text("3 paired replications").wait_for()
    assert "Traceback" not in log.read_text()
