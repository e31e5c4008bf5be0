"""A slow, obviously correct, per-agent implementation of the issue cycle (test oracle).

It follows ``docs/model.md`` step by step with plain Python loops over stakeholders
and lists of floats. It shares with the vectorised model only what is not the issue
cycle: the population and network draws, the decision rules (tested on their own),
and the order in which each replication draws its random numbers.
"""

from __future__ import annotations

import math
import statistics

import numpy as np
from scipy import sparse

from govsim.designs.seating import amendment_rounds
from govsim.dynamics import random_matching
from govsim.model.population import Layout, draw_population
from govsim.rng import make_rng
from govsim.rules import Stance, get_rule
from govsim.rules.setter import setter_proposal

SUPPORT, OPPOSE, ABSTAIN, ABSENT = Stance.SUPPORT, Stance.OPPOSE, Stance.ABSTAIN, Stance.ABSENT


def dist(a: list[float], b: list[float]) -> float:
    return math.sqrt(sum((u - v) ** 2 for u, v in zip(a, b, strict=True)))


def toward(a: list[float], b: list[float], share: float) -> list[float]:
    """The point the share ``share`` of the way from a to b."""
    return [u + share * (v - u) for u, v in zip(a, b, strict=True)]


def mean_point(points: list[list[float]]) -> list[float]:
    return [sum(column) / len(points) for column in zip(*points, strict=True)]


class ReferenceCycle:
    """One replication, one stakeholder at a time."""

    def __init__(self, design, scenario, seed) -> None:
        self.design, self.scenario = design, scenario
        self.layout = layout = Layout(design, scenario)
        self.rng = make_rng(seed)
        pop = draw_population(layout, self.rng)
        self.n = scenario.size
        self.x = pop.ideal.tolist()
        self.p = pop.ideal.tolist()
        self.r = pop.resources.tolist()
        self.lam = pop.susceptibility.tolist()
        self.eps = pop.confidence.tolist()
        self.e = pop.engagement.tolist()
        self.edges = np.column_stack(sparse.triu(pop.network, k=1).nonzero())
        self.neighbours: list[list[int]] = [[] for _ in range(self.n)]
        for i, j in self.edges.tolist():
            self.neighbours[i].append(j)
            self.neighbours[j].append(i)
        self.q = [float(v) for v in scenario.status_quo]
        self.sector = layout.sector.tolist()
        self.agenda = layout.agenda.tolist()
        self.dialogue = layout.dialogue.tolist()
        self.advisory = layout.advisory.tolist()
        self.seated = layout.seated.tolist()
        self.deciding = layout.deciding.tolist()
        self.voters = layout.voters.tolist()
        self.weights = layout.weights
        self.houses = layout.houses
        self.in_deciding_house = layout.in_deciding_house.tolist()
        self.rule = get_rule(design.rule.name, **dict(design.rule.params))
        self.max_rounds = amendment_rounds(design)
        self.issue = 0
        self.records: list[dict] = []

    # -- one issue --------------------------------------------------------------------

    def step(self) -> None:
        n = self.n
        for shock in self.scenario.shocks:
            if shock.issue == self.issue:
                for i in range(n):
                    if self.scenario.sectors[self.sector[i]] in shock.sectors:
                        self.e[i] = max(self.e[i], shock.engagement)
        d = len(self.q)
        issues = self.scenario.issues
        extra = (0 if issues.process == "fixed" else d) + (1 + n if issues.common_value else 0)
        u = self.rng.random(2 * n + 1 + extra).tolist()
        if issues.process == "fresh":
            self.q = [
                lo + (hi - lo) * v
                for lo, hi, v in zip(
                    issues.low, issues.high, u[2 * n + 1 : 2 * n + 1 + d], strict=True
                )
            ]
        elif issues.process == "drift":
            normal = statistics.NormalDist()
            self.q = [
                min(1.0, max(0.0, q + issues.step * normal.inv_cdf(v)))
                for q, v in zip(self.q, u[2 * n + 1 : 2 * n + 1 + d], strict=True)
            ]
        reversion = list(self.q)
        engaged = [
            u[i] < (self.design.attendance if self.seated[i] else self.e[i]) for i in range(n)
        ]
        participant = [engaged[i] and u[n + i] < self.dialogue[i] for i in range(n)]

        # Agenda: proposer with probability proportional to agenda * engagement * resources.
        # In a seated body only seat holders propose, unless agenda.proposers = "all".
        seats_only = self.design.agenda.proposers == "seats" and bool(self.design.seats)
        cumulative, total = [], 0.0
        for i in range(n):
            if self.seated[i] or not seats_only:
                total += self.agenda[i] * self.e[i] * self.r[i]
            cumulative.append(total)
        has_proposal = total > 0
        proposer = 0
        if has_proposal:
            target = u[2 * n] * total
            proposer = next((i for i in range(n) if cumulative[i] > target), n - 1)
        if self.design.agenda.strategy == "setter":
            found = setter_proposal(
                self.rule,
                [self.p[v] for v in self.voters],
                self.q,
                self.p[proposer],
                self.weights,
                self.houses,
                indifference=self.scenario.indifference,
            )
            y = found.proposal.tolist()
            has_proposal = has_proposal and bool(found.passes)
        else:
            y = toward(self.p[proposer], self.q, self.design.agenda.moderation)

        self.p = self.talk(self.p, self.x, participant)
        # A common value: the motion's quality, each one's signal, pooled by talking.
        w = issues.common_value
        quality, estimate = math.nan, [0.0] * n
        if w > 0:
            quality = 1.0 if u[-n - 1] < 0.5 else -1.0
            normal = statistics.NormalDist()
            signals = [[quality + issues.signal_noise * normal.inv_cdf(v)] for v in u[-n:]]
            estimate = [e[0] for e in self.talk(signals, signals, participant)]
        vote_p = self.advised(engaged)

        # Decision, with amendment rounds while objections stand.
        passed, rounds, designation = False, 0, None
        stances = [ABSENT] * n
        votes = (0.0, 0.0, 0.0)
        objected = [False] * n
        addressed = [False] * n
        objectors: set[int] = set()
        for k in range(1, self.max_rounds + 1) if has_proposal else []:
            stances = [
                self.stance(vote_p[i], y, w * estimate[i]) if engaged[i] else ABSENT
                for i in range(n)
            ]
            ballot = np.array([stances[v] for v in self.voters], dtype=np.int8)
            mask = np.array([addressed[v] for v in self.voters], dtype=bool)
            decision = self.rule(ballot, self.weights, self.houses, addressed=mask)
            passed, rounds = bool(decision.passed), k
            if decision.designation is not None:
                designation = str(decision.designation)
            t = decision.tally
            votes = (float(t.support.sum()), float(t.oppose.sum()), float(t.abstain.sum()))
            blocking = [
                v for s, v in enumerate(self.voters) if stances[v] == OPPOSE and self.weights[s] > 0
            ]
            objectors.update(blocking)
            for i in range(n):
                objected[i] = objected[i] or stances[i] == OPPOSE
            if passed or not blocking or k == self.max_rounds:
                break
            centre = mean_point([vote_p[v] for v in blocking])
            amended = toward(y, centre, self.design.amendment.step)
            for i in range(n):
                if objected[i] and dist(vote_p[i], amended) < dist(vote_p[i], y):
                    addressed[i] = True
            y = amended

        # What the rule would decide on the final motion with its quality known.
        passed_informed = passed
        if w > 0 and has_proposal:
            known = [
                self.stance(vote_p[i], y, w * quality) if engaged[i] else ABSENT for i in range(n)
            ]
            ballot = np.array([known[v] for v in self.voters], dtype=np.int8)
            mask = np.array([addressed[v] for v in self.voters], dtype=bool)
            passed_informed = bool(
                self.rule(ballot, self.weights, self.houses, addressed=mask).passed
            )
        if passed:
            self.q = list(y)
        # Feedback: engagement learns whether each engaged stakeholder was heard.
        eta = self.scenario.learning_rate
        sides, heard_count = 0, 0.0
        for i in range(n):
            if not has_proposal or stances[i] not in (SUPPORT, OPPOSE):
                continue
            matched = (stances[i] == SUPPORT) == passed
            voice = self.deciding[i] or self.dialogue[i] > 0 or self.advisory[i]
            heard = 1.0 if voice and (matched or addressed[i]) else 0.0
            self.e[i] = self.e[i] + eta * (heard - self.e[i])
            sides, heard_count = sides + 1, heard_count + heard

        popular_for = sum(s == SUPPORT for s in stances)
        popular_against = sum(s == OPPOSE for s in stances)
        seats = [
            v for v, decides in zip(self.voters, self.in_deciding_house, strict=True) if decides
        ]
        seats_for = sum(stances[v] == SUPPORT for v in seats)
        seats_against = sum(stances[v] == OPPOSE for v in seats)
        self.records.append(
            {
                "passed": passed,
                "quality": quality,
                "passed_informed": passed_informed,
                "informed": has_proposal and passed == passed_informed,
                "rounds": rounds,
                "designation": designation,
                "proposer": proposer if has_proposal else -1,
                "proposal": list(y) if has_proposal else [math.nan] * len(y),
                "reversion": reversion,
                "outcome": list(self.q),
                "engaged": sum(engaged),
                "participants": sum(participant),
                "support": votes[0],
                "oppose": votes[1],
                "abstain": votes[2],
                "blocked_majority": has_proposal and not passed and popular_for > popular_against,
                "imposed_majority": has_proposal and passed and popular_for <= popular_against,
                "seat_blocked_majority": has_proposal and not passed and seats_for > seats_against,
                "seat_imposed_majority": has_proposal and passed and seats_for <= seats_against,
                "counter_majoritarian": has_proposal and passed != (popular_for > popular_against),
                "seat_counter_majoritarian": has_proposal and passed != (seats_for > seats_against),
                "objections": len(objectors),
                "objections_addressed": sum(addressed[i] for i in objectors),
                "heard": heard_count / sides if sides else math.nan,
                "welfare": -sum(dist(self.x[i], self.q) for i in range(n)) / n,
                "welfare_gain": sum(
                    dist(self.x[i], reversion) - dist(self.x[i], self.q) for i in range(n)
                )
                / n,
                "engagement": sum(self.e) / n,
            }
        )
        self.issue += 1

    def stance(self, p: list[float], y: list[float], bonus: float = 0.0) -> int:
        tau = self.scenario.indifference
        to_y, to_q = dist(p, y) - bonus, dist(p, self.q)
        if to_y < to_q - tau:
            return SUPPORT
        if to_y > to_q + tau:
            return OPPOSE
        return ABSTAIN

    # -- deliberation -------------------------------------------------------------------

    def talk(self, p: list[list[float]], anchor: list[list[float]], participant: list[bool]):
        """``p`` after the design's kernel among the participants, anchored at ``anchor``."""
        talk = self.design.deliberation
        for _ in range(talk.rounds if talk.kernel != "none" else 0):
            if talk.kernel == "deffuant":
                p = self.deffuant_round(p, participant, talk.mu)
                continue
            new = [list(point) for point in p]
            for i in range(self.n):
                if not participant[i]:
                    continue
                heard = [i] + [j for j in self.neighbours[i] if participant[j]]
                if talk.kernel == "hegselmann_krause":
                    heard = [j for j in heard if dist(p[i], p[j]) <= self.eps[i]]
                total = sum(self.r[j] for j in heard)
                average = [
                    sum(self.r[j] * p[j][a] for j in heard) / total for a in range(len(p[i]))
                ]
                if talk.kernel == "friedkin_johnsen":
                    lam = self.lam[i]
                    average = [
                        lam * v + (1 - lam) * x for v, x in zip(average, anchor[i], strict=True)
                    ]
                new[i] = average
            p = new
        return p

    def deffuant_round(self, p, participant: list[bool], mu: float):
        p = [list(point) for point in p]
        usable = np.array(
            [e for e in self.edges.tolist() if participant[e[0]] and participant[e[1]]],
            dtype=self.edges.dtype,
        ).reshape(-1, 2)
        for i, j in random_matching(usable, self.rng).tolist():
            if dist(p[i], p[j]) < min(self.eps[i], self.eps[j]):
                pi, pj = p[i], p[j]
                p[i], p[j] = toward(pi, pj, mu), toward(pj, pi, mu)
        return p

    def advised(self, engaged: list[bool]) -> list[list[float]]:
        """Positions to vote by: engaged deciders pulled toward the engaged advisers,
        by advisory_pull times the share of advisers' resources that engaged."""
        pull = self.design.deliberation.advisory_pull
        advisers = [i for i in range(self.n) if engaged[i] and self.advisory[i]]
        if pull == 0 or not advisers:
            return self.p
        everyone = sum(self.r[i] for i in range(self.n) if self.advisory[i])
        weight = pull * sum(self.r[i] for i in advisers) / everyone
        advice = mean_point([self.p[i] for i in advisers])
        return [
            toward(self.p[i], advice, weight) if engaged[i] and self.deciding[i] else self.p[i]
            for i in range(self.n)
        ]
