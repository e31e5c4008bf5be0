"""Oracles for the metric tests, slow and obviously correct, and sample populations."""

from __future__ import annotations

import math

import numpy as np


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


def esteban_ray_grid_brute(positions, alpha: float, bins: int) -> float:
    """Grid Esteban–Ray by a dict of cells: cell k holds [k / bins, (k + 1) / bins)."""
    x = np.asarray(positions, float).reshape(len(positions), -1)
    cells: dict[tuple[int, ...], list[np.ndarray]] = {}
    for point in x:
        key = tuple(min(math.floor(v * bins), bins - 1) for v in point)  # 1.0: last cell
        cells.setdefault(key, []).append(point)
    members = list(cells.values())
    return esteban_ray_brute(
        [len(m) for m in members], [np.mean(m, axis=0) for m in members], alpha
    )


def normal_groups(n: int, centres, sd: float, seed: int) -> np.ndarray:
    """n positions per centre, normal with standard deviation sd, clipped to [0, 1]^d.

    Centres are scalars (d = 1, shape (k * n,)) or points (shape (k * n, d)).
    """
    rng = np.random.default_rng(seed)
    groups = [rng.normal(c, sd, (n, *np.shape(c))) for c in centres]
    return np.clip(np.concatenate(groups), 0.0, 1.0)
