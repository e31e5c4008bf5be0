"""What the explore page's tests share: the page in headless Chromium, reading and
setting it, and its numbers against ``govsim run``'s.

The browser is Debian's ``chromium`` (:func:`chromium`: the one found is the one
launched), driven by Playwright with every request off the machine refused.
"""

from __future__ import annotations

import csv
import math
import os
import re
import shutil
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest

from govsim import run
from govsim.app.explore.session import CARDS, card_text

#: solara-assets 1.58.2 has no KaTeX, which Solara's page asks its CDN proxy for on
#: every load (for math, which the explore page has none of); offline that is a 404.
#: The only console errors allowed are those 404s.
KATEX = "/_solara/cdn/katex@"
NOT_FOUND = "Failed to load resource: the server responded with a status of 404 (Not Found)"
TIMEOUT = 60_000  # ms: generous, for a loaded two-core machine
SPLITS_CSV = Path(__file__).parents[2] / "experiments" / "gnso-splits.csv"


def chromium() -> str:
    """The path of Debian's ``chromium``; skips without it (fails in CI, which must
    install it)."""
    found = shutil.which("chromium")
    if found is None:
        message = "chromium is not installed (apt-get install chromium)"
        if os.environ.get("CI"):
            pytest.fail(message + "; CI must install it")
        pytest.skip(message)
    return found


def same_metrics(a: dict, b: dict) -> bool:
    """Equal metrics, NaN (the model) and None (govsim.run) counting as equal."""

    def plain(value: Any) -> Any:
        return None if isinstance(value, float) and math.isnan(value) else value

    return a.keys() == b.keys() and all(plain(a[k]) == plain(b[k]) for k in a)


def run_line(folder: Path, name: str, text: bytes, capsys: Any, monkeypatch: Any) -> str:
    """The one-line error ``govsim run NAME`` prints for a file ``name`` holding ``text``."""
    from govsim.cli import main

    (folder / name).write_bytes(text)
    monkeypatch.chdir(folder)
    assert main(["run", name]) == 2
    return str(capsys.readouterr().err.strip().removeprefix("govsim run: error: "))


def csv_row(split: float) -> list[tuple[str, float]]:
    """The row of ``gnso-splits.csv`` at ``split``, read with the standard library."""
    lines = [line for line in SPLITS_CSV.read_text().splitlines() if not line.startswith("#")]
    for row in csv.DictReader(lines):
        if float(row["preference split"]) == split:
            return [(k, float(v)) for k, v in row.items() if k != "preference split"]
    raise AssertionError(f"no row {split}")


def expected_cards(design: Any, steps: int, seed: int, overrides: Sequence = ()) -> dict[str, str]:
    """The cards of ``govsim.run``'s metrics for the same design, seed and overrides."""
    metrics = run(design, steps=steps, seed=seed, overrides=overrides).metrics
    return {name: card_text(metrics[name]) for name in CARDS}


def cards(page: Any) -> dict[str, str]:
    """The metric cards the page shows."""
    return {
        name: page.locator(f".metric-{name} .metric-value").inner_text().strip() for name in CARDS
    }


def wait_issues(page: Any, count: int) -> float:
    """Seconds until the issues card shows ``count``."""
    start = time.perf_counter()
    card = page.locator(".metric-issues .metric-value")
    card.filter(has_text=re.compile(f"^{count}$")).wait_for(timeout=TIMEOUT)
    return time.perf_counter() - start


def set_field(page: Any, label: str, text: str) -> None:
    """Type ``text`` into the field labelled ``label`` (a pattern) and press Enter."""
    box = page.get_by_label(re.compile(label)).first
    box.fill(text)
    box.press("Enter")


@dataclass
class Visit:
    """What a browser visit saw: console errors, requests off the machine, failed loads."""

    page: Any
    errors: list[str] = field(default_factory=list)
    outside: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)

    def check(self) -> None:
        """Fail on a request off the machine, a failed load or a console error.

        The KaTeX 404s (see :data:`KATEX`) are the only failures allowed.
        """
        assert not self.outside, f"the page asked for something off the machine: {self.outside}"
        katex = [url for url in self.failed if KATEX in url]
        assert self.failed == katex, f"requests that failed: {self.failed}"
        errors = [e for e in self.errors if e != NOT_FOUND]
        errors += [e for e in self.errors if e == NOT_FOUND][len(katex) :]
        assert not errors, f"browser console errors: {errors}"


@contextmanager
def explore_visit(url: str) -> Iterator[Visit]:
    """Headless chromium on ``url`` with every request off the machine refused.

    Yields the :class:`Visit` once the page shows its prompt; checks it on leaving.
    """
    sync_playwright = pytest.importorskip("playwright.sync_api").sync_playwright
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium(),
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        page = browser.new_page(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
        visit = Visit(page)

        def route(request_route) -> None:
            target = request_route.request.url
            if urlparse(target).hostname in ("127.0.0.1", "localhost") or target.startswith(
                "data:"
            ):
                request_route.continue_()
            else:
                visit.outside.append(target)
                request_route.abort()

        page.set_default_timeout(TIMEOUT)
        page.on("console", lambda m: visit.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: visit.errors.append(str(e)))
        page.on("response", lambda r: visit.failed.append(r.url) if r.status >= 400 else None)
        page.route("**/*", route)
        page.goto(url, timeout=TIMEOUT)
        page.get_by_text("Set the dials").wait_for()
        yield visit
        browser.close()
    visit.check()
