"""``govsim explore`` in a real browser: headless Chromium (Debian's ``chromium``).

The command is started on a free loopback port; Playwright loads the page with every
request off the machine refused (the page must work offline), changes dials, runs and
steps, and checks that the metric cards agree with ``govsim.run`` for the same
configuration and seed. Any browser console error fails the test. The screenshot is
saved under ``$GOVSIM_TEST_ARTEFACTS`` (else the test's temporary folder).
"""

from __future__ import annotations

import os
import re
import time
from pathlib import Path
from urllib.parse import urlparse

import pytest

from govsim import run
from govsim.app.explore.session import CARDS, card_text
from govsim.designs import resolve
from govsim.errors import GovsimError

from .conftest import CHROMIUM, KATEX, NOT_FOUND, TIMEOUT


@pytest.fixture
def server(explore_server):
    """The page's server, shared with the other browser tests (``conftest.py``)."""
    return explore_server


def _cards(page) -> dict[str, str]:
    return {
        name: page.locator(f".metric-{name} .metric-value").inner_text().strip() for name in CARDS
    }


def _expected(steps: int, seed: int, overrides=()) -> dict[str, str]:
    metrics = run("gnso-council", steps=steps, seed=seed, overrides=overrides).metrics
    return {name: card_text(metrics[name]) for name in CARDS}


def _wait_issues(page, count: int) -> float:
    """Seconds until the issues card shows ``count``."""
    start = time.perf_counter()
    page.locator(".metric-issues .metric-value").filter(has_text=re.compile(f"^{count}$")).wait_for(
        timeout=TIMEOUT
    )
    return time.perf_counter() - start


def _set(page, label: str, text: str) -> None:
    field = page.get_by_label(re.compile(label)).first
    field.fill(text)
    field.press("Enter")


def test_dials_run_step_and_errors_in_the_browser(server, tmp_path: Path) -> None:
    sync_playwright = pytest.importorskip("playwright.sync_api").sync_playwright
    url, log = server
    artefacts = Path(os.environ.get("GOVSIM_TEST_ARTEFACTS") or tmp_path)
    artefacts.mkdir(parents=True, exist_ok=True)
    errors: list[str] = []
    outside: list[str] = []
    failed: list[str] = []

    def route(request_route) -> None:
        host = urlparse(request_route.request.url).hostname
        if host in ("127.0.0.1", "localhost") or request_route.request.url.startswith("data:"):
            request_route.continue_()
        else:
            outside.append(request_route.request.url)
            request_route.abort()

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.set_default_timeout(TIMEOUT)
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("response", lambda r: failed.append(r.url) if r.status >= 400 else None)
        page.route("**/*", route)
        page.goto(url, timeout=TIMEOUT)
        page.get_by_text("Set the dials").wait_for()

        # The design as it is: the cards are govsim.run's for seed 0.
        page.get_by_role("button", name="Run", exact=True).click()
        first_run = _wait_issues(page, 100)
        before = _cards(page)
        assert before == _expected(100, 0)

        # Two dials: the 2009 supermajority threshold and another seed.
        _set(page, "Rule threshold", "gnso-supermajority")
        _set(page, "Seed", "7")
        page.get_by_text("Set the dials").wait_for()
        page.get_by_role("button", name="Run", exact=True).click()
        second_run = _wait_issues(page, 100)
        changed = [("rule.threshold", "gnso-supermajority")]
        after = _cards(page)
        assert after == _expected(100, 7, changed)
        assert after != before

        steps = []
        for count in range(101, 106):
            page.get_by_role("button", name="Step one issue").click()
            steps.append(_wait_issues(page, count))
        assert _cards(page) == _expected(105, 7, changed)
        page.screenshot(path=str(artefacts / "explore.png"), full_page=True)

        # The exported TOML: govsim run loads it and gives the cards on the page.
        with page.expect_download(timeout=TIMEOUT) as download:
            page.get_by_text("Export TOML").click()
        exported = tmp_path / "exported.toml"
        download.value.save_as(exported)
        metrics = run(exported, steps=105, seed=7).metrics
        assert _cards(page) == {name: card_text(metrics[name]) for name in CARDS}

        # A dial error: the model's one line, in the page.
        _set(page, "Rule threshold", "each > 1/2 of bogus")
        shown = page.locator(".govsim-error").inner_text().strip()
        page.get_by_role("button", name="Reset").click()
        page.locator(".govsim-error").wait_for(state="detached")  # the design's own dials
        assert page.get_by_label(re.compile("Rule threshold")).first.input_value() == (
            "gnso-default"
        )
        browser.close()
    try:
        resolve("gnso-council", overrides=[("rule.threshold", "each > 1/2 of bogus")])
    except GovsimError as e:
        message = str(e)
    assert message in shown and "\n" not in shown and "Traceback" not in shown
    print(
        f"\nexplore latency (wall, browser click to cards): 100-issue run {first_run:.2f} s "
        f"and {second_run:.2f} s; one step: median {sorted(steps)[2] * 1000:.0f} ms, "
        f"all {[round(s * 1000) for s in steps]} ms"
    )
    assert not outside, f"the page asked for something off the machine: {outside}"
    katex = [url for url in failed if KATEX in url]
    assert failed == katex, f"requests that failed: {failed}"
    errors = [e for e in errors if e != NOT_FOUND] + [e for e in errors if e == NOT_FOUND][
        len(katex) :
    ]
    assert not errors, f"browser console errors: {errors}"
    assert "Traceback" not in log.read_text()
