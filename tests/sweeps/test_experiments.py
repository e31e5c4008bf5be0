"""Every experiment shipped in experiments/ loads, validates and runs at a tiny size."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from govsim.sweeps import load, load_experiment, sweep

EXPERIMENTS = sorted((Path(__file__).resolve().parents[2] / "experiments").glob("*.toml"))


def test_there_are_experiments():
    assert len(EXPERIMENTS) >= 3


@pytest.mark.parametrize("path", EXPERIMENTS, ids=lambda p: p.stem)
def test_experiment_runs_at_tiny_size(path, tmp_path):
    experiment = load_experiment(path)
    sampler = experiment.sampler
    if sampler.samples:
        sampler = replace(sampler, samples=2 if sampler.method != "latin-hypercube" else 3)
    tiny = replace(experiment, steps=3, replications=2, sampler=sampler)
    report = sweep(tiny, tmp_path / "out", backend_name="serial", progress=False)
    runs = load(tmp_path / "out")
    assert report.failed == 0 and len(runs) == report.runs > 0
    assert runs[list(experiment.metrics) or ["welfare"]].notna().all().all()
