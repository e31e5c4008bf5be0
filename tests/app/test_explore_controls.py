"""The explore page's controls without a browser: inclusion, ideal points, the split,
opening a file and comparing two designs."""

from __future__ import annotations

from pathlib import Path

import pytest

from govsim import run
from govsim.app.comparison import compare
from govsim.app.explore.compare_panel import COMPARED, compare_dials, comparison_html
from govsim.app.explore.controls import split_fits
from govsim.app.explore.opening import MAX_BYTES, name_of, open_design, plain
from govsim.app.explore.presets import SPLIT_EXPERIMENT, splits
from govsim.app.explore.session import (
    CARDS,
    Dials,
    Session,
    card_text,
    first_mean,
    ideal_key,
    to_toml,
)
from govsim.cli import main
from govsim.designs import LEVELS, Inclusion
from govsim.errors import GovsimError
from tests.app.explore_checks import csv_row, run_line, same_metrics


def _group(scenario, name: str):
    return next(g for g in scenario.groups if g.name == name)


@pytest.mark.parametrize("seed", [0, 5])
def test_split_04_is_govsim_run_with_the_experiments_row(seed: int, capsys) -> None:
    session = Session(Dials(split=0.4, seed=seed, steps=60))
    session.step(60)
    row = csv_row(0.4)
    assert dict(row)["scenario.constituencies.rysg.ideal.mean"] == 0.9  # the file's 0.5 + s
    expected = run("gnso-council", steps=60, seed=seed, overrides=row).metrics
    assert same_metrics(session.summary(), expected)
    # The command line, from the same pairs as --set text, prints the page's cards.
    sets = [arg for key, value in row for arg in ("--set", f"{key}={value}")]
    capsys.readouterr()
    assert main(["run", "gnso-council", "--seed", str(seed), "--steps", "60", *sets]) == 0
    printed = dict(line.split() for line in capsys.readouterr().out.splitlines()[1:])
    page = {name: card_text(session.summary()[name]) for name in CARDS}
    assert {name: printed[name].replace("None", "–") for name in CARDS} == page


def test_the_split_rows_are_the_experiments_points() -> None:
    assert SPLIT_EXPERIMENT.is_file()
    assert sorted(splits()) == [0.0, 0.1, 0.2, 0.3, 0.4]
    for split, pairs in splits().items():
        assert list(pairs) == csv_row(split)


def test_the_split_fits_only_the_gnso_scenario() -> None:
    assert split_fits(Dials()) and split_fits(Dials(design="gnso-council-2003"))
    assert not split_fits(Dials(design="ietf-wg"))
    with pytest.raises(GovsimError, match="preference split: expected one of"):
        Dials(split=0.25).overrides()


def test_a_group_setting_after_the_split_wins_and_a_split_clears_it() -> None:
    key = "scenario.constituencies.rysg.ideal.mean"
    dials = Dials(split=0.4).set(key, 0.7)
    _, scenario = dials.resolved()
    assert _group(scenario, "rysg").ideal.mean == (0.7,)
    assert dials.with_split(0.1).pairs == ()


def test_inclusion_dials_reach_the_design_as_set_does() -> None:
    dials = (
        Dials(design="netmundial", seed=1, steps=20)
        .set("inclusion.civil-society.agenda", 0.2)
        .set("inclusion.civil-society", "consult")  # a level replaces the earlier dial
        .set("inclusion.civil-society.decision", 0.5)
    )
    assert dials.overrides() == [
        ("inclusion.civil-society", "consult"),
        ("inclusion.civil-society.decision", 0.5),
    ]
    design, scenario = dials.resolved()
    group = next(g for g in scenario.groups if g.sector == "civil-society")
    consult = LEVELS["consult"]
    assert design.dials(group.name, group.sector) == Inclusion(
        consult.agenda, consult.dialogue, 0.5, advisory=consult.advisory
    )
    session = Session(dials)
    session.step(20)
    expected = run(
        "netmundial",
        steps=20,
        seed=1,
        overrides=["inclusion.civil-society=consult", "inclusion.civil-society.decision=0.5"],
    ).metrics
    assert same_metrics(session.summary(), expected)


def test_ideal_dials_and_the_export_reproduce_the_page(tmp_path: Path) -> None:
    _, scenario = Dials().resolved()
    nomcom = _group(scenario, "nomcom")
    dials = (
        Dials(split=0.3, seed=2, steps=30)
        .set(ideal_key(nomcom, "mean"), 0.3)
        .set(ideal_key(nomcom, "sd"), 0.05)
        .set("inclusion.private-sector", "involve")
    )
    assert ideal_key(nomcom, "mean") == "scenario.sectors.nomcom.ideal.mean"
    _, changed = dials.resolved()
    ideal = _group(changed, "nomcom").ideal
    assert ideal.mean == (0.3,) and ideal.sd == 0.05
    path = tmp_path / "page.toml"
    path.write_text(to_toml(dials), encoding="utf-8")
    expected = run("gnso-council", steps=30, seed=2, overrides=dials.overrides()).metrics
    assert run(path, steps=30, seed=2).metrics == expected


def test_a_mean_in_two_dimensions_moves_only_the_first() -> None:
    two = {
        "scenario": {
            "name": "two",
            "dimensions": 2,
            "sectors": {"a": {"count": 5, "ideal": {"mean": [0.3, 0.7]}}},
        }
    }
    design = {"design": {"name": "assembly"}}
    _, scenario = Dials(design=design, scenario=two).resolved()
    group = scenario.groups[0]
    moved = Dials(design=design, scenario=two).set(ideal_key(group, "mean"), first_mean(group, 0.9))
    assert moved.resolved()[1].groups[0].ideal.mean == (0.9, 0.7)


def test_a_dial_out_of_range_is_the_models_one_line() -> None:
    with pytest.raises(GovsimError) as bad:
        Dials().set("inclusion.nomcom.agenda", 1.5).resolved()
    assert "inclusion.nomcom.agenda" in str(bad.value) and "\n" not in str(bad.value)


def test_an_opened_file_errs_as_govsim_run_does(tmp_path: Path, capsys, monkeypatch) -> None:
    text = b'[design]\nname = "b"\nscenario = "gnso"\nrule = "majorty"\n'
    line = run_line(tmp_path, "b.toml", text, capsys, monkeypatch)
    with pytest.raises(GovsimError) as bad:
        open_design("b.toml", text)
    assert str(bad.value) == line and "did you mean 'majority'" in line
    with pytest.raises(GovsimError, match="line 1"):
        open_design("c.toml", b"[design\n")
    with pytest.raises(GovsimError, match="at most 1 MB"):
        open_design("big.toml", b" " * (MAX_BYTES + 1))


def test_an_opened_file_runs_as_the_file_does(tmp_path: Path) -> None:
    text = '[design]\nextends = "gnso-council"\nname = "mine"\nattendance = 0.8\n'
    path = open_design("../../mine.toml", text.encode())  # only the name is kept
    assert Path(path).name == "mine.toml" and name_of(path) == "mine.toml (opened)"
    assert plain(f"{path}: x") == "mine.toml: x" and name_of("ietf-wg") == "ietf-wg"
    (tmp_path / "mine.toml").write_text(text)
    session = Session(Dials(design=path, seed=3, steps=20))
    session.step(20)
    assert same_metrics(session.summary(), run(tmp_path / "mine.toml", steps=20, seed=3).metrics)


def test_the_compare_panel_is_govsim_compare() -> None:
    dials = Dials(split=0.4, seed=4, steps=20)
    result = compare_dials(dials, "gnso-council-2003", 3)
    expected = compare(
        "gnso-council",
        "gnso-council-2003",
        steps=20,
        replications=3,
        seed=4,
        overrides=csv_row(0.4),
        metrics=COMPARED,
        backend_name="serial",
        progress=False,
    )
    assert result.table.equals(expected.table)
    table = comparison_html(result)
    assert table.count("<tr class=") == len(COMPARED) == len(expected.table)
    with pytest.raises(GovsimError, match="replications"):
        compare_dials(dials, "gnso-council-2003", 1)
    with pytest.raises(GovsimError, match=r"^design B: "):
        compare_dials(dials, "ietf-wg", 2)  # the split's groups are not in its scenario
