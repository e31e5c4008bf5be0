"""The contract every registered metric keeps, run over every metric in the registry."""

from __future__ import annotations

import math
import re
from pathlib import Path

import numpy as np
import pytest

from govsim.designs import resolve
from govsim.model import METRICS, IssueCycle, RunState, issue_frame, metric_columns, summarise
from govsim.model.registry import register

DOCS = Path(__file__).resolve().parents[2] / "docs" / "model.md"
RUN = [key for key, m in METRICS.items() if m.per == "run"]
ISSUE = [key for key, m in METRICS.items() if m.per == "issue"]
# A small spec where every metric is defined: rough consensus amends, so objections
# are addressed, proposals pass and fail, and motions have a common-value quality.
SPEC = "ietf-wg"
COMMON_VALUE = ["scenario.issues.common_value=0.1"]


def cycle_after(seeds: list[int], steps: int = 15) -> IssueCycle:
    design, scenario = resolve(SPEC, overrides=COMMON_VALUE)
    cycle = IssueCycle(design, scenario, seeds)
    for _ in range(steps):
        cycle.step()
    return cycle


@pytest.fixture(scope="module")
def pair() -> tuple[IssueCycle, IssueCycle]:
    return cycle_after([4, 9]), cycle_after([4, 9])


@pytest.mark.parametrize("key", list(METRICS))
def test_registration_metadata(key):
    metric = METRICS[key]
    assert key == (metric.per, metric.label)
    assert metric.definition and "\n" not in metric.definition
    assert metric.per in ("issue", "run") and metric.family in (None, "sector", "axis")
    assert metric.direction in ("higher", "lower", "neither")
    assert metric.kind in (float, int, bool, str)
    assert metric.computed.startswith("govsim.") and callable(metric.func)


@pytest.mark.parametrize("key", RUN)
def test_run_metric_is_a_value_of_its_kind_and_deterministic(key, pair):
    metric = METRICS[key]
    first, again = (metric.func(RunState(cycle, 1)) for cycle in pair)
    values = np.atleast_1d(first) if metric.family else [first]
    if metric.family == "sector":
        assert len(values) == len(pair[0].scenario.sectors)
    for value in values:
        if metric.kind is str:  # a sector or group name, or "" for none
            scenario = pair[0].scenario
            names = {*scenario.sectors, *(g.name for g in scenario.groups), ""}
            assert isinstance(value, str) and value in names
        elif metric.kind is int:
            assert isinstance(value, int | np.integer) and not isinstance(value, bool)
        else:
            assert isinstance(value, float | np.floating) and math.isfinite(value)
    np.testing.assert_array_equal(first, again)


@pytest.mark.parametrize("key", ISSUE)
def test_issue_metric_has_one_value_per_replication_and_ignores_the_batch(key, pair):
    metric = METRICS[key]
    batch = pair[0].history()[metric.name]
    alone = cycle_after([9]).history()[metric.name]
    assert batch.shape == (15, 2)
    assert batch.dtype.kind == {bool: "b", int: "i", float: "f"}[metric.kind]
    np.testing.assert_array_equal(batch[:, 1], alone[:, 0])


def test_outputs_have_exactly_the_registered_columns_in_order(pair):
    cycle = pair[0]
    sectors, d = cycle.scenario.sectors, cycle.scenario.dimensions
    assert list(summarise(cycle, 1)) == metric_columns("run", sectors, d)
    frame = issue_frame(cycle, 1)
    assert list(frame.columns[-len(ISSUE) :]) == metric_columns("issue")


def test_a_new_metric_is_one_registered_function(pair):
    @register("test_only_share_engaged", per="run", direction="higher")
    def share_engaged(run: RunState) -> float:
        """Share of the stakeholders engaged in the last issue."""
        return float(run.column("engaged")[-1] / run.cycle.size)

    try:
        row = summarise(pair[0], 0)
        assert 0 < row["test_only_share_engaged"] <= 1
        # After the single columns registered before it, before the sector families.
        first_sector = "welfare_" + pair[0].scenario.sectors[0].replace("-", "_")
        assert list(row).index("test_only_share_engaged") == list(row).index(first_sector) - 1
        with pytest.raises(RuntimeError, match="registered twice"):
            register("test_only_share_engaged", per="run")(share_engaged)
    finally:
        del METRICS["run", "test_only_share_engaged"]


def test_docs_document_every_registered_metric():
    documented = set(re.findall(r"`([a-z_<>]+)`", DOCS.read_text()))
    missing = [m.label for m in METRICS.values() if m.label not in documented]
    assert not missing, f"docs/model.md does not document {missing}"
