"""What a sweep does with odd metrics, a dying worker, a busy or moved folder, and a
start that fails half way: never a traceback, never a mixed or stuck folder."""

from __future__ import annotations

import errno
import shutil
from dataclasses import replace

import pyarrow.parquet as pq
import pytest

from govsim.errors import GovsimError
from govsim.sweeps import Experiment, Factor, experiment_from_dict, load, sweep
from govsim.sweeps.store import Store
from tests.sweeps.test_sweep import MODEL, NOISY, digests

SHIFTY = Experiment(
    name="shifty",
    designs=(),
    function="tests.sweeps.functions:shifty",
    replications=1,
    factors=(Factor("case", values=("int", "float", "text", "extra", "reserved", "list")),),
)


def test_metrics_that_do_not_fit_fail_their_run_only(tmp_path):
    report = sweep(SHIFTY, tmp_path / "s", backend_name="serial", progress=False)
    runs = load(tmp_path / "s").set_index("case")
    assert report.failed == 4
    assert runs.loc["int", "y"] == 0.0 and runs.loc["float", "y"] == 0.5  # numbers are floats
    errors = runs["error"]
    assert "'y' is 'high', but the column holds float values" in errors["text"]
    assert "'z' was not returned by the sweep's first run" in errors["extra"]
    assert "metric name 'run_id' is not allowed" in errors["reserved"]
    assert "expected a number, a string or a boolean" in errors["list"]
    assert runs["run_id"].tolist() == list(range(6))


def test_a_dead_worker_is_one_line_and_the_sweep_resumes(tmp_path):
    dying = replace(NOISY, function="tests.sweeps.functions:die", chunk_size=40)
    with pytest.raises(GovsimError, match=r"a worker process died.*--resume"):
        sweep(dying, tmp_path / "d", backend_name="process", workers=1, progress=False)


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ({"function": "m:f", "trajectories": True}, "experiment.trajectories: a function sweep"),
        ({"function": "m:f", "steps": 5}, "experiment.steps: a function sweep"),
        ({"designs": ["gnso-council"], "metrics": ["welfare", "welfare"]}, "'welfare' twice"),
    ],
)
def test_settings_that_would_be_ignored_are_errors(table, message):
    with pytest.raises(GovsimError, match=message):
        experiment_from_dict({"experiment": table}, source="x.toml", name="x")


@pytest.mark.parametrize(
    ("factors", "message"),
    [
        ({"seed": [1, 2]}, "factors.seed: expected a design or scenario key"),
        ({"a": [1, "x"]}, "expected values of one kind; found numbers and strings"),
        ({"a": [0.2, 0.2]}, "factors.a.values: expected distinct entries"),
        ({"a": [[1], [2]]}, r"factors.a.values\[0\]: expected a number, a string or a boolean"),
        ({"a": [0.2, float("nan")]}, r"factors.a.values\[1\]: expected a finite number"),
        ({"a": {"values": [1, 2], "integer": True}}, "factors.a.integer: applies to a range"),
    ],
)
def test_bad_factor_values_are_one_line_errors(factors, message):
    data = {"experiment": {"designs": ["gnso-council"]}, "factors": factors}
    with pytest.raises(GovsimError, match=message):
        experiment_from_dict(data, source="x.toml", name="x")


def test_unquoted_dotted_factor_keys_read_as_key_paths():
    data = {
        "experiment": {"designs": ["gnso-council"]},
        "factors": {"scenario": {"polarisation": [0.2, 0.8]}},
    }
    experiment = experiment_from_dict(data, source="x.toml", name="x")
    assert experiment.factors[0].key == "scenario.polarisation"


def test_a_failed_start_leaves_nothing_behind(tmp_path):
    out = tmp_path / "out"
    typo = replace(MODEL, metrics=("welfar",), trajectories=False)
    with pytest.raises(GovsimError, match="did you mean 'welfare'"):
        sweep(typo, out, backend_name="serial", progress=False)
    assert not out.exists() or not any(out.iterdir())
    sweep(replace(typo, metrics=("welfare",)), out, backend_name="serial", progress=False)


def test_a_transient_read_error_keeps_the_chunk(tmp_path, monkeypatch):
    out = sweep(NOISY, tmp_path / "n", backend_name="serial", progress=False).out
    before = digests(out)

    def busy(*args, **kwargs):
        raise OSError(errno.EMFILE, "Too many open files")

    monkeypatch.setattr(pq, "read_table", busy)
    with pytest.raises(GovsimError, match=r"cannot read .*Too many open files"):
        sweep(NOISY, out, resume=True, backend_name="serial", progress=False)
    monkeypatch.undo()
    assert digests(out) == before


def test_a_moved_project_still_resumes(tmp_path):
    design = tmp_path / "a" / "mine.toml"
    design.parent.mkdir()
    shutil.copy(
        __import__("govsim.designs.library", fromlist=["x"]).builtin_path("ietf-wg", "design"),
        design,
    )
    experiment = replace(MODEL, designs=(str(design),), factors=(), trajectories=False)
    out = sweep(experiment, tmp_path / "out", backend_name="serial", progress=False).out
    moved = tmp_path / "b" / "mine.toml"
    shutil.copytree(design.parent, moved.parent)
    again = sweep(replace(experiment, designs=(str(moved),)), out, resume=True,
                  backend_name="serial", progress=False)  # fmt: skip
    assert again.done == 0


def test_one_sweep_per_folder_at_a_time(tmp_path):
    store = Store(tmp_path / "busy")
    with store.lock(), pytest.raises(GovsimError, match="another sweep is writing"):
        sweep(NOISY, tmp_path / "busy", backend_name="serial", progress=False)


def test_resume_clears_the_finished_mark_until_it_finishes(tmp_path):
    out = sweep(NOISY, tmp_path / "n", backend_name="serial", progress=False).out
    first = load(out).attrs["manifest"]
    sweep(NOISY, out, resume=True, backend_name="serial", progress=False)
    manifest = load(out).attrs["manifest"]
    assert manifest["finished"] and manifest["started"] == first["started"]
    assert len(manifest["resumed"]) == 1


def test_out_must_be_a_folder(tmp_path):
    (tmp_path / "file").write_text("x")
    with pytest.raises(GovsimError, match="is a file; --out needs a folder"):
        sweep(NOISY, tmp_path / "file", backend_name="serial", progress=False)
