"""The govsim command line: outputs, --help everywhere, one-line errors with exit code 2."""

import json
import subprocess
import sys

import pytest

from govsim.cli import main


def run(*args):
    """Run the real console entry point in a subprocess, as a user would."""
    return subprocess.run(
        [sys.executable, "-m", "govsim", *args], capture_output=True, text=True, timeout=120
    )


def test_weighted_game_json_has_the_published_eec_1958_values(capsys):
    # EEC Council of Ministers 1958 [12; 4,4,4,2,2,1] (Felsenthal & Machover 1998).
    assert main(["power", "--weights", "4,4,4,2,2,1", "--quota", "12", "--json", "--exact"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["banzhaf"] == ["5/21"] * 3 + ["1/7"] * 2 + ["0/1"]
    assert out["shapley_shubik"] == ["7/30"] * 3 + ["3/20"] * 2 + ["0/1"]
    assert out["null_players"] == [5]


def test_weighted_game_json_floats(capsys):
    assert main(["power", "--weights", "4,4,4,2,2,1", "--quota", "12", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["banzhaf"] == pytest.approx([5 / 21] * 3 + [3 / 21] * 2 + [0])
    assert out["banzhaf_absolute"] == pytest.approx([5 / 16] * 3 + [3 / 16] * 2 + [0])
    assert set(out) >= {"banzhaf", "banzhaf_absolute", "shapley_shubik"}


def test_gnso_houses_json_lists_seats_house_by_house_with_house_totals(capsys):
    assert main(["power", "--houses", "7,13", "--threshold", "gnso-default", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert len(out["banzhaf"]) == 20
    assert out["houses"] == [0] * 7 + [1] * 13
    cph, ncph = out["banzhaf"][0], out["banzhaf"][-1]
    assert cph / ncph == pytest.approx(81920 / 59136)
    assert out["house_totals"]["banzhaf"] == pytest.approx([7 * cph, 13 * ncph])
    assert sum(out["house_totals"]["shapley_shubik"]) == pytest.approx(1)


def test_custom_threshold_expression_and_readable_table(capsys):
    assert main(["power", "--houses", "2,3", "--threshold", "h0 > 1/2 or h1 > 1/2"]) == 0
    out = capsys.readouterr().out
    assert "banzhaf" in out and "method: exact-seat-types" in out


def test_monte_carlo_reports_standard_errors(capsys):
    args = ["power", "--houses", "7,13", "--threshold", "gnso-default", "--json"]
    assert main([*args, "--method", "monte-carlo", "--samples", "2000", "--seed", "1"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["method"] == "monte-carlo" and len(out["standard_error"]["banzhaf"]) == 20


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--weights", "4,-1,2", "--quota", "3"], ">= 0"),
        (["--weights", "4,x,2", "--quota", "3"], "x"),
        (["--weights", "4,4,2", "--quota", "11"], "quota"),
        (["--houses", "7,13", "--threshold", "gnso-nonsense"], "gnso-nonsense"),
        (["--houses", "7,13", "--rule", "no-such-rule"], "no-such-rule"),
        (["--houses", "2,2", "--weights", "1,1,1", "--rule", "majority"], "4 weights"),
        (["--houses", "7,x", "--threshold", "gnso-default"], "--houses"),
        (["--houses", "1,2", "--weights", "1,-1,1", "--rule", "majority"], "weights[1]"),
        (["--houses", "1,2", "--weights", "1,x,1", "--rule", "majority"], "'x'"),
        (["--weights", "1,1"], "--quota"),
        (["--quota", "3", "--weights", "2,2", "--houses", "1,1"], "either"),
    ],
)
def test_bad_input_is_one_line_on_stderr_with_exit_code_2(args, expected):
    done = run("power", *args)
    assert done.returncode == 2
    assert done.stdout == ""
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert expected in lines[0] and "Traceback" not in done.stderr


def test_unknown_option_is_one_line_too():
    done = run("power", "--frobnicate")
    assert done.returncode == 2 and len(done.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize(
    "command",
    [
        [],
        ["power"],
        ["rules"],
        ["report"],
        ["run"],
        ["validate"],
        ["designs"],
        ["sweep"],
        ["analyze"],
        ["compare"],
    ],
)
def test_every_command_has_help(command):
    done = run(*command, "--help")
    assert done.returncode == 0 and "usage: govsim" in done.stdout


def test_rules_lists_every_rule_and_threshold(capsys):
    from govsim.rules import RULES, THRESHOLDS

    assert main(["rules"]) == 0
    out = capsys.readouterr().out
    assert all(name in out for name in [*RULES, *THRESHOLDS])


def test_run_prints_metrics_as_json_and_writes_results(tmp_path, capsys) -> None:
    out = tmp_path / "gnso"
    code = main(["run", "gnso-council", "--steps", "8", "--seed", "2", "--json", "--out", str(out)])
    assert code == 0
    captured = capsys.readouterr()
    record = json.loads(captured.out)
    assert record["design"] == "gnso-council" and record["scenario"] == "gnso"
    assert record["seed"] == 2 and record["metrics"]["issues"] == 8
    assert sorted(p.name for p in out.iterdir()) == [
        "issues.parquet",
        "run.json",
        "summary.parquet",
    ]
    assert "wrote" in captured.err


def test_run_same_seed_same_output(capsys) -> None:
    outputs = []
    for seed in (3, 3, 4):
        assert main(["run", "ietf-wg", "--steps", "10", "--seed", str(seed), "--json"]) == 0
        outputs.append(json.loads(capsys.readouterr().out)["metrics"])
    assert outputs[0] == outputs[1] != outputs[2]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["run", "no-such-design"], "expected a built-in design"),
        (["run", "gnso-council", "--set", "deliberation.kernle=degroot"], "did you mean 'kernel'"),
        (["run", "gnso-council", "--set", "rule.name=majorty"], "did you mean 'majority'"),
        (["run", "gnso-council", "--steps", "0"], "steps must be"),
        (["run", "gnso-council", "--seed", "-3"], "seed must be an integer >= 0"),
        (["run", "gnso-council", "--steps", "many"], "invalid int value"),
    ],
)
def test_run_bad_input_is_one_line_and_exit_2(argv, message) -> None:
    done = run(*argv)
    assert done.returncode == 2 and done.stdout == ""
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert message in lines[0] and "Traceback" not in done.stderr
