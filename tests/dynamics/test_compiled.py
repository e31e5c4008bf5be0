"""The compiled loops give the numbers of the numpy/scipy code they replace, bit for bit."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
import scipy.sparse as sp

from govsim.dynamics import Forum, InfluenceNetwork, Room, friedkin_johnsen, get_kernel, linear
from govsim.dynamics.compiled import (
    _pairwise_sum,
    fj_inputs,
    fj_rounds,
    largest_move_1d,
    stance_codes,
)
from govsim.dynamics.linear import small_room_friedkin_johnsen
from govsim.errors import GovsimError
from govsim.model import stances


def _numpy_entries(network: InfluenceNetwork, r: np.ndarray, act: np.ndarray) -> np.ndarray:
    """The W rebuild as numpy vector operations (``np.add.reduceat`` row sums)."""
    S = network._structure
    data = S.base * (r * act)[S.indices]
    data[S.diag] = r
    scale = 1.0 / np.add.reduceat(data, S.indptr[:-1])
    scale[~act] = 0.0
    data *= scale[S.row]
    data[S.diag[~act]] = 1.0
    return data


@pytest.mark.parametrize("compiled", [True, False])
@pytest.mark.parametrize("n, p", [(60, 0.1), (300, 0.5), (700, 0.6)])
def test_influence_weights_equal_numpy(
    n: int, p: float, compiled: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    # p = 0.5 and 0.6 give rows of more than 128 entries: pairwise sums in halves.
    monkeypatch.setattr(linear, "COMPILED_ROWS", n if compiled else 0)
    rng = np.random.default_rng(n)
    A = sp.random_array((n, n), density=p, rng=rng, format="csr")
    network = InfluenceNetwork(A)
    for _ in range(3):
        r = rng.uniform(0.01, 100.0, n)
        act = rng.random(n) < 0.7
        expected = _numpy_entries(network, r, act)
        assert np.array_equal(network.weights(r, act).data, expected)
        assert np.array_equal(network.reweighted(r, act).data, expected)
    everyone = network.weights(r).data
    assert np.array_equal(everyone, _numpy_entries(network, r, np.ones(n, dtype=bool)))


@pytest.mark.parametrize("d", [1, 2, 3])
def test_fj_rounds_equal_scipy(d: int, monkeypatch: pytest.MonkeyPatch) -> None:
    rng = np.random.default_rng(d)
    n = 200
    W = InfluenceNetwork(sp.random_array((n, n), density=0.1, rng=rng)).weights(
        rng.uniform(0.1, 2.0, n), rng.random(n) < 0.8
    )
    lam = rng.random(n)
    x = rng.random((n, d))
    pull = (1.0 - lam[:, None]) * x
    P = x
    for _ in range(5):
        old, P = P, (W @ P) * lam[:, None] + pull
    new, before = fj_rounds(W.indptr, W.indices, W.data, lam, pull, x, 5)
    assert np.array_equal(new, P) and np.array_equal(before, old)
    for rows in (n, 0):  # the compiled rounds, then scipy's
        monkeypatch.setattr(linear, "COMPILED_ROWS", rows)
        out = friedkin_johnsen(x, W, lam, rounds=5)
        assert np.array_equal(out.positions, P) and out.rounds == 5
        assert out.converged == (np.sqrt(((P - old) ** 2).sum(axis=1)).max() <= 1e-10)


@pytest.mark.parametrize("n", [1, 7, 8, 100, 128, 129, 300, 1000, 5000])
def test_pairwise_sum_is_numpys(n: int) -> None:
    rng = np.random.default_rng(n)
    x = rng.random((4, n)) * 10.0 ** rng.integers(-8, 8, (4, n))
    assert np.array_equal([_pairwise_sum(row, 0, n) for row in x], np.add.reduce(x, axis=-1))


@pytest.mark.parametrize("d", [1, 2, 3, 9])
def test_stance_codes_equal_numpy(d: int) -> None:
    rng = np.random.default_rng(d)
    position = rng.random((3, 50, d))
    proposal, status_quo = rng.random((3, d)), rng.random((3, d))
    tau = 0.01

    def norm(x: np.ndarray) -> np.ndarray:
        return np.sqrt(np.add.reduce(x * x, axis=-1))

    to_y, to_q = norm(position - proposal[:, None]), norm(position - status_quo[:, None])
    expected = np.where(to_y < to_q - tau, 1, np.where(to_y > to_q + tau, 2, 3))
    codes = np.array([1, 2, 3], dtype=np.int8)
    got = stance_codes(position, proposal, status_quo, tau, codes)
    assert got.dtype == np.int8 and np.array_equal(got, expected)
    # Ties at the indifference band's edges are decided as numpy decides them.
    edge = stance_codes(position, proposal, proposal, 0.0, codes)
    assert (edge == 3).all()


@pytest.mark.parametrize("d", [1, 2, 9])
def test_take_stances_same_compiled_or_not(d: int, monkeypatch: pytest.MonkeyPatch) -> None:
    rng = np.random.default_rng(10 + d)
    position = rng.random((2, 80, d))
    proposal, status_quo = rng.random((2, d)), rng.random((2, d))
    results = []
    for rows in (10**6, 0):  # compiled, then numpy
        monkeypatch.setattr(stances, "COMPILED_ROWS", rows)
        results.append(stances.take_stances(position, proposal, status_quo, 0.02))
    assert results[0].dtype == results[1].dtype == np.int8
    assert np.array_equal(results[0], results[1])


@pytest.mark.parametrize("n", [1, 2, 9, 200])
def test_largest_move_1d_is_numpys(n: int) -> None:
    rng = np.random.default_rng(n)
    new, old = rng.random((n, 1)), rng.random((n, 1))
    assert largest_move_1d(new, old) == np.abs(new - old).max()
    new[n // 2, 0] = np.nan
    assert np.isnan(largest_move_1d(new, old))


def test_fj_inputs_checks_what_the_kernel_checks() -> None:
    lam, x = np.array([0.0, 0.5, 1.0]), np.array([[0.2], [0.4], [0.6]])
    anchor = x[::-1].copy()
    assert np.array_equal(fj_inputs(lam, x, anchor), (1.0 - lam[:, None]) * anchor)
    for bad_lam in (1.5, -0.1, np.nan):
        assert fj_inputs(np.array([0.0, bad_lam, 1.0]), x, anchor) is None
    for bad in (np.nan, np.inf):
        assert fj_inputs(lam, np.array([[0.2], [bad], [0.6]]), anchor) is None
        assert fj_inputs(lam, x, np.array([[0.2], [0.4], [bad]])) is None


def _small_network(n: int = 20) -> InfluenceNetwork:
    rng = np.random.default_rng(0)
    return InfluenceNetwork(sp.random_array((n, n), density=0.3, rng=rng, format="csr"))


# The model's fast paths leave the value checks to the compiled passes; a bad value
# must still raise the error that the vector checks give.


@pytest.mark.parametrize("bad", [0.0, -1.0, np.nan, np.inf])
def test_reweighted_names_a_bad_resource(bad: float) -> None:
    r = np.ones(20)
    r[3] = bad
    with pytest.raises(GovsimError, match="resources"):
        _small_network().reweighted(r, np.ones(20, dtype=bool))


@pytest.mark.parametrize("bad", [np.nan, np.inf])
def test_friedkin_johnsen_names_a_bad_position(bad: float) -> None:
    W, x, lam = _small_network().weights(), np.full((20, 1), 0.5), np.full(20, 0.5)
    x[3, 0] = bad
    with pytest.raises(GovsimError, match="x: expected finite"):
        friedkin_johnsen(x, W, lam, rounds=2)
    with pytest.raises(GovsimError, match="anchor: expected finite"):
        friedkin_johnsen(np.full((20, 1), 0.5), W, lam, anchor=x, rounds=2)


@pytest.mark.parametrize("bad", [1.5, -0.1, np.nan])
def test_friedkin_johnsen_names_a_bad_susceptibility(bad: float) -> None:
    W, x, lam = _small_network().weights(), np.full((20, 1), 0.5), np.full(20, 0.5)
    lam[3] = bad
    with pytest.raises(GovsimError, match="susceptibility"):
        friedkin_johnsen(x, W, lam, rounds=2)


def _room(n: int, d: int, seed: int, everyone: bool = False) -> Room:
    rng = np.random.default_rng(seed)
    A = sp.random_array((n, n), density=0.2, rng=rng, format="csr")
    return Room(
        Forum(A + A.T),
        active=np.ones(n, dtype=bool) if everyone else rng.random(n) < 0.7,
        resources=rng.uniform(0.1, 3.0, n),
        susceptibility=rng.random(n),
        anchor=rng.random((n, d)),
    )


@pytest.mark.parametrize("d", [1, 2])
@pytest.mark.parametrize("everyone", [False, True])
def test_small_room_kernel_equals_the_step_by_step_kernel(d: int, everyone: bool) -> None:
    """One compiled call (W, openness, checks, rounds) against the kernel's own steps."""
    room = _room(40, d, d, everyone)
    x = np.random.default_rng(9).random((40, d))
    kernel = get_kernel("friedkin_johnsen")
    first = kernel(x, room, rounds=5)  # the first rebuild makes the matrix: usual path
    assert room.forum.influence._matrix is not None
    fast = small_room_friedkin_johnsen(
        room.forum.influence,
        x,
        room.resources,
        room.active,
        room.susceptibility,
        room.anchor,
        5,
        1e-10,
        10_000,
    )
    assert fast is not None
    # The oracle: the steps the kernel takes without the fused pass.
    W = InfluenceNetwork(room.forum.adjacency).weights(room.resources, room.active)
    lam = np.where(room.active, room.susceptibility, 1.0) if not everyone else room.susceptibility
    slow = friedkin_johnsen(x, W, lam, anchor=room.anchor, rounds=5)
    for out in (first, fast, kernel(x, room, rounds=5)):
        assert np.array_equal(out.positions, slow.positions)
        assert (out.rounds, out.converged) == (slow.rounds, slow.converged)
    assert np.array_equal(room.forum.influence._matrix.data, W.data)


@pytest.mark.parametrize(
    "field, bad, message",
    [
        ("resources", 0.0, "resources"),
        ("resources", np.nan, "resources"),
        ("susceptibility", 1.5, "susceptibility"),
        ("susceptibility", np.nan, "susceptibility"),
        ("anchor", np.inf, "anchor: expected finite"),
    ],
)
def test_small_room_kernel_leaves_a_bad_value_to_the_named_checks(
    field: str, bad: float, message: str
) -> None:
    room = _room(20, 1, 3)
    kernel = get_kernel("friedkin_johnsen")
    kernel(np.full((20, 1), 0.5), room, rounds=2)  # makes the kept matrix
    values = np.array(getattr(room, field), dtype=float)
    values.flat[3] = bad
    spoiled = replace(room, **{field: values})
    with pytest.raises(GovsimError, match=message):
        kernel(np.full((20, 1), 0.5), spoiled, rounds=2)
