"""The issue cycle's records: one preallocated array per column, and the per-issue metrics.

Each issue appends one row per replication to every event column. The registered
per-issue metrics are not computed issue by issue: the arrays they read are held
until the records are asked for (or enough have piled up), then every metric runs
once over all the issues held, as one batch of (issue, replication) rows. A metric
gives each row what it gives that row alone (the metric contract,
``tests/model/test_metric_contract.py``), so the values are those of one call per
issue, at a fraction of the calls.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

import numpy as np

from govsim.model.measures import IssueState
from govsim.model.registry import METRICS

if TYPE_CHECKING:
    from govsim.model.cycle import IssueCycle

__all__ = ["IssueLog"]

#: Held entries (rows x stakeholders) after which the per-issue metrics run at once:
#: a small run holds all its issues, a large batch measures issue by issue, as the
#: cost of numpy's calls is then spread over many rows already.
_HELD_ENTRIES = 1 << 14


class IssueLog:
    """Per-issue columns of a cycle, with the registered per-issue metrics after them.

    Parameters
    ----------
    cycle
        The cycle whose issues are logged; metrics read its layout and scenario.
    """

    def __init__(self, cycle: IssueCycle) -> None:
        self.cycle = cycle
        self.count = 0  # issues appended
        self._done = 0  # issues whose metrics are computed
        self._columns: dict[str, np.ndarray] = {}
        self._metrics = [m for m in METRICS.values() if m.per == "issue"]
        self._held: list[Mapping[str, np.ndarray]] = []
        self._entries = cycle.batch * cycle.size  # held per issue

    def append(self, record: Mapping[str, np.ndarray], outcome: Mapping[str, np.ndarray]) -> None:
        """Add one issue: its event columns and what the metrics read, each (B, ...).

        The record is copied; the ``outcome`` arrays are kept while the log
        :attr:`holds` issues, so they must not change afterwards.
        """
        t = self.count
        if not self._columns:
            self._columns = {k: _grown(None, np.asarray(v), 64) for k, v in record.items()}
        elif t == len(next(iter(self._columns.values()))):
            self._columns = {k: _grown(v, v[0], 2 * t) for k, v in self._columns.items()}
        for key, value in record.items():
            self._columns[key][t] = value
        self.count = t + 1
        if not self.holds:  # a large batch: measure the issue as it comes
            self._measure_rows(dict(record), {**outcome, "ideal": self.cycle.ideal}, t, t + 1)
            self._done = self.count
            return
        self._held.append(outcome)
        if len(self._held) * self._entries >= _HELD_ENTRIES:
            self._measure()

    @property
    def holds(self) -> bool:
        """Whether :meth:`append` keeps the arrays given to it past the call (small runs)."""
        return self._entries < _HELD_ENTRIES

    def columns(self) -> dict[str, np.ndarray]:
        """Every column over the issues so far, (T, B, ...): views of the log's arrays."""
        self._measure()
        return {key: values[: self.count] for key, values in self._columns.items()}

    def _measure(self) -> None:
        """Run every per-issue metric once over the issues not yet measured."""
        if not self._held:
            return
        start, stop = self._done, self.count
        rows = (stop - start) * self.cycle.batch
        record = {
            key: values[start:stop].reshape(rows, *values.shape[2:])
            for key, values in self._columns.items()
        }
        held = self._held
        if len(held) == 1:
            outcome = dict(held[0])
        else:
            outcome = {key: np.concatenate([h[key] for h in held]) for key in held[0]}
        ideal = self.cycle.ideal
        outcome["ideal"] = np.broadcast_to(ideal, (stop - start, *ideal.shape)).reshape(
            rows, *ideal.shape[1:]
        )
        self._measure_rows(record, outcome, start, stop)
        self._done, self._held = stop, []

    def _measure_rows(
        self, record: dict[str, np.ndarray], outcome: dict[str, np.ndarray], start: int, stop: int
    ) -> None:
        """Every per-issue metric over issues ``start`` to ``stop``, given as rows."""
        issue = IssueState(self.cycle, record, outcome)
        for metric in self._metrics:  # in order: a metric may read earlier ones
            value = np.asarray(metric.func(issue))
            record[metric.name] = value
            per_issue = value.reshape(stop - start, self.cycle.batch, *value.shape[1:])
            if metric.name not in self._columns:
                size = len(next(iter(self._columns.values())))
                self._columns[metric.name] = _grown(None, per_issue[0], size)
            self._columns[metric.name][start:stop] = per_issue


def _grown(values: np.ndarray | None, like: np.ndarray, size: int) -> np.ndarray:
    """An array of ``size`` rows shaped like ``like``, holding ``values`` first."""
    out = np.empty((size, *like.shape), like.dtype)
    if values is not None:
        out[: len(values)] = values
    return out
