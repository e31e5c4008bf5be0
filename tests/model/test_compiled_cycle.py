"""The issue cycle's compiled loops give what its numpy code gives, bit for bit.

A small batch takes compiled loops (``govsim.model.compiled`` and the compiled
kernels); the numpy code, which large batches take, is the oracle here: the same
runs with the compiled loops switched off must give identical records.
"""

from __future__ import annotations

import numpy as np
import pytest

from govsim.designs import resolve
from govsim.dynamics import linear
from govsim.model import IssueCycle, cycle

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
    monkeypatch.setattr(linear, "COMPILED_ROWS", 0)
    vector = history(design, overrides, [3, 8])
    assert list(compiled) == list(vector)
    for key, values in vector.items():
        assert compiled[key].dtype == values.dtype, key
        np.testing.assert_array_equal(compiled[key], values, strict=True, err_msg=key)
