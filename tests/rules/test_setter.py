"""Setter proposals: Romer & Rosenthal's closed form, its k-of-n analogue, and searches."""

from __future__ import annotations

import numpy as np
import pytest

from govsim.errors import GovsimError
from govsim.model.cycle import take_stances as model_stances
from govsim.rules import RULES, get_rule
from govsim.rules.passing import passing_set
from govsim.rules.setter import NUDGE, setter_proposal
from tests.rules.test_passing import random_body

NAMES = sorted(RULES)


def decided(rule, positions, proposal, q, weights, houses, tau=0.0) -> np.ndarray:
    """Whether the proposals pass, with the model's own stances; (B, n, d), (B, d)."""
    stances = model_stances(*(np.asarray(a, dtype=float) for a in (positions, proposal, q)), tau)
    return rule(stances, weights, houses).passed


def clamp_form(x: np.ndarray, k: int, q: np.ndarray, s: np.ndarray) -> np.ndarray:
    """clamp(s, c - |q - c|, c + |q - c|) with c = clamp(q, x_(n-k+1), x_(k)), per row."""
    x = np.sort(x, axis=-1)
    n = x.shape[-1]
    c = np.clip(q, x[:, n - k], x[:, k - 1])
    return np.clip(s, c - np.abs(q - c), c + np.abs(q - c))


def test_romer_rosenthal_setter_under_majority():
    """Romer & Rosenthal (1978): with n odd voters deciding by majority, the setter
    proposes clamp(s, m - |q - m|, m + |q - m|), m the median, within 1e-9."""
    rng = np.random.default_rng(0)
    for n in (1, 3, 5, 11, 21):
        batch = 400
        x, q, s = rng.random((batch, n)), rng.random(batch), rng.random(batch)
        rule = get_rule("majority")
        found = setter_proposal(rule, x[..., None], q[:, None], s[:, None], np.ones(n), [0] * n)
        expected = clamp_form(x, n // 2 + 1, q, s)
        np.testing.assert_allclose(found.proposal[:, 0], expected, rtol=0, atol=1e-9)
        assert found.passes.all()
        ok = decided(rule, x[..., None], found.proposal, q[:, None], np.ones(n), [0] * n)
        assert ok.all()


@pytest.mark.parametrize("tau", [0.0, 0.01])
def test_k_of_n_setter_closed_form(tau):
    """The k-of-n analogue (derived in govsim.rules.setter): the pivot c is the point of
    the gridlock interval [x_(n-k+1), x_(k)] nearest q (Krehbiel 1998), and the setter
    proposes clamp(s, c - |q - c|, c + |q - c|); with tau > 0 the window shrinks by tau
    at each end. Where q lies in the interval nothing passes: the proposal is q."""
    rng = np.random.default_rng(1)
    for n in (2, 4, 7, 12):
        for k in range(n // 2 + 1, n + 1):
            batch = 200
            x, q, s = rng.random((batch, n)), rng.random(batch), rng.random(batch)
            rule = get_rule("weighted-quota", quota=k)
            found = setter_proposal(
                rule, x[..., None], q[:, None], s[:, None], np.ones(n), [0] * n, indifference=tau
            )
            xs = np.sort(x, axis=1)
            c = np.clip(q, xs[:, n - k], xs[:, k - 1])
            side = np.sign(c - q)
            near, far = q + side * tau, 2 * c - q - side * tau
            some = side * (far - near) > 0
            np.testing.assert_array_equal(found.passes, some)
            window = np.clip(s, np.minimum(near, far), np.maximum(near, far))
            expected = np.where(some, window, q)
            np.testing.assert_allclose(found.proposal[:, 0], expected, rtol=0, atol=1e-9)
            if tau == 0:
                form = clamp_form(x, k, q, s)
                np.testing.assert_allclose(found.proposal[:, 0], form, rtol=0, atol=1e-9)


@pytest.mark.parametrize("tau", [0.0, 0.02])
@pytest.mark.parametrize("name", NAMES)
def test_setter_proposal_passes_and_is_nearest(name, tau):
    """For every rule: the proposal passes when decided with the model's stances, lies
    in the exact passing set, and no proposal on a fine grid that passes is nearer s."""
    rng = np.random.default_rng(abs(hash((name, tau, "setter"))) % 2**32)
    rule = get_rule(name)
    grid = np.linspace(-1.5, 2.5, 4001)
    for _ in range(10):
        positions, weights, houses = random_body(rng)
        q, s = rng.random(2)
        found = setter_proposal(
            rule, positions[:, None], [q], [s], weights, houses, indifference=tau
        )
        exact = passing_set(rule, positions, q, weights, houses, indifference=tau)
        assert bool(found.passes) is not exact.empty
        if exact.empty:
            assert found.proposal[0] == q
            continue
        y = found.proposal[0]
        assert y in exact
        assert decided(rule, positions[None, :, None], [[y]], [[q]], weights, houses, tau)
        stances = model_stances(
            np.broadcast_to(positions[:, None], (len(grid), len(positions), 1)),
            grid[:, None],
            np.full((len(grid), 1), q),
            tau,
        )
        passing = grid[rule(stances, weights, houses).passed]
        if len(passing):
            assert abs(y - s) <= np.abs(passing - s).min() + 1e-9


def test_an_open_end_is_approached_from_inside():
    """Majority of three at 0.1, 0.4, 0.9 with q = 0.2 passes exactly (0.2, 0.6): a
    setter at 1 proposes just under 0.6, a setter at 0 just over 0.2."""
    positions = np.array([[[0.1], [0.4], [0.9]]] * 2)
    found = setter_proposal("majority", positions, [[0.2]] * 2, [[1.0], [0.0]], [1] * 3, [0] * 3)
    high, low = found.proposal[:, 0]
    assert 0.6 - 1e-9 <= high < 0.6 and 0.2 < low <= 0.2 + 1e-9
    assert high == pytest.approx(0.6 - NUDGE, abs=1e-15)


def test_a_closed_end_is_proposed_as_it_is():
    """Full consensus of 0.3 and 0.6 against q = 0 passes (0, 0.6]: at 0.6 the voter at
    0.3 is as far from the proposal as from q, so abstains, and the other supports."""
    found = setter_proposal("full-consensus", [[0.3], [0.6]], [0.0], [0.9], [1, 1], [0, 0])
    assert bool(found.passes) and abs(found.proposal[0] - 0.6) <= 1e-9


def test_an_ideal_that_passes_is_proposed():
    found = setter_proposal("majority", [[0.1], [0.4], [0.9]], [0.2], [0.5], [1] * 3, [0] * 3)
    assert found.proposal[0] == 0.5 and bool(found.passes)


def test_batch_equals_one_body_at_a_time():
    rng = np.random.default_rng(2)
    x, q, s = rng.random((30, 9, 1)), rng.random((30, 1)), rng.random((30, 1))
    houses = np.array([0] * 4 + [1] * 5)
    rule = get_rule("houses")
    batch = setter_proposal(rule, x, q, s, np.ones(9), houses, indifference=0.01)
    for b in range(30):
        one = setter_proposal(rule, x[b], q[b], s[b], np.ones(9), houses, indifference=0.01)
        np.testing.assert_array_equal(one.proposal, batch.proposal[b])
        assert one.passes == batch.passes[b]
    grid = setter_proposal(
        rule,
        x.reshape(5, 6, 9, 1),
        q.reshape(5, 6, 1),
        s.reshape(5, 6, 1),
        np.ones(9),
        houses,
        indifference=0.01,
    )
    np.testing.assert_array_equal(grid.proposal.reshape(30, 1), batch.proposal)


@pytest.mark.parametrize("name", ["majority", "full-consensus", "houses", "qualified-majority"])
def test_two_dimensions_pass_and_beat_a_grid_search(name):
    """In 2-D the search is exact up to the nudge: its proposal passes, and is at least
    as near s as the nearest passing point of a 0.004 grid."""
    rng = np.random.default_rng(3)
    rule = get_rule(name)
    axis = np.linspace(-0.5, 1.5, 501)
    grid = np.stack(np.meshgrid(axis, axis), -1).reshape(-1, 2)
    for _ in range(6):
        n = int(rng.integers(3, 8))
        positions, houses = rng.random((n, 2)), np.sort(rng.integers(0, 2, n))
        houses[0], houses[-1] = 0, 1
        q, s = rng.random(2), rng.random(2)
        found = setter_proposal(rule, positions, q, s, np.ones(n), houses, indifference=0.01)
        stances = model_stances(positions[None], grid, q[None], 0.01)
        passing = grid[rule(stances, np.ones(n), houses).passed]
        if not found.passes:
            assert not len(passing) and (found.proposal == q).all()
            continue
        assert decided(
            rule, positions[None], found.proposal[None], q[None], np.ones(n), houses, 0.01
        )
        if len(passing):
            best = np.linalg.norm(passing - s, axis=1).min()
            assert np.linalg.norm(found.proposal - s) <= best + 1e-9


def test_three_dimensions_pass():
    rng = np.random.default_rng(4)
    rule = get_rule("majority")
    for _ in range(5):
        positions, q, s = rng.random((7, 3)), rng.random(3), rng.random(3)
        found = setter_proposal(rule, positions, q, s, np.ones(7), np.zeros(7, int))
        assert found.passes
        assert decided(rule, positions[None], found.proposal[None], q[None], np.ones(7), [0] * 7)


def test_shapes_are_checked():
    with pytest.raises(GovsimError, match="positions must have shape"):
        setter_proposal("majority", [0.1, 0.2], [0.5], [0.5], [1, 1], [0, 0])
    with pytest.raises(GovsimError, match="setter must have the status quo's shape"):
        setter_proposal("majority", [[0.1], [0.2]], [0.5], [0.5, 0.1], [1, 1], [0, 0])
