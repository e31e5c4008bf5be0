"""Outcome metrics against closed forms, published results and brute-force oracles."""

from __future__ import annotations

import math
import warnings

import numpy as np
import pytest
from scipy.optimize import minimize

from govsim.errors import GovsimError
from govsim.metrics import (
    ALPHA_MAX,
    capture,
    closest_sector,
    esteban_ray,
    esteban_ray_groups,
    geometric_median,
    gini,
    input_legitimacy,
    loss_gini,
    n_clusters,
    opinion_clusters,
    sector_welfare,
    total_variation,
    utilities,
    welfare,
)

# --- oracles: slow and obviously correct -----------------------------------------------


def gini_brute(values: np.ndarray) -> float:
    """The definition: sum_i sum_j |v_i - v_j| / (2 n^2 mean), by an O(n^2) double sum."""
    v = np.asarray(values, float)
    n, mean = len(v), v.mean()
    if mean == 0:
        return 0.0
    return float(np.abs(v[:, None] - v[None, :]).sum() / (2 * n**2 * mean))


def clusters_brute(points: np.ndarray, radius: float) -> np.ndarray:
    """Union-find over every pair at distance <= radius; returns a root per point."""
    x = np.asarray(points, float).reshape(len(points), -1)
    parent = list(range(len(x)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i in range(len(x)):
        for j in range(i + 1, len(x)):
            if math.dist(x[i], x[j]) <= radius:
                parent[find(i)] = find(j)
    return np.array([find(i) for i in range(len(x))])


def same_partition(a: np.ndarray, b: np.ndarray) -> bool:
    """Whether two labellings split the points the same way, whatever the label names."""
    pairs = set(zip(a.tolist(), b.tolist(), strict=True))
    return len(pairs) == len(set(a.tolist())) == len(set(b.tolist()))


def esteban_ray_brute(shares, centres, alpha: float) -> float:
    """Esteban & Ray (1994), K = 1: a double loop over groups."""
    pi = np.asarray(shares, float) / np.sum(shares)
    y = np.asarray(centres, float).reshape(len(pi), -1)
    return sum(
        pi[i] ** (1 + alpha) * pi[j] * math.dist(y[i], y[j])
        for i in range(len(pi))
        for j in range(len(pi))
    )


def distance_sum(points: np.ndarray, y, weights=None) -> float:
    """The geometric-median objective sum_i w_i ||x_i - y||."""
    x = np.asarray(points, float).reshape(len(points), -1)
    w = np.ones(len(x)) if weights is None else np.asarray(weights, float)
    return float(w @ np.linalg.norm(x - np.asarray(y, float).reshape(1, -1), axis=1))


# --- utilities and welfare ---------------------------------------------------------------


def test_utilities_are_negative_euclidean_distances():
    ideals = np.array([[0.0, 0.0], [0.3, 0.4], [1.0, 1.0]])
    assert np.allclose(utilities(ideals, [0.0, 0.0]), [0.0, -0.5, -math.sqrt(2)])
    assert np.allclose(utilities([0.2, 0.9], 0.5), [-0.3, -0.4])
    assert np.allclose(utilities([[0.2], [0.9]], [0.5]), [-0.3, -0.4])


def test_welfare_is_the_mean_utility_and_sector_welfare_its_sector_means():
    rng = np.random.default_rng(1)
    ideals, q = rng.random((200, 2)), rng.random(2)
    sectors = rng.integers(0, 4, 200)
    sectors[sectors == 2] = 3  # sector 2 is empty
    u = -np.linalg.norm(ideals - q, axis=1)
    assert welfare(ideals, q) == pytest.approx(u.mean(), abs=1e-15)
    by_sector = sector_welfare(ideals, q, sectors, 5)
    for s in (0, 1, 3):
        assert by_sector[s] == pytest.approx(u[sectors == s].mean(), abs=1e-14)
    assert np.isnan(by_sector[[2, 4]]).all()
    assert np.nanmin(by_sector) == pytest.approx(min(u[sectors == s].mean() for s in (0, 1, 3)))


def test_welfare_is_maximised_at_the_geometric_median():
    rng = np.random.default_rng(2)
    ideals = rng.random((101, 2))
    best = welfare(ideals, geometric_median(ideals))
    for q in rng.random((200, 2)):
        assert welfare(ideals, q) <= best + 1e-15


# --- Gini ----------------------------------------------------------------------------------


@pytest.mark.parametrize("n", [1, 2, 3, 10, 1000, 100_001])
def test_gini_of_one_to_n(n):
    # sum_i sum_j |i - j| = (n^3 - n) / 3 and mean = (n + 1) / 2, so G = (n - 1) / (3n).
    assert gini(np.arange(1, n + 1)) == pytest.approx((n - 1) / (3 * n), abs=1e-12)


@pytest.mark.parametrize("n", [1, 2, 5, 1000])
def test_gini_when_one_holds_everything(n):
    values = np.zeros(n)
    values[n // 2] = 7.0
    assert gini(values) == pytest.approx((n - 1) / n, abs=1e-15)


@pytest.mark.parametrize("values", [[0.0], [3.0], [2, 2, 2], [0, 0, 0, 0]])
def test_gini_of_equal_values_is_zero(values):
    assert gini(values) == 0.0


def test_gini_of_exponential_and_uniform_samples():
    # Population values: exponential 1/2 and uniform on (0, 1) 1/3 (G = E|X - Y| / 2E[X]);
    # a sample of 10^6 is within a few 10^-4 of them.
    rng = np.random.default_rng(3)
    assert gini(rng.exponential(2.0, 1_000_000)) == pytest.approx(0.5, abs=3e-3)
    assert gini(rng.random(1_000_000)) == pytest.approx(1 / 3, abs=3e-3)


def test_gini_against_the_double_sum():
    rng = np.random.default_rng(4)
    for trial in range(200):
        n = int(rng.integers(1, 60))
        values = rng.random(n) * 10.0 ** rng.integers(-3, 4)
        if trial % 3 == 0:
            values = rng.integers(0, 4, n).astype(float)  # ties and zeros
        assert gini(values) == pytest.approx(gini_brute(values), abs=1e-12)


def test_gini_is_scale_and_order_invariant():
    rng = np.random.default_rng(5)
    values = rng.random(500)
    assert gini(values * 37.5) == pytest.approx(gini(values), abs=1e-14)
    assert gini(rng.permutation(values)) == pytest.approx(gini(values), abs=1e-14)


def test_loss_gini_is_the_gini_of_distances():
    rng = np.random.default_rng(6)
    ideals, q = rng.random((300, 3)), rng.random(3)
    assert loss_gini(ideals, q) == pytest.approx(
        gini_brute(np.linalg.norm(ideals - q, axis=1)), abs=1e-12
    )
    assert loss_gini([0.25, 0.75], 0.5) == 0.0  # everyone equally far from q
    assert loss_gini([0.4, 0.4], 0.4) == 0.0  # q is everyone's ideal


# --- geometric median --------------------------------------------------------------------


@pytest.mark.parametrize("n", [1, 2, 3, 4, 51, 1000])
def test_one_dimensional_median(n):
    x = np.random.default_rng(n).random(n)
    assert geometric_median(x) == np.median(x)
    assert geometric_median(x[:, None]).tolist() == [np.median(x)]


def test_weighted_one_dimensional_median_is_the_midpoint_of_the_median_interval():
    assert geometric_median([0.0, 1.0, 2.0], weights=[1, 1, 2]) == 1.5  # half at 1.0
    assert geometric_median([0.0, 1.0, 2.0], weights=[1, 1, 3]) == 2.0
    assert geometric_median([0.0, 0.5, 2.0], weights=[2, 0, 2]) == 1.0  # 0.5 weighs nothing
    rng = np.random.default_rng(7)
    for _ in range(100):
        x, w = rng.random(25), rng.integers(1, 5, 25)
        m = geometric_median(x, weights=w)
        # Weighted median = median of the data with each point repeated w_i times.
        assert m == pytest.approx(np.median(np.repeat(x, w)), abs=1e-15)
        best = min(distance_sum(x, v, w) for v in x)
        assert distance_sum(x, m, w) == pytest.approx(best, abs=1e-12)


def test_equilateral_triangle_gives_its_centroid():
    triangle = np.array([[0.0, 0.0], [1.0, 0.0], [0.5, math.sqrt(3) / 2]])
    assert np.allclose(geometric_median(triangle), triangle.mean(axis=0), atol=1e-12)


@pytest.mark.parametrize("angle", [120.0, 135.0, 150.0, 179.0])
def test_triangle_with_a_wide_angle_has_its_median_at_that_vertex(angle):
    # Fermat–Torricelli: if one angle is at least 120°, the vertex itself is the point
    # minimising the sum of distances (Kuhn 1973).
    theta = math.radians(angle)
    triangle = np.array([[0.2, 0.3], [0.2 + 0.6, 0.3], [0.2 + 0.4 * math.cos(theta), 0.3]])
    triangle[2, 1] += 0.4 * math.sin(theta)
    assert geometric_median(triangle).tolist() == triangle[0].tolist()


def test_acute_triangle_median_sees_each_side_at_120_degrees():
    # The Fermat point of a triangle with all angles below 120°: the three vertices are
    # seen from it at 120° from one another.
    triangle = np.array([[0.1, 0.1], [0.9, 0.2], [0.4, 0.8]])
    f = geometric_median(triangle)
    unit = (triangle - f) / np.linalg.norm(triangle - f, axis=1, keepdims=True)
    for i, j in [(0, 1), (1, 2), (0, 2)]:
        assert math.degrees(math.acos(unit[i] @ unit[j])) == pytest.approx(120.0, abs=1e-6)


def test_median_at_a_heavy_data_point():
    # Vardi & Zhang (2000): a data point is the median when its weight is at least the
    # norm of the unit pulls of the others; here 3 >= |pull| of four orthogonal points.
    points = np.array([[0.5, 0.5]] * 3 + [[0.9, 0.5], [0.5, 0.9], [0.1, 0.5], [0.6, 0.1]])
    assert geometric_median(points).tolist() == [0.5, 0.5]
    assert geometric_median(points[2:], weights=[3, 1, 1, 1, 1]).tolist() == [0.5, 0.5]


def test_collinear_points_give_the_median_along_the_line():
    t = np.array([0.05, 0.1, 0.4, 0.7, 0.8])
    points = np.column_stack([t, 0.2 + 0.5 * t])
    assert np.allclose(geometric_median(points), points[2], atol=1e-12)


@pytest.mark.parametrize(("d", "seed"), [(2, 0), (2, 1), (2, 2), (3, 3), (3, 4), (5, 5)])
def test_geometric_median_against_scipy_minimize(d, seed):
    rng = np.random.default_rng(seed)
    points = rng.random((int(rng.integers(4, 80)), d))
    weights = rng.random(len(points)) if seed % 2 else None
    ours = geometric_median(points, weights=weights)
    theirs = minimize(
        lambda y: distance_sum(points, y, weights),
        points.mean(axis=0),
        method="Nelder-Mead",
        options={"xatol": 1e-12, "fatol": 1e-14, "maxiter": 100_000, "maxfev": 100_000},
    )
    assert distance_sum(points, ours, weights) <= theirs.fun + 1e-9
    assert np.allclose(ours, theirs.x, atol=1e-5)


def test_geometric_median_of_two_tight_clumps():
    # Nearly flat between the clumps: plain Weiszfeld needs > 10^4 iterations here.
    rng = np.random.default_rng(17)
    points = np.concatenate([rng.normal(0.2, 1e-3, (500, 2)), rng.normal(0.8, 1e-3, (501, 2))])
    ours = geometric_median(points)
    theirs = minimize(
        lambda y: distance_sum(points, y),
        ours,
        method="Nelder-Mead",
        options={"xatol": 1e-13, "fatol": 1e-14, "maxiter": 100_000},
    )
    assert distance_sum(points, ours) <= theirs.fun + 1e-9
    assert np.linalg.norm(ours - 0.8) < np.linalg.norm(ours - 0.2)  # toward the heavier clump


def test_geometric_median_is_equivariant_and_weights_act_as_multiplicities():
    rng = np.random.default_rng(8)
    points = rng.random((40, 2))
    rotation = np.array([[0.6, -0.8], [0.8, 0.6]])
    moved = points @ rotation.T + [0.3, -0.1]
    assert np.allclose(
        geometric_median(moved), geometric_median(points) @ rotation.T + [0.3, -0.1], atol=1e-9
    )
    counts = rng.integers(1, 4, 40)
    assert np.allclose(
        geometric_median(points, weights=counts),
        geometric_median(np.repeat(points, counts, axis=0)),
        atol=1e-9,
    )


def test_geometric_median_warns_when_it_stops_early():
    points = np.random.default_rng(9).random((30, 2))
    with pytest.warns(RuntimeWarning, match="did not converge"):
        geometric_median(points, max_iter=1)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # converging normally warns of nothing
        assert np.isfinite(geometric_median(points)).all()


# --- capture ----------------------------------------------------------------------------


@pytest.fixture
def sectors_2d():
    """Three sectors in the plane, plus an empty sector 3."""
    rng = np.random.default_rng(10)
    ideals = np.concatenate(
        [rng.random((10, 2)) * 0.2, 0.8 + rng.random((20, 2)) * 0.2, rng.random((5, 2))]
    )
    return ideals, np.repeat([0, 1, 2], [10, 20, 5])


def test_capture_is_one_at_the_sectors_mean_and_minus_one_at_the_overall_mean(sectors_2d):
    ideals, sectors = sectors_2d
    for s in range(3):
        assert capture(ideals, sectors, 4, ideals[sectors == s].mean(axis=0))[s] == pytest.approx(
            1.0, abs=1e-12
        )
    # The reference formula at q = overall mean: (0 - ||mean_all - mean_S||) / same = -1.
    at_mean = capture(ideals, sectors, 4, ideals.mean(axis=0))
    assert np.allclose(at_mean[:3], -1.0, atol=1e-12)
    assert np.isnan(at_mean[3])


def test_capture_is_zero_midway_and_positive_nearer_the_sector(sectors_2d):
    ideals, sectors = sectors_2d
    overall, mean_0 = ideals.mean(axis=0), ideals[sectors == 0].mean(axis=0)
    assert capture(ideals, sectors, 4, (overall + mean_0) / 2)[0] == pytest.approx(0, abs=1e-12)
    assert capture(ideals, sectors, 4, overall + 0.75 * (mean_0 - overall))[0] == pytest.approx(
        0.5, abs=1e-12
    )
    assert capture(ideals, sectors, 4, overall + 0.25 * (mean_0 - overall))[0] == pytest.approx(
        -0.5, abs=1e-12
    )


def test_capture_is_bounded_and_matches_the_formula(sectors_2d):
    ideals, sectors = sectors_2d
    overall = ideals.mean(axis=0)
    for q in np.random.default_rng(11).random((50, 2)):
        values = capture(ideals, sectors, 4, q)
        for s in range(3):
            mean_s = ideals[sectors == s].mean(axis=0)
            expected = (np.linalg.norm(q - overall) - np.linalg.norm(q - mean_s)) / np.linalg.norm(
                overall - mean_s
            )
            assert values[s] == pytest.approx(expected, abs=1e-12)
        assert (np.abs(values[:3]) <= 1 + 1e-12).all()


def test_capture_is_nan_when_a_sectors_mean_is_the_overall_mean():
    values = capture([0.0, 1.0, 0.5, 0.5], [0, 0, 1, 1], 2, 0.2)
    assert np.isnan(values).all()  # both sector means are 0.5, the overall mean


def test_closest_sector(sectors_2d):
    ideals, sectors = sectors_2d
    assert closest_sector(ideals, sectors, 4, [0.05, 0.05]) == 0
    assert closest_sector(ideals, sectors, 4, [0.95, 0.9]) == 1
    assert closest_sector([0.0, 1.0], [0, 1], 2, 0.5) == 0  # a tie goes to the lowest code


# --- total variation and input legitimacy -------------------------------------------------


def test_input_legitimacy_worked_values():
    assert input_legitimacy([2, 2, 2, 2, 2], [30, 30, 30, 30, 30]) == pytest.approx(1.0)
    # All weight in one of five equal sectors: TV = (0.8 + 4 * 0.2) / 2 = 0.8.
    assert input_legitimacy([1, 0, 0, 0, 0], [1, 1, 1, 1, 1]) == pytest.approx(0.2, abs=1e-15)
    # GNSO-like: a 7-seat house and a 13-seat house for sectors of 50 and 950 members.
    assert input_legitimacy([7, 13], [50, 950]) == pytest.approx(1 - (0.35 - 0.05), abs=1e-15)


def test_total_variation_properties():
    rng = np.random.default_rng(12)
    assert total_variation([1, 0, 0], [0, 0.5, 0.5]) == 1.0
    for _ in range(50):
        p, r = rng.random(6), rng.random(6)
        tv = total_variation(p, r)
        assert tv == pytest.approx(total_variation(r, p), abs=1e-15)
        assert tv == pytest.approx(0.5 * np.abs(p / p.sum() - r / r.sum()).sum(), abs=1e-15)
        # The equivalent form max over events A of P(A) - R(A) (Levin, Peres & Wilmer §4.1).
        a = p / p.sum() > r / r.sum()
        assert tv == pytest.approx((p / p.sum() - r / r.sum())[a].sum(), abs=1e-15)
        assert total_variation(3 * p, r) == pytest.approx(tv, abs=1e-15)


# --- opinion clusters ------------------------------------------------------------------------


def test_clusters_in_one_dimension_split_at_gaps():
    x = [0.30, 0.10, 0.305, 0.12, 0.31, 0.60]
    assert opinion_clusters(x, radius=0.01).tolist() == [2, 0, 2, 1, 2, 3]
    assert opinion_clusters(x, radius=0.02).tolist() == [1, 0, 1, 0, 1, 2]
    assert opinion_clusters([0.2, 0.2, 0.2000001], radius=0).tolist() == [0, 0, 1]
    assert n_clusters(x, radius=0.02) == 3
    assert n_clusters(x, radius=0.02, min_share=0.3) == 2
    assert n_clusters(x, radius=1) == 1


@pytest.mark.parametrize("d", [1, 2, 3])
def test_clusters_against_union_find(d):
    rng = np.random.default_rng(20 + d)
    for trial in range(60):
        n = int(rng.integers(1, 150))
        radius = float(rng.choice([0.0, 0.01, 0.05, 0.1, 0.3]))
        points = rng.random((n, d))
        if trial % 2:
            # Converged dynamics: agents piled on a few points, some exactly equal.
            centres = rng.random((int(rng.integers(1, 6)), d))
            points = centres[rng.integers(0, len(centres), n)]
            points = points + rng.normal(0, 0.004, (n, d)) * (trial % 4 == 1)
        labels = opinion_clusters(points, radius)
        assert same_partition(labels, clusters_brute(points, radius))
        assert labels.min() == 0 and set(labels.tolist()) == set(range(labels.max() + 1))


def test_cluster_labels_follow_the_smallest_member():
    points = np.array([[0.9, 0.9], [0.1, 0.5], [0.1, 0.2], [0.905, 0.9]])
    assert opinion_clusters(points).tolist() == [2, 1, 0, 2]


def test_clusters_of_a_large_converged_population_stay_cheap():
    # 200,000 agents on two points in the plane: listing close pairs would need 2 * 10^10.
    rng = np.random.default_rng(13)
    points = np.repeat([[0.2, 0.3], [0.7, 0.7]], 100_000, axis=0)
    points = points + rng.normal(0, 1e-4, points.shape)
    assert n_clusters(points) == 2
    assert esteban_ray(points, alpha=1) == pytest.approx(0.25 * math.dist([0.2, 0.3], [0.7, 0.7]))


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


# --- bad input --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: gini([1.0, -0.5]), "values must be non-negative"),
        (lambda: gini([]), "values must have at least one entry"),
        (lambda: gini([[1.0, 2.0]]), "values must be one-dimensional"),
        (lambda: gini([1.0, np.nan]), "values must be finite"),
        (lambda: gini(["a"]), "values must be an array of real numbers"),
        (lambda: utilities([[0.1, 0.2]], 0.5), r"q must be one point of dimension 2"),
        (lambda: utilities([[0.1, 0.2]], [0.5, 0.5, 0.5]), r"q must be one point"),
        (lambda: utilities(np.zeros((2, 2, 2)), [0, 0]), r"ideals must have shape \(n,\)"),
        (lambda: utilities([], 0.5), r"ideals must have shape"),
        (lambda: welfare([0.1, np.inf], 0.5), "ideals must be finite"),
        (lambda: sector_welfare([0.1, 0.2], 0.5, [0], 2), r"sectors must have shape \(2,\)"),
        (lambda: sector_welfare([0.1, 0.2], 0.5, [0, 2], 2), r"sectors must be codes in \[0, 1\]"),
        (lambda: sector_welfare([0.1, 0.2], 0.5, [0.0, 1.0], 2), "sectors must be integer"),
        (lambda: sector_welfare([0.1, 0.2], 0.5, [0, 1], 0), "n_sectors must be a positive"),
        (lambda: capture([0.1, 0.2], [0, -1], 2, 0.5), "sectors must be codes"),
        (lambda: closest_sector([0.1, 0.2], [0, 1], 2.0, 0.5), "n_sectors must be"),
        (lambda: geometric_median([0.1, 0.2], weights=[1.0]), "weights must have length 2"),
        (lambda: geometric_median([0.1, 0.2], weights=[1, -1]), "weights must be non-negative"),
        (lambda: geometric_median([0.1, 0.2], weights=[0, 0]), "weights must have a positive"),
        (lambda: geometric_median([0.1, 0.2], max_iter=0), "max_iter must be a positive"),
        (lambda: geometric_median([0.1, 0.2], tol=-1), "tol must be a non-negative"),
        (lambda: total_variation([1, 2], [1, 2, 3]), "r must have length 2"),
        (lambda: total_variation([0, 0], [1, 2]), "p must have a positive sum"),
        (lambda: input_legitimacy([1, -1], [1, 1]), "decision_weight_by_sector must be non-neg"),
        (lambda: input_legitimacy([1, 1], [1]), "population_by_sector must have length 2"),
        (lambda: opinion_clusters([0.1, 0.2], radius=-0.1), "radius must be a non-negative"),
        (lambda: opinion_clusters([0.1, 0.2], radius=np.inf), "radius must be a non-negative"),
        (lambda: n_clusters([0.1, 0.2], min_share=1.5), r"min_share must be a number in \[0, 1\]"),
        (lambda: esteban_ray([0.1, 0.2], alpha=1.7), r"alpha must be a number in \[0, 1.6\]"),
        (lambda: esteban_ray([0.1, 0.2], alpha=-0.1), "alpha must be a number"),
        (lambda: esteban_ray_groups([0.5, 0.5], [0.0], 1.0), "centres must have one row"),
        (lambda: esteban_ray_groups([0.5, -0.5], [0.0, 1.0], 1.0), "shares must be non-neg"),
        (lambda: esteban_ray_groups([1.0], [0.0], "1"), "alpha must be a number"),
    ],
)
def test_bad_input_names_the_argument(call, message):
    with pytest.raises(GovsimError, match=f"^{message}"):
        call()
