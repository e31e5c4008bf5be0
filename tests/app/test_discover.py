"""``govsim discover``: PRIM finds planted regions through the whole sweep machinery.

Each function of ``tests/app/planted.py`` returns y = 1 inside a region of the factor
space that the test planted, with 5% of the labels flipped at random; the boxes must
find the planted limits, and a metric with no structure must be flagged.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest

from govsim.app.discover import discover_sweep
from govsim.cli import main
from govsim.errors import GovsimError
from govsim.sweeps import experiment_from_dict, sweep
from tests.app.planted import BOX

#: How close a recovered limit must be to the planted one: "a few hundredths". With
#: 3,000 points and 5% label noise PRIM's peels (5% of the box each) land within this.
CLOSE = 0.03


def _sweep(folder: Path, function: str, points: int, factors: dict) -> Path:
    experiment = experiment_from_dict(
        {
            "experiment": {"function": function, "replications": 1, "seed": 11},
            "sampler": {"method": "latin-hypercube", "samples": points},
            "factors": factors,
        },
        name=function.rsplit(":", 1)[-1],
    )
    sweep(experiment, folder, backend_name="serial", progress=False)
    return folder


@pytest.fixture(scope="module")
def box_sweep(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """3,000 points over x1, x2, x3 in [0, 1] and an integer n in 1..5."""
    unit = {"range": [0.0, 1.0]}
    factors = {"x1": unit, "x2": unit, "x3": unit, "n": {"range": [1, 5], "integer": True}}
    return _sweep(tmp_path_factory.mktemp("box"), "tests.app.planted:box", 3000, factors)


@pytest.fixture(scope="module")
def kernel_sweep(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """2,000 points over x1, x2 in [0, 1] and three kernels."""
    factors = {
        "x1": {"range": [0.0, 1.0]},
        "x2": {"range": [0.0, 1.0]},
        "kernel": {"values": ["degroot", "friedkin-johnsen", "hegselmann-krause"]},
    }
    return _sweep(tmp_path_factory.mktemp("kernel"), "tests.app.planted:kernel", 2000, factors)


def test_a_planted_box_is_recovered_within_a_few_hundredths(box_sweep: Path) -> None:
    # At density 0.9 (the planted box is 0.95 dense) the chosen box can take in only a
    # thin margin of outside points.
    report = discover_sweep(box_sweep, "y", above=0.5, threshold_density=0.9)
    box = report.discovery.boxes[0]
    assert set(box.limits) == {"x1", "x2"}, box.limits
    assert box.limits["x1"] == pytest.approx(BOX["x1"], abs=CLOSE)
    assert box.limits["x2"][0] == pytest.approx(BOX["x2"][0], abs=CLOSE)
    assert box.limits["x2"][1] == pytest.approx(1.0, abs=1e-3)  # up to the top of the range
    assert not box.low_density and box.density >= 0.9
    # The planted box holds 20% of the space; with the noise it holds ~80% of the cases.
    assert box.mass == pytest.approx(0.2, abs=0.03) and box.coverage > 0.7
    # Every restriction is far from chance.
    assert all(p is None or p < 1e-6 for ps in box.quasi_p.values() for p in ps)
    scores = report.scores.set_index("factor")["score"]
    assert scores["x1"] > 0.3 and scores["x2"] > 0.2
    assert scores["x3"] < 0.1 and scores["n"] < 0.1


def test_a_categorical_planted_condition_is_recovered(kernel_sweep: Path) -> None:
    report = discover_sweep(kernel_sweep, "y", above=0.5, threshold_density=0.9)
    box = report.discovery.boxes[0]
    assert box.limits["kernel"] == ["degroot"]
    assert box.limits["x1"][0] == pytest.approx(0.5, abs=CLOSE)
    assert "x2" not in box.limits
    assert report.scores["factor"].iloc[-1] == "x2"


def test_no_structure_gives_a_flagged_low_density_box(box_sweep: Path, capsys) -> None:
    # flat is uniform noise: about 30% of the points are above 0.7, wherever they are.
    report = discover_sweep(box_sweep, "flat", above=0.7)
    (box,) = report.discovery.boxes  # no second box is searched for after a flagged one
    assert box.low_density and box.density < 0.8
    assert report.discovery.base_rate == pytest.approx(0.3, abs=0.03)
    assert main(["discover", str(box_sweep), "--metric", "flat", "--above", "0.7"]) == 0
    assert "low density: box 1 reaches density" in capsys.readouterr().out


def test_files_json_and_unit_are_written(box_sweep: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "found"
    args = ["discover", str(box_sweep), "--metric", "y", "--above", "0.5", "--json"]
    assert main([*args, "--out", str(out), "--unit", "run", "--factors", "x1,x2"]) == 0
    record = json.loads(capsys.readouterr().out)
    assert record["unit"] == "run" and record["factors"] == ["x1", "x2"]
    box = record["boxes"][0]
    assert {"limits", "coverage", "density", "mass"} <= set(box)
    assert set(box["limits"]) <= {"x1", "x2"} and all(len(v) == 2 for v in box["limits"].values())
    assert json.loads((out / "discovery.json").read_text()) == record
    names = {p.name for p in out.iterdir()}
    for stem in ("boxes", "trajectory", "scores"):
        assert {f"{stem}.csv", f"{stem}.md"} <= names
    for stem in ("peeling-trajectory", "box-limits", "feature-scores"):
        assert {f"{stem}.pdf", f"{stem}.png", f"{stem}.txt"} <= names
    trajectory = pd.read_csv(out / "trajectory.csv")
    assert trajectory["chosen"].sum() == len(record["boxes"])
    # The default folder is under the sweep, named by the question.
    assert discover_sweep(box_sweep, "y", below=0.5, max_boxes=1).folder == (
        box_sweep / "discovery" / "y-below-0.5"
    )


def _one_line_exit_2(capsys, args: list[str], expected: str) -> None:
    try:
        code = main(args)
    except SystemExit as error:  # argparse's own errors
        code = error.code
    assert code == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err, err
    assert expected in err, err


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        (["--metric", "z", "--above", "0.5"], "metric: expected a metric of the runs (y, flat)"),
        (["--metric", "flt", "--above", "0.5"], "did you mean 'flat'?"),
        (["--metric", "y", "--above", "5"], "found no unit's y above it (they range from 0 to 1)"),
        (["--metric", "y", "--below", "-1"], "found no unit's y below it"),
        (["--metric", "y", "--above", "-1"], "found every unit's y above it"),
        (["--metric", "y", "--above", "0.5", "--factors", "x9"], "factors: expected factors"),
        (["--metric", "y", "--above", "0.5", "--design", "d"], "design: expected one with ok"),
        (["--metric", "y", "--above", "0.5", "--below", "0.1"], "not allowed"),
        (["--metric", "y", "--above", "x"], "argument --above"),
        (["--metric", "y"], "one of the arguments --above --below is required"),
        (["--metric", "y", "--above", "0.5", "--threshold-density", "0"], "(0, 1]"),
    ],
)
def test_bad_input_gets_one_line_and_exit_2(box_sweep, capsys, extra, expected) -> None:
    _one_line_exit_2(capsys, ["discover", str(box_sweep), *extra], expected)


def test_a_sweep_with_no_ok_run_or_no_sweep_gets_one_line(box_sweep, tmp_path, capsys) -> None:
    _one_line_exit_2(
        capsys, ["discover", str(tmp_path), "--metric", "y", "--above", "0"], "not a sweep folder"
    )
    # The same sweep with every run recorded as failed.
    failed = tmp_path / "failed"
    for path in box_sweep.rglob("*"):
        if path.is_file() and "discovery" not in path.parts:
            target = failed / path.relative_to(box_sweep)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(path.read_bytes())
    for chunk in (failed / "runs").glob("chunk-*.parquet"):
        table = pq.read_table(chunk)
        status = table.schema.get_field_index("status")
        table = table.set_column(status, "status", [["failed"] * len(table)])
        pq.write_table(table, chunk)
    args = ["discover", str(failed), "--metric", "y", "--above", "0.5"]
    _one_line_exit_2(capsys, args, "expected ok runs; found none of 3000 ok")
    with pytest.raises(GovsimError, match="exactly one of --above and --below"):
        discover_sweep(box_sweep, "y")
