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


@pytest.mark.parametrize("path", EXPERIMENTS, ids=lambda p: p.stem)
def test_full_size_is_at_least_the_default(path):
    default, full = load_experiment(path), load_experiment(path, full=True)
    assert full.replications >= default.replications and full.steps >= default.steps
    assert replace(full, steps=default.steps, replications=default.replications) == default


def test_flagship_experiments_have_a_paper_size():
    for name in ("rules", "gnso_7_over_14", "inclusion", "regions", "crisis"):
        path = EXPERIMENTS[0].parent / f"{name}.toml"
        assert load_experiment(path, full=True) != load_experiment(path), name


def test_the_regional_answers_are_labelled_illustrative():
    text = (EXPERIMENTS[0].parent / "regions-illustrative.csv").read_text()
    assert "ILLUSTRATIVE ANSWERS, NOT DATA" in text.splitlines()[0]
    assert "only answer on record is Latin America and the Caribbean's 2 to question 1" in text
    runs_on_record = [line for line in text.splitlines() if line.startswith("Latin America")]
    assert runs_on_record[0].split(",")[1] == "2"
