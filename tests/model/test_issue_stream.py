"""The issue stream and the agenda: reversion points, burn-in, proposers, majority rates."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
from scipy import stats

from govsim.designs import resolve
from govsim.designs.spec import Issues
from govsim.errors import SpecError
from govsim.model import IssueCycle, issue_frame, summarise
from govsim.simulate import run


def cycle_of(name: str, seeds=(0,), steps: int = 100, **issues) -> IssueCycle:
    design, scenario = resolve(name)
    scenario = replace(scenario, issues=replace(scenario.issues, **issues))
    cycle = IssueCycle(design, scenario, list(seeds))
    for _ in range(steps):
        cycle.step()
    return cycle


def test_fresh_reversion_points_are_uniform_on_their_box() -> None:
    cycle = cycle_of("ietf-wg", seeds=range(4), steps=250, low=(0.2,), high=(0.7,))
    q = np.concatenate([issue_frame(cycle, b)["reversion"] for b in range(4)])
    assert stats.kstest(q, stats.uniform(0.2, 0.5).cdf).pvalue > 0.01
    assert q.min() >= 0.2 and q.max() <= 0.7


def test_drift_steps_from_the_last_outcome_by_a_normal_step() -> None:
    cycle = cycle_of("gnso-council", steps=400, process="drift", step=0.02)
    issues = issue_frame(cycle)
    steps = issues["reversion"].to_numpy()[1:] - issues["outcome"].to_numpy()[:-1]
    inside = (issues["reversion"].to_numpy()[1:] > 0) & (issues["reversion"].to_numpy()[1:] < 1)
    assert stats.kstest(steps[inside] / 0.02, "norm").pvalue > 0.01
    assert issues["reversion"].iloc[0] != cycle.scenario.status_quo[0]


def test_fixed_reversion_is_the_last_outcome() -> None:
    issues = issue_frame(cycle_of("gnso-council", steps=60, process="fixed"))
    assert issues["reversion"].iloc[0] == 0.5
    np.testing.assert_array_equal(issues["reversion"].iloc[1:], issues["outcome"].iloc[:-1])


def test_the_outcome_is_the_proposal_if_it_passed_else_the_reversion_point() -> None:
    issues = issue_frame(cycle_of("gnso-council", steps=200))
    passed = issues["passed"]
    assert passed.any() and (~passed).any()
    np.testing.assert_array_equal(issues["outcome"][passed], issues["proposal"][passed])
    np.testing.assert_array_equal(issues["outcome"][~passed], issues["reversion"][~passed])
    gain = issues["welfare_gain"]
    assert (gain[~passed] == 0).all() and (gain[passed] != 0).all()


def test_burn_in_leaves_the_first_issues_out_of_the_run_metrics() -> None:
    cycle = cycle_of("gnso-council", steps=50, burn_in=20)
    issues = issue_frame(cycle)
    row = summarise(cycle)
    assert row["pass_rate"] == issues["passed"].iloc[20:].mean()
    assert row["welfare_gain"] == issues["welfare_gain"].iloc[20:].mean()
    assert row["welfare"] == pytest.approx(issues["welfare"].iloc[20:].mean(), abs=1e-15)
    every = summarise(cycle_of("gnso-council", steps=50))
    assert every["pass_rate"] == issues["passed"].mean() != row["pass_rate"]


def test_burn_in_of_every_issue_gives_no_averages() -> None:
    row = summarise(cycle_of("gnso-council", steps=5, burn_in=5))
    assert np.isnan(row["pass_rate"]) and np.isnan(row["welfare"])
    assert row["minority_group"] == "" and row["captured_by"] == ""
    assert np.isnan(row["capture_nomcom"]) and np.isnan(row["attained_gain"])


def test_in_a_seated_body_only_seat_holders_propose_unless_all_may() -> None:
    design, _ = resolve("gnso-council")
    seated = IssueCycle(design, resolve("gnso-council")[1], [0]).layout.seated
    by_seats = issue_frame(cycle_of("gnso-council", steps=150))["proposer"]
    assert seated[by_seats[by_seats >= 0]].all()
    result = run("gnso-council", steps=150, seed=0, overrides=['agenda.proposers="all"'])
    proposers = result.issues["proposer"]
    assert not seated[proposers[proposers >= 0]].all()


def test_in_an_open_assembly_seats_means_everyone_with_agenda_access() -> None:
    a = run("ietf-wg", steps=40, seed=3).issues
    b = run("ietf-wg", steps=40, seed=3, overrides=['agenda.proposers="all"']).issues
    assert a.equals(b)


def test_blocked_and_imposed_majorities_add_up_to_the_counter_majoritarian_rate() -> None:
    for name in ("gnso-council", "ietf-wg", "gnso-council-2003"):
        row = run(name, steps=120, seed=2).metrics
        assert row["counter_majoritarian_rate"] == pytest.approx(
            row["blocked_majority_rate"] + row["imposed_majority_rate"], abs=1e-12
        )
        assert row["seat_counter_majoritarian_rate"] == pytest.approx(
            row["seat_blocked_majority_rate"] + row["seat_imposed_majority_rate"], abs=1e-12
        )


def test_the_two_house_council_blocks_seat_majorities_and_never_imposes() -> None:
    """Under "a majority of each house", a pass has a majority in both houses and so of
    the council: it never imposes; it can block (7 over 14)."""
    row = run("gnso-council", steps=300, seed=5).metrics
    assert row["seat_imposed_majority_rate"] == 0 and row["seat_blocked_majority_rate"] > 0


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("process", "random", "scenario.issues.process: expected an issue process"),
        ("burn_in", -1, "scenario.issues.burn_in"),
        ("high", (0.1,), "scenario.issues.high"),
    ],
)
def test_bad_issue_processes_are_named(key: str, value: object, message: str) -> None:
    with pytest.raises(SpecError, match=message):
        Issues(**{key: value, **({"low": (0.5,)} if key == "high" else {})})


def test_the_box_of_a_file_is_checked_per_dimension() -> None:
    with pytest.raises(SpecError, match=r"scenario.issues.high\[1\]: expected a number >= low"):
        resolve(
            "ietf-wg",
            overrides=[
                "scenario.dimensions=2",
                "scenario.issues.low=[0.1, 0.6]",
                "scenario.issues.high=[0.9, 0.5]",
                "scenario.status_quo=0.5",
            ],
        )
