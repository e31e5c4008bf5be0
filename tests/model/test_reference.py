"""The vectorised issue cycle equals the per-agent reference implementation.

Every kernel and every rule family, in one and two dimensions, seated and open, run
in a batch beside other replications: positions, engagement and every per-issue
record agree within 1e-12.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from govsim.designs.spec import (
    KERNELS,
    LEVELS,
    Amendment,
    Deliberation,
    Design,
    Group,
    House,
    Ideal,
    RuleSpec,
    Scenario,
    Seats,
    Shock,
)
from govsim.model import IssueCycle
from tests.model.reference import ReferenceCycle

SECTORS = ("government", "business", "civil-society", "technical")


def scenario(d: int = 1) -> Scenario:
    groups = tuple(
        Group(
            name=name,
            sector=name,
            count=9,
            ideal=Ideal(mean=tuple([0.2 + 0.2 * k] * d), sd=0.2),
            engagement=0.7,
            susceptibility=0.3 + 0.1 * k,
            confidence=0.15 + 0.05 * k,
        )
        for k, name in enumerate(SECTORS)
    )
    return Scenario(
        name=f"four-sectors-{d}d",
        groups=groups,
        dimensions=d,
        status_quo=(0.5,) * d,
        shocks=(Shock(issue=4, sectors=("civil-society",), engagement=0.95),),
    )


def open_assembly(rule: RuleSpec) -> Design:
    return Design(
        name=f"open-{rule.name}",
        rule=rule,
        inclusion=(("government", LEVELS["collaborate"]), ("technical", LEVELS["involve"])),
        deliberation=Deliberation(segregation=0.5, degree=6),
        amendment=Amendment(step=0.4),
    )


def council(rule: RuleSpec, houses: tuple[str, str]) -> Design:
    return Design(
        name=f"council-{rule.name}",
        rule=rule,
        houses=(House(houses[0]), House(houses[1])),
        seats=(
            Seats("government", 3, houses[0]),
            Seats("business", 2, houses[1]),
            Seats("civil-society", 2, houses[1], coopted_by="government"),
            Seats("technical", 1, houses[1], weight=0.0),
        ),
        inclusion=(("civil-society", LEVELS["involve"]), ("business", LEVELS["consult"])),
        attendance=0.9,
        deliberation=Deliberation(segregation=0.8, degree=8),
    )


DESIGNS = {
    "majority": open_assembly(RuleSpec("majority", (("base", "cast"),))),
    "qualified-majority": open_assembly(RuleSpec("qualified-majority")),
    "full-consensus": open_assembly(RuleSpec("full-consensus")),
    "gnso-wg-consensus": open_assembly(RuleSpec("gnso-wg-consensus")),
    "rough-consensus": open_assembly(RuleSpec("rough-consensus")),
    "houses": council(RuleSpec("houses", (("threshold", "gnso-default"),)), ("h0", "h1")),
    "advisory-override": council(RuleSpec("advisory-override"), ("board", "gac")),
    "advisory-nonbinding": council(RuleSpec("advisory-nonbinding"), ("board", "alac")),
    "executive": council(RuleSpec("executive"), ("ministry", "working-groups")),
}

NUMERIC = (
    "proposal",
    "reversion",
    "outcome",
    "support",
    "oppose",
    "abstain",
    "heard",
    "welfare",
    "welfare_gain",
    "engagement",
    "quality",
)
EXACT = (
    "passed",
    "passed_informed",
    "informed",
    "rounds",
    "proposer",
    "engaged",
    "participants",
    "blocked_majority",
    "imposed_majority",
    "seat_blocked_majority",
    "seat_imposed_majority",
    "counter_majoritarian",
    "seat_counter_majoritarian",
    "objections",
    "objections_addressed",
)


def assert_same(
    design: Design, scen: Scenario, seed: int, steps: int = 25, atol: float = 1e-12
) -> None:
    batch = IssueCycle(design, scen, [seed + 100, seed])  # the run under test is 2nd
    reference = ReferenceCycle(design, scen, seed)
    for _ in range(steps):
        batch.step()
        reference.step()
    for got, want in zip(batch.records, reference.records, strict=True):
        for key in EXACT:
            assert got[key][1] == want[key], key
        for key in NUMERIC:
            np.testing.assert_allclose(got[key][1], want[key], rtol=0, atol=atol, err_msg=key)
        assert (got["designation"][1] or None) == want["designation"]
    np.testing.assert_allclose(batch.position[1], reference.p, rtol=0, atol=atol)
    np.testing.assert_allclose(batch.engagement[1], reference.e, rtol=0, atol=atol)


@pytest.mark.parametrize("kernel", KERNELS)
@pytest.mark.parametrize("family", sorted(DESIGNS))
def test_equals_reference_for_every_kernel_and_rule(kernel: str, family: str) -> None:
    design = DESIGNS[family]
    design = replace(design, deliberation=replace(design.deliberation, kernel=kernel))
    assert_same(design, scenario(), seed=7)


@pytest.mark.parametrize("kernel", KERNELS)
def test_equals_reference_in_two_dimensions(kernel: str) -> None:
    design = DESIGNS["rough-consensus"]
    design = replace(design, deliberation=replace(design.deliberation, kernel=kernel))
    assert_same(design, scenario(d=2), seed=3)


def test_the_reference_runs_see_passes_amendments_and_advice() -> None:
    """Guard against a vacuous comparison: the cases exercise every branch."""
    rough = IssueCycle(DESIGNS["rough-consensus"], scenario(), [7])
    gac = IssueCycle(DESIGNS["advisory-override"], scenario(), [7])
    for _ in range(25):
        rough.step()
        gac.step()
    rounds = np.array([r["rounds"][0] for r in rough.records])
    assert rounds.max() > 1  # amendments happened
    assert any(r["objections_addressed"][0] > 0 for r in rough.records)
    assert any(r["passed"][0] for r in rough.records)
    advice = {r["designation"][0] for r in gac.records}
    assert advice & {"advice followed", "advice rejected"}  # consensus advice was given


@pytest.mark.parametrize("process", ["fresh", "drift", "fixed"])
@pytest.mark.parametrize("family", ["majority", "houses", "rough-consensus"])
def test_equals_reference_for_every_issue_process(process: str, family: str) -> None:
    scen = scenario()
    scen = replace(scen, issues=replace(scen.issues, process=process, step=0.2))
    assert_same(DESIGNS[family], scen, seed=5)


@pytest.mark.parametrize("d", [1, 2])
@pytest.mark.parametrize("proposers", ["seats", "all"])
@pytest.mark.parametrize("family", ["majority", "houses", "advisory-override"])
def test_equals_reference_with_setters_and_proposers(family: str, proposers: str, d: int) -> None:
    design = DESIGNS[family]
    design = replace(design, agenda=replace(design.agenda, proposers=proposers, strategy="setter"))
    # In two dimensions the setter's point sits within its nudge (1e-10) of a boundary,
    # and positions that differ in the last bits may pick the other side of it.
    assert_same(design, scenario(d), seed=4, steps=12, atol=1e-12 if d == 1 else 1e-9)


@pytest.mark.parametrize("kernel", KERNELS)
@pytest.mark.parametrize("family", ["majority", "houses", "rough-consensus"])
def test_equals_reference_with_a_common_value(kernel: str, family: str) -> None:
    design = DESIGNS[family]
    design = replace(design, deliberation=replace(design.deliberation, kernel=kernel))
    scen = scenario()
    scen = replace(scen, issues=replace(scen.issues, common_value=0.2, signal_noise=1.5))
    assert_same(design, scen, seed=6, steps=15)
