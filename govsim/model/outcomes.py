"""Outcomes of a run: the per-issue table and the one-row summary of metrics.

Metric names follow the reference model (``docs/model.md``). Per-sector metrics get
the sector's name as a suffix with hyphens turned into underscores, e.g.
``welfare_civil_society``.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import pandas as pd

from govsim import metrics
from govsim.designs.spec import RuleSpec
from govsim.model.cycle import IssueCycle
from govsim.model.population import Layout
from govsim.power import SeatGame
from govsim.rules import get_rule

__all__ = ["MAX_POWER_VOTERS", "issue_frame", "sector_power", "summarise"]

MAX_POWER_VOTERS = 1_000
"""Above this many voters a-priori power is not computed (reported as NaN)."""


def _suffix(name: str) -> str:
    return name.replace("-", "_")


def _axis_columns(name: str, values: np.ndarray) -> dict[str, np.ndarray]:
    """``name`` for a 1-D policy space, else ``name_1`` ... ``name_d``."""
    if values.shape[-1] == 1:
        return {name: values[..., 0]}
    return {f"{name}_{k + 1}": values[..., k] for k in range(values.shape[-1])}


def issue_frame(cycle: IssueCycle, replication: int = 0) -> pd.DataFrame:
    """One row per issue of one replication, in issue order."""
    if not cycle.records:
        return pd.DataFrame()
    sectors = np.asarray(cycle.scenario.sectors, dtype=object)
    columns: dict[str, np.ndarray] = {"issue": np.arange(len(cycle.records))}
    for key, history in cycle.history().items():
        column = history[:, replication]
        if key in ("proposal", "status_quo"):
            columns |= _axis_columns(key, column)
        elif key == "proposer":
            columns[key] = column
            has = column >= 0
            columns["proposer_sector"] = np.where(
                has, sectors[cycle.layout.sector[np.maximum(column, 0)]], None
            )
        else:
            columns[key] = column
    frame = pd.DataFrame(columns)
    frame["designation"] = frame["designation"].replace("", None)
    return frame


@lru_cache(maxsize=64)
def _seat_banzhaf(
    rule: RuleSpec, weights: tuple[float, ...], houses: tuple[int, ...]
) -> np.ndarray:
    game = SeatGame(get_rule(rule.name, **dict(rule.params)), np.array(weights), np.array(houses))
    return np.asarray(game.power(seed=0).banzhaf, dtype=float)


def sector_power(layout: Layout) -> np.ndarray:
    """Normalised Banzhaf index of each sector: the sum over the seats it holds.

    Computed exactly by seat types (:class:`govsim.power.SeatGame`) under the design's
    rule; NaN for assemblies of more than :data:`MAX_POWER_VOTERS` voters.
    """
    n_sectors = len(layout.scenario.sectors)
    if layout.voters.size == 0 or layout.voters.size > MAX_POWER_VOTERS:
        return np.full(n_sectors, np.nan)
    seats = _seat_banzhaf(
        layout.design.rule, tuple(layout.weights.tolist()), tuple(layout.houses.tolist())
    )
    return np.bincount(layout.sector[layout.voters], seats, minlength=n_sectors)


def summarise(
    cycle: IssueCycle, replication: int = 0, issues: pd.DataFrame | None = None
) -> dict[str, object]:
    """The run-level metrics of one replication, as one flat dict.

    ``issues`` is the replication's :func:`issue_frame`, if already built.
    """
    layout, b = cycle.layout, replication
    sectors = cycle.scenario.sectors
    n_sectors = len(sectors)
    issues = issue_frame(cycle, b) if issues is None else issues
    ideal = cycle.ideal[b]
    q, q0 = cycle.status_quo[b], cycle.initial_status_quo[b]
    decided = issues["has_proposal"].to_numpy(bool) if len(issues) else np.zeros(0, bool)
    objections = issues["objections"].sum() if len(issues) else 0
    welfare = metrics.welfare(ideal, q)
    by_sector = metrics.sector_welfare(ideal, q, layout.sector, n_sectors)
    optimum = metrics.welfare(ideal, metrics.geometric_median(ideal))
    losses = -metrics.utilities(ideal, q)
    capture = metrics.capture(ideal, layout.sector, n_sectors, q)
    power = sector_power(layout)
    passed = issues["passed"].to_numpy(bool) if len(issues) else np.zeros(0, bool)
    row: dict[str, object] = {
        "issues": len(issues),
        "pass_rate": float(passed.mean()) if len(issues) else np.nan,
        "gridlock_rate": float((~passed).mean()) if len(issues) else np.nan,
        "decision_rounds": float(issues.loc[decided, "rounds"].mean()) if decided.any() else np.nan,
    }
    row |= {
        "welfare": welfare,
        "welfare_initial": metrics.welfare(ideal, q0),
        "welfare_gain": welfare - metrics.welfare(ideal, q0),
        "minority_loss": float(by_sector.min()),
        "minority_sector": sectors[int(np.argmin(by_sector))],
        "utility_sd": float(losses.std()),
        "utility_gini": metrics.loss_gini(ideal, q),
        "counter_majoritarian_rate": _rate(issues, "counter_majoritarian", decided),
        "seat_counter_majoritarian_rate": _rate(issues, "seat_counter_majoritarian", decided),
        "captured_by": sectors[metrics.closest_sector(ideal, layout.sector, n_sectors, q)],
        "legitimacy_input": metrics.input_legitimacy(
            layout.decision_share, layout.population_share
        ),
        "legitimacy_throughput": (
            issues["objections_addressed"].sum() / objections if objections else np.nan
        ),
        "legitimacy_output": optimum / welfare if welfare < 0 else 1.0,
        # Positions are averages of points in [0, 1]; clip the rounding at the edges.
        "polarisation": metrics.esteban_ray_grid(np.clip(cycle.position[b], 0.0, 1.0)),
        "clusters": metrics.major_clusters(cycle.position[b]),
        "engagement": float(cycle.engagement[b].mean()),
    }
    row |= {key: float(value) for key, value in _axis_columns("status_quo", q).items()}
    for s, name in enumerate(sectors):
        row[f"welfare_{_suffix(name)}"] = float(by_sector[s])
        row[f"capture_{_suffix(name)}"] = float(capture[s])
        row[f"power_{_suffix(name)}"] = float(power[s])
    return row


def _rate(issues: pd.DataFrame, column: str, decided: np.ndarray) -> float:
    return float(issues.loc[decided, column].mean()) if decided.any() else np.nan
