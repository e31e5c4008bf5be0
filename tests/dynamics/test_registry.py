"""The contract every registered kernel keeps, run over every kernel in the registry.

A kernel registered anywhere is picked up here: the shape is kept, agents who do not
take part never move, a seed fixes the result, each block of the forum (one
replication of the model) evolves as it would alone, ``converged`` is only reported at
a fixed point, and a kernel reads nothing of the room beyond what it declares.
"""

from __future__ import annotations

import inspect
from dataclasses import fields, replace

import numpy as np
import pytest
import scipy.sparse as sp

from govsim.designs.spec import KERNELS as SPEC_KERNELS
from govsim.dynamics import (
    KERNEL_INFO,
    KERNELS,
    Forum,
    Room,
    Trajectory,
    block_model,
    get_kernel,
    register_kernel,
)
from govsim.dynamics.kernels import _largest_move
from govsim.errors import GovsimError

NAMES = list(KERNEL_INFO)
SIZE = 40  # agents per block
TOL = 1e-9


def networks() -> list[sp.csr_array]:
    return [block_model(np.arange(SIZE) % 4, s, 6, seed=b) for b, s in enumerate((0.2, 0.7))]


def make_room(networks: list[sp.csr_array], seed: int = 0, active: np.ndarray | None = None):
    """A room over the block-diagonal stack of ``networks``, with varied attributes."""
    rng = np.random.default_rng(seed)
    n = SIZE * len(networks)
    forum = Forum(sp.block_diag(networks, format="csr"), blocks=len(networks))
    return Room(
        forum,
        active=rng.random(n) < 0.75 if active is None else active,
        resources=rng.uniform(0.5, 2.0, n),
        susceptibility=rng.uniform(0.0, 1.0, n),
        confidence=rng.uniform(0.1, 0.4, n),
        anchor=rng.random((n, 2)),
        mu=0.3,
    )


def positions(n: int, shape_tail: tuple[int, ...] = (2,), seed: int = 1) -> np.ndarray:
    return np.random.default_rng(seed).random((n, *shape_tail))


def anchored_like(room: Room, x: np.ndarray) -> Room:
    """The room with its anchors cut to the shape of ``x``."""
    d = 1 if x.ndim == 1 else x.shape[1]
    return replace(room, anchor=room.anchor[:, :d].reshape(x.shape))


@pytest.mark.parametrize("name", NAMES)
def test_registration_metadata(name):
    info = KERNEL_INFO[name]
    assert info.source and info.summary and "\n" not in info.summary
    assert set(info.reads) <= {f.name for f in fields(Room)}
    params = inspect.signature(info.func).parameters
    assert list(params)[:2] == ["positions", "room"]
    keywords = {"rounds": None, "rng": None, "tol": 1e-10, "max_rounds": 10_000}
    assert {key: params[key].default for key in keywords} == keywords
    assert all(params[key].kind is inspect.Parameter.KEYWORD_ONLY for key in keywords)


@pytest.mark.parametrize("tail", [(), (1,), (2,)])
@pytest.mark.parametrize("name", NAMES)
def test_the_shape_is_kept_and_nothing_is_modified(name, tail):
    x = positions(2 * SIZE, tail)
    room = anchored_like(make_room(networks()), x)
    before = (x.copy(), np.asarray(room.resources).copy(), room.active.copy())
    out = get_kernel(name)(x, room, rounds=3, rng=0)
    assert isinstance(out, Trajectory)
    assert out.positions.shape == x.shape and out.positions.dtype == np.float64
    assert out.rounds == 3
    np.testing.assert_array_equal(x, before[0])
    np.testing.assert_array_equal(room.resources, before[1])
    np.testing.assert_array_equal(room.active, before[2])


@pytest.mark.parametrize("name", NAMES)
def test_nobody_moves_without_participants(name):
    x = positions(2 * SIZE)
    room = make_room(networks(), active=np.zeros(2 * SIZE, dtype=bool))
    out = get_kernel(name)(x, room, rounds=4, rng=0)
    np.testing.assert_array_equal(out.positions, x)


@pytest.mark.parametrize("name", NAMES)
def test_agents_who_do_not_take_part_keep_their_positions(name):
    x = positions(2 * SIZE)
    room = make_room(networks(), seed=2)
    out = get_kernel(name)(x, room, rounds=4, rng=0)
    np.testing.assert_array_equal(out.positions[~room.active], x[~room.active])


@pytest.mark.parametrize("name", NAMES)
def test_the_same_seed_gives_the_same_result(name):
    x = positions(2 * SIZE)
    room = make_room(networks())
    kernel = get_kernel(name)
    first = kernel(x, room, rounds=5, rng=7)
    np.testing.assert_array_equal(first.positions, kernel(x, room, rounds=5, rng=7).positions)
    seeds = [np.random.default_rng(s) for s in (3, 4)]
    again = [np.random.default_rng(s) for s in (3, 4)]
    np.testing.assert_array_equal(
        kernel(x, room, rounds=5, rng=seeds).positions,
        kernel(x, room, rounds=5, rng=again).positions,
    )


@pytest.mark.parametrize("name", NAMES)
def test_each_block_evolves_as_it_would_alone(name):
    # The model's replications are the blocks: a replication's result must not depend
    # on the batch it runs in, given its own generator.
    blocks = networks()
    x = positions(2 * SIZE)
    room = make_room(blocks)
    batch = get_kernel(name)(x, room, rounds=4, rng=[11, 12]).positions
    for b, (network, seed) in enumerate(zip(blocks, (11, 12), strict=True)):
        part = slice(b * SIZE, (b + 1) * SIZE)
        alone = Room(
            Forum(network),
            active=room.active[part],
            resources=room.resources[part],
            susceptibility=room.susceptibility[part],
            confidence=room.confidence[part],
            anchor=room.anchor[part],
            mu=room.mu,
        )
        single = get_kernel(name)(x[part], alone, rounds=4, rng=[seed]).positions
        np.testing.assert_array_equal(batch[part], single)


@pytest.mark.parametrize("tail", [(), (2,)])
@pytest.mark.parametrize("seed", range(3))
@pytest.mark.parametrize("name", NAMES)
def test_converged_only_at_a_fixed_point(name, seed, tail):
    x = positions(2 * SIZE, tail, seed=seed)
    room = anchored_like(make_room(networks(), seed=seed), x)
    kernel = get_kernel(name)
    runs = [kernel(x, room, rounds=r, rng=seed, tol=TOL) for r in (None, 0, 1, 3, 40)]
    assert not runs[1].converged  # zero rounds never converge
    assert runs[0].converged, "rounds=None should reach a fixed point on this room"
    for out in runs:
        if not out.converged:
            continue
        for extra in range(4):
            after = kernel(out.positions, room, rounds=1, rng=100 + extra, tol=TOL)
            X = out.positions.reshape(len(x), -1)
            assert _largest_move(after.positions.reshape(X.shape), X) <= TOL


@pytest.mark.parametrize("name", NAMES)
def test_a_kernel_reads_only_the_room_fields_it_declares(name):
    x = positions(2 * SIZE)
    room = make_room(networks(), seed=3)
    other = make_room(networks()[::-1], seed=4)
    kernel = get_kernel(name)
    expected = kernel(x, room, rounds=4, rng=5).positions
    for field in fields(Room):
        if field.name in KERNEL_INFO[name].reads:
            continue
        changed = replace(room, **{field.name: getattr(other, field.name)})
        np.testing.assert_array_equal(kernel(x, changed, rounds=4, rng=5).positions, expected)


# --------------------------------------------------------------------------- registry


def test_kernels_lists_the_built_ins_in_the_spec_order():
    assert KERNELS == ("friedkin_johnsen", "degroot", "hegselmann_krause", "deffuant", "none")
    assert SPEC_KERNELS is KERNELS  # the spec layer takes its choices from the registry


def test_unknown_kernels_and_double_registration_are_refused():
    with pytest.raises(GovsimError, match="unknown deliberation kernel 'voter'"):
        get_kernel("voter")
    with pytest.raises(RuntimeError, match="registered twice"):
        register_kernel("degroot", source="x", reads=())(KERNEL_INFO["degroot"].func)
    with pytest.raises(RuntimeError, match="not a field of Room"):
        register_kernel("voter", source="x", reads=("opinions",))
