"""Tiny sweeps that every figure test draws from (made once per test session)."""

from __future__ import annotations

import matplotlib
import pytest
from matplotlib import pyplot as plt

import govsim
from govsim.figures.compare import COMPARISON_METRICS
from govsim.sweeps import experiment_from_dict

matplotlib.use("Agg")

METRICS = [*COMPARISON_METRICS, "engagement"]


def _sweep(tmp_path_factory: pytest.TempPathFactory, name: str, data: dict) -> str:
    out = tmp_path_factory.mktemp(name)
    experiment = experiment_from_dict(data, name=name)
    govsim.sweep(experiment, out, backend_name="serial", progress=False)
    return str(out)


@pytest.fixture(scope="session")
def factorial_sweep(tmp_path_factory: pytest.TempPathFactory) -> str:
    """Three designs over a 2 x 2 factorial, 3 replications, with issue trajectories."""
    return _sweep(
        tmp_path_factory,
        "factorial",
        {
            "experiment": {
                "designs": ["gnso-council", "gnso-council-2003", "ietf-wg"],
                "scenario": "gnso",
                "steps": 12,
                "replications": 3,
                "seed": 5,
                "metrics": METRICS,
                "trajectories": True,
            },
            "factors": {
                "deliberation.segregation": [0.0, 1.0],
                "scenario.polarisation": [0.0, 0.6],
            },
        },
    )


@pytest.fixture(scope="session")
def sobol_sweep(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A Sobol sweep of one design over two factors (N = 8)."""
    return _sweep(
        tmp_path_factory,
        "sobol",
        {
            "experiment": {
                "designs": ["netmundial"],
                "steps": 8,
                "replications": 1,
                "seed": 3,
                "metrics": ["pass_rate", "welfare"],
            },
            "factors": {
                "deliberation.segregation": {"range": [0.0, 1.0]},
                "scenario.polarisation": {"range": [0.0, 0.8]},
            },
            "sampler": {"method": "sobol", "samples": 8},
        },
    )


@pytest.fixture(autouse=True)
def _close_figures():
    """Each test's figures are closed after it, so hundreds of tests do not pile them up."""
    yield
    plt.close("all")
