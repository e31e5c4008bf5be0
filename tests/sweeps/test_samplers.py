"""The contract every registered sampler keeps, run over every sampler in the registry."""

from __future__ import annotations

import inspect
from dataclasses import fields
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from govsim.errors import GovsimError
from govsim.sweeps import SAMPLERS, experiment_from_dict
from govsim.sweeps.experiment import Factor, Sampler
from govsim.sweeps.samplers import SETTINGS, get_sampler, readers
from govsim.sweeps.sampling import encode, point_count, sample, sensitivity_problem

NAMES = list(SAMPLERS)

FACTORS = (
    Factor("scenario.polarisation", low=0.1, high=0.9, levels=3),
    Factor("deliberation.rounds", low=1, high=6, integer=True, levels=3),
    Factor("rule", values=("majority", "consensus", "veto")),
    Factor("attendance", values=(True, False)),
)

#: A value for every setting a sampler may read; each sampler gets those it reads.
SETTING_VALUES = {"samples": 8, "levels": 4, "second_order": True, "label": None, "columns": ()}


def settings(name: str, tmp_path: Path) -> Sampler:
    """Sampler ``name`` with every setting it reads; a csv file of points in range."""
    values = dict(SETTING_VALUES)
    grid = sample(FACTORS, Sampler("factorial"), seed=0)
    values["file"] = str(tmp_path / "points.csv")
    grid.iloc[::5].to_csv(values["file"], index=False)
    chosen = {key: values[key] for key in get_sampler(name).settings}
    return Sampler(method=name, **chosen)


@pytest.mark.parametrize("name", NAMES)
def test_registration_metadata(name):
    info = SAMPLERS[name]
    assert info.name == name and info.summary and "\n" not in info.summary and info.points
    assert set(info.settings) <= set(SETTINGS)
    assert list(inspect.signature(info.func).parameters) == [
        "factors",
        "sampler",
        "seed",
        "source",
    ]


def test_every_setting_is_a_sampler_field_read_by_some_sampler():
    assert set(SETTINGS) == {f.name for f in fields(Sampler)} - {"method"}
    assert all(readers(key) for key in SETTINGS)


@pytest.mark.parametrize("name", NAMES)
def test_points_lie_in_the_factors_and_keep_their_kinds(name, tmp_path):
    points = sample(FACTORS, settings(name, tmp_path), seed=3)
    assert list(points.columns) == [f.key for f in FACTORS]
    assert points.index.equals(pd.RangeIndex(len(points))) and len(points)
    low, high = points["scenario.polarisation"].agg(["min", "max"])
    assert low >= 0.1 and high <= 0.9
    rounds = points["deliberation.rounds"]
    assert rounds.dtype == np.int64 and rounds.between(1, 6).all()
    assert set(points["rule"]) <= {"majority", "consensus", "veto"}
    assert set(points["attendance"]) <= {True, False}
    assert all(isinstance(v, bool | np.bool_) for v in points["attendance"])


@pytest.mark.parametrize("name", NAMES)
def test_deterministic_for_a_seed(name, tmp_path):
    sampler = settings(name, tmp_path)
    first = sample(FACTORS, sampler, seed=11)
    pd.testing.assert_frame_equal(first, sample(FACTORS, sampler, seed=11))


@pytest.mark.parametrize("name", NAMES)
def test_lays_out_the_points_it_promises(name, tmp_path):
    sampler = settings(name, tmp_path)
    points = sample(FACTORS, sampler, seed=0)
    if SAMPLERS[name].count is None:
        with pytest.raises(GovsimError, match="whose points are"):
            point_count(FACTORS, sampler)
        assert len(points) == len(pd.read_csv(sampler.file))
    else:
        assert point_count(FACTORS, sampler) == len(points)


@pytest.mark.parametrize("name", [n for n in NAMES if SAMPLERS[n].box])
def test_box_samplers_draw_what_encode_reads_back(name, tmp_path):
    points = sample(FACTORS, settings(name, tmp_path), seed=0)
    matrix = encode(points, FACTORS, name)
    low, high = np.array(sensitivity_problem(FACTORS, name)["bounds"]).T
    assert matrix.shape == (len(points), len(FACTORS))
    assert ((matrix >= low) & (matrix <= high)).all()


@pytest.mark.parametrize("name", NAMES)
def test_an_experiment_file_may_set_only_what_the_sampler_reads(name, tmp_path):
    data = {"experiment": {"designs": ["gnso-council"]}, "sampler": {"method": name}}
    for key in SETTINGS:
        if key in SAMPLERS[name].settings:
            continue
        value = {"file": "x.csv", "columns": {"a": "b"}, "label": "region"}.get(
            key, SETTING_VALUES.get(key)
        )
        data["sampler"] = {"method": name, key: value}
        with pytest.raises(GovsimError, match=f"sampler.{key}: only the .* {key}; "):
            experiment_from_dict(data, source=str(tmp_path / "e.toml"))


def test_an_unknown_method_names_every_registered_sampler():
    with pytest.raises(GovsimError, match=", ".join(NAMES)):
        get_sampler("latin-hypercub")
