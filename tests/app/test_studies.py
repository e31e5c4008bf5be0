"""``govsim study``: an experiment file in; its sweep, tables and figures out."""

from __future__ import annotations

from pathlib import Path

import pytest

from govsim.app.studies import StudyFolderTaken, study
from govsim.cli import main
from govsim.sweeps import load

SPEC = """\
[experiment]
designs = ["gnso-council", "gnso-council-2003"]
steps = 6
replications = 2
seed = 4
metrics = ["pass_rate", "welfare", "minority_loss", "seat_counter_majoritarian_rate"]
[factors]
"scenario.polarisation" = [0.0, 0.5]
[full]
replications = 3
"""


@pytest.fixture
def spec(tmp_path: Path) -> Path:
    path = tmp_path / "tiny.toml"
    path.write_text(SPEC)
    return path


def test_a_study_writes_its_sweep_tables_and_figures(spec: Path, tmp_path: Path) -> None:
    report = study(spec, tmp_path / "results", backend_name="serial", progress=False)
    folder = tmp_path / "results" / "tiny"
    assert report.folder == folder and report.runs == report.done == 8 and report.failed == 0
    assert len(load(folder)) == 8
    assert {p.name for p in report.tables} == {
        f"{t}.{k}" for t in ("summary", "comparison") for k in ("csv", "md")
    }
    assert all(p.is_file() for p in report.tables + report.figures)
    assert {p.stem for p in report.figures} >= {"comparison", "seven-over-fourteen", "network"}
    assert str(folder) in str(report)


def test_a_second_study_resumes_and_runs_nothing(spec: Path, tmp_path: Path) -> None:
    study(spec, tmp_path, backend_name="serial", progress=False)
    before = load(tmp_path / "tiny")
    again = study(spec, tmp_path, backend_name="serial", progress=False)
    assert again.done == 0 and again.runs == 8
    assert load(tmp_path / "tiny").equals(before)


def test_full_size_and_fresh(spec: Path, tmp_path: Path, capsys) -> None:
    study(spec, tmp_path, backend_name="serial", progress=False)
    with pytest.raises(StudyFolderTaken, match="pass --fresh to replace it"):
        study(spec, tmp_path, full=True, backend_name="serial", progress=False)
    args = ["study", str(spec), "--out", str(tmp_path), "--backend", "serial", "--quiet"]
    # A changed experiment (here: its [full] size) refuses to resume into the old folder...
    assert main([*args, "--full"]) == 2
    err = capsys.readouterr().err
    assert "pass --fresh to replace it" in err and err.count("\n") == 1
    # ... and --fresh replaces it.
    assert main([*args, "--full", "--fresh"]) == 0
    assert len(load(tmp_path / "tiny")) == 12


def test_the_figures_command_redraws_a_sweep(spec: Path, tmp_path: Path, capsys) -> None:
    study(spec, tmp_path, backend_name="serial", progress=False)
    figures = tmp_path / "tiny" / "figures"
    for path in figures.iterdir():
        path.unlink()
    assert main(["figures", str(tmp_path / "tiny")]) == 0
    assert f"to {figures}" in capsys.readouterr().out
    assert (figures / "comparison.pdf").is_file() and (figures / "comparison.txt").is_file()


def test_figures_of_a_folder_without_a_sweep_is_one_line(tmp_path: Path, capsys) -> None:
    assert main(["figures", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("govsim figures: error:") and err.count("\n") == 1


@pytest.mark.parametrize("command", ["study", "figures"])
def test_help(command: str, capsys) -> None:
    with pytest.raises(SystemExit) as done:
        main([command, "--help"])
    assert done.value.code == 0
    assert "usage: govsim " + command in capsys.readouterr().out


def test_studies_are_checked_before_any_runs(tmp_path: Path, capsys) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    for folder in ("a", "b"):
        (tmp_path / folder / "same.toml").write_text(SPEC)
    specs = [str(tmp_path / "a" / "same.toml"), str(tmp_path / "b" / "same.toml")]
    assert main(["study", *specs, "--out", str(tmp_path / "out"), "--quiet"]) == 2
    err = capsys.readouterr().err
    assert "both named 'same'" in err and err.count("\n") == 1
    assert not (tmp_path / "out").exists()


def test_a_function_study_gets_tables_and_no_figures(tmp_path: Path) -> None:
    spec = tmp_path / "f.toml"
    spec.write_text(
        '[experiment]\nfunction = "tests.sweeps.functions:ishigami"\nreplications = 1\n'
        "[factors]\nx1 = { range = [-3.14, 3.14] }\nx2 = { range = [-3.14, 3.14] }\n"
        'x3 = { range = [-3.14, 3.14] }\n[sampler]\nmethod = "sobol"\nsamples = 8\n'
    )
    report = study(spec, tmp_path, backend_name="serial", progress=False)
    assert report.figures == [] and report.failed == 0
    assert any(p.name == "sensitivity.csv" for p in report.tables)


def test_full_studies_go_to_results_full_by_default(spec: Path, tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(["study", str(spec), "--full", "--backend", "serial", "--quiet"]) == 0
    assert len(load(tmp_path / "results" / "full" / "tiny")) == 12


@pytest.mark.parametrize("name", ["..", ".", "a/b"])
def test_a_name_that_is_not_one_folder_is_refused(name: str, tmp_path: Path, capsys) -> None:
    (tmp_path / "out" / "keep").mkdir(parents=True)
    (tmp_path / "out" / "keep" / "notes.txt").write_text("mine")
    spec = tmp_path / "bad.toml"
    spec.write_text(f'[experiment]\nname = "{name}"\ndesigns = ["ietf-wg"]\n')
    args = ["study", str(spec), "--out", str(tmp_path / "out" / "keep"), "--fresh", "--quiet"]
    assert main(args) == 2
    assert "experiment.name" in capsys.readouterr().err
    assert (tmp_path / "out" / "keep" / "notes.txt").read_text() == "mine"
