"""The wait for a page server (``tests/docs_commands.py``), which the explore
fixtures and the documentation's ``govsim explore`` commands use: it ends at the
first answer, also an HTTP error, and when the server stops."""

from __future__ import annotations

import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from tests.docs_commands import free_port, wait_for_page


class _Answer(BaseHTTPRequestHandler):
    status = 200

    def do_GET(self) -> None:
        self.send_response(self.status)
        self.end_headers()

    def log_message(self, *args) -> None:  # quiet
        pass


@pytest.fixture
def sleeper() -> Iterator[subprocess.Popen]:
    """A process that stays up: what the wait watches as the server."""
    process = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(600)"])
    yield process
    process.kill()
    process.wait()


@pytest.mark.parametrize("status", [200, 500, 404])
def test_the_wait_ends_at_the_first_answer(sleeper, status: int) -> None:
    handler = type("Answer", (_Answer,), {"status": status})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/"
        # A long limit: without failing fast, an HTTP error would wait all of it.
        failure = wait_for_page(url, sleeper, 600)
    finally:
        server.shutdown()
        server.server_close()
    assert failure == (None if status == 200 else f"the page answered HTTP {status}")


def test_the_wait_ends_when_the_server_stops() -> None:
    stopped = subprocess.Popen([sys.executable, "-c", "raise SystemExit(3)"])
    stopped.wait()
    url = f"http://127.0.0.1:{free_port()}/"
    assert wait_for_page(url, stopped, 600) == "the server stopped with exit code 3"


def test_the_wait_ends_at_its_limit(sleeper) -> None:
    url = f"http://127.0.0.1:{free_port()}/"  # nobody listens
    assert wait_for_page(url, sleeper, 0) == f"no answer from {url} in 0 s"
