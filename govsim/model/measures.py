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
    """One replication of a cycle at the end of its issues: what run metrics read.

    Run metrics average over the issues after the scenario's ``issues.burn_in``;
    welfare is judged per issue, on what held after it (its outcome).
    """

    def __init__(self, cycle: IssueCycle, replication: int = 0) -> None:
        self.cycle, self.b = cycle, replication
        self.layout = cycle.layout
        self.sectors = cycle.scenario.sectors
        self.issues = cycle.issue
        self.window = np.arange(self.issues) >= cycle.scenario.issues.burn_in

    def column(self, key: str) -> np.ndarray:
        """One per-issue record column of this replication, in issue order."""
        return self.cycle.history()[key][:, self.b]

    def counted(self, key: str) -> np.ndarray:
        """A record column over the issues after the burn-in."""
        return self.column(key)[self.window] if self.issues else np.zeros(0)

    @cached_property
    def ideal(self) -> np.ndarray:
        """Ideal points of this replication, (N, d)."""
        return self.cycle.ideal[self.b]

    @cached_property
    def q(self) -> np.ndarray:
        """What holds at the end of the run (the last outcome), (d,)."""
        return self.cycle.status_quo[self.b]

    @cached_property
    def decided(self) -> np.ndarray:
        """Counted issues with a proposal (the others fail without a vote)."""
        return self.counted("has_proposal").astype(bool)

    @cached_property
    def passed(self) -> np.ndarray:
        """Per counted issue: whether the motion passed."""
        return self.counted("passed").astype(bool)

    @cached_property
    def outcomes(self) -> np.ndarray:
        """What held after each counted issue, (T, d)."""
        return self.counted("outcome").reshape(-1, self.ideal.shape[1])

    @cached_property
    def losses(self) -> np.ndarray:
        """||x_i - outcome_t|| per counted issue and stakeholder, (T, N)."""
        return norm(self.ideal[None, :, :] - self.outcomes[:, None, :])

    @cached_property
    def welfare(self) -> float:
        """Mean utility -||x_i - outcome_t|| over counted issues and stakeholders."""
        return float(-self.losses.mean()) if self.losses.size else np.nan

    @cached_property
    def sector_welfare(self) -> np.ndarray:
        """Mean utility per sector over the counted issues, (S,)."""
        if not self.losses.size:
            return np.full(len(self.sectors), np.nan)
        codes = self.layout.sector
        totals = np.bincount(codes, -self.losses.mean(axis=0), minlength=len(self.sectors))
        counts = np.bincount(codes, minlength=len(self.sectors))
        return np.divide(totals, counts, out=np.full(totals.shape, np.nan), where=counts > 0)

    @cached_property
    def sector_means(self) -> np.ndarray:
        """Mean ideal point of each sector, (S, d)."""
        codes, s = self.layout.sector, len(self.sectors)
        counts = np.maximum(np.bincount(codes, minlength=s), 1)[:, None]
        sums = np.stack([np.bincount(codes, x, minlength=s) for x in self.ideal.T], axis=1)
        return sums / counts

    def decided_mean(self, key: str) -> float:
        """Mean of a record column over the counted issues with a proposal; NaN if none."""
        return float(self.counted(key)[self.decided].mean()) if self.decided.any() else np.nan

    def counted_mean(self, key: str) -> float:
        """Mean of a record column over the counted issues; NaN if none."""
        values = self.counted(key)
        return float(values.mean()) if values.size else np.nan


def _row_gini(values: np.ndarray) -> np.ndarray:
    """:func:`govsim.metrics.gini` of each row of a non-negative (T, N) array."""
    n = values.shape[1]
    coefficients = np.arange(1 - n, n, 2, dtype=float)
    totals = values.sum(axis=1)
    spread = np.maximum(np.sort(values, axis=1) @ coefficients, 0.0)
    return np.divide(spread, n * totals, out=np.zeros_like(totals), where=totals > 0)


# -- per issue ---------------------------------------------------------------------------


def _majority_for(issue: IssueState, among: np.ndarray | None = None) -> np.ndarray:
    """Whether more of the engaged (or of the seats ``among``) supported than opposed."""
    stances = issue.outcome["stances"] if among is None else issue.outcome["stances"][:, among]
    return (stances == SUPPORT).sum(axis=1) > (stances == OPPOSE).sum(axis=1)


@register("blocked_majority", per="issue", direction="lower", kind=bool)
def blocked_majority(issue: IssueState) -> np.ndarray:
    """The motion failed although more of the engaged supported it than opposed it."""
    r = issue.record
    return r["has_proposal"] & ~r["passed"] & _majority_for(issue)


@register("imposed_majority", per="issue", direction="lower", kind=bool)
def imposed_majority(issue: IssueState) -> np.ndarray:
    """The motion passed although no more of the engaged supported it than opposed it."""
    r = issue.record
    return r["has_proposal"] & r["passed"] & ~_majority_for(issue)


@register("seat_blocked_majority", per="issue", direction="lower", kind=bool)
def seat_blocked_majority(issue: IssueState) -> np.ndarray:
    """The motion failed although more seats of the deciding houses supported than opposed.

    The GNSO's "7 over 14" (a house majority defeating a council majority) is one.
    """
    r = issue.record
    return (
        r["has_proposal"] & ~r["passed"] & _majority_for(issue, issue.cycle.layout.deciding_seats)
    )


@register("seat_imposed_majority", per="issue", direction="lower", kind=bool)
def seat_imposed_majority(issue: IssueState) -> np.ndarray:
    """The motion passed although no more deciding seats supported it than opposed it."""
    r = issue.record
    return (
        r["has_proposal"] & r["passed"] & ~_majority_for(issue, issue.cycle.layout.deciding_seats)
    )


@register("counter_majoritarian", per="issue", direction="lower", kind=bool)
def counter_majoritarian(issue: IssueState) -> np.ndarray:
    """blocked_majority or imposed_majority: the outcome differs from the engaged's head count."""
    r = issue.record
    return r["blocked_majority"] | r["imposed_majority"]


@register("seat_counter_majoritarian", per="issue", direction="lower", kind=bool)
def seat_counter_majoritarian(issue: IssueState) -> np.ndarray:
    """seat_blocked_majority or seat_imposed_majority: against the deciding seats' head count."""
    r = issue.record
    return r["seat_blocked_majority"] | r["seat_imposed_majority"]


@register("informed", per="issue", direction="higher", kind=bool)
def informed(issue: IssueState) -> np.ndarray:
    """The decision is the one the rule would take if everyone knew the motion's quality."""
    r = issue.record
    return r["has_proposal"] & (r["passed"] == r["passed_informed"])


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
    """Mean over all stakeholders of -||x_i - outcome_t||: the welfare of what holds after it."""
    cycle = issue.cycle
    return -norm(cycle.ideal - cycle.status_quo[:, None, :]).mean(axis=1)


@register("welfare_gain", per="issue", direction="higher")
def issue_welfare_gain(issue: IssueState) -> np.ndarray:
    """Welfare minus the mean utility -||x_i - q_t|| of the reversion point (0 if it failed)."""
    cycle = issue.cycle
    at_reversion = -norm(cycle.ideal - cycle.reversion[:, None, :]).mean(axis=1)
    return issue.record["welfare"] - at_reversion


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
    """Share of counted issues passed."""
    return float(run.passed.mean()) if run.passed.size else np.nan


@register("gridlock_rate", per="run", direction="lower")
def gridlock_rate(run: RunState) -> float:
    """Share of counted issues not passed (1 - pass_rate), those without a proposal included."""
    return float((~run.passed).mean()) if run.passed.size else np.nan


@register("decision_rounds", per="run", direction="lower")
def decision_rounds(run: RunState) -> float:
    """Mean decision rounds over the counted issues with a proposal."""
    return run.decided_mean("rounds")


@register("welfare", per="run", direction="higher")
def welfare(run: RunState) -> float:
    """Mean over counted issues and all stakeholders of -||x_i - outcome_t||."""
    return run.welfare


@register("welfare_gain", per="run", direction="higher")
def welfare_gain(run: RunState) -> float:
    """Mean over counted issues of the issue's welfare gain over its reversion point."""
    return run.counted_mean("welfare_gain")


@register("minority_loss", per="run", direction="higher")
def minority_loss(run: RunState) -> float:
    """The worst sector's mean utility over the counted issues (the maximin criterion)."""
    return float(np.nanmin(run.sector_welfare)) if run.losses.size else np.nan


@register("minority_sector", per="run", kind=str)
def minority_sector(run: RunState) -> str:
    """The sector whose mean utility over the counted issues is lowest."""
    return run.sectors[int(np.nanargmin(run.sector_welfare))] if run.losses.size else ""


@register("utility_sd", per="run", direction="lower")
def utility_sd(run: RunState) -> float:
    """Mean over counted issues of the standard deviation of the utilities -||x_i - outcome_t||."""
    return float(run.losses.std(axis=1).mean()) if run.losses.size else np.nan


@register("utility_gini", per="run", direction="lower")
def utility_gini(run: RunState) -> float:
    """Mean over counted issues of the Gini coefficient of the losses ||x_i - outcome_t||."""
    return float(_row_gini(run.losses).mean()) if run.losses.size else np.nan


@register("blocked_majority_rate", per="run", direction="lower")
def blocked_majority_rate(run: RunState) -> float:
    """Share of counted issues with a proposal that failed against a majority of the engaged."""
    return run.decided_mean("blocked_majority")


@register("imposed_majority_rate", per="run", direction="lower")
def imposed_majority_rate(run: RunState) -> float:
    """Share of counted issues with a proposal that passed without a majority of the engaged."""
    return run.decided_mean("imposed_majority")


@register("seat_blocked_majority_rate", per="run", direction="lower")
def seat_blocked_majority_rate(run: RunState) -> float:
    """Share of counted issues with a proposal that failed against a majority of deciding seats."""
    return run.decided_mean("seat_blocked_majority")


@register("seat_imposed_majority_rate", per="run", direction="lower")
def seat_imposed_majority_rate(run: RunState) -> float:
    """Share of counted issues with a proposal that passed without a majority of deciding seats."""
    return run.decided_mean("seat_imposed_majority")


@register("counter_majoritarian_rate", per="run", direction="lower")
def counter_majoritarian_rate(run: RunState) -> float:
    """blocked_majority_rate + imposed_majority_rate."""
    return run.decided_mean("counter_majoritarian")


@register("seat_counter_majoritarian_rate", per="run", direction="lower")
def seat_counter_majoritarian_rate(run: RunState) -> float:
    """seat_blocked_majority_rate + seat_imposed_majority_rate."""
    return run.decided_mean("seat_counter_majoritarian")


@register("informed_rate", per="run", direction="higher")
def informed_rate(run: RunState) -> float:
    """Share of counted issues voted on decided as full information would (NaN if w = 0)."""
    if not run.cycle.informed:
        return np.nan
    return run.decided_mean("informed")


@register("captured_by", per="run", kind=str)
def captured_by(run: RunState) -> str:
    """The sector whose mean ideal point is on average closest to the counted outcomes."""
    if not run.outcomes.size:
        return ""
    gaps = norm(run.outcomes[:, None, :] - run.sector_means[None, :, :]).mean(axis=0)
    present = np.bincount(run.layout.sector, minlength=len(run.sectors)) > 0
    return run.sectors[int(np.argmin(np.where(present, gaps, np.inf)))]


@register("legitimacy_input", per="run", direction="higher")
def legitimacy_input(run: RunState) -> float:
    """1 - total variation between sectors' shares of deciding vote weight and of population."""
    return metrics.input_legitimacy(run.layout.decision_share, run.layout.population_share)


@register("legitimacy_throughput", per="run", direction="higher")
def legitimacy_throughput(run: RunState) -> float:
    """Share of objections in the decision rounds of counted issues that amendments addressed."""
    objected = run.counted("objections").sum()
    return run.counted("objections_addressed").sum() / objected if objected else np.nan


@register("legitimacy_output", per="run", direction="higher")
def legitimacy_output(run: RunState) -> float:
    """W* / W, W* the welfare at the geometric median of the ideal points; 1 is optimal."""
    if np.isnan(run.welfare):
        return np.nan
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
    """What holds after the last issue (its outcome), one column per axis of the policy space."""
    return run.q


@register("welfare", per="run", direction="higher", family="sector")
def sector_welfare(run: RunState) -> np.ndarray:
    """Mean over counted issues and the sector's stakeholders of -||x_i - outcome_t||."""
    return run.sector_welfare


@register("capture", per="run", family="sector")
def capture(run: RunState) -> np.ndarray:
    """Mean over counted issues of (||o - mean_all|| - ||o - mean_S||) / ||mean_all - mean_S||.

    o is the issue's outcome, the means are of the ideal points (see
    :func:`govsim.metrics.capture`, the same formula for one point).
    """
    if not run.outcomes.size:
        return np.full(len(run.sectors), np.nan)
    overall = run.ideal.mean(axis=0)
    gap = norm(run.sector_means - overall)
    toward = norm(run.outcomes - overall)[:, None] - norm(
        run.outcomes[:, None, :] - run.sector_means[None, :, :]
    )
    lead = toward.mean(axis=0)
    present = np.bincount(run.layout.sector, minlength=len(run.sectors)) > 0
    return np.divide(lead, gap, out=np.full(gap.shape, np.nan), where=(gap > 0) & present)


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
