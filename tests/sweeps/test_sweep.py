"""The sweep machinery: identical results on every backend, reproducible single runs,
failure isolation, corrupt chunks redone, and refusing to mix experiments."""

from __future__ import annotations

import hashlib
from dataclasses import replace
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import govsim
from govsim.errors import GovsimError
from govsim.sweeps import Experiment, Factor, Sampler, SweepMismatch, load, sweep
from govsim.sweeps.seeds import replicate_seed

MODEL = Experiment(
    name="model",
    designs=("gnso-council", "gnso-council-2003"),
    steps=15,
    replications=3,
    seed=11,
    factors=(
        Factor("scenario.polarisation", values=(0.2, 0.8)),
        Factor("deliberation.segregation", low=0.0, high=1.0, levels=2),
    ),
    constants=(("deliberation.rounds", 3),),
    trajectories=True,
    chunk_size=6,
)

NOISY = Experiment(
    name="noisy",
    designs=(),
    function="tests.sweeps.functions:noisy",
    replications=4,
    seed=3,
    factors=(Factor("a", low=0.0, high=1.0), Factor("b", values=(1, 2, 3))),
    sampler=Sampler("latin-hypercube", samples=10),
    chunk_size=8,
)


def digests(folder: Path) -> dict[str, str]:
    """SHA-256 of every chunk file, by relative path."""
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.glob("*/chunk-*.parquet"))
    }


@pytest.fixture(scope="module")
def serial_model(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("serial") / "model"
    report = sweep(MODEL, out, backend_name="serial", progress=False)
    assert (report.runs, report.done, report.failed) == (24, 24, 0)
    return out


def test_layout_and_tables(serial_model):
    runs = load(serial_model)
    assert len(runs) == 24 and runs["run_id"].tolist() == list(range(24))
    assert (runs["status"] == "ok").all()
    # design-major within point, replicate innermost
    assert runs["design"].tolist()[:6] == ["gnso-council"] * 3 + ["gnso-council-2003"] * 3
    assert (
        runs.groupby("point")[["scenario.polarisation", "deliberation.segregation"]]
        .nunique()
        .eq(1)
        .all()
        .all()
    )
    issues = load(serial_model, "issues")
    assert len(issues) == 24 * MODEL.steps
    assert issues.groupby("run_id").size().eq(MODEL.steps).all()
    assert len(digests(serial_model)) == 2 * 4  # runs and issues, 24 runs / 6 per chunk
    plain = pd.read_parquet(serial_model / "runs")  # no govsim needed to read the store
    pd.testing.assert_frame_equal(plain, runs)
    manifest = runs.attrs["manifest"]
    assert manifest["finished"] and manifest["ok"] == 24
    assert set(manifest["fingerprint"]) == {"experiment", "designs", "points", "govsim"}
    assert manifest["provenance"]["versions"]["numpy"] == np.__version__


def test_common_random_numbers(serial_model):
    runs = load(serial_model)
    expected = [replicate_seed(MODEL.seed, r) for r in runs["replicate"]]
    assert runs["seed"].tolist() == expected
    assert runs.groupby("replicate")["seed"].nunique().eq(1).all()


def test_a_single_run_reruns_alone(serial_model):
    runs = load(serial_model)
    row = runs.iloc[17]
    factors = ["scenario.polarisation", "deliberation.segregation"]
    overrides = [*MODEL.constants, *((k, row[k].item()) for k in factors)]
    alone = govsim.run(row["design"], steps=MODEL.steps, seed=int(row["seed"]), overrides=overrides)
    assert alone.metrics["issues"] == row["steps"]  # the one summary column not stored
    for metric, value in alone.metrics.items():
        if metric == "issues":
            continue
        if value is None:  # a NaN metric; the runs table stores NaN
            assert pd.isna(row[metric]), metric
        elif isinstance(value, float):
            assert row[metric] == pytest.approx(value, abs=0, nan_ok=True), metric
        else:
            assert row[metric] == value, metric


@pytest.mark.parametrize("backend", ["process", "dask"])
def test_backends_give_identical_files(serial_model, tmp_path, backend):
    out = tmp_path / backend
    sweep(MODEL, out, backend_name=backend, workers=2, progress=False)
    assert digests(out) == digests(serial_model)
    pd.testing.assert_frame_equal(load(out), load(serial_model))


def test_dask_cluster_at_a_scheduler_address(serial_model, tmp_path):
    """What `--scheduler tcp://...` does on a real cluster, with one on loopback."""
    from distributed import LocalCluster

    with LocalCluster(
        n_workers=2, threads_per_worker=1, dashboard_address=None, host="127.0.0.1"
    ) as cluster:
        address = cluster.scheduler_address
        assert address.startswith("tcp://127.0.0.1:")
        sweep(MODEL, tmp_path / "c", backend_name="dask", scheduler=address, progress=False)
    assert digests(tmp_path / "c") == digests(serial_model)


def test_worker_count_and_chunking_do_not_change_results(tmp_path):
    one = sweep(NOISY, tmp_path / "a", backend_name="serial", progress=False).out
    other = replace(NOISY, chunk_size=5)
    two = sweep(other, tmp_path / "b", backend_name="process", workers=2, progress=False).out
    pd.testing.assert_frame_equal(load(one), load(two))


def test_failures_are_recorded_and_retried(tmp_path, monkeypatch):
    flag = tmp_path / "flag"
    flag.touch()
    monkeypatch.setenv("GOVSIM_TEST_FLAG", str(flag))
    flaky = replace(NOISY, function="tests.sweeps.functions:flaky")
    report = sweep(flaky, tmp_path / "flaky", backend_name="serial", progress=False)
    runs = load(tmp_path / "flaky")
    failed = runs["status"] == "failed"
    assert report.failed == failed.sum() > 0 and (~failed).sum() > 0
    assert (failed == (runs["a"] > 0.5)).all()
    assert runs.loc[failed, "error"].str.startswith("RuntimeError: failing on purpose").all()
    assert runs.loc[failed, "y"].isna().all() and runs.loc[~failed, "error"].isna().all()

    flag.unlink()
    again = sweep(
        flaky, tmp_path / "flaky", retry_failed=True, backend_name="serial", progress=False
    )
    assert (again.done, again.failed, again.skipped) == (failed.sum(), 0, (~failed).sum())
    clean = sweep(flaky, tmp_path / "clean", backend_name="serial", progress=False).out
    assert digests(tmp_path / "flaky") == digests(clean)


def test_corrupt_and_partial_chunks_are_redone(tmp_path, serial_model):
    out = tmp_path / "model"
    sweep(MODEL, out, backend_name="serial", progress=False)
    runs_dir, issues_dir = out / "runs", out / "issues"
    (runs_dir / "chunk-000000.parquet").write_bytes(b"PAR1 not really")
    data = (runs_dir / "chunk-000001.parquet").read_bytes()
    (runs_dir / "chunk-000001.parquet").write_bytes(data[: len(data) // 2])
    (issues_dir / "chunk-000002.parquet").unlink()
    (runs_dir / ".chunk-000003.parquet.tmp-999").write_bytes(b"left by a killed writer")
    report = sweep(MODEL, out, resume=True, backend_name="serial", progress=False)
    assert (report.done, report.skipped) == (18, 6)
    assert digests(out) == digests(serial_model)
    assert not list(runs_dir.glob(".*"))


def test_resume_of_a_finished_sweep_runs_nothing(tmp_path):
    out = sweep(NOISY, tmp_path / "n", backend_name="serial", progress=False).out
    report = sweep(NOISY, out, resume=True, backend_name="serial", progress=False)
    assert (report.done, report.skipped) == (0, report.runs)


def test_refuses_to_mix_experiments(tmp_path):
    out = sweep(NOISY, tmp_path / "n", backend_name="serial", progress=False).out
    with pytest.raises(GovsimError, match="already holds a sweep; pass --resume"):
        sweep(NOISY, out, backend_name="serial", progress=False)
    with pytest.raises(SweepMismatch, match="different experiment"):
        sweep(replace(NOISY, seed=4), out, resume=True, backend_name="serial", progress=False)
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "notes.txt").write_text("mine")
    with pytest.raises(GovsimError, match="not a sweep folder"):
        sweep(NOISY, tmp_path / "other", backend_name="serial", progress=False)


def test_a_changed_design_file_is_a_different_experiment(tmp_path):
    design = tmp_path / "mine.toml"
    text = Path(govsim.designs.library.builtin_path("gnso-council", "design")).read_text()
    design.write_text(text.replace('name = "gnso-council"', 'name = "mine"'))
    experiment = replace(MODEL, designs=(str(design),), factors=(), trajectories=False)
    out = sweep(experiment, tmp_path / "m", backend_name="serial", progress=False).out
    design.write_text(design.read_text().replace("attendance = 1.0", "attendance = 0.5"))
    with pytest.raises(SweepMismatch, match="different experiment"):
        sweep(experiment, out, resume=True, backend_name="serial", progress=False)


def test_metrics_subset_and_unknown_metric(tmp_path):
    kept = replace(MODEL, metrics=("welfare", "pass_rate"), trajectories=False, factors=())
    runs = load(sweep(kept, tmp_path / "k", backend_name="serial", progress=False).out)
    assert list(runs.columns[-2:]) == ["welfare", "pass_rate"] and "minority_loss" not in runs
    with pytest.raises(GovsimError, match=r"experiment.metrics\[0\].*did you mean 'welfare'"):
        sweep(
            replace(kept, metrics=("welfar",)),
            tmp_path / "u",
            backend_name="serial",
            progress=False,
        )


def test_bad_backend_arguments(tmp_path):
    for kwargs, match in (
        ({"backend_name": "spark"}, "--backend"),
        ({"workers": 0}, "--workers"),
        ({"backend_name": "process", "scheduler": "tcp://x:1"}, "--scheduler"),
    ):
        with pytest.raises(GovsimError, match=match):
            sweep(NOISY, tmp_path / "x", progress=False, **kwargs)


@pytest.mark.slow  # waits for the connection to time out
def test_unreachable_scheduler(tmp_path):
    with pytest.raises(GovsimError, match="cannot connect to the Dask scheduler"):
        sweep(
            NOISY,
            tmp_path / "x",
            backend_name="dask",
            scheduler="tcp://127.0.0.1:9",
            progress=False,
        )


def test_seeds_do_not_depend_on_the_number_of_replications(tmp_path):
    """Seeds depend on the replicate alone, not on the sweep's size."""
    small = load(sweep(NOISY, tmp_path / "s", backend_name="serial", progress=False).out)
    bigger = replace(NOISY, replications=6)
    big = load(sweep(bigger, tmp_path / "b", backend_name="serial", progress=False).out)
    same = big[big["replicate"] < 4].reset_index(drop=True)
    pd.testing.assert_series_equal(same["y"], small["y"].reset_index(drop=True), check_index=False)


def test_load_columns_before_and_after_the_first_chunk(tmp_path):
    out = sweep(NOISY, tmp_path / "n", backend_name="serial", progress=False).out
    assert list(load(out, columns=["run_id", "y"]).columns) == ["run_id", "y"]
    for chunk in (out / "runs").glob("chunk-*.parquet"):
        chunk.unlink()
    empty = load(out, columns=["run_id", "y"])
    assert list(empty.columns) == ["run_id", "y"] and empty.empty
