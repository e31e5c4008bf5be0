"""The issue cycle, vectorised over stakeholders and over a batch of replications.

One :meth:`IssueCycle.step` handles one issue in every replication at once: agenda,
deliberation, advice, stances, decision with amendment rounds, outcome and engagement
feedback, as ``docs/model.md`` describes. State is held in arrays of shape (B, N) or
(B, N, d) for B replications of N stakeholders in [0, 1]^d; the deliberation network
of the batch is one block-diagonal sparse matrix, so every kernel runs once per round
for the whole batch.

Each replication draws from its own generator in a fixed order (its population and
network, then one vector of uniforms per issue, then Deffuant matchings), so a
replication gives the same result alone or in any batch.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from scipy import sparse, special

from govsim.designs.seating import amendment_rounds
from govsim.designs.spec import Design, Scenario
from govsim.dynamics import Forum, Room, get_kernel
from govsim.dynamics.linear import COMPILED_ROWS
from govsim.model.history import IssueLog
from govsim.model.measures import ABSENT, OPPOSE, SUPPORT, norm
from govsim.model.population import Layout, draw_population
from govsim.model.stances import CODES, cast_ballot, compiled_loops, take_stances
from govsim.rng import SeedLike, make_rng
from govsim.rules import get_rule
from govsim.rules.setter import setter_proposal

__all__ = ["IssueCycle", "take_stances"]


def _masked_mean(mask: np.ndarray, points: np.ndarray) -> np.ndarray:
    """Mean of the points where ``mask`` holds, per replication; 0 where none does.

    ``mask`` has shape (B, M) and ``points`` (B, M, d). Each replication's sum runs
    along a contiguous row, so the result does not depend on the batch it is in.
    """
    weights = mask.astype(float)
    totals = np.ascontiguousarray(np.moveaxis(points * weights[..., None], 1, -1)).sum(axis=-1)
    return totals / np.maximum(weights.sum(axis=1), 1.0)[:, None]


class IssueCycle:
    """B replications of one design in one scenario, advanced one issue per step.

    Parameters
    ----------
    design, scenario
        Validated specs (see :func:`govsim.designs.resolve`).
    seeds
        One seed per replication; each becomes that replication's generator.

    Attributes
    ----------
    ideal, position
        Ideal points and current positions, shape (B, N, d).
    engagement
        Current engagement, shape (B, N).
    status_quo
        What holds now, shape (B, d): during an issue its reversion point q_t, after
        it the outcome.
    reversion
        The last issue's reversion point q_t, shape (B, d).
    log
        The per-issue columns of ``docs/model.md`` (see :meth:`history`).
    """

    def __init__(self, design: Design, scenario: Scenario, seeds: Sequence[SeedLike]) -> None:
        self.design, self.scenario = design, scenario
        self.layout = Layout(design, scenario)
        self.rngs = [make_rng(seed) for seed in seeds]
        populations = [draw_population(self.layout, rng) for rng in self.rngs]

        def stack(name: str) -> np.ndarray:
            return np.stack([getattr(pop, name) for pop in populations])

        self.ideal = stack("ideal")
        self.position = self.ideal.copy()
        self.resources = stack("resources")
        self.susceptibility = stack("susceptibility")
        self.confidence = stack("confidence")
        self.engagement = stack("engagement").copy()
        networks = [pop.network for pop in populations]
        if len(networks) == 1 and networks[0].has_canonical_format:
            self.network = networks[0]  # what block_diag would rebuild, entry for entry
        else:
            self.network = sparse.block_diag(networks, format="csr")
        self._adviser_resources = (self.resources * self.layout.advisory).sum(axis=1)
        # The network prepared once for deliberation; replications are its blocks.
        self._forum = Forum(self.network, blocks=len(seeds))
        self.status_quo = np.tile(np.asarray(scenario.status_quo, dtype=float), (len(seeds), 1))
        self.initial_status_quo = self.status_quo.copy()
        self.reversion = self.status_quo.copy()
        # A fixed question draws nothing for its reversion point; the others d uniforms.
        self._reversion_draws = 0 if scenario.issues.process == "fixed" else scenario.dimensions
        # A common value draws the motion's quality and every stakeholder's signal.
        self.informed = scenario.issues.common_value > 0
        self._quality_draws = 1 + self.size if self.informed else 0
        self.quality = np.full(len(seeds), np.nan)
        self.estimate = np.zeros(self.ideal.shape[:2])
        # Who may move motions: agenda access, among the seat holders of a seated body.
        seats_only = design.agenda.proposers == "seats" and bool(design.seats)
        self._agenda = np.where(self.layout.seated, 1.0, 0.0 if seats_only else 1.0)
        self._agenda = self._agenda * self.layout.agenda
        self.rule = get_rule(design.rule.name, **dict(design.rule.params))
        self.max_rounds = amendment_rounds(design)
        self.passes = np.zeros(len(seeds), dtype=np.intp)
        self._attendance = float(design.attendance)
        low, high = np.asarray(scenario.issues.low), np.asarray(scenario.issues.high)
        self._box = low, high - low  # where fresh reversion points fall
        self._advice = design.deliberation.advisory_pull != 0 and bool(self.layout.advisory.any())
        # A small batch takes compiled loops (numba) where numpy's per-call cost dominates.
        self._small = self.batch * self.size <= COMPILED_ROWS
        self._nobody = np.zeros((self.batch, self.layout.voters.size), dtype=bool)
        self._nobody.flags.writeable = False  # shared by every first round
        self._blank = (
            np.array([""] * self.batch, dtype=object),
            np.zeros(self.ideal.shape[:2], bool),
        )
        for blank in self._blank:  # no designation, nobody addressed: shared, read only
            blank.flags.writeable = False
        self.log = IssueLog(self)

    def history(self) -> dict[str, np.ndarray]:
        """Every per-issue column over the issues so far: arrays of shape (T, B, ...).

        Event columns first, then the registered per-issue metrics. Built once per
        issue count, so that tables for B replications stack the records once rather
        than B times; read the arrays, copy before changing them.
        """
        return self.log.columns()

    @property
    def records(self) -> list[dict[str, np.ndarray]]:
        """One dict per issue of every column, arrays (B, ...): views of :meth:`history`."""
        history = self.history()
        return [{key: values[t] for key, values in history.items()} for t in range(self.issue)]

    @property
    def issue(self) -> int:
        """Issues processed so far; the next issue's 0-based number."""
        return self.log.count

    @property
    def batch(self) -> int:
        """B, the number of replications run together."""
        return self.ideal.shape[0]

    @property
    def size(self) -> int:
        """N, the number of stakeholders per replication."""
        return self.ideal.shape[1]

    def step(self) -> None:
        """Process one issue in every replication and append its record."""
        n = self.size
        self._apply_shocks()
        count = 2 * n + 1 + self._reversion_draws + self._quality_draws
        if len(self.rngs) == 1:
            draws = self.rngs[0].random(count)[None]
        else:
            draws = np.stack([rng.random(count) for rng in self.rngs])
        self.reversion = self._reversion_point(
            draws[:, 2 * n + 1 : 2 * n + 1 + self._reversion_draws]
        )
        self.status_quo = self.reversion.copy()
        engaged, participant, proposer, has_proposal = self._agenda_draws(draws)
        proposal, has_proposal = self._propose(proposer, has_proposal)
        self.position = self._deliberate(participant)
        if self.informed:
            self._inform(draws[:, -self._quality_draws :], participant)
        outcome = self._decide(proposal, engaged, has_proposal, self._advised(engaged))
        passed = outcome["passed"]
        self.passes += passed
        self.status_quo = np.where(passed[:, None], outcome["proposal"], self.status_quo)
        counts = self._feedback(outcome, has_proposal, engaged, participant)
        self._record(outcome, proposer, has_proposal, counts)

    # -- agenda ---------------------------------------------------------------------

    def _apply_shocks(self) -> None:
        for shock in self.scenario.shocks:
            if shock.issue == self.issue:
                codes = [self.scenario.sectors.index(s) for s in shock.sectors]
                hit = np.isin(self.layout.sector, codes)
                self.engagement[:, hit] = np.maximum(self.engagement[:, hit], shock.engagement)

    def _reversion_point(self, uniform: np.ndarray) -> np.ndarray:
        """The issue's reversion point q_t from the scenario's issue process, shape (B, d).

        ``uniform`` holds d uniforms per replication (none for ``fixed``): ``fresh``
        maps them onto the box from ``low`` to ``high``, ``drift`` turns them into
        normal steps (by the inverse normal CDF) from the last outcome.
        """
        issues = self.scenario.issues
        if issues.process == "fresh":
            low, span = self._box
            return low + span * uniform
        if issues.process == "drift":
            return np.clip(self.status_quo + issues.step * special.ndtri(uniform), 0.0, 1.0)
        return self.status_quo.copy()

    def _agenda_draws(
        self, draws: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """Engaged and participant masks, the proposer and whether there is one.

        From the issue's uniforms (see :func:`govsim.model.compiled.agenda_draws`,
        one compiled call for a small batch): the first N decide who engages (seat
        holders attend with probability ``attendance``), the next N who of them
        deliberates, uniform 2N the proposer.
        """
        layout, n = self.layout, self.size
        if self._small:
            return compiled_loops().agenda_draws(
                draws,
                layout.seated,
                self._attendance,
                self.engagement,
                layout.dialogue,
                self._agenda,
                self.resources,
            )
        engaged = np.where(
            layout.seated, draws[:, :n] < self._attendance, draws[:, :n] < self.engagement
        )
        participant = engaged & (draws[:, n : 2 * n] < layout.dialogue)
        return engaged, participant, *self._draw_proposer(draws[:, 2 * n])

    def _draw_proposer(self, uniform: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Proposer with probability proportional to agenda x engagement x resources.

        Only the design's proposers have agenda weight (the seat holders of a seated
        body unless ``agenda.proposers = "all"``).
        """
        cumulative = np.cumsum(self._agenda * self.engagement * self.resources, axis=1)
        total = cumulative[:, -1]
        proposer = (cumulative <= (uniform * total)[:, None]).sum(axis=1)
        has_proposal = total > 0
        return np.where(has_proposal, np.minimum(proposer, self.size - 1), 0), has_proposal

    def _propose(
        self, proposer: np.ndarray, has_proposal: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray]:
        """The motion each proposer tables, and whether there is one.

        ``sincere``: the proposer's position moved ``moderation`` toward q_t.
        ``setter``: the point nearest that position which the rule would pass given
        the voters' current positions and full attendance
        (:func:`govsim.rules.setter.setter_proposal`); a setter for whom nothing
        would pass makes no motion.
        """
        if self.batch == 1:  # one replication: a basic index, not a fancy one
            own = self.position[0, proposer[0]][None]
        else:
            own = self.position[np.arange(self.batch), proposer]
        agenda = self.design.agenda
        if agenda.strategy == "sincere":
            return own + agenda.moderation * (self.status_quo - own), has_proposal
        layout = self.layout
        found = setter_proposal(
            self.rule,
            self.position[:, layout.voters],
            self.status_quo,
            own,
            layout.weights,
            layout.houses,
            indifference=self.scenario.indifference,
        )
        return found.proposal, has_proposal & found.passes

    # -- information --------------------------------------------------------------------

    def _inform(self, uniform: np.ndarray, participant: np.ndarray) -> None:
        """Draw the motion's quality and the signals; participants pool their estimates.

        ``uniform`` holds 1 + N uniforms per replication: the first decides
        theta_t = +1 or -1 with equal odds, the others become each stakeholder's
        signal theta_t + sigma * epsilon (by the inverse normal CDF). The estimates
        then move by the design's kernel, anchored at the signals, among the
        participants only: deliberation spreads information as well as positions.
        """
        self.quality = np.where(uniform[:, 0] < 0.5, 1.0, -1.0)
        noise = self.scenario.issues.signal_noise * special.ndtri(uniform[:, 1:])
        signals = self.quality[:, None] + noise
        self.estimate = self._talk(signals[..., None], signals[..., None], participant)[..., 0]

    def _bonus(self, quality: np.ndarray | None = None) -> np.ndarray | None:
        """W times each stakeholder's estimate (or a known ``quality``); None if w = 0."""
        if not self.informed:
            return None
        w = self.scenario.issues.common_value
        return w * (
            self.estimate
            if quality is None
            else np.broadcast_to(quality[:, None], self.estimate.shape)
        )

    # -- deliberation and advice --------------------------------------------------------

    def _deliberate(self, participant: np.ndarray, rounds: int | None = None) -> np.ndarray:
        """Move participants' positions with the design's kernel; others keep theirs.

        ``rounds`` (None: the design's) lets :mod:`govsim.model.trace` talk one round
        at a time. Deffuant matchings draw from each replication's own generator.
        """
        return self._talk(self.position, self.ideal, participant, rounds)

    def _talk(
        self,
        values: np.ndarray,
        anchor: np.ndarray,
        participant: np.ndarray,
        rounds: int | None = None,
    ) -> np.ndarray:
        """``values`` (B, N, k) after the design's kernel, anchored at ``anchor``."""
        talk = self.design.deliberation
        shape = values.shape
        room = Room(
            self._forum,
            active=participant.ravel(),
            resources=self.resources.ravel(),
            susceptibility=self.susceptibility.ravel(),
            confidence=self.confidence.ravel(),
            anchor=anchor.reshape(-1, shape[-1]),
            mu=talk.mu,
        )
        moved = get_kernel(talk.kernel)(
            values.reshape(-1, shape[-1]),
            room,
            rounds=talk.rounds if rounds is None else rounds,
            rng=self.rngs,
        )
        return moved.positions.reshape(shape)

    def _advised(self, engaged: np.ndarray) -> np.ndarray:
        """The positions stances are taken by, after non-binding advice.

        Engaged deciders move toward the engaged advisers' mean position by
        ``advisory_pull`` times the share of the advisers' resources that engaged:
        advice weighs more the more advisers mobilise. The pull is for this issue's
        vote only; stored positions do not move.
        """
        pull = self.design.deliberation.advisory_pull
        layout = self.layout
        if not self._advice:
            return self.position
        advisers = engaged & layout.advisory
        mobilised = (self.resources * advisers).sum(axis=1)
        weight = pull * mobilised / self._adviser_resources
        mean = _masked_mean(advisers, self.position)
        pulled = self.position + weight[:, None, None] * (mean[:, None, :] - self.position)
        return np.where((engaged & layout.deciding)[..., None], pulled, self.position)

    # -- decision -----------------------------------------------------------------------

    def _decide(
        self,
        proposal: np.ndarray,
        engaged: np.ndarray,
        has_proposal: np.ndarray,
        position: np.ndarray,
    ) -> dict[str, np.ndarray]:
        """Stances by ``position`` and the rule, with amendment rounds while objections stand.

        Objections are counted over every round, from voters of positive weight.
        """
        layout = self.layout
        voters, weights, houses = layout.voters, layout.weights, layout.houses
        tau = self.scenario.indifference
        bonus = self._bonus()
        step = self.design.amendment.step
        undecided = has_proposal
        # The first round fills these: passed, rounds, stances, (support, oppose,
        # abstain) weight and the objecting voters (every seat is held by a different
        # stakeholder). Nothing is addressed before a first amendment: until then
        # addressed is a shared all-False array, as is designation for rules without.
        passed: np.ndarray
        rounds: np.ndarray
        final: np.ndarray
        votes: np.ndarray
        objectors: np.ndarray
        designation, addressed = self._blank
        objected = addressed
        for k in range(1, self.max_rounds + 1):
            stances, ballot, objecting, objects = cast_ballot(
                position,
                proposal,
                self.status_quo,
                tau,
                engaged,
                voters,
                layout.voting,
                bonus,
                self._small,
            )
            heard = self._nobody if k == 1 else addressed[:, voters]
            decision = self.rule(ballot, weights, houses, addressed=heard)
            now, now_each = undecided, undecided[:, None]
            if decision.designation is not None:
                designation = np.where(now, decision.designation, designation)
            t = decision.tally
            # Each total over the houses, as np.add.reduce sums one tally row.
            counted = np.add.reduce(np.array([t.support, t.oppose, t.abstain]), axis=-1).T
            if k == 1:  # nothing to merge with yet
                passed = np.where(now, decision.passed, False)
                rounds = now.astype(np.intp)
                objectors = objecting & now_each
                if now.all():
                    final, votes = stances, counted.astype(float)
                else:
                    final = np.where(now_each, stances, np.int8(0))
                    votes = np.where(now_each, counted, 0.0)
            else:
                passed = np.where(now, decision.passed, passed)
                rounds = np.where(now, k, rounds)
                objectors = objectors | (objecting & now_each)
                final = np.where(now_each, stances, final)
                votes = np.where(now_each, counted, votes)
            # Still undecided: not passed, and someone objects (as now & ~passed & any).
            undecided = (objects & now) > decision.passed
            if k == self.max_rounds or not undecided.any():
                break
            if k == 1:
                addressed = np.zeros(engaged.shape, dtype=bool)
            objected = objected | ((stances == OPPOSE) & now_each)  # read by the next round
            centre = _masked_mean(objecting, position[:, voters])
            amended = np.where(undecided[:, None], proposal + step * (centre - proposal), proposal)
            closer = norm(position - amended[:, None, :]) < norm(position - proposal[:, None, :])
            addressed |= objected & closer & undecided[:, None]
            proposal = amended
        # What the rule would decide on the final motion if everyone knew its quality.
        informed = passed
        if self.informed:
            known = take_stances(
                position, proposal, self.status_quo, tau, self._bonus(self.quality)
            )
            ballot = np.where(engaged, known, ABSENT)[:, voters]
            informed = self.rule(ballot, weights, houses, addressed=addressed[:, voters]).passed
        objections = np.add.reduce(objectors, axis=-1)  # as .sum, without its wrapper
        return {
            "passed": passed & has_proposal,
            "passed_informed": np.asarray(informed) & has_proposal,
            "proposal": proposal,
            "rounds": rounds,
            "designation": designation,
            "stances": final,
            "addressed": addressed,
            "votes": votes,
            "objections": objections,
            # Nothing is addressed before a second round.
            "objections_addressed": (
                (objectors & addressed[:, voters]).sum(axis=-1)
                if k > 1
                else np.zeros_like(objections)
            ),
        }

    # -- feedback and records -------------------------------------------------------------

    def _feedback(
        self,
        outcome: dict[str, np.ndarray],
        has_proposal: np.ndarray,
        engaged: np.ndarray,
        participant: np.ndarray,
    ) -> np.ndarray:
        """Learn from the outcome; return the head counts (6, B) the record keeps.

        E <- e + eta (heard - e) for every engaged stakeholder who took a side. The
        counts: engaged, participants, supporters and opponents among everyone and
        among the deciding seats (one compiled call for a small batch).
        """
        stances, addressed, passed = outcome["stances"], outcome["addressed"], outcome["passed"]
        eta = self.scenario.learning_rate
        if self._small:
            self.engagement, counts = compiled_loops().feedback(
                stances,
                addressed,
                passed,
                has_proposal,
                self.layout.voice,
                self.engagement,
                eta,
                engaged,
                participant,
                self.layout.deciding_seats,
                CODES,
            )
            return counts
        seats = stances[:, self.layout.deciding_seats]
        counts = np.array(
            [
                engaged.sum(axis=1),
                participant.sum(axis=1),
                (stances == SUPPORT).sum(axis=1),
                (stances == OPPOSE).sum(axis=1),
                (seats == SUPPORT).sum(axis=1),
                (seats == OPPOSE).sum(axis=1),
            ]
        )
        support, oppose = stances == SUPPORT, stances == OPPOSE
        matched = np.where(passed[:, None], support, oppose)  # on the side that won
        heard = (self.layout.voice & (matched | addressed)).astype(float)
        took_side = (support | oppose) & has_proposal[:, None]
        self.engagement = np.where(
            took_side, self.engagement + eta * (heard - self.engagement), self.engagement
        )
        return counts

    def _record(
        self,
        outcome: dict[str, np.ndarray],
        proposer: np.ndarray,
        has_proposal: np.ndarray,
        counts: np.ndarray,
    ) -> None:
        """Log the issue's event columns and what its per-issue metrics read."""
        stances, proposal, rounds = outcome["stances"], outcome["proposal"], outcome["rounds"]
        if not has_proposal.all():  # no motion: no proposer, proposal or rounds
            proposer = np.where(has_proposal, proposer, -1)
            proposal = np.where(has_proposal[:, None], proposal, np.nan)
            rounds = np.where(has_proposal, rounds, 0)
        record = {
            "has_proposal": has_proposal,
            "proposer": proposer,
            "proposal": proposal,
            "reversion": self.reversion,
            "outcome": self.status_quo.copy(),
            "passed": outcome["passed"],
            "quality": self.quality,
            "passed_informed": outcome["passed_informed"],
            "designation": outcome["designation"],
            "rounds": rounds,
            "engaged": counts[0],
            "participants": counts[1],
            "support": outcome["votes"][:, 0],
            "oppose": outcome["votes"][:, 1],
            "abstain": outcome["votes"][:, 2],
            "popular_support": counts[2],
            "popular_oppose": counts[3],
            "seat_support": counts[4],
            "seat_oppose": counts[5],
        }
        held = {
            "stances": stances,
            "addressed": outcome["addressed"],
            "objections": outcome["objections"],
            "objections_addressed": outcome["objections_addressed"],
            # Shocks and agents change it in place: a copy if the log keeps it.
            "engagement": self.engagement.copy() if self.log.holds else self.engagement,
        }
        self.log.append(record, held)
