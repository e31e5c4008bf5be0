"""Fixtures of the explore page's browser tests: the server, an offline page, its errors."""

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
#: every load (for math, which the page has none of); offline that is a 404. The only
#: console errors allowed are those 404s.
KATEX = "/_solara/cdn/katex@"
NOT_FOUND = "Failed to load resource: the server responded with a status of 404 (Not Found)"
BROWSER_TIMEOUT = 60_000  # ms: generous, for a loaded two-core machine


@dataclass
class Explore:
    """A running ``govsim explore``: its address and its log file."""

    url: str
    log: Path


@pytest.fixture(scope="module")
def explore_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Explore]:
    """``govsim explore gnso-council`` on a free loopback port, for one test module.

    Skips without Debian's chromium or the explore extra (fails without chromium on CI).
    """
    if shutil.which("chromium") is None:
        message = "chromium is not installed (apt-get install chromium)"
        if os.environ.get("CI"):
            pytest.fail(message + "; CI must install it")
        pytest.skip(message)
    pytest.importorskip("solara")
    pytest.importorskip("playwright.sync_api")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = int(s.getsockname()[1])
    log = tmp_path_factory.mktemp("explore") / "server.log"
    command = [sys.executable, "-m", "govsim", "explore", "gnso-council", "--port", str(port)]
    with log.open("w") as out:
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT)
    server = Explore(f"http://127.0.0.1:{port}/", log)
    try:
        deadline = time.monotonic() + 90
        while not _answers(server.url):
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"govsim explore did not start: {log.read_text()[-2000:]}")
            time.sleep(0.5)
        yield server
    finally:
        process.terminate()
        process.wait(timeout=30)


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return bool(response.status == 200)
    except OSError:
        return False


@dataclass
class Seen:
    """What a page did that a test checks at the end."""

    errors: list[str] = field(default_factory=list)  # console errors and page errors
    outside: list[str] = field(default_factory=list)  # requests off the machine
    failed: list[str] = field(default_factory=list)  # responses of status >= 400

    def check(self) -> None:
        """Fail on a request off the machine, a failed request or a console error.

        The KaTeX 404s (see :data:`KATEX`) are the only failures allowed, each with
        its one console line.
        """
        assert not self.outside, f"the page asked for something off the machine: {self.outside}"
        katex = [url for url in self.failed if KATEX in url]
        assert self.failed == katex, f"requests that failed: {self.failed}"
        not_found = [e for e in self.errors if e == NOT_FOUND]
        errors = [e for e in self.errors if e != NOT_FOUND] + not_found[len(katex) :]
        assert not errors, f"browser console errors: {errors}"


@contextmanager
def offline_page(url: str) -> Iterator[tuple[Any, Seen]]:
    """Headless Chromium on ``url`` with every request off the machine refused.

    Yields the Playwright page (1400 x 1000, downloads allowed) and what it saw.
    """
    sync_playwright = pytest.importorskip("playwright.sync_api").sync_playwright
    seen = Seen()

    def route(request_route: Any) -> None:
        target = request_route.request.url
        if urlparse(target).hostname in ("127.0.0.1", "localhost") or target.startswith("data:"):
            request_route.continue_()
        else:
            seen.outside.append(target)
            request_route.abort()

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        page = browser.new_page(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
        page.set_default_timeout(BROWSER_TIMEOUT)
        page.on("console", lambda m: seen.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: seen.errors.append(str(e)))
        page.on("response", lambda r: seen.failed.append(r.url) if r.status >= 400 else None)
        page.route("**/*", route)
        page.goto(url, timeout=BROWSER_TIMEOUT)
        try:
            yield page, seen
        finally:
            browser.close()
