"""The run and issue metrics of ``govsim.model.measures`` on bodies small enough to do by hand.

A five-member body: group ``left`` (sector ``a``) at 0, 0.2 and 0.4, group ``right``
(sector ``b``) at 0.8 and 1. The population's median, the utilitarian optimum, is
0.4; the groups' medians are 0.2 and 0.9. Two issues are decided by hand:

- issue 0: q = 1, a motion to 0.4 passes;
- issue 1: q = 0, a motion to 0.8 passes.

Every expected number below is worked out from these points in the comments.
"""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pytest

from govsim.designs.spec import Design, Group, House, Ideal, RuleSpec, Scenario
from govsim.designs.spec import Seats as SeatBlock
from govsim.metrics import ALPHA_MAX
from govsim.model import IssueCycle, RunState, summarise
from govsim.model.measures import (
    ABSENT,
    ABSTAIN,
    OPPOSE,
    SUPPORT,
    IssueState,
    attained_gain,
    capture,
    captured_by,
    congruence,
    gain_gini,
    gain_sd,
    issue_heard,
    minority_group,
    minority_loss,
    polarisation,
    polarisation_ideal,
    sector_welfare_gain,
)
from govsim.model.population import Layout
from govsim.model.seat_power import seat_power

LEFT, RIGHT = (0.0, 0.2, 0.4), (0.8, 1.0)


def body(
    seats: tuple[SeatBlock, ...] = (),
    left: tuple[float, ...] = LEFT,
    right: tuple[float, ...] = RIGHT,
) -> Layout:
    """The two groups at the given points; an open assembly, or a one-house council."""
    groups = tuple(
        Group(
            name=name,
            sector=sector,
            count=len(points),
            ideal=Ideal(distribution="points", points=tuple((p,) for p in points)),
        )
        for name, sector, points in (("left", "a", left), ("right", "b", right))
    )
    houses = (House("council"),) if seats else ()
    design = Design(
        name="body", rule=RuleSpec("majority"), houses=houses, seats=seats, scenario="x"
    )
    return Layout(design, Scenario(name="x", groups=groups))


def decided(
    reversions: list[float],
    outcomes: list[float],
    passed: list[bool],
    position: tuple[float, ...] | None = None,
) -> RunState:
    """A run whose issues were decided by hand: the records run metrics read."""
    layout = body()
    ideal = np.array([[*LEFT, *RIGHT]]).T
    history = {
        "has_proposal": np.ones((len(passed), 1), dtype=bool),
        "passed": np.array(passed)[:, None],
        "reversion": np.array(reversions)[:, None, None],
        "outcome": np.array(outcomes)[:, None, None],
    }
    cycle = SimpleNamespace(
        layout=layout,
        scenario=layout.scenario,
        issue=len(passed),
        history=lambda: history,
        ideal=ideal[None],
        position=(ideal if position is None else np.array(position)[:, None])[None],
    )
    return RunState(cycle)  # type: ignore[arg-type]


@pytest.fixture
def run() -> RunState:
    return decided([1.0, 0.0], [0.4, 0.8], [True, True])


def test_attained_gain_is_the_share_of_the_best_gain(run):
    # Issue 0: W(q = 1) = -2.6/5, W(0.4) = -1.6/5: gain 0.2, the best possible (0.4 is
    # the optimum). Issue 1: W(0) = -2.4/5, W(0.8) = -2.0/5: gain 0.08 of a best 0.16.
    assert attained_gain(run) == pytest.approx((0.2 + 0.08) / (0.2 + 0.16), abs=1e-15)
    # A failed motion gains nothing of what was possible; at the optimum nothing is.
    assert attained_gain(decided([1.0, 0.0], [1.0, 0.0], [False, False])) == 0.0
    assert np.isnan(attained_gain(decided([0.4], [0.4], [False])))


def test_gains_per_sector_and_their_spread(run):
    # Per-stakeholder gains |x - q| - |x - o|: issue 0 (0.6, 0.6, 0.6, -0.2, -0.6),
    # issue 1 (-0.8, -0.4, 0, 0.8, 0.8); means (-0.1, 0.1, 0.3, 0.3, 0.1).
    np.testing.assert_allclose(sector_welfare_gain(run), [0.1, 0.2], atol=1e-15)
    # Mean 0.14; squared deviations 0.0576, 0.0016, 0.0256, 0.0256, 0.0016.
    assert gain_sd(run) == pytest.approx(np.sqrt(0.112 / 5), abs=1e-15)
    # Sorted -0.1, 0.1, 0.1, 0.3, 0.3: pairwise differences sum to 2.0 (4.0 over
    # ordered pairs); sum of |gains| 0.9: G = 4 / (2 * 5 * 0.9).
    assert gain_gini(run) == pytest.approx(4 / 9, abs=1e-15)


def test_minority_loss_is_the_worst_groups_regret(run):
    # Mean losses over the outcomes 0.4 and 0.8: 0.6, 0.4, 0.2 (left), 0.2, 0.4 (right).
    # At their own medians (0.2, 0.9) the groups lose 0.4/3 and 0.1 on average, so
    # their regrets are 0.4 - 0.4/3 = 4/15 and 0.3 - 0.1 = 0.2.
    assert minority_loss(run) == pytest.approx(4 / 15, abs=1e-15)
    assert minority_group(run) == "left"
    # Outcomes at 0.9 favour the right: left loses 0.7, 0.7 - 0.4/3 = 17/30; right 0.
    at_right = decided([0.0], [0.9], [True])
    assert minority_loss(at_right) == pytest.approx(17 / 30, abs=1e-15)
    assert minority_group(decided([0.0], [0.2], [True])) == "right"


def test_capture_is_measured_against_the_medians_over_passed_motions(run):
    # Medians: everyone 0.4, a 0.2, b 0.9. Outcome 0.4: a (0 - 0.2) / 0.2 = -1,
    # b (0 - 0.5) / 0.5 = -1; outcome 0.8: a (0.4 - 0.6) / 0.2 = -1, b (0.4 - 0.1) / 0.5.
    np.testing.assert_allclose(capture(run), [-1.0, (-1 + 0.6) / 2], atol=1e-15)
    # Mean distance to a's median 0.4, to b's 0.3.
    assert captured_by(run) == "b"
    # A failed issue's outcome is its reversion point, which nobody chose: left out.
    mixed = decided([1.0, 0.0, 0.25], [0.4, 0.8, 0.25], [True, True, False])
    np.testing.assert_array_equal(capture(mixed), capture(run))


def test_nothing_passed_names_no_captor():
    failed = decided([0.2, 0.3], [0.2, 0.3], [False, False])
    assert captured_by(failed) == "" and np.isnan(capture(failed)).all()


def test_polarisation_of_the_groups_for_ideals_and_positions():
    # Shares 3/5 and 2/5 at the groups' mean ideals 0.2 and 0.9 (distance 0.7):
    # sum_i sum_j pi_i^(1 + alpha) pi_j |y_i - y_j| over the two ordered pairs.
    a = ALPHA_MAX
    both = 0.6 ** (1 + a) * 0.4 + 0.4 ** (1 + a) * 0.6
    moved = decided([1.0], [0.4], [True], position=(0.3, 0.3, 0.3, 0.7, 0.7))
    assert polarisation_ideal(moved) == pytest.approx(0.7 * both, abs=1e-15)
    # Deliberation brought the groups to 0.3 and 0.7: the same shares, distance 0.4.
    assert polarisation(moved) == pytest.approx(0.4 * both, abs=1e-15)


def test_two_equal_point_groups_at_distance_one():
    # Esteban & Ray (1994): two equal point masses a unit apart score 2 (1/2)^(2 + alpha),
    # about 0.165 at alpha = 1.6.
    layout = body(left=(0.0, 0.0), right=(1.0, 1.0))
    cycle = SimpleNamespace(layout=layout, scenario=layout.scenario, issue=0)
    cycle.ideal = np.array([[[0.0], [0.0], [1.0], [1.0]]])
    assert polarisation_ideal(RunState(cycle)) == pytest.approx(2 * 0.5 ** (2 + ALPHA_MAX))
    assert pytest.approx(0.16494, abs=1e-5) == 2 * 0.5 ** (2 + ALPHA_MAX)


def test_congruence_weights_the_seat_holders_by_banzhaf_power():
    ideal = np.array([[*LEFT, *RIGHT]]).T
    # One seat each for the left's first member (0) and the right's (0.8), equal
    # weight: both are needed for a majority, equal power, the weighted median is the
    # midpoint 0.4, which is the population's median.
    equal = body((SeatBlock("left", 1, "council"), SeatBlock("right", 1, "council")))
    np.testing.assert_allclose(seat_power(equal), [0.5, 0.5])
    assert congruence(SimpleNamespace(layout=equal, ideal=ideal)) == pytest.approx(1.0)
    # Weight 2 against 1: the left seat alone is a majority (a dictator, Banzhaf 1), so
    # the pivot sits at 0, 0.4 from the median.
    heavy = body((SeatBlock("left", 1, "council", weight=2.0), SeatBlock("right", 1, "council")))
    np.testing.assert_allclose(seat_power(heavy), [1.0, 0.0])
    assert congruence(SimpleNamespace(layout=heavy, ideal=ideal)) == pytest.approx(0.6)


def issue_with(stances, passed, addressed, voice) -> IssueState:
    cycle = SimpleNamespace(layout=SimpleNamespace(voice=np.array(voice)))
    record = {"passed": np.array([passed]), "has_proposal": np.array([True])}
    outcome = {"stances": np.array([stances], dtype=np.int8), "addressed": np.array([addressed])}
    return IssueState(cycle, record, outcome)  # type: ignore[arg-type]


def test_heard_counts_the_winning_side_and_addressed_objections():
    stances = [SUPPORT, SUPPORT, OPPOSE, ABSTAIN, ABSENT]
    everyone = [True] * 5
    # Passed: both supporters heard, the objector not; abstainers and absentees do not count.
    assert issue_heard(issue_with(stances, True, [False] * 5, everyone)) == [2 / 3]
    # Failed: the objector is heard.
    assert issue_heard(issue_with(stances, False, [False] * 5, everyone)) == [1 / 3]
    # Passed, but an amendment moved toward the objector: heard too.
    addressed = [False, False, True, False, False]
    assert issue_heard(issue_with(stances, True, addressed, everyone)) == [1.0]
    # A supporter without a voice (no vote, no dialogue, no advice) is never heard.
    mute = [False, True, True, True, True]
    assert issue_heard(issue_with(stances, True, [False] * 5, mute)) == [1 / 3]
    # Nobody took a side: undefined.
    assert np.isnan(issue_heard(issue_with([ABSTAIN] * 5, True, [False] * 5, everyone)))


def test_heard_under_a_voting_rule_is_the_winning_sides_share():
    """Everyone has a voice in an open assembly and a voting rule never amends."""
    layout = body()
    cycle = IssueCycle(layout.design, layout.scenario, [3, 4])
    for _ in range(30):
        cycle.step()
    history = cycle.history()
    sides = history["popular_support"] + history["popular_oppose"]
    winners = np.where(history["passed"], history["popular_support"], history["popular_oppose"])
    decided_ = history["has_proposal"] & (sides > 0)
    assert decided_.sum() > 20 and history["passed"].any() and not history["passed"].all()
    np.testing.assert_allclose(history["heard"][decided_], (winners / sides)[decided_])
    assert np.isnan(history["heard"][~decided_]).all()
    row = summarise(cycle, 1)
    assert row["heard"] == pytest.approx(np.nanmean(history["heard"][:, 1]), abs=1e-15)
