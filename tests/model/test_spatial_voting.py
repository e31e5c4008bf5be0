"""Theorems of spatial voting, with deliberation off.

- Black (1948): in one dimension with single-peaked preferences, an odd body under
  simple majority, proposals at members' ideal points, ends at the median ideal point,
  which no proposal then beats.
- k-of-n rules (the core of a q-rule; Black 1958, Ferejohn, Fiorina & Packel 1980):
  a status quo inside [x_(n-k+1), x_(k)] is never overturned.
"""

from __future__ import annotations

import numpy as np
import pytest

from govsim.designs.spec import Deliberation, Design, Group, Ideal, RuleSpec, Scenario
from govsim.model import IssueCycle


def committee(ideals, rule: RuleSpec, status_quo: float) -> tuple[Design, Scenario]:
    """An open assembly of members at ``ideals`` who always engage and never deliberate."""
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
