"""Tidy trajectories of one run: positions over issues and over deliberation rounds."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from govsim.designs import resolve
from govsim.errors import GovsimError
from govsim.model import GovernanceModel, IssueCycle
from govsim.model.trace import positions_over_issues, positions_over_rounds

LINEAR_AND_HK = ["friedkin_johnsen", "degroot", "hegselmann_krause"]


def agent_positions(model: GovernanceModel) -> np.ndarray:
    """First-axis position of every agent, read through the Mesa agents, by index."""
    agents = sorted(model.agents, key=lambda a: a.index)
    return np.array([a.position[0] for a in agents])


def test_issue_frame_has_one_row_per_issue_and_stakeholder() -> None:
    frame = positions_over_issues("gnso-council", seed=3, steps=6)
    _, scenario = resolve("gnso-council")
    assert frame.columns.tolist() == ["issue", "stakeholder", "sector", "position", "status_quo"]
    assert len(frame) == 7 * scenario.size
    assert frame["issue"].unique().tolist() == list(range(7))
    for _, per_issue in frame.groupby("issue"):
        assert per_issue["stakeholder"].tolist() == list(range(scenario.size))
        assert per_issue["status_quo"].nunique() == 1
    assert set(frame["sector"]) == set(scenario.sectors)
    assert frame["position"].between(0, 1).all()


def test_issue_positions_are_what_the_mesa_agents_report() -> None:
    frame = positions_over_issues("gnso-council", seed=4, steps=5)
    model = GovernanceModel("gnso-council", seed=4)
    by_issue = frame.set_index(["issue", "stakeholder"])
    np.testing.assert_array_equal(by_issue.loc[0, "position"], model.cycle.ideal[0, :, 0])
    sectors = [a.sector for a in sorted(model.agents, key=lambda a: a.index)]
    assert by_issue.loc[0, "sector"].tolist() == sectors
    for t in range(1, 6):
        model.step()
        np.testing.assert_array_equal(by_issue.loc[t, "position"], agent_positions(model))
    status_quo = frame.groupby("issue")["status_quo"].first()
    assert status_quo[0] == model.scenario.status_quo[0]
    np.testing.assert_array_equal(status_quo[1:], model.issues()["outcome"])


def test_issue_frames_are_reproducible_for_a_seed() -> None:
    a = positions_over_issues("ietf-wg", seed=9, steps=4)
    pd.testing.assert_frame_equal(a, positions_over_issues("ietf-wg", seed=9, steps=4))
    assert not a["position"].equals(positions_over_issues("ietf-wg", seed=10, steps=4)["position"])


def test_round_zero_is_the_ideal_points_on_the_first_issue() -> None:
    frame = positions_over_rounds("ietf-wg", seed=2, rounds=3)
    model = GovernanceModel("ietf-wg", seed=2)
    first = frame[frame["round"] == 0]
    np.testing.assert_array_equal(first["position"], model.cycle.ideal[0, first["stakeholder"], 0])
    assert frame.groupby("round").size().nunique() == 1  # the same participants each round
    assert frame[["proposal", "reversion"]].nunique().tolist() == [1, 1]
    model.step()
    assert frame["reversion"].iloc[0] == model.issues()["reversion"].iloc[0]
    sectors = np.array(model.scenario.sectors)[model.cycle.layout.sector]
    assert (frame["sector"].to_numpy() == sectors[frame["stakeholder"]]).all()


def test_a_later_issue_starts_where_the_run_left_off_and_ends_where_it_goes() -> None:
    """Round 0 of issue 2 is the positions after issue 1; the last round is the
    positions after issue 2 of an untraced run: tracing changes nothing."""
    issues = positions_over_issues("gnso-council", seed=6, steps=3).set_index(
        ["issue", "stakeholder"]
    )
    frame = positions_over_rounds("gnso-council", seed=6, issue=2)
    design, _ = resolve("gnso-council")
    who = frame.loc[frame["round"] == 0, "stakeholder"].to_numpy()
    assert frame["round"].max() == design.deliberation.rounds
    start = frame.loc[frame["round"] == 0, "position"].to_numpy()
    end = frame.loc[frame["round"] == design.deliberation.rounds, "position"].to_numpy()
    np.testing.assert_array_equal(start, issues.loc[2].loc[who, "position"])
    np.testing.assert_array_equal(end, issues.loc[3].loc[who, "position"])
    run = GovernanceModel("gnso-council", seed=6)
    for _ in range(3):
        run.step()
    assert frame["reversion"].iloc[0] == run.issues()["reversion"].iloc[2]


@pytest.mark.parametrize("design", ["gnso-council", "ietf-wg"])
@pytest.mark.parametrize("kernel", LINEAR_AND_HK)
def test_k_single_rounds_equal_a_cycle_of_k_rounds(design: str, kernel: str) -> None:
    """Round k of the trace is the position the real cycle reaches with rounds = k."""
    rounds = 4
    overrides = [f"deliberation.kernel={kernel}"]
    frame = positions_over_rounds(design, seed=11, rounds=rounds, overrides=overrides)
    moved = False
    for k in range(rounds + 1):
        cycle = IssueCycle(*resolve(design, None, [*overrides, f"deliberation.rounds={k}"]), [11])
        cycle.step()
        traced = frame[frame["round"] == k]
        expected = cycle.position[0, traced["stakeholder"], 0]
        np.testing.assert_allclose(traced["position"], expected, rtol=0, atol=1e-14)
        moved |= k > 0 and not np.array_equal(expected, cycle.ideal[0, traced["stakeholder"], 0])
    assert moved  # the kernel did move someone, so the check has teeth


def test_no_proposal_leaves_the_proposal_column_empty() -> None:
    frame = positions_over_rounds("gnso-council", seed=1, overrides=["inclusion.default=consult"])
    assert frame["proposal"].isna().all()


def test_bad_counts_are_rejected() -> None:
    with pytest.raises(GovsimError, match="steps"):
        positions_over_issues("ietf-wg", steps=-1)
    with pytest.raises(GovsimError, match="issue"):
        positions_over_rounds("ietf-wg", issue=1.5)
