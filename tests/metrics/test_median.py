"""The geometric median against closed forms, optimality conditions and scipy."""

from __future__ import annotations

import math
import warnings

import numpy as np
import pytest
from scipy.optimize import minimize

from govsim.errors import GovsimError
from govsim.metrics import coordinate_median, geometric_median, welfare
from tests.metrics.oracles import distance_sum


def test_welfare_is_maximised_at_the_geometric_median():
    rng = np.random.default_rng(2)
    ideals = rng.random((101, 2))
    best = welfare(ideals, geometric_median(ideals))
    for q in rng.random((200, 2)):
        assert welfare(ideals, q) <= best + 1e-15


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


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: geometric_median([0.1, 0.2], weights=[1.0]), "weights must have length 2"),
        (lambda: geometric_median([0.1, 0.2], weights=[1, -1]), "weights must be non-negative"),
        (lambda: geometric_median([0.1, 0.2], weights=[0, 0]), "weights must have a positive"),
        (lambda: geometric_median([0.1, 0.2], max_iter=0), "max_iter must be a positive"),
        (lambda: geometric_median([0.1, 0.2], tol=-1), "tol must be a non-negative"),
    ],
)
def test_bad_input_names_the_argument(call, message):
    with pytest.raises(GovsimError, match=f"^{message}"):
        call()


def test_coordinate_median_takes_each_axis_median():
    points = [[0.0, 0.9], [0.2, 0.1], [0.7, 0.5], [1.0, 0.3]]
    # Axis 1: 0, 0.2, 0.7, 1 -> midpoint of [0.2, 0.7]; axis 2: 0.1, 0.3, 0.5, 0.9 -> 0.4.
    assert coordinate_median(points).tolist() == pytest.approx([0.45, 0.4])
    # Weights 1, 1, 1, 4: the last point, (1.0, 0.3), holds more than half on each axis.
    assert coordinate_median(points, [1, 1, 1, 4]).tolist() == [1.0, 0.3]
    # Weights 1, 1, 2, 0: on axis 1 exactly half the weight lies at or below 0.2, so
    # the midpoint of [0.2, 0.7]; on axis 2 the point 0.5 (weight 2) straddles half.
    assert coordinate_median(points, [1, 1, 2, 0]).tolist() == pytest.approx([0.45, 0.5])
    # In one dimension it is the geometric median, weights included.
    x, w = [0.1, 0.5, 0.6, 0.95], [2, 1, 0, 1]
    assert coordinate_median(x, w) == geometric_median(x, w) == 0.3
