"""`govsim sweep`, `govsim analyze` and `govsim compare` as a user runs them."""

from __future__ import annotations

import json
import os
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import govsim
import govsim.sweeps
from govsim.cli import main
from tests.test_cli import run

GOOD = """
[experiment]
designs = ["gnso-council", "gnso-council-2003"]
steps = 10
replications = 3
seed = 1

[factors]
"scenario.polarisation" = [0.3, 0.7]
"""


def spec(tmp_path: Path, text: str) -> str:
    path = tmp_path / "experiment.toml"
    path.write_text(text)
    return str(path)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[experiment]\ndesigns = ['gnso-council']\nreplicatons = 3\n",
         "experiment.replicatons: unknown key; expected one of"),
        ("[experiment]\ndesigns = []\n", "experiment.designs: expected a list of designs"),
        ("[experiment]\ndesigns = ['gnso-concil']\n", "did you mean 'gnso-council'"),
        ("[experiment]\ndesigns = ['gnso-council']\n[factors]\n'scenario.polarisation' = "
         "{ range = [0, 2], levels = 3 }\n", 'factors."scenario.polarisation": design '
         "'gnso-council' rejects 2.0: scenario.polarisation: expected a number in [0, 1]"),
        ("[experiment]\ndesigns = ['gnso-council']\n[factors]\n'deliberation.rounds' = "
         "{ range = [1, 9] }\n[sampler]\nmethod = 'latin-hypercube'\nsamples = 4\n",
         "add integer = true"),
        ("[experiment]\ndesigns = ['gnso-council']\n[factors]\nx = { range = [1, 0] }\n",
         'factors.x.range: expected low < high'),
        ("[experiment]\ndesigns = ['gnso-council']\n[sampler]\nmethod = 'sobl'\n",
         "did you mean 'sobol'"),
        ("[experiment]\ndesigns = ['gnso-council']\n[constants]\n'rule.name' = 'majorty'\n",
         "did you mean 'majority'"),
        ("[experiment]\ndesigns = ['gnso-council']\nmetrics = ['welfar']\n",
         "did you mean 'welfare'"),
        ("[experiment\n", "invalid TOML"),
    ],
)  # fmt: skip
def test_bad_experiment_is_one_line_naming_file_and_key(tmp_path, text, message):
    path = spec(tmp_path, text)
    done = run("sweep", path, "--out", str(tmp_path / "out"), "--backend", "serial")
    assert done.returncode == 2 and done.stdout == ""
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith(f"govsim sweep: error: {path}: ") and message in lines[0], lines


def test_sweep_analyze_and_resume_from_the_command_line(tmp_path, capsys):
    path, out = spec(tmp_path, GOOD), str(tmp_path / "out")
    assert main(["sweep", path, "--out", out, "--backend", "serial", "--quiet"]) == 0
    assert main(["sweep", path, "--out", out, "--backend", "serial"]) == 2
    assert "pass --resume" in capsys.readouterr().err
    assert main(["sweep", path, "--out", out, "--backend", "serial", "--resume"]) == 0
    assert "12 runs (0 run now, 12 already done, 0 failed)" in capsys.readouterr().out
    assert main(["analyze", out, "--metrics", "welfare,pass_rate"]) == 0
    printed = capsys.readouterr().out
    assert "## summary" in printed and "## comparison" in printed
    written = sorted(p.name for p in (tmp_path / "out" / "analysis").iterdir())
    assert written == ["comparison.csv", "comparison.md", "summary.csv", "summary.md"]


def test_fresh_replaces_a_sweep_but_never_a_folder_that_is_not_one(tmp_path, capsys):
    path, out = spec(tmp_path, GOOD), tmp_path / "out"
    argv = ["sweep", path, "--out", str(out), "--backend", "serial", "--quiet"]
    assert main(argv) == 0
    (out / "analysis").mkdir()
    (out / "analysis" / "old.csv").write_text("stale")
    capsys.readouterr()
    assert main(argv) == 2
    assert "--fresh to delete it and start over" in capsys.readouterr().err
    assert main([*argv, "--fresh"]) == 0
    assert not (out / "analysis").exists() and len(govsim.load(out)) == 12
    # A folder without a manifest is someone else's: --fresh leaves it alone.
    other = tmp_path / "other"
    other.mkdir()
    (other / "notes.txt").write_text("mine")
    assert main(["sweep", path, "--out", str(other), "--backend", "serial", "--fresh"]) == 2
    assert "not a sweep folder" in capsys.readouterr().err
    assert (other / "notes.txt").read_text() == "mine"
    assert "--fresh to replace it" in " ".join(run("sweep", "--help").stdout.split())


def test_one_analysis_path_split_by_factors_and_metrics_add_up(tmp_path, capsys):
    path, out = spec(tmp_path, GOOD), tmp_path / "out"
    assert main(["sweep", path, "--out", str(out), "--backend", "serial", "--quiet"]) == 0
    assert main(["analyze", str(out), "--metrics", "welfare", "--quiet"]) == 0
    assert main(["analyze", str(out), "--metrics", "pass_rate", "--quiet"]) == 0
    written = pd.read_csv(out / "analysis" / "summary.csv")
    # The second call kept the first's rows: both metrics, at both settings.
    assert sorted(set(written["metric"])) == ["pass_rate", "welfare"]
    assert len(written) == 2 * 2 * 2  # designs x settings x metrics
    compared = pd.read_csv(out / "analysis" / "comparison.csv")
    assert sorted(compared["metric"]) == ["pass_rate", "welfare"]
    # The Python API splits by the sweep's factor by default, as the CLI does.
    runs = govsim.sweeps.summary_table(govsim.load(out), metrics=["welfare", "pass_rate"])
    assert list(runs.columns[:2]) == ["design", "scenario.polarisation"]
    key = ["design", "scenario.polarisation", "metric"]
    merged = written.merge(runs, on=key, suffixes=("", "_api"))
    assert len(merged) == len(runs) == 8
    np.testing.assert_allclose(merged["mean"], merged["mean_api"], rtol=1e-12)
    np.testing.assert_allclose(merged["ci_low"], merged["ci_low_api"], rtol=1e-12)
    pooled = govsim.sweeps.summary_table(govsim.load(out), factors=(), metrics=["welfare"])
    assert len(pooled) == 2 and "scenario.polarisation" not in pooled


def test_failed_runs_exit_1_and_retry(tmp_path, monkeypatch, capsys):
    flag = tmp_path / "flag"
    flag.touch()
    monkeypatch.setenv("GOVSIM_TEST_FLAG", str(flag))
    text = (
        "[experiment]\nfunction = 'tests.sweeps.functions:flaky'\nreplications = 2\n"
        "[factors]\na = [0.2, 0.9]\nb = [1]\n"
    )
    path, out = spec(tmp_path, text), str(tmp_path / "out")
    assert main(["sweep", path, "--out", out, "--backend", "serial", "--quiet"]) == 1
    assert "2 runs failed" in capsys.readouterr().err
    flag.unlink()
    assert main(["sweep", path, "--out", out, "--backend", "serial", "--retry-failed"]) == 0


def test_analyze_a_folder_that_is_not_a_sweep(tmp_path):
    done = run("analyze", str(tmp_path))
    assert done.returncode == 2 and "not a sweep folder" in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1


def test_compare_two_designs(capsys):
    argv = [
        "compare",
        "gnso-council",
        "gnso-council-2003",
        "--replications",
        "4",
        "--steps",
        "10",
        "--backend",
        "serial",
        "--metrics",
        "welfare,pass_rate",
        "--json",
    ]
    assert main(argv) == 0
    records = json.loads(capsys.readouterr().out)
    assert [r["metric"] for r in records] == ["welfare", "pass_rate"]
    assert all(r["n"] == 4 for r in records)


def test_compare_bad_design_is_one_line(tmp_path):
    done = run("compare", "gnso-council", "no-such", "--backend", "serial", "--steps", "2")
    assert done.returncode == 2 and len(done.stderr.strip().splitlines()) == 1
    assert "no-such" in done.stderr and os.sep not in done.stdout


def test_validate_checks_experiment_files(tmp_path, capsys):
    good = spec(tmp_path, GOOD)
    assert main(["validate", good]) == 0
    assert "experiment experiment: 2 points x 2 designs x 3 replications = 12 runs" in (
        capsys.readouterr().out
    )
    bad = tmp_path / "bad.toml"
    bad.write_text(GOOD.replace("replications = 3", "replications = 0"))
    assert main(["validate", str(bad)]) == 2
    assert "experiment.replications: expected an integer >= 1; found 0" in (capsys.readouterr().err)


def test_the_cli_offers_every_backend():
    from govsim.cli import _parser
    from govsim.sweeps.backends import BACKENDS

    parser = _parser()
    for command in ("sweep", "compare"):
        args = parser.parse_args([command, "x", "y"][: 2 if command == "sweep" else 3])
        assert args.backend == "process"
    for backend in BACKENDS:
        assert parser.parse_args(["sweep", "x", "--backend", backend]).backend == backend
