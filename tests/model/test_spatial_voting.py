"""Theorems of spatial voting, with deliberation off.

- Black (1948): in one dimension with single-peaked preferences, an odd body under
  simple majority, proposals at members' ideal points, ends at the median ideal point,
  which no proposal then beats.
- k-of-n rules (the core of a q-rule; Black 1958, Ferejohn, Fiorina & Packel 1980):
  a status quo inside [x_(n-k+1), x_(k)] is never overturned.

With a fresh reversion point per issue (Krehbiel 1998; Tsebelis 2002): the same cores
hold issue by issue, two houses deciding by majority never move q_t between their
medians (Hammond & Miller 1987), a house whose median lies in that core is absorbed
(Tsebelis 2002), and an agenda setter gets Romer & Rosenthal's (1978) closed form.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd
import pytest

from govsim.designs.spec import (
    Deliberation,
    Design,
    Group,
    House,
    Ideal,
    Issues,
    RuleSpec,
    Scenario,
    Seats,
)
from govsim.model import IssueCycle, issue_frame
from govsim.rules import get_rule, take_stances


def committee(
    ideals, rule: RuleSpec, status_quo: float = 0.5, process: str = "fixed"
) -> tuple[Design, Scenario]:
    """An open assembly of members at ``ideals`` who always engage and never deliberate.

    By default one fixed question, as the classical theorems of a moving status quo
    assume.
    """
    design = Design(
        name="committee", rule=rule, deliberation=Deliberation(kernel="none"), scenario="x"
    )
    members = Group(
        name="members",
        sector="members",
        count=len(ideals),
        ideal=Ideal(distribution="points", points=tuple((float(v),) for v in ideals)),
        engagement=1.0,
    )
    scenario = Scenario(
        name="committee",
        groups=(members,),
        status_quo=(status_quo,),
        resource_inequality=0.0,
        indifference=0.0,
        learning_rate=0.0,
        issues=Issues(process=process),
    )
    return design, scenario


def status_quo_path(design: Design, scenario: Scenario, steps: int, seed: int) -> np.ndarray:
    cycle = IssueCycle(design, scenario, [seed])
    path = []
    for _ in range(steps):
        cycle.step()
        path.append(cycle.status_quo[0, 0])
    return np.array(path)


@pytest.mark.parametrize("n", [3, 7, 21, 51])
@pytest.mark.parametrize("seed", range(4))
def test_majority_ends_at_the_median_ideal_point(n: int, seed: int) -> None:
    ideals = np.random.default_rng([n, seed]).random(n)
    design, scenario = committee(ideals, RuleSpec("majority"), status_quo=0.0)
    path = status_quo_path(design, scenario, steps=40 * n, seed=seed)
    median = np.median(ideals)
    assert path[-1] == median
    # Once reached, the median is never left (it is a Condorcet winner).
    reached = int(np.argmax(path == median))
    assert (path[reached:] == median).all()


@pytest.mark.parametrize(("n", "k"), [(5, 4), (9, 6), (15, 10), (16, 11), (20, 14)])
@pytest.mark.parametrize("seed", range(3))
def test_k_of_n_status_quo_in_the_core_is_never_overturned(n: int, k: int, seed: int) -> None:
    ideals = np.sort(np.random.default_rng([n, k, seed]).random(n))
    low, high = ideals[n - k], ideals[k - 1]  # x_(n-k+1) and x_(k), 1-based
    rule = RuleSpec("qualified-majority", (("fraction", f"{k}/{n}"),))
    for q in (low, high, (low + high) / 2):
        design, scenario = committee(ideals, rule, status_quo=float(q))
        assert (status_quo_path(design, scenario, steps=30 * n, seed=seed) == q).all()


@pytest.mark.parametrize(("n", "k"), [(9, 6), (16, 11)])
def test_k_of_n_status_quo_outside_the_core_moves_into_it(n: int, k: int) -> None:
    ideals = np.sort(np.random.default_rng([n, k]).uniform(0.2, 0.8, n))
    low, high = ideals[n - k], ideals[k - 1]
    rule = RuleSpec("qualified-majority", (("fraction", f"{k}/{n}"),))
    for q in (0.0, 1.0):
        design, scenario = committee(ideals, rule, status_quo=q)
        final = status_quo_path(design, scenario, steps=60 * n, seed=1)[-1]
        assert low <= final <= high


@pytest.mark.parametrize("seed", range(3))
def test_unanimity_never_moves_a_status_quo_inside_the_pareto_set(seed: int) -> None:
    """The core of unanimity rule is the Pareto set, here [min x, max x] (1-D)."""
    ideals = np.random.default_rng([11, seed]).uniform(0.2, 0.8, 9)
    rule = RuleSpec("full-consensus")
    for q in (ideals.min(), np.median(ideals), ideals.max()):
        design, scenario = committee(ideals, rule, status_quo=float(q))
        assert (status_quo_path(design, scenario, steps=60, seed=seed) == q).all()
    # Outside the Pareto set everyone gains from some proposal: q moves into it.
    design, scenario = committee(ideals, rule, status_quo=0.0)
    final = status_quo_path(design, scenario, steps=200, seed=seed)[-1]
    assert ideals.min() <= final <= ideals.max()


# -- one new question per issue (the "fresh" issue process) -------------------------------
#
# Each issue draws its reversion point q_t uniformly on [0, 1]; the members' ideal
# points are given, nobody deliberates, everyone engages and tau = 0, so each motion
# is decided by the members' ideal points alone and every theorem is exact per issue.


def fresh_issues(design: Design, scenario: Scenario, steps: int, seed: int) -> pd.DataFrame:
    cycle = IssueCycle(design, scenario, [seed])
    for _ in range(steps):
        cycle.step()
    return issue_frame(cycle)


def council(houses: list[np.ndarray], rule: RuleSpec) -> tuple[Design, Scenario]:
    """Seated houses of members at the given ideal points, one group per house."""
    groups = tuple(
        Group(
            name=f"house-{h}",
            sector=f"house-{h}",
            count=len(ideals),
            ideal=Ideal(distribution="points", points=tuple((float(v),) for v in ideals)),
            engagement=1.0,
        )
        for h, ideals in enumerate(houses)
    )
    design = Design(
        name="houses",
        rule=rule,
        houses=tuple(House(f"h{h}") for h in range(len(houses))),
        seats=tuple(Seats(g.name, g.count, f"h{h}") for h, g in enumerate(groups)),
        deliberation=Deliberation(kernel="none"),
        scenario="x",
    )
    scenario = Scenario(
        name="houses",
        groups=groups,
        resource_inequality=0.0,
        indifference=0.0,
        learning_rate=0.0,
    )
    return design, scenario


def k_of_n(n: int, k: int) -> RuleSpec:
    return RuleSpec("qualified-majority", (("fraction", f"{k}/{n}"),))


@pytest.mark.parametrize(("n", "k"), [(5, 3), (7, 4), (9, 6), (16, 11), (20, 14)])
def test_black_krehbiel_a_motion_passes_exactly_when_k_members_prefer_it(n: int, k: int) -> None:
    ideals = np.sort(np.random.default_rng([n, k, 7]).random(n))
    design, scenario = committee(ideals, k_of_n(n, k), process="fresh")
    issues = fresh_issues(design, scenario, steps=300, seed=n)
    y, q = issues["proposal"].to_numpy(), issues["reversion"].to_numpy()
    gap = np.abs(ideals[None, :] - y[:, None]) - np.abs(ideals[None, :] - q[:, None])
    preferring = (gap < 0).sum(axis=1)
    assert (issues["passed"] == (preferring >= k)).all()
    # q_t inside the core [x_(n-k+1), x_(k)] never changes; q_t outside it may.
    core = (q >= ideals[n - k]) & (q <= ideals[k - 1])
    assert issues["passed"][~core].any()
    assert core.any() or ideals[n - k] == ideals[k - 1]  # a majority's core is one point
    assert (issues["outcome"][core] == issues["reversion"][core]).all()
    assert not issues["passed"][core].any()


@pytest.mark.parametrize("seed", range(3))
def test_hammond_miller_between_the_house_medians_nothing_changes(seed: int) -> None:
    """Two houses, each by majority: q_t between the medians is never overturned."""
    rng = np.random.default_rng([5, seed])
    left, right = rng.uniform(0.0, 0.6, 7), rng.uniform(0.4, 1.0, 9)
    design, scenario = council([left, right], RuleSpec("houses", (("threshold", "each > 1/2"),)))
    issues = fresh_issues(design, scenario, steps=300, seed=seed)
    low, high = sorted((np.median(left), np.median(right)))
    q = issues["reversion"].to_numpy()
    between = (q >= low) & (q <= high)
    assert between.any() and issues["passed"][~between].any()
    assert not issues["passed"][between].any()
    assert (issues["outcome"][between] == issues["reversion"][between]).all()


@pytest.mark.parametrize("seed", range(3))
def test_tsebelis_a_house_whose_median_is_in_the_core_is_absorbed(seed: int) -> None:
    """Adding a third house whose median lies inside the two houses' core changes no
    outcome: every motion the three houses decide, the first two decide the same way."""
    rng = np.random.default_rng([6, seed])
    left, right = rng.uniform(0.0, 0.5, 7), rng.uniform(0.5, 1.0, 7)
    low, high = sorted((np.median(left), np.median(right)))
    middle = np.clip(rng.normal((low + high) / 2, 0.2, 5), 0, 1)
    middle[2] = (low + high) / 2  # the median of five, inside the core
    rule = RuleSpec("houses", (("threshold", "each > 1/2"),))
    design, scenario = council([left, right, middle], rule)
    issues = fresh_issues(design, scenario, steps=300, seed=seed)
    two = council([left, right], rule)[0]
    x = np.concatenate([left, right])
    y, q = issues["proposal"].to_numpy(), issues["reversion"].to_numpy()
    # The two houses' own decision on the same motions, from the members' stances.
    pair = get_rule(two.rule.name, **dict(two.rule.params))
    stances = take_stances(x[None, :, None], y[:, None], q[:, None], 0.0)
    houses = np.repeat([0, 1], [len(left), len(right)])
    decided = issues["has_proposal"].to_numpy()
    by_two = pair(stances, np.ones(len(x)), houses).passed
    assert issues["passed"].any() and (~issues["passed"][decided]).any()
    assert (issues["passed"][decided] == by_two[decided]).all()


def clamp_about(s: np.ndarray, c: np.ndarray, q: np.ndarray) -> np.ndarray:
    return np.clip(s, c - np.abs(q - c), c + np.abs(q - c))


@pytest.mark.parametrize(("n", "k"), [(5, 3), (9, 5), (21, 11), (9, 6), (16, 11)])
def test_romer_rosenthal_a_setter_gets_the_closed_form(n: int, k: int) -> None:
    """With setters, the outcome is clamp(s, c - |q - c|, c + |q - c|), c the core
    point nearest q: the median m under majority (Romer & Rosenthal 1978), and
    clamp(q, x_(n-k+1), x_(k)) under a k-of-n rule (the pivot is the k-th supporter)."""
    ideals = np.sort(np.random.default_rng([n, k, 9]).random(n))
    design, scenario = committee(ideals, k_of_n(n, k), process="fresh")
    design = replace(design, agenda=replace(design.agenda, strategy="setter"))
    issues = fresh_issues(design, scenario, steps=200, seed=k)
    q = issues["reversion"].to_numpy()
    setter = ideals[issues["proposer"].clip(0).to_numpy()]
    c = np.clip(q, ideals[n - k], ideals[k - 1])
    expected = clamp_about(setter, c, q)
    moves = np.abs(expected - q) > 1e-9  # where the closed form offers a motion
    np.testing.assert_allclose(issues["outcome"][moves], expected[moves], rtol=0, atol=1e-9)
    assert issues["passed"][moves].all() and moves.mean() > 0.3
    # Where the closed form is q itself (q in the core, or the setter at q) nothing changes.
    np.testing.assert_allclose(issues["outcome"][~moves], q[~moves], rtol=0, atol=1e-9)
