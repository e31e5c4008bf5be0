"""``govsim explore`` without a browser: the dials, the stepped session, the export."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from govsim import run
from govsim.app.explore.session import Dials, Session, card_text, threshold_param, to_toml
from govsim.cli import main
from govsim.errors import GovsimError
from tests.app.explore_checks import same_metrics

EVERY_DIAL = Dials(
    threshold="gnso-supermajority",
    segregation=0.3,
    polarisation=0.4,
    kernel="degroot",
    rounds=3,
    process="drift",
    strategy="setter",
    seed=4,
    steps=30,
)


def test_a_stepped_session_is_govsim_run_with_the_same_overrides() -> None:
    session = Session(EVERY_DIAL)
    session.step(29)
    session.step()
    expected = run("gnso-council", steps=30, seed=4, overrides=EVERY_DIAL.overrides()).metrics
    assert same_metrics(session.summary(), expected)
    assert len(session.positions) == 30 and session.positions[0].shape == (3,)


def test_every_dial_reaches_the_resolved_design() -> None:
    design, scenario = EVERY_DIAL.resolved()
    assert dict(design.rule.params) == {"threshold": "gnso-supermajority"}
    assert design.deliberation.segregation == 0.3 and design.deliberation.kernel == "degroot"
    assert design.deliberation.rounds == 3 and design.agenda.strategy == "setter"
    assert scenario.polarisation == 0.4 and scenario.issues.process == "drift"


def test_the_threshold_dial_follows_the_rule() -> None:
    assert threshold_param("houses") == "threshold"
    assert threshold_param("qualified-majority") == "fraction"
    assert threshold_param("unanimity") is None
    design, _ = Dials(design="ietf-wg").resolved()
    if threshold_param(design.rule.name) is None:
        with pytest.raises(GovsimError, match="has no threshold"):
            Dials(design="ietf-wg", threshold="1/2").overrides()


def test_the_rule_dial_is_the_rule_table_of_the_command_line() -> None:
    """One seat, one vote on the GNSO Council's seats: a simple majority of 20 seats."""
    dials = Dials(rule="qualified-majority", threshold="3/4", seed=2, steps=40)
    design, _ = dials.resolved()
    assert design.rule.name == "qualified-majority"
    assert dict(design.rule.params)["fraction"] == "3/4"  # exact, as --set reads it
    session = Session(dials)
    session.step(40)
    table = ("rule", {"name": "qualified-majority"})
    expected = run(
        "gnso-council", steps=40, seed=2, overrides=[table, ("rule.fraction", "3/4")]
    ).metrics
    assert same_metrics(session.summary(), expected)
    houses = run("gnso-council", steps=40, seed=2).metrics
    assert not same_metrics(session.summary(), houses)  # the rule did change
    with pytest.raises(GovsimError, match="rule 'unanimity' has no threshold"):
        Dials(rule="unanimity", threshold="1/2").overrides()


@pytest.mark.parametrize("design", ["gnso-council", "regional", "netmundial"])
def test_the_exported_toml_runs_unchanged(design: str, tmp_path: Path) -> None:
    dials = EVERY_DIAL if design == "gnso-council" else Dials(design=design, seed=2, steps=10)
    path = tmp_path / "explore.toml"
    path.write_text(to_toml(dials), encoding="utf-8")
    tomllib.loads(path.read_text(encoding="utf-8"))  # valid TOML
    expected = run(design, steps=dials.steps, seed=dials.seed, overrides=dials.overrides())
    loaded = run(path, steps=dials.steps, seed=dials.seed)
    assert loaded.metrics == expected.metrics
    assert main(["run", str(path), "--steps", "5", "--seed", "1"]) == 0
    again = Session(Dials(design=str(path), seed=dials.seed))  # a file, as explore FILE
    again.step(dials.steps)
    assert same_metrics(again.summary(), expected.metrics)


def test_bad_dials_are_one_line_errors() -> None:
    with pytest.raises(GovsimError) as bad:
        Session(Dials(threshold="bogus"))
    assert "\n" not in str(bad.value) and "design.rule.threshold" in str(bad.value)
    with pytest.raises(GovsimError, match="seed"):
        Session(Dials(seed=-1))


def test_card_text_matches_govsim_run_printing() -> None:
    assert card_text(0.5) == "0.5000" and card_text(3) == "3" and card_text("ipc") == "ipc"


def test_a_bad_design_name_is_one_line_and_exit_2(capsys) -> None:
    assert main(["explore", "gnso-counsil"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("govsim explore: error:") and "\n" not in err
    assert "did you mean 'gnso-council'" in err
