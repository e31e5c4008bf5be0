"""Functions swept in the tests, importable by worker processes.

``ishigami`` is the Ishigami–Homma test function through SALib's implementation
(a = 7, b = 0.1); ``flaky`` fails at chosen points while a flag file exists, to test
failure isolation and ``--retry-failed``.
"""

from __future__ import annotations

import multiprocessing
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


def shifty(params: dict, seed: int) -> dict:
    """Returns whatever the test asks for through ``params["case"]``."""
    case = params["case"]
    if case == "int":
        return {"y": 0}
    if case == "float":
        return {"y": 0.5}
    if case == "text":
        return {"y": "high"}
    if case == "extra":
        return {"y": 1.0, "z": 2.0}
    if case == "reserved":
        return {"y": 1.0, "run_id": 7}
    return {"y": [1, 2]}


def die(params: dict, seed: int) -> dict:
    """Kills the worker process running it, as the out-of-memory killer would (the
    sweep's own probe, in the main process, survives)."""
    if multiprocessing.parent_process() is not None:
        os.kill(os.getpid(), 9)
    return noisy(params, seed)
