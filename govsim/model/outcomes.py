"""Outcomes of a run: the per-issue table and the one-row summary of metrics.

The metrics themselves are registered in :mod:`govsim.model.measures`; their names
follow the reference model (``docs/model.md``). Per-sector metrics get the sector's
name as a suffix with hyphens turned into underscores, e.g. ``welfare_civil_society``.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from govsim.model.cycle import IssueCycle
from govsim.model.measures import RunState
from govsim.model.registry import METRICS

__all__ = ["issue_frame", "summarise"]


def _suffix(name: str) -> str:
    return name.replace("-", "_")


def _axis_columns(name: str, values: np.ndarray) -> dict[str, np.ndarray]:
    """``name`` for a 1-D policy space, else ``name_1`` ... ``name_d``."""
    if values.shape[-1] == 1:
        return {name: values[..., 0]}
    return {f"{name}_{k + 1}": values[..., k] for k in range(values.shape[-1])}


def issue_frame(cycle: IssueCycle, replication: int = 0) -> pd.DataFrame:
    """One row per issue of one replication, in issue order."""
    if not cycle.issue:
        return pd.DataFrame()
    sectors = np.asarray(cycle.scenario.sectors, dtype=object)
    columns: dict[str, Any] = {"issue": np.arange(cycle.issue)}
    for key, history in cycle.history().items():
        column = history[:, replication]
        if key in ("reversion", "proposal", "outcome"):
            columns |= _axis_columns(key, column)
        elif key == "proposer":
            columns[key] = column
            has = column >= 0
            columns["proposer_sector"] = np.where(
                has, sectors[cycle.layout.sector[np.maximum(column, 0)]], None
            )
        elif key == "designation":
            # No designation ("") is missing; built as str at once, a replace afterwards
            # costs more than the rest of the frame.
            values = column.astype(object)  # a copy: the history is the cycle's
            values[values == ""] = None
            columns[key] = pd.array(values, dtype="str")
        else:
            columns[key] = column
    return pd.DataFrame(columns)


def summarise(
    cycle: IssueCycle, replication: int = 0, issues: pd.DataFrame | None = None
) -> dict[str, object]:
    """The run-level metrics of one replication, as one flat dict.

    One entry per registered run metric (:data:`govsim.model.METRICS`), in
    registration order: single columns and axis families first, then the sector
    families interleaved sector by sector. ``issues`` is accepted for callers that
    built the :func:`issue_frame` already; the metrics read the cycle's records.
    """
    run = RunState(cycle, replication)
    row: dict[str, object] = {}
    by_sector = []
    for metric in METRICS.values():
        if metric.per != "run":
            continue
        if metric.family == "sector":
            by_sector.append(metric)
        elif metric.family == "axis":
            row |= {k: float(v) for k, v in _axis_columns(metric.name, metric.func(run)).items()}
        else:
            row[metric.name] = metric.func(run)
    values = [(metric.name, metric.func(run)) for metric in by_sector]
    for s, name in enumerate(run.sectors):
        row |= {f"{prefix}_{_suffix(name)}": float(v[s]) for prefix, v in values}
    return row
