"""CSV design matrices: renamed headers, a label column, comments; and [full] sizes."""

from __future__ import annotations

from pathlib import Path

import pytest

from govsim.cli import main
from govsim.simulate import run
from govsim.sweeps import load, load_experiment, sample, sweep


def write(folder: Path, csv: str, sampler: str, full: str = "") -> Path:
    (folder / "answers.csv").write_text(csv)
    spec = folder / "regions.toml"
    spec.write_text(
        '[experiment]\ndesigns = ["regional"]\nsteps = 4\nreplications = 2\nseed = 9\n'
        f'metrics = ["welfare", "pass_rate"]\n[sampler]\nmethod = "csv"\nfile = "answers.csv"\n'
        f"{sampler}\n{full}"
    )
    return spec


ANSWERS = "# a comment line\nregion,q1,q2\nsouth,1,2\n  # an indented comment line\nnorth,5,4\n"
RENAMED = 'label = "region"\ncolumns = { q1 = "regional.answers.0", q2 = "regional.answers.1" }'


def test_renamed_columns_set_the_model_and_the_label_names_the_points(tmp_path: Path) -> None:
    spec = write(tmp_path, ANSWERS, RENAMED)
    sweep(spec, tmp_path / "out", backend_name="serial", progress=False)
    runs = load(tmp_path / "out")
    assert list(runs["region"].unique()) == ["south", "north"]
    assert list(load(tmp_path / "out", "points").columns) == [
        "region",
        "regional.answers.0",
        "regional.answers.1",
    ]
    # Each row is exactly the run of the preset with those answers (the label sets nothing).
    for _, row in runs.iterrows():
        a0, a1 = row["regional.answers.0"], row["regional.answers.1"]
        alone = run(
            "regional",
            steps=4,
            seed=int(row["seed"]),
            overrides=[f"regional.answers.0={a0}", f"regional.answers.1={a1}"],
        )
        assert alone.metrics["welfare"] == row["welfare"]


def test_only_lines_starting_with_a_hash_are_comments(tmp_path: Path) -> None:
    csv = "  # a comment\nregion,q1\nRegion #1,1\n#2,2\nRegion #3 # and more,3\n"
    experiment = load_experiment(write(tmp_path, csv, 'label = "region"'))
    points = sample(experiment.factors, experiment.sampler, experiment.seed)
    assert points["region"].tolist() == ["Region #1", "Region #3 # and more"]
    assert points["q1"].tolist() == [1, 3]


@pytest.mark.parametrize(
    ("csv", "sampler", "message"),
    [
        (ANSWERS, 'columns = { q9 = "regional.answers.0" }', "sampler.columns: expected headers"),
        (
            ANSWERS,
            'label = "region"\ncolumns = { q1 = "regional.answers.0", q2 = "regional.answers.0" }',
            "sampler.columns: expected distinct columns after renaming; found "
            "'regional.answers.0' twice (from q1 and q2)",
        ),
        (
            "region,q1,regional.answers.0\nsouth,1,2\n",
            'label = "region"\ncolumns = { q1 = "regional.answers.0" }',
            "found 'regional.answers.0' twice (from q1 and regional.answers.0)",
        ),
        (
            ANSWERS,
            'label = "region"\ncolumns = { q1 = "region", q2 = "regional.answers.1" }',
            "found 'region' twice (from region and q1)",
        ),
        (ANSWERS, 'label = "scenario.polarisation"', "sampler.label: expected a name"),
        (ANSWERS, 'label = "attendance"', "sampler.label: expected a name"),
        (ANSWERS, 'label = "scenario"', "sampler.label: expected a name"),
        (ANSWERS, 'label = "place"', "sampler.label: expected a column of the file"),
        (ANSWERS, "columns = { q1 = 3 }", "sampler.columns.q1"),
        (ANSWERS, "columns = { q1 = 'regional.answers.0', q2 = 'regional.answers.1' }", "region"),
    ],
)
def test_bad_columns_or_label_are_one_line(
    tmp_path: Path, csv: str, sampler: str, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    spec = write(tmp_path, csv, sampler)
    assert main(["sweep", str(spec), "--out", str(tmp_path / "out"), "--backend", "serial"]) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1 and "Traceback" not in err


def test_label_and_columns_belong_to_the_csv_sampler(tmp_path: Path, capsys) -> None:
    spec = tmp_path / "x.toml"
    spec.write_text(
        '[experiment]\ndesigns = ["regional"]\n[factors]\n"regional.answers.0" = [1, 2]\n'
        '[sampler]\nmethod = "factorial"\nlabel = "region"\n'
    )
    assert main(["validate", str(spec)]) == 2
    assert (
        "only the csv sampler reads label; sampler.method is 'factorial'" in capsys.readouterr().err
    )


def test_full_sizes_replace_the_defaults(tmp_path: Path) -> None:
    spec = write(tmp_path, ANSWERS, RENAMED, "[full]\nsteps = 40\nreplications = 7\n")
    default, full = load_experiment(spec), load_experiment(spec, full=True)
    assert (default.steps, default.replications) == (4, 2)
    assert (full.steps, full.replications) == (40, 7)


@pytest.mark.parametrize(
    ("full", "message"),
    [
        ("[full]\nreplications = 0\n", "full.replications"),
        ("[full]\nseed = 3\n", "full.seed: unknown key"),
        ("[full]\nsamples = 64\n", "full.samples: only the latin-hypercube, sobol and morris"),
    ],
)
def test_bad_full_sizes_are_one_line(tmp_path: Path, full: str, message: str, capsys) -> None:
    spec = write(tmp_path, ANSWERS, RENAMED, full)
    assert main(["validate", str(spec)]) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1


def test_full_samples_on_a_factorial_experiment_fails_when_read(tmp_path: Path, capsys) -> None:
    spec = tmp_path / "x.toml"
    spec.write_text(
        '[experiment]\ndesigns = ["regional"]\n[factors]\n"regional.answers.0" = [1, 2]\n'
        "[full]\nsamples = 64\n"
    )
    assert main(["validate", str(spec)]) == 2
    err = capsys.readouterr().err
    assert "full.samples: only the" in err and "sampler.method is 'factorial'" in err
    assert err.count("\n") == 1


def test_a_label_names_one_point(tmp_path: Path, capsys) -> None:
    csv = "region,q1,q2\nsouth,1,2\nsouth,5,4\nnorth,2,2\nnorth,2,2\n"
    spec = write(tmp_path, csv, RENAMED)
    assert main(["validate", str(spec)]) == 2
    err = capsys.readouterr().err
    assert "sampler.label: expected one point per region; found 'south'" in err
    assert err.count("\n") == 1
