"""Shared fixtures of the app tests: ``govsim explore`` served for a real browser.

The browser and the page's helpers are in :mod:`tests.app.explore_checks`.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.app.explore_checks import chromium
from tests.docs_commands import free_port, wait_for_page


@pytest.fixture(scope="session")
def explore_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """``govsim explore gnso-council`` on a free loopback port: (its URL, its log file).

    Skips without chromium (fails in CI, which must install it) or solara.
    """
    chromium()
    pytest.importorskip("solara")
    port = free_port()
    log = tmp_path_factory.mktemp("explore") / "server.log"
    with log.open("w") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "govsim", "explore", "gnso-council", "--port", str(port)],
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}/"
    try:
        failure = wait_for_page(url, process, 90)
        if failure is not None:
            pytest.fail(f"govsim explore did not start: {failure}: {log.read_text()[-2000:]}")
        yield url, log
    finally:
        process.terminate()
        process.wait(timeout=30)
