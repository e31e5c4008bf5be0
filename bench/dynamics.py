"""Timings of the deliberation network and kernels quoted in docs/dynamics.md.

For n = 12,800 and 1,000,000 stakeholders in 5 blocks (degree 12, s = 0.5, 70% of
them taking part): drawing the network, rebuilding the influence matrix for a new set
of participants, and one round of each kernel. Best of 3; prints, asserts nothing.

Usage::

    python bench/dynamics.py
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable

# One core: the numbers are per core.
for variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(variable, "1")

import numpy as np  # noqa: E402

from govsim.dynamics import (  # noqa: E402
    InfluenceNetwork,
    block_model,
    deffuant,
    friedkin_johnsen,
    hegselmann_krause,
)


def best(call: Callable[[], object], repeats: int = 3) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        call()
        times.append(time.perf_counter() - start)
    return min(times)


def measure(n: int) -> list[float]:
    """Seconds for the network, a W rebuild and one round of each kernel at size n."""
    rng = np.random.default_rng(0)
    blocks = np.arange(n) % 5
    adjacency = block_model(blocks, 0.5, 12, seed=1)
    network = InfluenceNetwork(adjacency)
    active = rng.random(n) < 0.7
    resources = rng.lognormal(size=n)
    x = rng.random(n)
    W = network.weights(resources, active)
    talk = {"adjacency": adjacency, "active": active, "rounds": 1}
    return [
        best(lambda: block_model(blocks, 0.5, 12, seed=1)),
        best(lambda: network.weights(resources, active)),
        best(lambda: friedkin_johnsen(x, W, 0.5, rounds=1)),
        best(lambda: hegselmann_krause(x, 0.2, weights=resources, **talk)),
        best(lambda: deffuant(x, 0.2, 0.5, seed=2, **talk)),
    ]


def main() -> None:
    columns = ("block_model", "W rebuild", "FJ round", "HK round", "Deffuant round")
    print(f"{'n':>10} " + " ".join(f"{c:>15}" for c in columns))
    for n in (12_800, 1_000_000):
        print(f"{n:>10,} " + " ".join(f"{t * 1e3:>12.1f} ms" for t in measure(n)))


if __name__ == "__main__":
    main()
