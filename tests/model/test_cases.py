"""The ATLAS II cases as mechanisms: each built-in shows the effect docs/cases.md
states, and the effect goes away when its mechanism is switched off.

Run sizes are modest (tens of seeds, tens of issues); the thresholds leave room for
seed noise but not for the absence of the effect.
"""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest

from govsim import run_batch
from govsim.designs import resolve
from govsim.model import IssueCycle
from govsim.power import SeatGame
from govsim.rules import get_rule

SEEDS = list(range(40))
VARIANTS = Path(__file__).resolve().parents[2] / "experiments" / "designs"
SHOCK_OFF = "scenario.shocks.0.engagement=0"  # a shock only raises engagement to its level

# -- crisis-mobilisation (Mexico 2009) ------------------------------------------------

#: One model issue is one sitting day of the legislature, so "about a week" after the
#: campaign began (19 October 2009, the shock at issue 10) is issues 10 to 14.
WEEK = 5


def outcomes(design, steps, overrides=(), scenario=None):
    """Outcome of every issue, shape (seeds, steps)."""
    results = run_batch(design, scenario, steps=steps, seeds=SEEDS, overrides=list(overrides))
    return np.array([r.issues["outcome"].to_numpy() for r in results])


@pytest.fixture(scope="module")
def crisis():
    """The tax question's outcomes, with and without the shock, and the midpoint."""
    _, scenario = resolve("crisis-mobilisation")
    (shock,) = scenario.shocks
    (tax,) = next(g for g in scenario.groups if g.name == "executive").ideal.points
    midpoint = (float(np.ravel(tax)[0]) + scenario.status_quo[0]) / 2
    steps = shock.issue + WEEK
    return {
        "shock": shock.issue,
        "midpoint": midpoint,
        "with": outcomes("crisis-mobilisation", steps),
        "without": outcomes("crisis-mobilisation", steps, [SHOCK_OFF]),
    }


def reversed_share(out, midpoint):
    """Share of runs whose last outcome is nearer the law before the bill than the tax."""
    return float((out[:, -1] > midpoint).mean())


def test_the_tax_passes_and_holds_before_the_shock(crisis):
    before = crisis["with"][:, : crisis["shock"]]
    # Common seeds: nothing differs before the shock.
    np.testing.assert_array_equal(before, crisis["without"][:, : crisis["shock"]])
    assert (before[:, -1] < crisis["midpoint"]).mean() >= 0.9


def test_the_mobilised_reverse_the_tax_within_a_week_and_without_them_it_holds(crisis):
    assert reversed_share(crisis["with"], crisis["midpoint"]) >= 0.8
    assert reversed_share(crisis["without"], crisis["midpoint"]) <= 0.1


@pytest.mark.parametrize(
    "override",
    ["deliberation.advisory_pull=0", "inclusion.default.agenda=0"],
    ids=["no-advice", "no-agenda"],
)
def test_the_reversal_needs_both_advice_and_the_agenda(crisis, override):
    out = outcomes("crisis-mobilisation", crisis["with"].shape[1], [override])
    assert reversed_share(out, crisis["midpoint"]) <= 0.1


def test_a_coopted_council_does_not_see_the_shock():
    # Everyone outside the council is only informed: no agenda, no dialogue, no
    # advice, so raising their engagement changes nothing.
    with_shock = outcomes("authoritarian-coopted", 14, scenario="crisis")
    without = outcomes("authoritarian-coopted", 14, [SHOCK_OFF], scenario="crisis")
    np.testing.assert_array_equal(with_shock, without)


# -- top-down-ministry (Japan) ----------------------------------------------------------


def ministry_cycle(strategy, steps=60, seeds=range(8)):
    """The ministry design without deliberation, so positions are ideal points."""
    design, scenario = resolve(
        "top-down-ministry",
        overrides=["deliberation.kernel=none", f"agenda.strategy={strategy}"],
    )
    cycle = IssueCycle(design, scenario, list(seeds))
    for _ in range(steps):
        cycle.step()
    return cycle, scenario


def test_industry_setters_get_the_point_nearest_them_that_the_ministry_accepts():
    cycle, scenario = ministry_cycle("setter")
    layout, history = cycle.layout, cycle.history()
    ministry = layout.voters[layout.houses == 0][0]
    m = cycle.ideal[:, ministry, 0]  # (B,)
    q, outcome = history["reversion"][..., 0], history["outcome"][..., 0]  # (T, B)
    proposer, passed = history["proposer"], history["passed"]
    private = scenario.sectors.index("private-sector")
    assert (layout.sector[proposer[history["has_proposal"]]] == private).all()
    # A veto player accepts only what it prefers to the reversion point, by more
    # than the indifference tau: the acceptance set is [m - r, m + r].
    r = np.abs(q - m) - scenario.indifference
    assert (np.abs(outcome - m) <= np.abs(q - m) + 1e-12).all()
    s = np.take_along_axis(cycle.ideal[..., 0], proposer.T, axis=1).T  # drafter's ideal
    expected = np.clip(s, m - r, m + r)
    assert passed[r > 1e-6].mean() > 0.95
    np.testing.assert_allclose(outcome[passed], expected[passed], atol=1e-8)


def test_setters_pass_more_and_pull_outcomes_toward_industry_than_sincere_drafts():
    setter, scenario = ministry_cycle("setter")
    sincere, _ = ministry_cycle("sincere")
    private = setter.layout.sector == scenario.sectors.index("private-sector")
    industry = setter.ideal[:, private, 0].mean()
    rate = {k: c.history()["passed"].mean() for k, c in (("setter", setter), ("sincere", sincere))}
    assert rate["setter"] > rate["sincere"] + 0.25
    gap = {
        k: np.abs(c.history()["outcome"][..., 0] - industry).mean()
        for k, c in (("setter", setter), ("sincere", sincere))
    }
    assert gap["setter"] < gap["sincere"]


# -- authoritarian-coopted: the pivot point --------------------------------------------


@pytest.mark.parametrize(
    ("coopted", "power"),
    [(0, Fraction(17, 25)), (1, Fraction(9, 10)), (2, 1), (3, 1), (4, 1)],
)
def test_exact_power_of_the_government_bloc(coopted, power):
    """The government's 5 seats and its k friends as one player of weight 5 + k,
    against 8 - k single seats; a motion needs 7 of 13.

    k = 0: the bloc swings when 2 to 6 of the 8 others join, 28 + 56 + 70 + 56 + 28
    = 238 coalitions; each single seat swings in 7 + 7 = 14 (with the bloc and no one
    else, or with 6 of the 7 others and without the bloc): 238 / (238 + 8 * 14) =
    17/25. k = 1: 2^7 - 2 = 126 against 7 * 2: 9/10. From k = 2 the bloc alone holds
    7 seats and is a dictator.
    """
    weights = np.array([5 + coopted] + [1] * (8 - coopted), dtype=float)
    game = SeatGame(get_rule("majority"), weights=weights, houses=np.zeros(weights.size, int))
    assert game.power().exact["banzhaf"][0] == power


def pass_rates(sd):
    """Mean pass rate of the council with k = 0..4 co-opted seats."""
    return [
        np.mean(
            [
                r.metrics["pass_rate"]
                for r in run_batch(
                    VARIANTS / f"coopted-{k}.toml",
                    steps=60,
                    seeds=list(range(20)),
                    overrides=[f"scenario.sectors.government.ideal.sd={sd}"],
                )
            ]
        )
        for k in range(5)
    ]


def test_a_cohesive_government_tips_the_council_at_two_coopted_seats():
    # Cohesive: the government's friends vote as it does, so once they hold 7 of 13
    # (k = 2) the council passes what the government proposes and more friends add
    # little: the rise from k = 2 to 4 is under a quarter of the rise from 0 to 2.
    rate = pass_rates(0.02)
    assert rate[2] - rate[0] > 0.1
    assert rate[4] - rate[2] < 0.25 * (rate[2] - rate[0])
    # Loose (the built-in sd 0.1): the friends' positions spread into civil
    # society's, the bloc is no bloc, and the rise goes on past k = 2.
    loose = pass_rates(0.1)
    assert loose[4] - loose[2] > 0.25 * (loose[2] - loose[0])


# -- nethui: dialogue and advice ---------------------------------------------------------


def summaries(design, overrides):
    results = run_batch(design, steps=60, seeds=list(range(20)), overrides=overrides)
    return {k: np.mean([r.metrics[k] for r in results]) for k in ("welfare", "engagement")}


def test_nethui_mixed_rooms_raise_welfare_and_heard_advice_raises_engagement():
    mixed = summaries("nethui", [])
    silos = summaries("nethui", ["deliberation.segregation=1"])
    unheard = summaries("nethui", ["deliberation.advisory_pull=0"])
    assert mixed["welfare"] > silos["welfare"] + 0.03
    assert mixed["engagement"] > unheard["engagement"] + 0.02


def test_a_coopted_council_has_no_advisers_to_hear():
    heard = summaries("authoritarian-coopted", [])
    unheard = summaries("authoritarian-coopted", ["deliberation.advisory_pull=0"])
    assert heard == unheard
