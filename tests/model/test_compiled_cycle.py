"""The issue cycle's compiled loops give what its numpy code gives, bit for bit.

A small batch takes compiled loops (``govsim.model.compiled`` and the compiled
kernels); the numpy code, which large batches take, is the oracle here: the same
runs with the compiled loops switched off must give identical records.
"""

from __future__ import annotations

import importlib
import sys

import numpy as np
import pytest

from govsim.designs import resolve
from govsim.dynamics import linear
from govsim.model import IssueCycle, cycle, stances
from govsim.rules import passing, tally

CASES = [
    ("gnso-council", ()),
    ("ietf-wg", ()),  # rough consensus: amendment rounds, addressed objections
    ("icann-board-gac", ()),  # advice and designations
    ("nethui", ()),  # advisory pull, an open room
    ("crisis-mobilisation", ()),  # shocks
    ("gnso-council", ("scenario.dimensions=2", "scenario.issues.process=drift")),
    ("gnso-wg", ("scenario.issues.common_value=0.5",)),
    ("gnso-council", ("attendance=0.7", "agenda.proposers=all")),
]


def history(design: str, overrides: tuple[str, ...], seeds: list[int]) -> dict[str, np.ndarray]:
    spec = resolve(design, overrides=list(overrides))
    run = IssueCycle(*spec, seeds)
    for _ in range(25):
        run.step()
    return {key: values.copy() for key, values in run.history().items()}


@pytest.mark.parametrize("design, overrides", CASES)
def test_compiled_loops_give_the_numpy_records(design, overrides, monkeypatch):
    compiled = history(design, overrides, [3, 8])
    monkeypatch.setattr(cycle, "COMPILED_ROWS", 0)
    monkeypatch.setattr(stances, "COMPILED_ROWS", 0)
    monkeypatch.setattr(linear, "COMPILED_ROWS", 0)
    vector = history(design, overrides, [3, 8])
    assert list(compiled) == list(vector)
    for key, values in vector.items():
        assert compiled[key].dtype == values.dtype, key
        np.testing.assert_array_equal(compiled[key], values, strict=True, err_msg=key)


@pytest.mark.parametrize("ballots", [1, 7, 3000])
def test_the_compiled_tally_counts_as_numpy_does(ballots, monkeypatch):
    """The model's small runs load a compiled tally; whole weights give the same bits."""
    rng = np.random.default_rng(ballots)
    weights = rng.integers(0, 4, 23).astype(float)
    houses = rng.integers(0, 3, 23)
    stances = rng.integers(-1, 6, (ballots, 23)).astype(np.int8)  # codes outside 0-3 too
    importlib.import_module("govsim.rules.compiled")  # as a small cycle loads it
    compiled = tally(stances, weights, houses)
    monkeypatch.delitem(sys.modules, "govsim.rules.compiled")
    vector = tally(stances, weights, houses)
    for name in ("support", "oppose", "abstain", "absent", "seats"):
        np.testing.assert_array_equal(
            getattr(compiled, name), getattr(vector, name), strict=True, err_msg=name
        )


@pytest.mark.parametrize("tau", [0.0, 0.05])
def test_the_compiled_piece_stances_are_numpys(tau, monkeypatch):
    """Agenda-free rates and setters cut the line; the compiled stances are numpy's."""
    rng = np.random.default_rng(int(tau * 100))
    positions = rng.random((30, 17))
    positions[:, 3] = positions[:, 4]  # shared breakpoints merge
    q = rng.random(30)
    importlib.import_module("govsim.rules.compiled")
    compiled = passing._cut(positions, q, tau)
    monkeypatch.delitem(sys.modules, "govsim.rules.compiled")
    vector = passing._cut(positions, q, tau)
    for got, want in zip(compiled, vector, strict=True):
        np.testing.assert_array_equal(got, want, strict=True)
