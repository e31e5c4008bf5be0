"""Tallies, and so every rule's outcome, do not depend on the batch a ballot is in."""

from __future__ import annotations

import math

import numpy as np
import pytest

from govsim.rules import RULES, Stance, get_rule, tally
from tests.rules.bodies import BODIES, Body, body

NAMES = sorted(RULES)

# Weights that binary floating point cannot hold exactly, so that a sum depends on the
# order of its terms; houses interleaved, so that seats are regrouped by house.
AWKWARD = [0.1, 0.3, 1 / 3, 0.7, 2 / 3, 0.2, 1.1, 0.6]
ODD_WEIGHTS = {
    # Three houses of 9, 8 and 7 seats, one of them non-voting.
    "three-houses": body([AWKWARD[i % 8] for i in range(23)] + [0.0], [i % 3 for i in range(24)]),
    # A deciding house of 10 and an advisory house of 150: long enough for numpy's
    # unrolled and blocked pairwise summation.
    "board-and-crowd": body([AWKWARD[i % 8] for i in range(160)], [0] * 5 + [1] * 150 + [0] * 5),
}
BATCH_SIZES = (2, 7, 64)
FIELDS = {
    Stance.SUPPORT: "support",
    Stance.OPPOSE: "oppose",
    Stance.ABSTAIN: "abstain",
    Stance.ABSENT: "absent",
}


def decide(name: str, seats: Body, profile: np.ndarray, addressed: np.ndarray):
    return get_rule(name)(profile, seats.weights, seats.houses, addressed=addressed)


def assert_identical(alone, batch, index) -> None:
    """Bit-for-bit equality (``==``, not a tolerance) of one ballot's decision."""
    assert bool(batch.passed[index]) == bool(alone.passed)
    assert (batch.fraction[index] == alone.fraction).all()
    for field in FIELDS.values():
        assert (getattr(batch.tally, field)[index] == getattr(alone.tally, field)).all()
    if alone.designation is not None:
        assert batch.designation[index] == alone.designation


@pytest.mark.parametrize("body_name", ODD_WEIGHTS)
@pytest.mark.parametrize("name", NAMES)
def test_a_ballot_decides_the_same_alone_and_in_any_batch(name, body_name):
    seats = ODD_WEIGHTS[body_name]
    rng = np.random.default_rng(5)
    pool = rng.integers(0, 4, size=(200, seats.n), dtype=np.int8)
    addressed = rng.random(pool.shape) < 0.5
    for i in range(12):
        alone = decide(name, seats, pool[i], addressed[i])
        for size in BATCH_SIZES:
            rows = rng.choice(np.arange(12, len(pool)), size=size)
            at = int(rng.integers(size))
            rows[at] = i
            batch = decide(name, seats, pool[rows], addressed[rows])
            assert_identical(alone, batch, at)
        # Two batch axes.
        rows = rng.choice(np.arange(12, len(pool)), size=(8, 8))
        rows[3, 5] = i
        grid = decide(name, seats, pool[rows], addressed[rows])
        assert_identical(alone, grid, (3, 5))


@pytest.mark.parametrize("seats", [*ODD_WEIGHTS.values(), *BODIES.values()])
def test_tally_alone_equals_tally_in_batches(seats):
    rng = np.random.default_rng(6)
    pool = rng.integers(0, 4, size=(300, seats.n), dtype=np.int8)
    whole = tally(pool, seats.weights, seats.houses)
    for i in range(0, len(pool), 7):
        alone = tally(pool[i], seats.weights, seats.houses)
        for field in FIELDS.values():
            assert (getattr(whole, field)[i] == getattr(alone, field)).all()
        assert (alone.seats == whole.seats).all()


@pytest.mark.parametrize("seats", [*ODD_WEIGHTS.values(), *BODIES.values()])
def test_a_unanimous_body_holds_exactly_its_seats(seats):
    for stance, field in FIELDS.items():
        t = tally(np.full((3, seats.n), stance, dtype=np.int8), seats.weights, seats.houses)
        assert (getattr(t, field) == t.seats).all()
        assert all((getattr(t, other) == 0).all() for other in FIELDS.values() if other != field)


def test_tally_is_within_rounding_of_the_exact_sums():
    seats = ODD_WEIGHTS["three-houses"]
    rng = np.random.default_rng(7)
    pool = rng.integers(0, 4, size=(50, seats.n), dtype=np.int8)
    t = tally(pool, seats.weights, seats.houses)
    assert t.support.shape == (50, 3) and t.seats.shape == (3,)
    for stance, field in FIELDS.items():
        for h in range(3):
            for ballot, total in zip(pool, getattr(t, field)[:, h], strict=True):
                chosen = (ballot == stance) & (seats.houses == h)
                assert total == pytest.approx(math.fsum(seats.weights[chosen]), rel=1e-14)


def test_empty_batches_and_empty_houses():
    seats = body([0.1, 0.3, 1 / 3], [0, 2, 2])  # house 1 holds no seat
    empty = tally(np.zeros((0, 4, 3), dtype=np.int8), seats.weights, seats.houses)
    assert empty.support.shape == (0, 4, 3)
    one = tally(np.array([1, 2, 1], dtype=np.int8), seats.weights, seats.houses)
    assert one.support.shape == (3,) and one.support[1] == 0 and one.seats[1] == 0
    assert one.support[2] == 1 / 3 and one.oppose[2] == 0.3


@pytest.mark.parametrize("weights", [[1] * 7 + [1] * 13 + [0], [3, 1, 4, 1, 5, 9, 2, 6, 5, 3]])
def test_whole_weights_give_exact_counts_in_any_batch(weights):
    """Whole weights take one matrix product per block; the counts must be exact."""
    n = len(weights)
    houses = np.array([(i * 7) % 3 for i in range(n)])
    w = np.array(weights, dtype=float)
    rng = np.random.default_rng(5)
    ballots = rng.integers(0, 4, size=(3, 50_000, n)).astype(np.int8)  # beyond one block
    t = tally(ballots, w, houses)
    for stance, name in FIELDS.items():
        expected = np.stack(
            [((ballots == stance) * w * (houses == h)).sum(-1) for h in range(3)], -1
        )
        np.testing.assert_array_equal(getattr(t, name), expected)
    assert t.seats.tolist() == [w[houses == h].sum() for h in range(3)]
    alone = tally(ballots[1, 123], w, houses)
    assert alone.support.tolist() == t.support[1, 123].tolist()
