"""The contract every registered rule keeps, run over every rule in the registry."""

from __future__ import annotations

import inspect

import numpy as np
import pytest

from govsim.errors import GovsimError
from govsim.rules import RULES, Decision, Stance, get_rule
from tests.rules.bodies import BODIES, ballots

NAMES = sorted(RULES)


def decide(name: str, body_name: str, profile: np.ndarray, addressed: np.ndarray | None):
    body = BODIES[body_name]
    return get_rule(name)(profile, body.weights, body.houses, addressed=addressed)


def random_case(body_name: str, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    profile = ballots(BODIES[body_name].n, rng)
    return profile, rng.random(profile.shape) < 0.5


def assert_same(a: Decision, b: Decision) -> None:
    np.testing.assert_array_equal(a.passed, b.passed)
    np.testing.assert_array_equal(a.fraction, b.fraction)
    assert (a.designation is None) == (b.designation is None)
    if a.designation is not None:
        np.testing.assert_array_equal(a.designation, b.designation)


@pytest.mark.parametrize("name", NAMES)
def test_registration_metadata(name):
    info = RULES[name]
    assert info.source and info.summary and "\n" not in info.summary
    params = inspect.signature(info.func).parameters
    assert list(params)[:3] == ["stances", "weights", "houses"]
    assert params["addressed"].kind is inspect.Parameter.KEYWORD_ONLY
    assert all(value is not inspect.Parameter.empty for value in info.defaults.values())


@pytest.mark.parametrize("body_name", BODIES)
@pytest.mark.parametrize("name", NAMES)
def test_deterministic_and_shaped(name, body_name):
    profile, addressed = random_case(body_name)
    first = decide(name, body_name, profile, addressed)
    assert_same(first, decide(name, body_name, profile.copy(), addressed.copy()))
    n_houses = BODIES[body_name].houses.max() + 1
    assert first.passed.dtype == bool and first.passed.shape == profile.shape[:-1]
    assert first.fraction.shape == (*profile.shape[:-1], n_houses)
    if first.designation is not None:
        assert first.designation.shape == profile.shape[:-1]


@pytest.mark.parametrize("body_name", BODIES)
@pytest.mark.parametrize("name", NAMES)
def test_unanimous_support_passes(name, body_name):
    everyone = np.full(BODIES[body_name].n, Stance.SUPPORT, dtype=np.int8)
    assert decide(name, body_name, everyone, None).passed


@pytest.mark.parametrize("body_name", BODIES)
@pytest.mark.parametrize("name", NAMES)
def test_batch_equals_single_ballots(name, body_name):
    profile, addressed = random_case(body_name, seed=1)
    profile, addressed = profile[:24], addressed[:24]
    batch = decide(name, body_name, profile, addressed)
    for i in range(len(profile)):
        single = decide(name, body_name, profile[i], addressed[i])
        assert single.passed.shape == ()
        np.testing.assert_array_equal(single.passed, batch.passed[i])
        np.testing.assert_array_equal(single.fraction, batch.fraction[i])
        if batch.designation is not None:
            assert single.designation == batch.designation[i]
    # Two batch axes decide the same as one.
    grid = decide(name, body_name, profile.reshape(4, 6, -1), addressed.reshape(4, 6, -1))
    np.testing.assert_array_equal(grid.passed.ravel(), batch.passed)


@pytest.mark.parametrize("name", [n for n in NAMES if RULES[n].anonymous])
def test_anonymous_where_claimed(name):
    profile, addressed = random_case("five-equal", seed=2)
    before = decide(name, "five-equal", profile, addressed)
    rng = np.random.default_rng(3)
    for _ in range(5):
        order = rng.permutation(BODIES["five-equal"].n)
        after = decide(name, "five-equal", profile[:, order], addressed[:, order])
        np.testing.assert_array_equal(after.passed, before.passed)
        if before.designation is not None:
            np.testing.assert_array_equal(after.designation, before.designation)


@pytest.mark.parametrize("body_name", BODIES)
@pytest.mark.parametrize("name", [n for n in NAMES if RULES[n].monotone])
def test_monotone_where_claimed(name, body_name):
    # Exhaustive on the small bodies, a 2000-ballot sample on the GNSO council.
    profile, addressed = random_case(body_name, seed=4)
    n = profile.shape[-1]
    raised = np.repeat(profile[None], n, axis=0)
    raised[np.arange(n), :, np.arange(n)] = Stance.SUPPORT
    before = decide(name, body_name, profile, addressed).passed
    after = decide(name, body_name, raised, np.broadcast_to(addressed, raised.shape)).passed
    broken = before & ~after
    assert not broken.any(), f"seat {np.argwhere(broken)[0, 0]} turning to SUPPORT broke a pass"


def test_get_rule_rejects_unknown_names_and_parameters():
    with pytest.raises(GovsimError, match="unknown decision rule 'plurality'"):
        get_rule("plurality")
    with pytest.raises(GovsimError, match="has no parameter 'quota'"):
        get_rule("majority", quota=3)


def test_model_properties_are_claimed_by_the_rules_that_have_them():
    from govsim.rules import CONSENSUS_RULES, HOUSE_ZERO_DECIDES

    # Consensus rules judge objections (GNSO WG Guidelines §3.6, RFC 7282); under the
    # advisory and executive rules house 0 decides and the others advise.
    assert {"full-consensus", "gnso-wg-consensus", "rough-consensus"} == CONSENSUS_RULES
    assert {"advisory-override", "advisory-nonbinding", "executive"} == HOUSE_ZERO_DECIDES
