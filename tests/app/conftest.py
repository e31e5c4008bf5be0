"""Shared fixtures of the app tests: ``govsim explore`` served for a real browser."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest

CHROMIUM = "/usr/bin/chromium"
#: solara-assets 1.58.2 has no KaTeX, which Solara's page asks its CDN proxy for on
#: every load (for math, which the explore page has none of); offline that is a 404.
#: The only console errors allowed are those 404s.
KATEX = "/_solara/cdn/katex@"
NOT_FOUND = "Failed to load resource: the server responded with a status of 404 (Not Found)"
TIMEOUT = 60_000  # ms: generous, for a loaded two-core machine


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="session")
def explore_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """``govsim explore gnso-council`` on a free loopback port: (its URL, its log file).

    Skips without chromium (fails in CI, which must install it) or solara.
    """
    if shutil.which("chromium") is None:
        message = "chromium is not installed (apt-get install chromium)"
        if os.environ.get("CI"):
            pytest.fail(message + "; CI must install it")
        pytest.skip(message)
    pytest.importorskip("solara")
    port = _free_port()
    log = tmp_path_factory.mktemp("explore") / "server.log"
    with log.open("w") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "govsim", "explore", "gnso-council", "--port", str(port)],
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                with urllib.request.urlopen(url, timeout=5) as response:
                    if response.status == 200:
                        break
            except OSError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"govsim explore did not start: {log.read_text()[-2000:]}")
            time.sleep(0.5)
        yield url, log
    finally:
        process.terminate()
        process.wait(timeout=30)


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
            executable_path=CHROMIUM,
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
