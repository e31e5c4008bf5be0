"""The model's registered metrics: per issue from an issue's state, per run from the run's.

Each metric is one function registered with :func:`govsim.model.registry.register`;
registration order is column order (``docs/model.md`` lists them all). The states
hold what several metrics share (losses, gains, medians, the decided issues) as
cached properties, so each is computed once per run.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cached_property
from typing import TYPE_CHECKING, NamedTuple

import numpy as np

from govsim import metrics
from govsim.model.registry import register
from govsim.model.seat_power import seat_power, sector_power
from govsim.rules import Stance, agenda_free_rates

if TYPE_CHECKING:
    from govsim.model.cycle import IssueCycle

__all__ = ["IssueState", "RunState"]

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


#: Above this many voters the agenda-free rates are not computed (their cost grows
#: about as the cube of the voters: 3 ms for 21 seats, 27 ms for 60, 5 s for 400).
MAX_AGENDA_FREE_VOTERS = 100


class IssueState(NamedTuple):
    """Decided issues, one row per issue and replication: what per-issue metrics read.

    The rows are a batch like a batch of replications: a metric computes each row
    from that row alone, so one call over many issues gives what one call per issue
    would. ``record`` holds the event columns (``has_proposal``, ``passed``,
    ``outcome``, ``reversion``, ``popular_support`` ..., shape (rows, ...)) and the
    metrics computed before; ``outcome`` the decision's arrays (``stances``, the
    final stances, and ``addressed``, shape (rows, N); ``objections``,
    ``objections_addressed``), ``engagement`` after the issue's feedback (rows, N)
    and the replication's ``ideal`` points (rows, N, d). ``cycle`` gives what does
    not change from issue to issue (layout, scenario, design).
    """

    cycle: IssueCycle
    record: Mapping[str, np.ndarray]
    outcome: Mapping[str, np.ndarray]


class RunState:
    """One replication of a cycle at the end of its issues: what run metrics read.

    Run metrics average over the issues after the scenario's ``issues.burn_in``;
    welfare is judged per issue, on what held after it (its outcome), against what
    would have held without a decision (its reversion point q_t).
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

    def _points(self, key: str) -> np.ndarray:
        return self.counted(key).reshape(-1, self.ideal.shape[1])

    @cached_property
    def outcomes(self) -> np.ndarray:
        """What held after each counted issue, (T, d)."""
        return self._points("outcome")

    @cached_property
    def losses(self) -> np.ndarray:
        """||x_i - outcome_t|| per counted issue and stakeholder, (T, N)."""
        return norm(self.ideal[None, :, :] - self.outcomes[:, None, :])

    @cached_property
    def reversion_losses(self) -> np.ndarray:
        """||x_i - q_t|| per counted issue and stakeholder, (T, N)."""
        return norm(self.ideal[None, :, :] - self._points("reversion")[:, None, :])

    @cached_property
    def gains(self) -> np.ndarray:
        """Each stakeholder's mean gain u_i(outcome_t) - u_i(q_t) over counted issues, (N,)."""
        return (self.reversion_losses - self.losses).mean(axis=0)

    @cached_property
    def welfare(self) -> float:
        """Mean utility -||x_i - outcome_t|| over counted issues and stakeholders."""
        return float(-self.losses.mean()) if self.losses.size else np.nan

    def by_sector(self, values: np.ndarray) -> np.ndarray:
        """Mean of per-stakeholder ``values`` over each sector's members, (S,); NaN if empty."""
        return _code_means(values, self.layout.sector, len(self.sectors))

    @cached_property
    def optimum(self) -> np.ndarray:
        """The utilitarian optimum: the geometric median of all ideal points, (d,)."""
        return np.atleast_1d(metrics.geometric_median(self.ideal))

    @cached_property
    def group_medians(self) -> np.ndarray:
        """Geometric median of each scenario group's ideal points, (G, d)."""
        return _medians(self.ideal, self.layout.group, len(self.cycle.scenario.groups))

    @cached_property
    def group_regret(self) -> np.ndarray:
        """Each group's mean loss over counted issues minus its mean loss at its median, (G,)."""
        codes, k = self.layout.group, self.group_medians.shape[0]
        at_best = norm(self.ideal - self.group_medians[codes])
        return _code_means(self.losses.mean(axis=0) - at_best, codes, k)

    @cached_property
    def sector_medians(self) -> np.ndarray:
        """Geometric median of each sector's ideal points, (S, d); NaN rows if empty."""
        return _medians(self.ideal, self.layout.sector, len(self.sectors))

    @cached_property
    def present(self) -> np.ndarray:
        """Whether each sector has members, (S,)."""
        return np.bincount(self.layout.sector, minlength=len(self.sectors)) > 0

    @cached_property
    def agenda_free(self) -> tuple[float, float]:
        """(blocked, imposed): the rule against a one-seat-one-vote majority, agenda-free.

        Exact over uniform reversion points and proposals, from the seat holders'
        ideal points with everyone attending (:func:`govsim.rules.agenda_free_rates`);
        NaN in more than one dimension or above :data:`MAX_AGENDA_FREE_VOTERS` voters.
        """
        layout = self.layout
        if layout.voters.size > MAX_AGENDA_FREE_VOTERS:
            return np.nan, np.nan
        deciding = ((layout.weights > 0) & layout.in_deciding_house).astype(float)
        return agenda_free_rates(
            self.ideal[layout.voters],
            layout.weights,
            layout.houses,
            self.cycle.rule,
            comparison_weights=deciding,
        )

    def decided_mean(self, key: str) -> float:
        """Mean of a record column over the counted issues with a proposal; NaN if none."""
        return float(self.counted(key)[self.decided].mean()) if self.decided.any() else np.nan

    def counted_mean(self, key: str) -> float:
        """Mean of a record column over the counted issues; NaN if none."""
        values = self.counted(key)
        return float(values.mean()) if values.size else np.nan


def _code_means(values: np.ndarray, codes: np.ndarray, k: int) -> np.ndarray:
    """Mean of ``values`` (N,) within each code 0..k-1, (k,); NaN for an empty code."""
    totals = np.bincount(codes, values, minlength=k)
    counts = np.bincount(codes, minlength=k)
    return np.divide(totals, counts, out=np.full(k, np.nan), where=counts > 0)


def _medians(points: np.ndarray, codes: np.ndarray, k: int) -> np.ndarray:
    """Geometric median of the points of each code 0..k-1, (k, d); NaN rows if empty."""
    medians = np.full((k, points.shape[1]), np.nan)
    if points.shape[1] == 1:
        # One sort for every code: the middle one or two of each code's sorted run, as
        # numpy.median (and so geometric_median in one dimension) takes them.
        x = points[np.lexsort((points[:, 0], codes)), 0]
        counts = np.bincount(codes, minlength=k)
        low = np.cumsum(counts) - counts + (counts - 1) // 2
        held = counts > 0
        high = low + 1 - counts % 2
        medians[held, 0] = (x[low[held]] + x[high[held]]) / 2
        return medians
    for code in np.unique(codes):  # a few groups per run; each median is one call
        medians[code] = metrics.geometric_median(points[codes == code])
    return medians


# -- per issue ---------------------------------------------------------------------------


def _majority_for(issue: IssueState, prefix: str = "popular") -> np.ndarray:
    """Whether more of the engaged (``popular``) or deciding seats (``seat``) were for."""
    r = issue.record
    return r[f"{prefix}_support"] > r[f"{prefix}_oppose"]


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
    return r["has_proposal"] & ~r["passed"] & _majority_for(issue, "seat")


@register("seat_imposed_majority", per="issue", direction="lower", kind=bool)
def seat_imposed_majority(issue: IssueState) -> np.ndarray:
    """The motion passed although no more deciding seats supported it than opposed it."""
    r = issue.record
    return r["has_proposal"] & r["passed"] & ~_majority_for(issue, "seat")


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


@register("heard", per="issue", direction="higher")
def issue_heard(issue: IssueState) -> np.ndarray:
    """Share of the engaged who took a side and were heard: their side won or was addressed.

    Heard as the engagement feedback hears (``docs/model.md``): i has a voice (votes,
    has dialogue access or advises) and the outcome went its way (it supported a motion
    that passed or opposed one that failed) or an amendment moved toward its objection.
    NaN when nobody took a side (no proposal, or everyone abstained or was absent).
    """
    stances, passed = issue.outcome["stances"], issue.record["passed"][:, None]
    support, oppose = stances == SUPPORT, stances == OPPOSE
    took_side = (support | oppose) & issue.record["has_proposal"][:, None]
    won = (support & passed) | (oppose & ~passed)
    heard = took_side & issue.cycle.layout.voice & (won | issue.outcome["addressed"])
    sides = took_side.sum(axis=1)
    return np.divide(heard.sum(axis=1), sides, out=np.full(sides.shape, np.nan), where=sides > 0)


@register("welfare", per="issue", direction="higher")
def issue_welfare(issue: IssueState) -> np.ndarray:
    """Mean over all stakeholders of -||x_i - outcome_t||: the welfare of what holds after it."""
    ideal, outcome = issue.outcome["ideal"], issue.record["outcome"]
    return -norm(ideal - outcome[:, None, :]).mean(axis=1)


@register("welfare_gain", per="issue", direction="higher")
def issue_welfare_gain(issue: IssueState) -> np.ndarray:
    """Welfare minus the mean utility -||x_i - q_t|| of the reversion point (0 if it failed)."""
    r = issue.record
    if not r["passed"].any():  # a failed motion leaves q_t: exactly no gain
        return np.zeros(r["passed"].shape)
    at_reversion = -norm(issue.outcome["ideal"] - r["reversion"][:, None, :]).mean(axis=1)
    return r["welfare"] - at_reversion


@register("engagement", per="issue", direction="higher")
def issue_engagement(issue: IssueState) -> np.ndarray:
    """Mean engagement of all stakeholders after the issue's feedback."""
    return issue.outcome["engagement"].mean(axis=1)


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


@register("attained_gain", per="run", direction="higher")
def attained_gain(run: RunState) -> float:
    """Share of the attainable welfare gain realised: sum of gains / sum of best gains.

    An issue's best gain is what moving q_t to the utilitarian optimum (the geometric
    median of the ideal points) would have gained, W(optimum) - W(q_t) >= 0. Output
    legitimacy (Scharpf 1999): 1 when every decision reached the optimum, 0 when
    nothing moved, negative when decisions moved away from it; NaN when no counted
    issue could gain.
    """
    if not run.losses.size:
        return np.nan
    at_optimum = norm(run.ideal - run.optimum).mean()
    best = run.reversion_losses.mean(axis=1).sum() - at_optimum * run.losses.shape[0]
    gained = (run.reversion_losses - run.losses).mean(axis=1).sum()
    return float(gained / best) if best > 0 else np.nan


@register("minority_loss", per="run", direction="lower")
def minority_loss(run: RunState) -> float:
    """The worst-off group's mean regret: its mean loss at the outcomes minus at its median.

    For each scenario group g, the mean over counted issues and members of
    ||x_i - outcome_t||, minus the members' mean ||x_i - m_g||, m_g the group's
    geometric median (the best outcome it could have had). The largest over groups.
    """
    return float(np.nanmax(run.group_regret)) if run.losses.size else np.nan


@register("minority_group", per="run", kind=str)
def minority_group(run: RunState) -> str:
    """The scenario group with the largest mean regret (the one minority_loss reports)."""
    if not run.losses.size:
        return ""
    return run.cycle.scenario.groups[int(np.nanargmax(run.group_regret))].name


@register("gain_sd", per="run", direction="lower")
def gain_sd(run: RunState) -> float:
    """Standard deviation over stakeholders of their mean gain over the counted issues."""
    return float(run.gains.std()) if run.losses.size else np.nan


@register("gain_gini", per="run", direction="lower")
def gain_gini(run: RunState) -> float:
    """Gini coefficient (for values of either sign) of the stakeholders' mean gains."""
    return metrics.signed_gini(run.gains) if run.losses.size else np.nan


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


@register("agenda_free_blocked_rate", per="run", direction="lower")
def agenda_free_blocked_rate(run: RunState) -> float:
    """Share of uniform (q, y) the rule fails though a majority of the deciding seats passes it."""
    return run.agenda_free[0]


@register("agenda_free_imposed_rate", per="run", direction="lower")
def agenda_free_imposed_rate(run: RunState) -> float:
    """Share of uniform (q, y) the rule passes though a majority of the deciding seats fails it."""
    return run.agenda_free[1]


@register("informed_rate", per="run", direction="higher")
def informed_rate(run: RunState) -> float:
    """Share of counted issues voted on decided as full information would (NaN if w = 0)."""
    if not run.cycle.informed:
        return np.nan
    return run.decided_mean("informed")


@register("heard", per="run", direction="higher")
def heard(run: RunState) -> float:
    """Mean over counted issues of the share of the engaged who took a side and were heard."""
    values = run.counted("heard")
    return float(np.nanmean(values)) if np.isfinite(values).any() else np.nan


@register("congruence", per="run", direction="higher")
def congruence(run: RunState) -> float:
    """1 - distance between the voters' Banzhaf-weighted median ideal and everyone's median.

    Coordinate-wise medians (:func:`govsim.metrics.congruence`), the distance divided
    by sqrt(d); NaN when voting power is not computed (more than
    :data:`~govsim.model.seat_power.MAX_POWER_VOTERS` voters) or no seat has any.
    """
    power = seat_power(run.layout)
    if not power.size or not np.isfinite(power).all() or not power.sum() > 0:
        return np.nan
    return metrics.congruence(run.ideal[run.layout.voters], power, run.ideal)


@register("descriptive_representation", per="run", direction="higher")
def descriptive_representation(run: RunState) -> float:
    """1 - total variation between sectors' shares of deciding vote weight and of population."""
    layout = run.layout
    return metrics.descriptive_representation(layout.decision_share, layout.population_share)


@register("captured_by", per="run", kind=str)
def captured_by(run: RunState) -> str:
    """The sector whose median ideal is on average closest to the passed motions; "" if none."""
    adopted = run.outcomes[run.passed]
    if not adopted.size:
        return ""
    gaps = norm(adopted[:, None, :] - run.sector_medians[None, :, :]).mean(axis=0)
    return run.sectors[int(np.argmin(np.where(run.present, gaps, np.inf)))]


@register("polarisation_ideal", per="run", direction="neither")
def polarisation_ideal(run: RunState) -> float:
    """Esteban-Ray index (alpha = 1.6) of the scenario groups at their mean ideal points."""
    return _group_polarisation(run, run.ideal)


@register("polarisation", per="run", direction="lower")
def polarisation(run: RunState) -> float:
    """Esteban-Ray index (alpha = 1.6) of the scenario groups at their mean final positions."""
    return _group_polarisation(run, run.cycle.position[run.b])


def _group_polarisation(run: RunState, points: np.ndarray) -> float:
    """Esteban-Ray over the scenario groups: shares by size, each at its members' mean."""
    codes = run.layout.group
    counts = np.bincount(codes)
    held = counts > 0
    centres = np.stack([_code_means(axis, codes, counts.size) for axis in points.T], axis=1)
    return metrics.esteban_ray_groups(counts[held], centres[held], metrics.ALPHA_MAX)


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
    if not run.losses.size:
        return np.full(len(run.sectors), np.nan)
    return run.by_sector(-run.losses.mean(axis=0))


@register("welfare_gain", per="run", direction="higher", family="sector")
def sector_welfare_gain(run: RunState) -> np.ndarray:
    """Mean over counted issues and the sector's stakeholders of u_i(outcome_t) - u_i(q_t)."""
    if not run.losses.size:
        return np.full(len(run.sectors), np.nan)
    return run.by_sector(run.gains)


@register("capture", per="run", family="sector")
def capture(run: RunState) -> np.ndarray:
    """Mean over passed motions of (||o - m|| - ||o - m_S||) / ||m - m_S||, m the medians.

    o is a counted issue's outcome where the motion passed, m_S the geometric median
    of the sector's ideal points and m that of everyone's (the utilitarian optimum):
    1 at the sector's median, -1 at everyone's. Failed issues are left out, since
    their outcome is the reversion point, which nobody chose; NaN if nothing passed.
    """
    adopted = run.outcomes[run.passed]
    if not adopted.size:
        return np.full(len(run.sectors), np.nan)
    medians, optimum = run.sector_medians, run.optimum
    gap = norm(medians - optimum)
    toward = norm(adopted - optimum)[:, None] - norm(adopted[:, None, :] - medians[None, :, :])
    lead = toward.mean(axis=0)
    usable = run.present & (gap > 0)
    return np.divide(lead, gap, out=np.full(gap.shape, np.nan), where=usable)


@register("power", per="run", family="sector")
def power(run: RunState) -> np.ndarray:
    """Normalised Banzhaf index of the sector: the sum over the seats it holds."""
    return sector_power(run.layout)
