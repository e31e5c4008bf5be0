"""Sobol indices of the Ishigami function, computed through the whole sweep machinery
(experiment file, sampler, store, analysis), match the published values.

Ishigami & Homma (1990) with a = 7, b = 0.1; analytic indices as tabulated by
Saltelli et al. (2008), *Global Sensitivity Analysis: The Primer*, p. 179:
S1 = (0.3139, 0.4424, 0), ST = (0.5576, 0.4424, 0.2437).
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from govsim.sweeps import load, load_experiment, sweep
from govsim.sweeps.sensitivity import sensitivity

S1 = {"x1": 0.3139, "x2": 0.4424, "x3": 0.0}
ST = {"x1": 0.5576, "x2": 0.4424, "x3": 0.2437}

SPEC = f"""
[experiment]
name = "ishigami"
function = "tests.sweeps.functions:ishigami"
replications = 1
seed = 2024

[sampler]
method = "sobol"
samples = 2048

[factors]
x1 = {{ range = [{-math.pi!r}, {math.pi!r}] }}
x2 = {{ range = [{-math.pi!r}, {math.pi!r}] }}
x3 = {{ range = [{-math.pi!r}, {math.pi!r}] }}
"""


@pytest.fixture(scope="module")
def indices(tmp_path_factory):
    folder = tmp_path_factory.mktemp("ishigami")
    (folder / "ishigami.toml").write_text(SPEC)
    experiment = load_experiment(folder / "ishigami.toml")
    sweep(experiment, folder / "out", backend_name="serial", progress=False)
    runs = load(folder / "out")
    assert len(runs) == 2048 * 5 and (runs["status"] == "ok").all()
    return sensitivity(runs, experiment, ["y"]).set_index("factor")


@pytest.mark.parametrize("factor", ["x1", "x2", "x3"])
def test_first_order(indices, factor):
    assert indices.loc[factor, "S1"] == pytest.approx(S1[factor], abs=0.03)


@pytest.mark.parametrize("factor", ["x1", "x2", "x3"])
def test_total(indices, factor):
    assert indices.loc[factor, "ST"] == pytest.approx(ST[factor], abs=0.03)


def test_confidence_intervals_cover_the_published_values(indices):
    for name, published in (("S1", S1), ("ST", ST)):
        error = np.abs(indices[name] - indices.index.map(published))
        assert (error <= 2 * indices[f"{name}_conf"] + 0.01).all(), name
