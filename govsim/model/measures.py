"""The model's registered metrics: per issue from an issue's state, per run from the run's.

Each metric is one function registered with :func:`govsim.model.registry.register`;
registration order is column order (``docs/model.md`` lists them all). The states
hold what several metrics share (utilities, sector means, the decided issues) as
cached properties, so each is computed once per run.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cached_property, lru_cache
from typing import TYPE_CHECKING, NamedTuple

import numpy as np

from govsim import metrics
from govsim.designs.spec import RuleSpec
from govsim.model.population import Layout
from govsim.model.registry import register
from govsim.power import SeatGame
from govsim.rules import Stance, get_rule

if TYPE_CHECKING:
    from govsim.model.cycle import IssueCycle

__all__ = ["MAX_POWER_VOTERS", "IssueState", "RunState", "sector_power"]

MAX_POWER_VOTERS = 1_000
"""Above this many voters a-priori power is not computed (reported as NaN)."""

# Stance codes as int8 scalars: comparisons and np.where stay int8, without looking up
# the enum on every call.
ABSENT, SUPPORT, OPPOSE, ABSTAIN = (
    np.int8(stance) for stance in (Stance.ABSENT, Stance.SUPPORT, Stance.OPPOSE, Stance.ABSTAIN)
)


def norm(x: np.ndarray) -> np.ndarray:
    """Euclidean norm over the last axis.

    :func:`numpy.linalg.norm`'s own formula for real input (so the same bits),
    without its per-call dispatch.
    """
    return np.sqrt(np.add.reduce(x * x, axis=-1))


class IssueState(NamedTuple):
    """One issue of every replication, just decided: what per-issue metrics read.

    ``record`` holds the issue's event columns (``has_proposal``, ``passed``,
    ``popular_support`` ...), ``outcome`` the decision's arrays and ``stances`` the
    final stances, shape (B, N). The cycle's state is after the outcome and feedback.
    """

    cycle: IssueCycle
    record: Mapping[str, np.ndarray]
    outcome: Mapping[str, np.ndarray]


class RunState:
    """One replication of a cycle at the end of its issues: what run metrics read."""

    def __init__(self, cycle: IssueCycle, replication: int = 0) -> None:
        self.cycle, self.b = cycle, replication
        self.layout = cycle.layout
        self.sectors = cycle.scenario.sectors
        self.issues = cycle.issue

    def column(self, key: str) -> np.ndarray:
        """One per-issue record column of this replication, in issue order."""
        return self.cycle.history()[key][:, self.b]

    @cached_property
    def ideal(self) -> np.ndarray:
        """Ideal points of this replication, (N, d)."""
        return self.cycle.ideal[self.b]

    @cached_property
    def q(self) -> np.ndarray:
        """The status quo at the end of the run, (d,)."""
        return self.cycle.status_quo[self.b]

    @cached_property
    def decided(self) -> np.ndarray:
        """Issues with a proposal (the others fail without a vote)."""
        return self.column("has_proposal") if self.issues else np.zeros(0, bool)

    @cached_property
    def passed(self) -> np.ndarray:
        """Per issue: whether the motion passed."""
        return self.column("passed") if self.issues else np.zeros(0, bool)

    @cached_property
    def welfare(self) -> float:
        """Mean utility -||x_i - q|| at the end of the run."""
        return metrics.welfare(self.ideal, self.q)

    @cached_property
    def welfare_initial(self) -> float:
        """Mean utility of the initial status quo."""
        return metrics.welfare(self.ideal, self.cycle.initial_status_quo[self.b])

    @cached_property
    def sector_welfare(self) -> np.ndarray:
        """Mean utility of the final status quo per sector, (S,)."""
        return metrics.sector_welfare(self.ideal, self.q, self.layout.sector, len(self.sectors))

    def decided_mean(self, key: str) -> float:
        """Mean of a record column over the issues with a proposal; NaN if none."""
        return float(self.column(key)[self.decided].mean()) if self.decided.any() else np.nan


# -- per issue ---------------------------------------------------------------------------


@register("counter_majoritarian", per="issue", direction="lower", kind=bool)
def counter_majoritarian(issue: IssueState) -> np.ndarray:
    """The outcome differs from a head-count majority (support > oppose) of the engaged."""
    r = issue.record
    return r["has_proposal"] & (r["passed"] != (r["popular_support"] > r["popular_oppose"]))


@register("seat_counter_majoritarian", per="issue", direction="lower", kind=bool)
def seat_counter_majoritarian(issue: IssueState) -> np.ndarray:
    """The outcome differs from a head count of the seats of the deciding houses."""
    layout = issue.cycle.layout
    seats = issue.outcome["stances"][:, layout.deciding_seats]
    seats_for = (seats == SUPPORT).sum(axis=1)
    seats_against = (seats == OPPOSE).sum(axis=1)
    r = issue.record
    return r["has_proposal"] & (r["passed"] != (seats_for > seats_against))


@register("objections", per="issue", direction="neither", kind=int)
def objections(issue: IssueState) -> np.ndarray:
    """Voters of positive weight who opposed in some decision round."""
    return issue.outcome["objections"]


@register("objections_addressed", per="issue", direction="higher", kind=int)
def objections_addressed(issue: IssueState) -> np.ndarray:
    """Of the objectors, those an amendment moved the proposal toward."""
    return issue.outcome["objections_addressed"]


@register("welfare", per="issue", direction="higher")
def issue_welfare(issue: IssueState) -> np.ndarray:
    """Mean over all stakeholders of -||x_i - q|| after the issue."""
    cycle = issue.cycle
    loss = norm(cycle.ideal - cycle.status_quo[:, None, :])
    return -loss.mean(axis=1)


@register("engagement", per="issue", direction="higher")
def issue_engagement(issue: IssueState) -> np.ndarray:
    """Mean engagement of all stakeholders after the issue's feedback."""
    return issue.cycle.engagement.mean(axis=1)


# -- per run -----------------------------------------------------------------------------


@register("issues", per="run", kind=int)
def issue_count(run: RunState) -> int:
    """Number of issues handled."""
    return run.issues


@register("pass_rate", per="run", direction="neither")
def pass_rate(run: RunState) -> float:
    """Share of issues passed."""
    return float(run.passed.mean()) if run.issues else np.nan


@register("gridlock_rate", per="run", direction="lower")
def gridlock_rate(run: RunState) -> float:
    """Share of issues not passed (1 - pass_rate), those without a proposal included."""
    return float((~run.passed).mean()) if run.issues else np.nan


@register("decision_rounds", per="run", direction="lower")
def decision_rounds(run: RunState) -> float:
    """Mean decision rounds over the issues with a proposal."""
    return run.decided_mean("rounds")


@register("welfare", per="run", direction="higher")
def welfare(run: RunState) -> float:
    """Mean over all stakeholders of -||x_i - q|| at the final q."""
    return run.welfare


@register("welfare_initial", per="run", direction="higher")
def welfare_initial(run: RunState) -> float:
    """Mean over all stakeholders of -||x_i - q|| at the initial q."""
    return run.welfare_initial


@register("welfare_gain", per="run", direction="higher")
def welfare_gain(run: RunState) -> float:
    """Welfare - welfare_initial."""
    return run.welfare - run.welfare_initial


@register("minority_loss", per="run", direction="higher")
def minority_loss(run: RunState) -> float:
    """The worst sector's mean utility at the final q (the maximin criterion)."""
    return float(run.sector_welfare.min())


@register("minority_sector", per="run", kind=str)
def minority_sector(run: RunState) -> str:
    """The sector whose mean utility is lowest."""
    return run.sectors[int(np.argmin(run.sector_welfare))]


@register("utility_sd", per="run", direction="lower")
def utility_sd(run: RunState) -> float:
    """Standard deviation of the utilities -||x_i - q||."""
    return float((-metrics.utilities(run.ideal, run.q)).std())


@register("utility_gini", per="run", direction="lower")
def utility_gini(run: RunState) -> float:
    """Gini coefficient of the losses ||x_i - q||."""
    return metrics.loss_gini(run.ideal, run.q)


@register("counter_majoritarian_rate", per="run", direction="lower")
def counter_majoritarian_rate(run: RunState) -> float:
    """Share of issues with a proposal decided against a head-count majority of the engaged."""
    return run.decided_mean("counter_majoritarian")


@register("seat_counter_majoritarian_rate", per="run", direction="lower")
def seat_counter_majoritarian_rate(run: RunState) -> float:
    """Share of issues with a proposal decided against a head count of the deciding seats."""
    return run.decided_mean("seat_counter_majoritarian")


@register("captured_by", per="run", kind=str)
def captured_by(run: RunState) -> str:
    """The sector whose mean ideal point is closest to the final q."""
    layout = run.layout
    return run.sectors[metrics.closest_sector(run.ideal, layout.sector, len(run.sectors), run.q)]


@register("legitimacy_input", per="run", direction="higher")
def legitimacy_input(run: RunState) -> float:
    """1 - total variation between sectors' shares of deciding vote weight and of population."""
    return metrics.input_legitimacy(run.layout.decision_share, run.layout.population_share)


@register("legitimacy_throughput", per="run", direction="higher")
def legitimacy_throughput(run: RunState) -> float:
    """Share of objections, over all decision rounds, that an amendment addressed."""
    objected = run.column("objections").sum() if run.issues else 0
    return run.column("objections_addressed").sum() / objected if objected else np.nan


@register("legitimacy_output", per="run", direction="higher")
def legitimacy_output(run: RunState) -> float:
    """W* / W, W* the welfare at the geometric median of the ideal points; 1 is optimal."""
    optimum = metrics.welfare(run.ideal, metrics.geometric_median(run.ideal))
    return optimum / run.welfare if run.welfare < 0 else 1.0


@register("polarisation", per="run", direction="lower")
def polarisation(run: RunState) -> float:
    """Esteban-Ray index (alpha = 1.6) of the final positions on a 20-cell grid per axis."""
    # Positions are averages of points in [0, 1]; clip the rounding at the edges.
    return metrics.esteban_ray_grid(np.clip(run.cycle.position[run.b], 0.0, 1.0))


@register("clusters", per="run", kind=int)
def clusters(run: RunState) -> int:
    """Number of major opinion clusters (single linkage at 0.02, >= 5% of stakeholders)."""
    return metrics.major_clusters(run.cycle.position[run.b])


@register("engagement", per="run", direction="higher")
def engagement(run: RunState) -> float:
    """Mean engagement of all stakeholders at the end."""
    return float(run.cycle.engagement[run.b].mean())


@register("status_quo", per="run", family="axis")
def status_quo(run: RunState) -> np.ndarray:
    """The final status quo q, one column per axis of the policy space."""
    return run.q


@register("welfare", per="run", direction="higher", family="sector")
def sector_welfare(run: RunState) -> np.ndarray:
    """Mean over the sector's stakeholders of -||x_i - q|| at the final q."""
    return run.sector_welfare


@register("capture", per="run", family="sector")
def capture(run: RunState) -> np.ndarray:
    """(||q - mean_all|| - ||q - mean_S||) / ||mean_all - mean_S||, mean ideal points."""
    layout = run.layout
    return metrics.capture(run.ideal, layout.sector, len(run.sectors), run.q)


@register("power", per="run", family="sector")
def power(run: RunState) -> np.ndarray:
    """Normalised Banzhaf index of the sector: the sum over the seats it holds."""
    return sector_power(run.layout)


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
