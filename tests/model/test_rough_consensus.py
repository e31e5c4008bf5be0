"""Rough consensus in the issue cycle (RFC 7282): fewer allowed objectors never pass more.

With deliberation off and engagement fixed (learning rate 0), every issue of a seed
sees the same reversion point, motion, attendance and amendment path whatever
``max_objectors`` is, so the comparison is issue by issue, not on average.
"""

from __future__ import annotations

import itertools
from dataclasses import replace

import numpy as np
import pytest

from govsim.designs import resolve
from govsim.designs.spec import Deliberation, RuleSpec
from govsim.model import IssueCycle

SHARES = ("0", "1/20", "1/10", "1/5", "1/3")


def passes(max_objectors: str, seed: int, steps: int = 120) -> np.ndarray:
    design, scenario = resolve("ietf-wg")
    design = replace(
        design,
        rule=RuleSpec("rough-consensus", (("max_objectors", max_objectors),)),
        deliberation=Deliberation(kernel="none"),
    )
    cycle = IssueCycle(design, replace(scenario, learning_rate=0.0), [seed])
    for _ in range(steps):
        cycle.step()
    return np.array([r["passed"][0] for r in cycle.records])


@pytest.mark.parametrize("seed", range(3))
def test_fewer_allowed_objectors_never_pass_an_issue_more_would_not(seed: int) -> None:
    runs = [passes(share, seed) for share in SHARES]
    for stricter, looser in itertools.pairwise(runs):
        assert (stricter <= looser).all()
    assert runs[0].sum() < runs[-1].sum()  # the share matters


def test_no_allowed_objector_decides_as_full_consensus() -> None:
    design, scenario = resolve("ietf-wg")
    scenario = replace(scenario, learning_rate=0.0)
    outcomes = []
    for rule in (
        RuleSpec("rough-consensus", (("max_objectors", "0"),)),
        RuleSpec("full-consensus"),
    ):
        cycle = IssueCycle(replace(design, rule=rule), scenario, [4])
        for _ in range(80):
            cycle.step()
        outcomes.append([r["passed"][0] for r in cycle.records])
    assert outcomes[0] == outcomes[1] and any(outcomes[0])
