"""Finding one's way in the command line: the order of work, a built-in shown as a file
to start from, and a comparison labelled by the designs' names."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from govsim.cli import COMMANDS, main
from tests.test_cli import run


def test_help_ends_with_the_order_of_work_naming_commands_that_exist() -> None:
    done = run("--help")
    order = done.stdout[done.stdout.index("order of work:") :]
    named = [line.split()[1] for line in order.splitlines()[1:] if line.startswith("  govsim ")]
    assert named == ["designs", "run", "validate", "sweep", "analyze", "figures", "study"]
    assert "govsim discover" in order and "govsim brief" in order
    assert {*named, "discover", "brief"} <= set(COMMANDS)


@pytest.mark.parametrize(
    ("show", "run_args"),
    [
        (["--show", "gnso-council-2003"], ["{file}"]),
        (["--scenarios", "--show", "gnso"], ["gnso-council", "--scenario", "{file}"]),
    ],
)
def test_a_shown_builtin_runs_as_the_builtin(show, run_args, tmp_path: Path, capsys) -> None:
    assert main(["designs", *show]) == 0
    file = tmp_path / "mine.toml"
    file.write_text(capsys.readouterr().out)
    common = ["--steps", "30", "--seed", "4", "--json"]
    assert main(["run", *(a.format(file=file) for a in run_args), *common]) == 0
    from_file = json.loads(capsys.readouterr().out)
    builtin = [a.format(file=show[-1]) for a in run_args]
    assert main(["run", *builtin, *common]) == 0
    assert json.loads(capsys.readouterr().out)["metrics"] == from_file["metrics"]


def test_a_shown_design_is_a_base_an_extends_file_takes(tmp_path: Path, capsys) -> None:
    assert main(["designs", "--show", "ietf-wg"]) == 0
    (tmp_path / "base.toml").write_text(capsys.readouterr().out)
    mine = tmp_path / "mine.toml"
    mine.write_text('[design]\nextends = "base.toml"\nname = "mine"\n')
    assert main(["run", str(mine), "--steps", "5", "--json"]) == 0


def test_show_of_an_unknown_name_is_one_line_with_a_hint() -> None:
    done = run("designs", "--show", "gnso")
    assert done.returncode == 2 and len(done.stderr.strip().splitlines()) == 1
    assert "it is a built-in scenario: add --scenarios" in done.stderr
    assert "did you mean 'gnso-council'" in run("designs", "--show", "gnso-concil").stderr


def test_compare_names_its_columns_by_design_in_the_order_typed(capsys) -> None:
    argv = ["compare", "gnso-council-2003", "gnso-council", "--replications", "2"]
    argv += ["--steps", "5", "--backend", "serial", "--metrics", "pass_rate"]
    assert main(argv) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("gnso-council-2003 vs gnso-council: ")
    assert lines[0].endswith("difference = gnso-council - gnso-council-2003")
    header = [cell.strip() for cell in lines[2].strip("|").split("|")]
    assert header[:5] == ["metric", "n", "gnso-council-2003", "gnso-council", "difference"]
    assert main([*argv, "--json"]) == 0
    record = json.loads(capsys.readouterr().out)[0]
    assert (record["design_a"], record["design_b"]) == ("gnso-council-2003", "gnso-council")
