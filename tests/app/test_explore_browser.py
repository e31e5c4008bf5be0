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
from pathlib import Path

from govsim import run
from govsim.app.explore.session import CARDS, card_text
from govsim.designs import resolve
from govsim.errors import GovsimError
from tests.app.explore_checks import (
    TIMEOUT,
    cards,
    expected_cards,
    explore_visit,
    set_field,
    wait_issues,
)


def test_dials_run_step_and_errors_in_the_browser(explore_server, tmp_path: Path) -> None:
    url, log = explore_server
    artefacts = Path(os.environ.get("GOVSIM_TEST_ARTEFACTS") or tmp_path)
    artefacts.mkdir(parents=True, exist_ok=True)
    with explore_visit(url) as visit:
        page = visit.page
        # The design as it is: the cards are govsim.run's for seed 0.
        page.get_by_role("button", name="Run", exact=True).click()
        first_run = wait_issues(page, 100)
        before = cards(page)
        assert before == expected_cards("gnso-council", 100, 0)

        # Two dials: the 2009 supermajority threshold and another seed.
        set_field(page, "Rule threshold", "gnso-supermajority")
        set_field(page, "Seed", "7")
        page.get_by_text("Set the dials").wait_for()
        page.get_by_role("button", name="Run", exact=True).click()
        second_run = wait_issues(page, 100)
        changed = [("rule.threshold", "gnso-supermajority")]
        after = cards(page)
        assert after == expected_cards("gnso-council", 100, 7, changed)
        assert after != before

        steps = []
        for count in range(101, 106):
            page.get_by_role("button", name="Step one issue").click()
            steps.append(wait_issues(page, count))
        assert cards(page) == expected_cards("gnso-council", 105, 7, changed)
        page.screenshot(path=str(artefacts / "explore.png"), full_page=True)

        # The exported TOML: govsim run loads it and gives the cards on the page.
        with page.expect_download(timeout=TIMEOUT) as download:
            page.get_by_text("Export TOML").click()
        exported = tmp_path / "exported.toml"
        download.value.save_as(exported)
        metrics = run(exported, steps=105, seed=7).metrics
        assert cards(page) == {name: card_text(metrics[name]) for name in CARDS}

        # A dial error: the model's one line, in the page.
        set_field(page, "Rule threshold", "each > 1/2 of bogus")
        shown = page.locator(".govsim-error").inner_text().strip()
        page.get_by_role("button", name="Reset").click()
        page.locator(".govsim-error").wait_for(state="detached")  # the design's own dials
        assert page.get_by_label(re.compile("Rule threshold")).first.input_value() == (
            "gnso-default"
        )
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
    assert "Traceback" not in log.read_text()
