"""A sweep killed with SIGKILL at any point resumes to exactly what an uninterrupted
sweep writes: the same chunk files, byte for byte."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from govsim.sweeps import load, sweep
from tests.sweeps.test_sweep import digests

ROOT = Path(__file__).resolve().parents[2]
SPEC = """
[experiment]
name = "killed"
function = "tests.sweeps.functions:slow"
replications = 5
seed = 5
chunk_size = 5

[sampler]
method = "latin-hypercube"
samples = 40

[factors]
a = { range = [0.0, 1.0] }
b = [1, 2, 3]
"""


@pytest.fixture(scope="module")
def spec(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("spec") / "killed.toml"
    path.write_text(SPEC)
    return path


@pytest.fixture(scope="module")
def reference(spec, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("reference") / "out"
    sweep(spec, out, backend_name="serial", progress=False)
    return out


def kill_after(spec: Path, out: Path, chunks: int, backend: str) -> None:
    """Start `govsim sweep` and SIGKILL it (and its workers) once `chunks` chunks exist."""
    command = [
        sys.executable,
        "-m",
        "govsim",
        "sweep",
        str(spec),
        "--out",
        str(out),
        "--backend",
        backend,
        "--workers",
        "2",
        "--quiet",
    ]
    process = subprocess.Popen(command, cwd=ROOT, start_new_session=True)
    deadline = time.monotonic() + 60
    while len(list(out.glob("runs/chunk-*.parquet"))) < chunks and process.poll() is None:
        assert time.monotonic() < deadline, "the sweep made no progress"
        time.sleep(0.005)
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    assert process.returncode == -signal.SIGKILL, "the sweep ended before it was killed"


@pytest.mark.parametrize(
    ("backend", "chunks"), [("serial", 0), ("serial", 3), ("serial", 25), ("process", 10)]
)
def test_killed_sweep_resumes_to_identical_results(spec, reference, tmp_path, backend, chunks):
    out = tmp_path / "out"
    kill_after(spec, out, chunks, backend)
    done = len(list(out.glob("runs/chunk-*.parquet")))
    assert done < 40  # chunks in the sweep: 40 points x 5 replications / 5 per chunk
    report = sweep(spec, out, resume=True, backend_name="serial", progress=False)
    assert report.skipped == 5 * done and report.failed == 0
    assert digests(out) == digests(reference)
    assert load(out).equals(load(reference))
