"""Esteban–Ray polarisation against closed forms, its axioms and a double loop."""

from __future__ import annotations

import math

import numpy as np
import pytest

from govsim.errors import GovsimError
from govsim.metrics import (
    ALPHA_MAX,
    esteban_ray,
    esteban_ray_grid,
    esteban_ray_groups,
    gini,
)
from tests.metrics.oracles import (
    clusters_brute,
    esteban_ray_brute,
    esteban_ray_grid_brute,
    normal_groups,
)

# Two points at distance D, half the population each: 2 (1/2)^(2 + alpha) D.
TWO_POINTS = 2 * 0.5 ** (2 + ALPHA_MAX) * 0.6

# --- Esteban–Ray polarisation ----------------------------------------------------------------


@pytest.mark.parametrize("alpha", [0.0, 0.5, 1.0, 1.6])
@pytest.mark.parametrize("distance", [1.0, 0.4])
def test_esteban_ray_two_equal_groups(alpha, distance):
    # P = pi_1^(1+a) pi_2 D + pi_2^(1+a) pi_1 D = 2 (1/2)^(2+a) D; at a = 1, D = 1: 0.25.
    expected = 2 * 0.5 ** (2 + alpha) * distance
    assert esteban_ray_groups([0.5, 0.5], [0.0, distance], alpha) == pytest.approx(expected)
    assert esteban_ray_groups([3, 3], [[0, 0], [0, distance]], alpha) == pytest.approx(expected)
    positions = [0.1] * 50 + [0.1 + distance] * 50
    assert esteban_ray(positions, alpha=alpha) == pytest.approx(expected)


def test_esteban_ray_at_alpha_zero_is_twice_mean_times_gini():
    # Esteban & Ray (1994): with alpha = 0 the measure reduces to the Gini mean difference.
    rng = np.random.default_rng(14)
    for _ in range(20):
        y = rng.random(int(rng.integers(2, 40)))
        expected = 2 * y.mean() * gini(y)
        assert esteban_ray_groups(np.ones(len(y)), y, 0.0) == pytest.approx(expected, abs=1e-12)


@pytest.mark.parametrize("alpha", [0.0, 0.8, 1.3, ALPHA_MAX])
def test_symmetric_bimodal_is_the_most_polarised(alpha):
    # Esteban & Ray (1994): a population split equally between the two ends of a
    # support is the polar case; no uniform spread or random set of groups on the same
    # support exceeds it.
    bimodal = esteban_ray_groups([0.5, 0.5], [0.0, 1.0], alpha)
    for k in range(3, 40):
        uniform = esteban_ray_groups(np.ones(k), np.linspace(0.0, 1.0, k), alpha)
        assert uniform < bimodal
    rng = np.random.default_rng(15)
    for _ in range(500):
        k = int(rng.integers(2, 8))
        assert esteban_ray_groups(rng.dirichlet(np.ones(k)), rng.random(k), alpha) <= bimodal


def test_esteban_ray_is_zero_for_one_cluster():
    assert esteban_ray([0.5] * 10) == 0.0
    assert esteban_ray(np.linspace(0.3, 0.4, 101)) == 0.0  # chained steps of 0.001
    assert esteban_ray_groups([1.0], [[0.2, 0.7]]) == 0.0


@pytest.mark.parametrize("d", [1, 2, 3])
def test_esteban_ray_against_the_double_loop(d):
    rng = np.random.default_rng(30 + d)
    for _ in range(30):
        k = int(rng.integers(1, 25))
        shares, centres, alpha = rng.random(k), rng.random((k, d)), rng.uniform(0, 1.6)
        assert esteban_ray_groups(shares, centres, alpha) == pytest.approx(
            esteban_ray_brute(shares, centres, alpha), abs=1e-12
        )
    # On positions: groups are the union-find clusters, shares their sizes, centres means.
    positions = np.concatenate([rng.random((6, d)) * 0.02 + c for c in rng.random((5, d))])
    roots = clusters_brute(positions, 0.01)
    groups = [roots == r for r in np.unique(roots)]
    expected = esteban_ray_brute(
        [g.sum() for g in groups], [positions[g].mean(axis=0) for g in groups], 1.2
    )
    assert esteban_ray(positions, alpha=1.2) == pytest.approx(expected, abs=1e-12)


def test_esteban_ray_scales_with_distance():
    rng = np.random.default_rng(16)
    shares, centres = rng.random(8), rng.random((8, 2))
    assert esteban_ray_groups(shares, 3 * centres, 1.0) == pytest.approx(
        3 * esteban_ray_groups(shares, centres, 1.0)
    )


# --- Esteban–Ray on a fixed grid -------------------------------------------------------------


@pytest.mark.parametrize("d", [1, 2, 3])
def test_esteban_ray_grid_against_a_dict_of_cells(d):
    rng = np.random.default_rng(40 + d)
    for trial in range(40):
        n, bins = int(rng.integers(1, 200)), int(rng.choice([1, 2, 5, 20, 37]))
        positions = rng.random((n, d))
        if trial % 4 == 0:
            positions[rng.random((n, d)) < 0.2] = 1.0  # the upper edge: the last cell
        if trial % 4 == 1:
            positions = np.round(positions * bins) / bins  # on cell edges
        alpha = float(rng.uniform(0, ALPHA_MAX))
        assert esteban_ray_grid(positions, alpha, bins) == pytest.approx(
            esteban_ray_grid_brute(positions, alpha, bins), abs=1e-12
        )


@pytest.mark.parametrize("d, bins", [(4, 2**15), (4, 2**16), (7, 1000)])
def test_esteban_ray_grid_with_more_cells_than_one_integer_key_holds(d, bins):
    # bins**d of 2**60 and beyond: at 2**64 and 10**21 the cells are grouped by rows.
    rng = np.random.default_rng(d)
    positions = rng.random((150, d))
    positions[::3] = positions[1::3]  # shared cells, so groups have several members
    assert esteban_ray_grid(positions, 1.0, bins) == pytest.approx(
        esteban_ray_grid_brute(positions, 1.0, bins), abs=1e-12
    )


def test_esteban_ray_grid_does_not_drift_with_the_number_of_stakeholders():
    # The review's example: groups at 0.2 and 0.8 of sd 0.05. The cluster-based index
    # moves tenfold from 20 to 1000 members per group; the grid index estimates one
    # population value.
    def grid(n, seed=0):
        return esteban_ray_grid(normal_groups(n, [0.2, 0.8], 0.05, seed))

    def clusters(n, seed=0):
        return esteban_ray(normal_groups(n, [0.2, 0.8], 0.05, seed))

    assert clusters(1000) > 5 * clusters(20)
    large = grid(100_000)
    for n in (1000, 10_000):
        assert grid(n) == pytest.approx(large, rel=0.03)
    # At 100 per group the shares are noisy, and since pi^(1 + alpha) is convex the
    # estimate is biased upward (about 7 %) and scattered (about 9 % sd) around it.
    small = [grid(100, seed) for seed in range(20)]
    assert np.mean(small) == pytest.approx(large, rel=0.15)
    assert all(abs(v / large - 1) < 0.35 for v in small)


@pytest.mark.parametrize("alpha", [0.5, 1.0, ALPHA_MAX])
def test_esteban_ray_grid_approaches_the_two_point_value_as_groups_tighten(alpha):
    # Groups centred in cells (0.225 in [0.2, 0.25), 0.825 in [0.8, 0.85)) fall into
    # one cell each as sd -> 0, and the mean positions make the limit exact.
    two_points = 2 * 0.5 ** (2 + alpha) * 0.6
    errors = [
        abs(esteban_ray_grid(normal_groups(1000, [0.225, 0.825], sd, 0), alpha) - two_points)
        for sd in (0.05, 0.02, 0.01, 0.003, 0.001)
    ]
    assert errors == sorted(errors, reverse=True)
    assert errors[-1] < 1e-3 * two_points


@pytest.mark.parametrize("alpha", [0.5, 1.0, ALPHA_MAX])
def test_esteban_ray_grid_splits_a_group_on_a_cell_edge(alpha):
    # A known limit of any fixed grid: 0.2 and 0.8 are cell edges at 20 bins, so tight
    # groups there count as two half-size groups each, and the index tends to
    # (1/2)^alpha of the two-point value (1/3 at alpha = 1.6), not to it.
    two_points = 2 * 0.5 ** (2 + alpha) * 0.6
    for eps in (1e-3, 1e-6):
        positions = [0.2 - eps, 0.2 + eps, 0.8 - eps, 0.8 + eps] * 50
        assert esteban_ray_grid(positions, alpha) == pytest.approx(
            0.5**alpha * two_points, rel=10 * eps
        )
    # Off the edge, in one cell each, the same groups give the two-point value.
    assert esteban_ray_grid([0.21, 0.21, 0.81, 0.81], alpha) == pytest.approx(two_points)


@pytest.mark.parametrize("n", [20, 100, 1000])
def test_one_group_scores_well_below_two_at_any_size(n):
    # One group of sd 0.05 at 0.5 against two at 0.2 and 0.8, the same 2n stakeholders.
    # At 20 bins each group spans about six cells, so the gap is a factor of about 2.5,
    # not the much larger one of tight groups: every one-group sample scores below every
    # two-group sample, and on average less than half.
    one = [esteban_ray_grid(normal_groups(2 * n, [0.5], 0.05, seed)) for seed in range(20)]
    two = [esteban_ray_grid(normal_groups(n, [0.2, 0.8], 0.05, seed)) for seed in range(20)]
    assert max(one) < min(two)
    assert np.mean(one) < 0.5 * np.mean(two)
    # A tight group inside one cell ([0.5, 0.55); 0.5 itself is an edge) scores 0.
    assert esteban_ray_grid(normal_groups(2 * n, [0.525], 0.001, 0)) == 0.0


def test_esteban_ray_grid_ignores_the_order_of_stakeholders():
    rng = np.random.default_rng(50)
    for d in (1, 2):
        positions = normal_groups(300, rng.random((3, d)), 0.05, 51)
        value = esteban_ray_grid(positions)
        for _ in range(5):
            shuffled = positions[rng.permutation(len(positions))]
            assert esteban_ray_grid(shuffled) == pytest.approx(value, rel=1e-12)


def test_esteban_ray_grid_in_the_plane():
    # Tight groups inside one cell each: the two-point value at their Euclidean distance.
    positions = normal_groups(500, [[0.225, 0.325], [0.825, 0.825]], 0.002, 52)
    distance = math.dist([0.225, 0.325], [0.825, 0.825])
    assert esteban_ray_grid(positions, alpha=1.0) == pytest.approx(2 * 0.5**3 * distance, rel=1e-2)
    # The corners of [0, 1]^2, including the upper edges, are four distinct cells.
    corners = [[0.0, 0.0], [1.0, 0.0], [0.0, 1.0], [1.0, 1.0]]
    assert esteban_ray_grid(corners, alpha=0.0) == pytest.approx(
        esteban_ray_groups(np.ones(4), corners, 0.0)
    )
    assert esteban_ray_grid(corners, bins=1) == 0.0  # one cell holds everything


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: esteban_ray([0.1, 0.2], alpha=1.7), r"alpha must be a number in \[0, 1.6\]"),
        (lambda: esteban_ray([0.1, 0.2], alpha=-0.1), "alpha must be a number"),
        (lambda: esteban_ray_groups([0.5, 0.5], [0.0], 1.0), "centres must have one row"),
        (lambda: esteban_ray_groups([0.5, -0.5], [0.0, 1.0], 1.0), "shares must be non-neg"),
        (lambda: esteban_ray_groups([1.0], [0.0], "1"), "alpha must be a number"),
        (lambda: esteban_ray_grid([0.1, 1.2]), r"positions must lie in \[0, 1\]"),
        (lambda: esteban_ray_grid([[0.1, -0.1]]), r"positions must lie in \[0, 1\]"),
        (lambda: esteban_ray_grid([0.1, 0.2], bins=0), "bins must be a positive integer"),
        (lambda: esteban_ray_grid([0.1, 0.2], bins=2.0), "bins must be a positive integer"),
        (lambda: esteban_ray_grid([0.1, 0.2], bins=True), "bins must be a positive integer"),
        (lambda: esteban_ray_grid([0.1, 0.2], alpha=2), "alpha must be a number"),
        (lambda: esteban_ray_grid([0.1, np.nan]), "positions must be finite"),
    ],
)
def test_bad_input_names_the_argument(call, message):
    with pytest.raises(GovsimError, match=f"^{message}"):
        call()
