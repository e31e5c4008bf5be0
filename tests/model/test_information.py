"""A common value: the motion's hidden quality, private signals, and what talking pools.

Known answers (Condorcet 1785; Grofman, Owen & Feld 1983): when every member's stance
is the sign of an independent signal that is right with probability p, a majority of
n (odd) members decides right with probability P(Bin(n, p) > n/2). When the members
first average their signals (one DeGroot round on a complete network), everyone votes
the sign of the mean of n signals, which is right with probability Phi(sqrt(n) / sigma).
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
from scipy import stats

from govsim.designs import resolve
from govsim.designs.spec import Deliberation, Design, Group, Ideal, Issues, RuleSpec, Scenario
from govsim.model import IssueCycle, issue_frame
from govsim.simulate import run_batch

#: Large enough that the spatial part (at most 1) never outweighs a signal in practice.
PURE = 1e6


def jury(n: int, sigma: float, talk: Deliberation) -> tuple[Design, Scenario]:
    """n members at one ideal point: only the motion's quality divides them."""
    members = Group(
        name="jury",
        sector="jury",
        count=n,
        ideal=Ideal(distribution="points", points=((0.5,),) * n),
        engagement=1.0,
    )
    scenario = Scenario(
        name="jury",
        groups=(members,),
        resource_inequality=0.0,
        indifference=0.0,
        learning_rate=0.0,
        issues=Issues(common_value=PURE, signal_noise=sigma),
    )
    design = Design(name="jury", rule=RuleSpec("majority"), deliberation=talk, scenario="x")
    return design, scenario


def right_share(design: Design, scenario: Scenario, issues: int, seeds: int = 2) -> float:
    """Share of the issues decided as the quality says: pass a good motion, fail a bad one."""
    right = []
    for seed in range(seeds):
        cycle = IssueCycle(design, scenario, [seed])
        for _ in range(issues):
            cycle.step()
        frame = issue_frame(cycle)
        right.append(frame["passed"] == (frame["quality"] > 0))
    return float(np.concatenate(right).mean())


def within(share: float, p: float, draws: int) -> bool:
    """Whether a share of ``draws`` Bernoulli(p) outcomes is within 4 standard errors of p."""
    return abs(share - p) < 4 * np.sqrt(p * (1 - p) / draws)


@pytest.mark.parametrize(("n", "sigma"), [(1, 1.0), (5, 1.0), (9, 1.5), (15, 2.0)])
def test_condorcet_jury_theorem_without_talking(n: int, sigma: float) -> None:
    design, scenario = jury(n, sigma, Deliberation(kernel="none"))
    p = stats.norm.cdf(1 / sigma)  # one signal has the right sign
    share, majority_right = right_share(design, scenario, 1500), stats.binom.sf(n // 2, n, p)
    assert within(share, majority_right, 3000), (share, majority_right)


@pytest.mark.parametrize(("n", "sigma"), [(5, 2.0), (9, 3.0)])
def test_talking_pools_the_signals(n: int, sigma: float) -> None:
    """One DeGroot round on a complete network gives everyone the mean signal."""
    talk = Deliberation(kernel="degroot", rounds=1, degree=10 * n)
    design, scenario = jury(n, sigma, talk)
    pooled = stats.norm.cdf(np.sqrt(n) / sigma)
    alone = stats.binom.sf(n // 2, n, stats.norm.cdf(1 / sigma))
    share = right_share(design, scenario, 1500)
    assert within(share, pooled, 3000), (share, pooled)
    assert share > alone + 0.03


def test_without_a_common_value_nothing_is_drawn_and_informed_rate_is_undefined() -> None:
    plain = run_batch("gnso-council", steps=30, seeds=[1])[0]
    assert plain.issues["quality"].isna().all()
    assert (plain.issues["passed_informed"] == plain.issues["passed"]).all()
    assert plain.metrics["informed_rate"] is None  # NaN: no hidden quality


def test_with_a_common_value_dialogue_inclusion_changes_how_well_the_council_decides() -> None:
    """Seat holders always talk; whether the community talks with them decides how
    much of its information reaches the council ("decisions are the bone" versus
    consultation is then a question the model can answer)."""
    common = ["scenario.issues.common_value=1.0", "scenario.issues.signal_noise=3.0"]

    def informed(dialogue: float) -> np.ndarray:
        dials = f"inclusion.default={{ agenda = 1, dialogue = {dialogue}, decision = 1 }}"
        runs = run_batch(
            "gnso-council", steps=100, seeds=list(range(12)), overrides=[*common, dials]
        )
        return np.array([r.metrics["informed_rate"] for r in runs])

    closed, open_ = informed(0.0), informed(1.0)
    assert open_.mean() > closed.mean() + 0.03
    assert stats.ttest_rel(open_, closed).pvalue < 0.01


def test_the_full_information_decision_uses_the_same_rule_and_motion() -> None:
    design, scenario = resolve("gnso-council")
    issues = replace(scenario.issues, common_value=0.5, signal_noise=3.0)
    scenario = replace(scenario, issues=issues)
    cycle = IssueCycle(design, scenario, [3])
    for _ in range(60):
        cycle.step()
    frame = issue_frame(cycle)
    assert set(frame["quality"].unique()) == {-1.0, 1.0}
    assert (frame["passed_informed"] != frame["passed"]).any()
    assert (~frame["passed_informed"][~frame["has_proposal"]]).all()
