"""Workers build runs from tables the parent read once: the same specs as the files
give, and the same chunks on a Dask worker that has none of the files."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
from contextlib import contextmanager
from dataclasses import asdict
from pathlib import Path

import pytest

from govsim.designs import BUILTIN_DESIGNS, resolve, to_dict
from govsim.designs.library import builtin_path
from govsim.errors import GovsimError
from govsim.sweeps import Experiment, load_experiment, sweep
from govsim.sweeps import runner as sweep_runner
from govsim.sweeps.bases import read_base
from govsim.sweeps.experiment import experiment_from_record
from tests.sweeps.test_sweep import digests

ROOT = Path(__file__).resolve().parents[2]

EXPERIMENT = """
[experiment]
name = "elsewhere"
designs = ["designs/council-majority.toml", "local.toml"]
steps = 6
replications = 2
seed = 5
chunk_size = 4
trajectories = true

[constants]
"deliberation.rounds" = 2

[factors]
"deliberation.segregation" = { range = [0.0, 1.0], levels = 2 }
"scenario.polarisation" = [0.1, 0.7]
"""

#: A design without a name whose scenario is a file beside it, also without a name:
#: both are named after their files, which the workers never see.
LOCAL = """
[design]
extends = "gnso-council"
scenario = "local-scenario.toml"
"""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    folder = tmp_path / "project"
    shutil.copytree(ROOT / "experiments" / "designs", folder / "designs")
    (folder / "local.toml").write_text(LOCAL)
    scenario = builtin_path("gnso", "scenario").read_text()
    (folder / "local-scenario.toml").write_text(scenario.replace('name = "gnso"\n', ""))
    (folder / "experiment.toml").write_text(EXPERIMENT)
    return folder


@pytest.mark.parametrize(
    ("source", "scenario", "overrides"),
    [
        ("gnso-council", None, [("deliberation.segregation", 0.25)]),
        ("top-down-ministry", "crisis", [("scenario.polarisation", 0.5)]),
        ("regional", None, [("regional.answers.0", 5), ("regional.answers.1", 1)]),
        ("gnso-council", None, [("scenario.dimensions", 2)]),
        ("gnso-council", None, [("rule", "majority")]),
        ("top-down-ministry", None, [("scenario", "crisis")]),
    ],
)
def test_a_base_resolves_as_the_files_do(source, scenario, overrides):
    base = read_base(source, scenario)
    got = resolve(*base.sources(overrides), overrides)
    want = resolve(source, scenario, overrides)
    assert [to_dict(s) for s in got] == [to_dict(s) for s in want]


@pytest.mark.parametrize("name", sorted(BUILTIN_DESIGNS))
def test_every_builtin_design_reads_into_a_base(name):
    base = read_base(name, None)
    assert base.name == resolve(name)[0].name
    assert [to_dict(s) for s in resolve(*base.sources())] == [to_dict(s) for s in resolve(name)]


def test_files_named_after_themselves_keep_their_names(project):
    base = read_base(str(project / "local.toml"), None)
    design, scenario = resolve(*base.sources())
    assert (design.name, scenario.name) == ("local", "local-scenario")


@contextmanager
def dask_worker(cwd: Path):
    """A scheduler and one worker process, both started in ``cwd``."""
    dask = str(Path(sys.executable).with_name("dask"))
    scheduler_file = cwd / "scheduler.json"
    processes = [
        subprocess.Popen(
            [dask, "scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard",
             "--scheduler-file", str(scheduler_file)],
            cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
    ]  # fmt: skip
    try:
        deadline = time.monotonic() + 60
        while not scheduler_file.exists() and time.monotonic() < deadline:
            time.sleep(0.1)
        processes.append(
            subprocess.Popen(
                [dask, "worker", "--nthreads", "1", "--no-dashboard", "--no-nanny",
                 "--scheduler-file", str(scheduler_file)],
                cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            )
        )  # fmt: skip
        from distributed import Client

        with Client(scheduler_file=str(scheduler_file), timeout="60s") as client:
            client.wait_for_workers(1, timeout=60)
            yield client.scheduler.address
    finally:
        for process in reversed(processes):
            process.terminate()
            process.wait(timeout=30)


def test_a_dask_worker_elsewhere_needs_no_design_file(project, tmp_path, monkeypatch):
    experiment = load_experiment(project / "experiment.toml")
    pool = sweep(experiment, tmp_path / "pool", backend_name="process", workers=2, progress=False)
    assert pool.failed == 0
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    backend = sweep_runner.backend

    @contextmanager
    def without_files(*args):
        # The parent has read every file by now; the worker must do without them.
        shutil.rmtree(project)
        with backend(*args) as mapped:
            yield mapped

    monkeypatch.setattr(sweep_runner, "backend", without_files)
    with dask_worker(elsewhere) as address:
        remote = sweep(
            experiment, tmp_path / "dask", backend_name="dask", scheduler=address, progress=False
        )
    assert not project.exists() and remote.failed == 0
    assert digests(tmp_path / "dask") == digests(tmp_path / "pool")
    assert len(digests(tmp_path / "pool")) == 2 * 4  # runs and issues, 16 runs / 4 per chunk


def test_constants_are_typed_pairs_and_old_manifests_still_read(tmp_path):
    with pytest.raises(GovsimError, match=r"expected \(key path, value\) pairs.*parse_override"):
        Experiment(name="x", designs=("gnso-council",), constants=("deliberation.rounds=3",))
    typed = Experiment(name="x", designs=("gnso-council",), constants=(("rule", "majority"),))
    record = json.loads(json.dumps(asdict(typed)))
    assert experiment_from_record(record) == typed
    # Manifests written before constants were typed hold --set text.
    old = record | {"constants": ['rule="majority"']}
    assert experiment_from_record(old) == typed
