"""Functions swept in the tests, importable by worker processes.

``ishigami`` is the Ishigami–Homma test function through SALib's implementation
(a = 7, b = 0.1); ``flaky`` fails at chosen points while a flag file exists, to test
failure isolation and ``--retry-failed``.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import numpy as np
from SALib.test_functions import Ishigami


def ishigami(params: dict, seed: int) -> dict:
    x = np.array([[params["x1"], params["x2"], params["x3"]]])
    return {"y": float(Ishigami.evaluate(x)[0])}


def noisy(params: dict, seed: int) -> dict:
    """A linear response plus seeded noise: depends on both params and seed."""
    rng = np.random.default_rng(seed)
    return {"y": 2.0 * params["a"] - params["b"] + rng.normal(), "n": int(seed % 7)}


def flaky(params: dict, seed: int) -> dict:
    flag = os.environ.get("GOVSIM_TEST_FLAG")
    if flag and Path(flag).exists() and params["a"] > 0.5:
        raise RuntimeError(f"failing on purpose at a = {params['a']}")
    return noisy(params, seed)


def slow(params: dict, seed: int) -> dict:
    """``noisy``, taking 10 ms: slow enough to kill a sweep half way."""
    time.sleep(0.01)
    return noisy(params, seed)
