"""Property: every spec that loads also runs.

The loader's mutations (tests/designs/test_fuzz.py) produce odd but valid specs:
houses without voting weight, zero confidence, one dimension or several, empty
inclusion. Whatever loads must run a few issues and give finite core metrics; the
model never raises on a spec the loader accepted.
"""

from __future__ import annotations

import json

import numpy as np
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from govsim.designs import BUILTIN_DESIGNS, KERNELS, resolve
from govsim.errors import GovsimError
from govsim.simulate import RunResult, run
from tests.designs.test_fuzz import mutated_specs

SMALL = settings(
    max_examples=60,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def _run(data, overrides=(), *, valid: bool = False) -> RunResult:
    """Run what loads for four issues; skip (or, if ``valid``, fail on) what does not."""
    try:
        design, scenario = resolve(data, None, overrides)
    except GovsimError:
        if valid:
            raise
        assume(False)
    # Keep the examples quick: the loader allows up to 10^6 members and 10^5 rounds.
    assume(scenario.size <= 3_000 and scenario.dimensions <= 5)
    assume(design.deliberation.rounds <= 20 and (design.amendment.rounds or 5) <= 20)
    return run(design, scenario, steps=4, seed=0)


def _sound(result: RunResult) -> bool:
    metrics = result.metrics
    return (
        len(result.issues) == 4
        and 0 <= metrics["pass_rate"] <= 1
        and np.isfinite(metrics["welfare"])
        and metrics["welfare"] <= 0
    )


@SMALL
@given(mutated_specs())
def test_every_mutated_spec_that_loads_runs(data) -> None:
    assert _sound(_run(data))


def variations():
    """A built-in design with random valid values for the model's dials."""
    unit = st.floats(0, 1)
    settings_ = {
        "deliberation.kernel": st.sampled_from(KERNELS),
        "deliberation.rounds": st.integers(0, 6),
        "deliberation.segregation": unit,
        "deliberation.blocks": st.sampled_from(["sector", "constituency"]),
        "deliberation.degree": st.floats(0, 30),
        "deliberation.mu": st.floats(0.01, 0.5),
        "deliberation.advisory_pull": unit,
        "agenda.moderation": st.floats(0, 0.99),
        "amendment.rounds": st.integers(1, 6),
        "amendment.step": unit,
        "attendance": st.floats(0.01, 1),
        "scenario.dimensions": st.integers(1, 3),
        "scenario.polarisation": unit,
        "scenario.resource_inequality": st.floats(0, 5),
        "scenario.indifference": st.floats(0, 0.5),
        "scenario.learning_rate": unit,
        "scenario.status_quo": unit,
    }
    chosen = st.dictionaries(st.sampled_from(sorted(settings_)), st.just(None), max_size=8)
    return st.tuples(
        st.sampled_from(sorted(BUILTIN_DESIGNS)),
        chosen.flatmap(lambda keys: st.fixed_dictionaries({key: settings_[key] for key in keys})),
    )


def _overrides(name: str, values: dict) -> list[str]:
    """The values as --set pairs; a scenario of given points keeps its dimension."""
    if any(g.ideal.distribution == "points" for g in resolve(name)[1].groups):
        values = {k: v for k, v in values.items() if k != "scenario.dimensions"}
    return [f"{key}={json.dumps(value)}" for key, value in values.items()]


@SMALL
@given(variations())
def test_every_valid_variation_of_a_builtin_runs(case) -> None:
    name, values = case
    assert _sound(_run(name, _overrides(name, values), valid=True))


@pytest.mark.slow
@settings(SMALL, max_examples=600, derandomize=False)
@given(variations())
def test_every_valid_variation_of_a_builtin_runs_many(case) -> None:
    name, values = case
    assert _sound(_run(name, _overrides(name, values), valid=True))
