"""Functions with a planted region, swept by the scenario-discovery tests.

Each returns ``y`` = 1 inside the region and 0 outside, with a share ``NOISE`` of the
labels flipped at random (from the run's seed), and ``flat``, a value with no
structure at all.
"""

from __future__ import annotations

import numpy as np

NOISE = 0.05
#: The planted box of ``box``: 0.2 <= x1 <= 0.6 and x2 >= 0.5 (x3 does not matter).
BOX = {"x1": (0.2, 0.6), "x2": (0.5, 1.0)}


def _noisy(inside: bool, seed: int) -> dict:
    rng = np.random.default_rng(seed)
    flip = rng.random() < NOISE
    return {"y": float(inside != flip), "flat": float(rng.random())}


def box(params: dict, seed: int) -> dict:
    """``y`` is 1 inside :data:`BOX`."""
    inside = all(low <= params[k] <= high for k, (low, high) in BOX.items())
    return _noisy(inside, seed + int(params["x3"] * 2**40))


def kernel(params: dict, seed: int) -> dict:
    """``y`` is 1 when the kernel is "degroot" and x1 > 0.5 (x2 does not matter)."""
    inside = params["kernel"] == "degroot" and params["x1"] > 0.5
    return _noisy(inside, seed + int(params["x2"] * 2**40))
