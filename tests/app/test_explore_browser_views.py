"""The explore page's views in a real browser: record, network, seat power, export.

``govsim explore gnso-council`` on a loopback port, driven by headless Chromium with
every request off the machine refused (``conftest.py``). After a run each view shows
what :mod:`govsim.app.explore.views` computes for the same model, stepping updates the
record, and the export links save a vector PDF and a PNG. Any browser console error
but the documented KaTeX 404s fails the test. The screenshots go under
``$GOVSIM_TEST_ARTEFACTS`` (else the test's temporary folder); the test prints the
latency of a run and of a step with each view shown, for ``bench/README.md``.
"""

from __future__ import annotations

import os
import re
import time
from pathlib import Path

import matplotlib.image

from govsim.app.explore.views import EXPORTED, power_frame, record_frame
from govsim.designs import resolve
from govsim.model import GovernanceModel
from tests.app.explore_checks import TIMEOUT, explore_visit, wait_issues
from tests.power.test_report import assert_vector_pdf

STEPS = 5  # steps timed with each view shown


def _steps(page, first: int, figure: bool = False) -> list[float]:
    """Step :data:`STEPS` issues, the first making ``first`` issues; seconds each.

    Each until the issues card shows the new count and, with ``figure``, the figure
    (the page's one matplotlib image) is a new one too.
    """
    image = page.locator("img.widget-image").first
    times = []
    for count in range(first, first + STEPS):
        old = image.get_attribute("src") if figure else None
        page.get_by_role("button", name="Step one issue").click()
        start = time.perf_counter()  # as test_explore_browser.py times a step
        wait_issues(page, count)
        if figure:
            page.wait_for_function(
                "old => document.querySelector('img.widget-image').src !== old", arg=old
            )
        times.append(time.perf_counter() - start)
    return times


def _last_row(page) -> list[str]:
    row = page.locator(".govsim-record tbody tr").last
    return [cell.strip() for cell in row.locator("td").all_inner_texts()]


def _shown(value) -> str:
    """A record cell as the page's table writes it."""
    if value is None:
        return "–"
    return f"{value:.3g}" if isinstance(value, float) else str(value)


def _median_ms(times: list[float]) -> int:
    return round(sorted(times)[len(times) // 2] * 1000)


def test_views_update_and_export_in_the_browser(
    explore_server: tuple[str, Path], tmp_path: Path
) -> None:
    url, log = explore_server
    artefacts = Path(os.environ.get("GOVSIM_TEST_ARTEFACTS") or tmp_path)
    artefacts.mkdir(parents=True, exist_ok=True)
    model = GovernanceModel("gnso-council", seed=0)  # what the page runs
    latency: dict[str, list[float]] = {}
    with explore_visit(url) as visit:
        page = visit.page
        page.get_by_role("button", name="Run", exact=True).click()
        latency["run"] = [wait_issues(page, 100)]
        page.locator(".metric-card").first.wait_for()
        latency["positions"] = _steps(page, 101, figure=True)
        for _ in range(100 + STEPS):
            model.step()

        # The record: the model's last motions, and one more after a step.
        page.get_by_role("button", name="Last motions").click()
        table = page.locator(".govsim-record")
        table.wait_for()
        expected = record_frame(model)
        assert table.locator("tbody tr").count() == len(expected) == 10
        assert _last_row(page) == [_shown(v) for v in expected.iloc[-1]]
        latency["record"] = _steps(page, 106)
        for _ in range(STEPS):
            model.step()
        page.locator(".govsim-record tbody tr").last.locator("td").first.filter(
            has_text=re.compile("^109$")
        ).wait_for()
        assert _last_row(page) == [_shown(v) for v in record_frame(model).iloc[-1]]

        # The network: an image of the model's network, which a step does not redraw.
        page.get_by_role("button", name="Network").click()
        image = page.locator(".govsim-network img, img.govsim-network").first
        image.wait_for()
        assert image.evaluate("img => img.complete && img.naturalWidth > 300")
        graph = model.network()
        ties = f"{graph.number_of_nodes()} stakeholders, {graph.number_of_edges()} ties"
        page.get_by_text(ties).wait_for()
        latency["network"] = _steps(page, 111)
        page.screenshot(path=str(artefacts / "explore-network.png"), full_page=True)

        # The seat power: power_frame's table, and its figure.
        page.get_by_role("button", name="Seat power").click()
        power = page.locator(".govsim-power")
        power.wait_for()
        table_rows = power_frame(*resolve("gnso-council"))
        assert power.locator("tbody tr").count() == len(table_rows)
        first = power.locator("tbody tr").first.locator("td").all_inner_texts()
        assert first[:3] == ["rysg", "private-sector", "contracted"]
        assert first[-3:] == [f"{table_rows[k][0]:.4g}" for k in table_rows.columns[-3:]]
        page.locator(".govsim-power-figure img, img.govsim-power-figure").first.wait_for()
        latency["power"] = _steps(page, 116)
        page.screenshot(path=str(artefacts / "explore-power.png"), full_page=True)

        # The export: a vector PDF and a PNG of every figure, for the run so far.
        page.get_by_role("button", name="Export figures").click()
        page.get_by_role("button", name="Draw the figures").click()
        links = page.locator(".govsim-figure-export a")
        links.first.wait_for(timeout=TIMEOUT)
        names = [f"{stem}.{kind}" for stem in EXPORTED for kind in ("pdf", "png")]
        assert links.all_inner_texts() == names
        for name in ("positions-over-issues.pdf", "network.png", "seat-power.pdf"):
            with page.expect_download() as download:
                page.get_by_text(name, exact=True).click()
            saved = tmp_path / name
            download.value.save_as(saved)
            if name.endswith(".pdf"):
                assert_vector_pdf(saved)
            else:
                assert matplotlib.image.imread(saved).shape[1] > 1000  # 300 dpi
        page.get_by_role("button", name="Step one issue").click()  # the run moves on:
        page.get_by_role("button", name="Draw the figures").wait_for()  # links withdrawn

        page.get_by_role("button", name="Last motions").click()
        page.locator(".govsim-record").wait_for()
        page.screenshot(path=str(artefacts / "explore-views.png"), full_page=True)
    assert "Traceback" not in log.read_text()
    print(
        f"\nexplore views latency (wall, click to cards and figure): 100-issue run "
        f"{latency['run'][0]:.2f} s; one step, median of {STEPS}, with the view shown: "
        + ", ".join(f"{view} {_median_ms(t)} ms" for view, t in latency.items() if view != "run")
    )
