"""The issue cycle's records, and the per-issue metrics run over many issues at once.

Each issue appends its event columns (one array per column, a row per replication).
The registered per-issue metrics are not computed issue by issue in a small run:
the arrays they read are held until the records are asked for (or enough have piled
up), then every metric runs once over all the issues held, as one batch of (issue,
replication) rows. A metric gives each row what it gives that row alone (the metric
contract, ``tests/model/test_metric_contract.py``), so the values are those of one
call per issue, at a fraction of the calls. A large batch measures each issue as it
comes, where numpy's per-call cost is spread over many rows already.
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
#: a small run holds all its issues, a large batch measures issue by issue.
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
        self._metrics = [m for m in METRICS.values() if m.per == "issue"]
        self._entries = cycle.batch * cycle.size  # held per issue
        # A small run: issues held (records and what metrics read) until measured,
        # then kept as blocks of columns (k, B, ...). A large batch: measured issues.
        self._records: list[dict[str, np.ndarray]] = []
        self._held: list[Mapping[str, np.ndarray]] = []
        self._blocks: list[dict[str, np.ndarray]] = []
        self._measured = 0  # issues in blocks
        self._stacked: tuple[int, dict[str, np.ndarray]] = (0, {})

    @property
    def count(self) -> int:
        """Issues appended so far."""
        return self._measured + len(self._records)

    @property
    def holds(self) -> bool:
        """Whether :meth:`append` keeps the ``outcome`` arrays past the call (small runs)."""
        return self._entries < _HELD_ENTRIES

    def append(self, record: dict[str, np.ndarray], outcome: Mapping[str, np.ndarray]) -> None:
        """Add one issue: its event columns and what the metrics read, each (B, ...).

        The log keeps ``record`` (a large batch adds its metrics to it) and, while it
        :attr:`holds` issues, the ``outcome`` arrays: neither may change afterwards.
        """
        self._records.append(record)
        if not self.holds:  # a large batch: measure the issue as it comes
            self._measure_rows(record, {**outcome, "ideal": self.cycle.ideal})
            return
        self._held.append(outcome)
        if len(self._held) * self._entries >= _HELD_ENTRIES:
            self._measure()

    def columns(self) -> dict[str, np.ndarray]:
        """Every column stacked over the issues so far, (T, B, ...); built once per count.

        Event columns first, then the per-issue metrics, in registration order.
        """
        self._measure()
        if self._stacked[0] != self.count:
            if self.holds:
                blocks = self._blocks
                stacked = {
                    key: blocks[0][key]
                    if len(blocks) == 1
                    else np.concatenate([block[key] for block in blocks])
                    for key in blocks[0]
                }
            else:
                # np.array stacks equal-shaped arrays as np.stack does, with less work.
                records = self._records
                stacked = {key: np.array([r[key] for r in records]) for key in records[0]}
            self._stacked = (self.count, stacked)
        return self._stacked[1]

    def _measure(self) -> None:
        """Run every per-issue metric once over the held issues, into a block of columns."""
        if not self._held:
            return
        issues, held = self._records, self._held
        k, batch = len(issues), self.cycle.batch

        def rows(arrays: list[np.ndarray]) -> np.ndarray:
            return arrays[0] if k == 1 else np.concatenate(arrays)

        record = {key: rows([r[key] for r in issues]) for key in issues[0]}
        outcome = {key: rows([h[key] for h in held]) for key in held[0]}
        ideal = self.cycle.ideal
        outcome["ideal"] = np.broadcast_to(ideal, (k, *ideal.shape)).reshape(
            k * batch, *ideal.shape[1:]
        )
        self._measure_rows(record, outcome)
        self._blocks.append(
            {key: value.reshape(k, batch, *value.shape[1:]) for key, value in record.items()}
        )
        self._measured += k
        self._records, self._held = [], []

    def _measure_rows(self, record: dict[str, np.ndarray], outcome: dict[str, np.ndarray]) -> None:
        """Add every per-issue metric to ``record``, over the rows it holds."""
        state = IssueState(self.cycle, record, outcome)
        for metric in self._metrics:  # in order: a metric may read earlier ones
            record[metric.name] = np.asarray(metric.func(state))
