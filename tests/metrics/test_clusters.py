"""Opinion clusters against union-find over all close pairs."""

from __future__ import annotations

import math

import numpy as np
import pytest

from govsim.errors import GovsimError
from govsim.metrics import esteban_ray, major_clusters, n_clusters, opinion_clusters
from tests.metrics.oracles import clusters_brute, normal_groups, same_partition

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


# --- major clusters ----------------------------------------------------------------------------


@pytest.mark.parametrize("n", [20, 1000])
def test_major_clusters_counts_well_separated_groups(n):
    for seed in range(20):
        assert major_clusters(normal_groups(n, [0.2, 0.8], 0.01, seed)) == 2
        assert major_clusters(normal_groups(2 * n, [0.5], 0.01, seed)) == 1
        assert major_clusters(normal_groups(n, [0.1, 0.5, 0.9], 0.01, seed)) == 3
        # In the plane, with stray stakeholders scattered over the square.
        groups = normal_groups(n, [[0.2, 0.3], [0.7, 0.7]], 0.01, seed)
        stray = np.random.default_rng(seed).random((n // 20, 2))
        assert major_clusters(np.concatenate([groups, stray])) == 2


@pytest.mark.parametrize("n", [100, 1000, 10_000])
def test_major_clusters_of_the_reviews_groups_once_they_are_dense(n):
    # Two groups of sd 0.05 at 0.2 and 0.8: n_clusters counts every stray member in the
    # tails as a cluster, major_clusters does not. (At 20 per group, gaps wider than the
    # radius split the groups; see the docstring.)
    positions = normal_groups(n, [0.2, 0.8], 0.05, n)
    assert n_clusters(positions) > 2
    assert major_clusters(positions) == 2
    assert major_clusters(normal_groups(2 * n, [0.5], 0.05, n)) == 1


def test_major_clusters_is_n_clusters_with_its_defaults():
    rng = np.random.default_rng(60)
    for _ in range(30):
        positions = rng.random((int(rng.integers(1, 300)), int(rng.integers(1, 3))))
        radius, share = float(rng.choice([0.01, 0.02, 0.05])), float(rng.uniform(0, 0.2))
        assert major_clusters(positions) == n_clusters(positions, 0.02, 0.05)
        assert major_clusters(positions, radius, share) == n_clusters(positions, radius, share)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: opinion_clusters([0.1, 0.2], radius=-0.1), "radius must be a non-negative"),
        (lambda: opinion_clusters([0.1, 0.2], radius=np.inf), "radius must be a non-negative"),
        (lambda: n_clusters([0.1, 0.2], min_share=1.5), r"min_share must be a number in \[0, 1\]"),
        (lambda: major_clusters([0.1, 0.2], min_share=-0.1), "min_share must be a number"),
        (lambda: major_clusters([0.1, 0.2], radius=-1), "radius must be a non-negative"),
    ],
)
def test_bad_input_names_the_argument(call, message):
    with pytest.raises(GovsimError, match=f"^{message}"):
        call()
