"""Who the stakeholders are: the fixed layout of a design in a scenario, and their draws.

:class:`Layout` holds what every replication shares: each stakeholder's group, sector
and inclusion dials, and the voters (seat holders, or everyone with decision weight in
an open assembly) with their vote weights and houses. :func:`draw_population` draws
one replication's stakeholders (ideal points, resources, behaviour) and deliberation
network from that replication's generator, in a fixed documented order, so a
replication is the same whichever batch it runs in.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np
from scipy import sparse

from govsim.designs.seating import Seating, seating
from govsim.designs.spec import Design, Group, Ideal, Scenario
from govsim.dynamics import block_model
from govsim.rules import HOUSE_ZERO_DECIDES

__all__ = ["Layout", "Population", "draw_population"]


@dataclass(frozen=True, eq=False)
class Layout:
    """The per-stakeholder codes and the voters of ``design`` in ``scenario``.

    Stakeholders are numbered group by group in scenario order. A seat block is held
    by the first ``count`` members of its group. Without seats the design is an open
    assembly: everyone whose decision dial is positive votes, with that weight, in one
    house.
    """

    design: Design
    scenario: Scenario

    @cached_property
    def group(self) -> np.ndarray:
        """Group code per stakeholder, shape (N,)."""
        counts = [g.count for g in self.scenario.groups]
        return np.repeat(np.arange(len(counts)), counts)

    @cached_property
    def sector(self) -> np.ndarray:
        """Sector code per stakeholder (index into ``scenario.sectors``)."""
        codes = [self.scenario.sectors.index(g.sector) for g in self.scenario.groups]
        return np.asarray(codes, dtype=np.intp)[self.group]

    def per_group(self, values: list[float]) -> np.ndarray:
        """Spread one value per scenario group to every stakeholder."""
        return np.asarray(values, dtype=float)[self.group]

    def _dial(self, name: str) -> np.ndarray:
        return self.per_group(
            [getattr(self.design.dials(g.name, g.sector), name) for g in self.scenario.groups]
        )

    @cached_property
    def agenda(self) -> np.ndarray:
        """Per stakeholder: the agenda dial of its group."""
        return self._dial("agenda")

    @cached_property
    def dialogue(self) -> np.ndarray:
        """Dialogue dial per stakeholder; a seat holder always deliberates (1)."""
        return np.where(self.seated, 1.0, self._dial("dialogue"))

    @cached_property
    def advisory(self) -> np.ndarray:
        """Whether each stakeholder's group advises the deciders (non-binding)."""
        return self._dial("advisory").astype(bool)

    @cached_property
    def seats(self) -> Seating:
        """The voters: seat holders, or everyone with decision weight in an open assembly."""
        return seating(self.design, self.scenario)

    @property
    def house_names(self) -> tuple[str, ...]:
        """The design's house names, in code order."""
        return self.seats.houses

    @property
    def voters(self) -> np.ndarray:
        """Stakeholder index of each voter (seat), shape (V,)."""
        return self.seats.member

    @property
    def weights(self) -> np.ndarray:
        """Vote weight of each voter (0: a non-voting seat)."""
        return self.seats.weight

    @property
    def houses(self) -> np.ndarray:
        """House code of each voter."""
        return self.seats.house

    @cached_property
    def seated(self) -> np.ndarray:
        """Whether each stakeholder holds a seat (always False in an open assembly)."""
        mask = np.zeros(self.scenario.size, dtype=bool)
        if self.design.seats:
            mask[self.voters] = True
        return mask

    @cached_property
    def in_deciding_house(self) -> np.ndarray:
        """Per voter: whether its house decides.

        Only house 0 decides under advisory and executive rules, where the other
        houses advise or are consulted.
        """
        if self.design.rule.name in HOUSE_ZERO_DECIDES:
            return self.houses == 0
        return np.ones(self.voters.size, dtype=bool)

    @cached_property
    def deciding(self) -> np.ndarray:
        """Whether each stakeholder casts a vote of positive weight in a deciding house."""
        mask = np.zeros(self.scenario.size, dtype=bool)
        mask[self.voters[(self.weights > 0) & self.in_deciding_house]] = True
        return mask

    @cached_property
    def voting(self) -> np.ndarray:
        """Per voter: whether its vote weight is positive."""
        return self.weights > 0

    @cached_property
    def deciding_seats(self) -> np.ndarray:
        """The stakeholders holding the seats of the deciding houses (non-voting too)."""
        return self.voters[self.in_deciding_house]

    @cached_property
    def voice(self) -> np.ndarray:
        """Whether each stakeholder is heard at all: votes, has dialogue or advises."""
        return self.deciding | (self.dialogue > 0) | self.advisory

    @cached_property
    def blocks(self) -> np.ndarray:
        """Block code per stakeholder for the deliberation network."""
        by_sector = self.design.deliberation.blocks == "sector"
        return self.sector if by_sector else self.group

    @cached_property
    def decision_share(self) -> np.ndarray:
        """Share of the deciding houses' vote weight held by each sector."""
        per_sector = np.bincount(
            self.sector[self.voters],
            self.weights * self.in_deciding_house,
            minlength=len(self.scenario.sectors),
        )
        total = per_sector.sum()
        return per_sector / total if total > 0 else per_sector

    @cached_property
    def population_share(self) -> np.ndarray:
        """Share of the stakeholders in each sector."""
        return np.bincount(self.sector, minlength=len(self.scenario.sectors)) / self.sector.size


@dataclass(frozen=True)
class Population:
    """One replication's stakeholders.

    Attributes
    ----------
    ideal
        Ideal points x, shape (N, d).
    resources, susceptibility, confidence, engagement
        Shape (N,). Engagement is the initial value; the model updates its own copy.
    network
        Symmetric adjacency of the deliberation network (CSR, N x N).
    """

    ideal: np.ndarray
    resources: np.ndarray
    susceptibility: np.ndarray
    confidence: np.ndarray
    engagement: np.ndarray
    network: sparse.csr_array


def _draw_ideals(ideal: Ideal, count: int, d: int, rng: np.random.Generator) -> np.ndarray:
    if ideal.distribution == "points":
        return np.asarray(ideal.points, dtype=float).reshape(count, d)
    if ideal.distribution == "uniform":
        low, high = np.asarray(ideal.low), np.asarray(ideal.high)
        return np.clip(low + (high - low) * rng.random((count, d)), 0.0, 1.0)
    return np.clip(np.asarray(ideal.mean) + ideal.sd * rng.standard_normal((count, d)), 0.0, 1.0)


def _to_pole(ideal: Ideal, d: int) -> np.ndarray:
    """From a distribution's centre to the end of [0, 1] it leans to (0 if centred)."""
    centre = _centre(ideal, d)
    pole = np.where(centre > 0.5, 1.0, np.where(centre < 0.5, 0.0, 0.5))
    return pole - centre


def _centre(ideal: Ideal, d: int) -> np.ndarray:
    """Where a distribution is centred; it decides which pole polarisation moves to."""
    if ideal.distribution == "points":
        return np.asarray(ideal.points, dtype=float).reshape(-1, d).mean(axis=0)
    if ideal.distribution == "uniform":
        return (np.asarray(ideal.low) + np.asarray(ideal.high)) / 2 * np.ones(d)
    return np.asarray(ideal.mean) * np.ones(d)


def draw_population(layout: Layout, rng: np.random.Generator) -> Population:
    """Draw one replication's stakeholders and network from ``rng``.

    The order of draws is fixed: each group's ideal points in scenario order, the
    ideal points of co-opted seat holders (from the first group of the co-opting
    sector), the resources (one log-normal draw per stakeholder), then the network.
    Polarisation then shifts each group the share p of the way from its centre to its
    pole, keeping every member's deviation from the centre (values are clipped to
    [0, 1]): per axis the pole is 0 or 1, whichever end the group's distribution is
    centred nearer; a group centred at 1/2 stays put.
    """
    scenario, d = layout.scenario, layout.scenario.dimensions
    groups: tuple[Group, ...] = scenario.groups
    ideal = np.concatenate([_draw_ideals(g.ideal, g.count, d, rng) for g in groups])
    shift = np.concatenate([np.tile(_to_pole(g.ideal, d), (g.count, 1)) for g in groups])
    coopting = np.array(layout.seats.coopted_by, dtype=object)
    for sector in dict.fromkeys(s for s in layout.seats.coopted_by if s is not None):
        source = next(g for g in groups if g.sector == sector)
        holders = layout.voters[coopting == sector]
        like = source.ideal
        if like.distribution == "points":  # co-opted holders sit at the group's centre
            like = Ideal(mean=tuple(_centre(like, d)), sd=0.0)
        ideal[holders] = _draw_ideals(like, holders.size, d, rng)
        shift[holders] = _to_pole(source.ideal, d)
    ideal = np.clip(ideal + scenario.polarisation * shift, 0.0, 1.0)
    sigma = scenario.resource_inequality
    spread = rng.lognormal(-(sigma**2) / 2, sigma, size=ideal.shape[0])
    resources = layout.per_group([g.resources for g in groups]) * spread
    network = block_model(
        layout.blocks,
        layout.design.deliberation.segregation,
        layout.design.deliberation.degree,
        rng,
    )
    return Population(
        ideal=ideal,
        resources=resources,
        susceptibility=layout.per_group([g.susceptibility for g in groups]),
        confidence=layout.per_group([g.confidence for g in groups]),
        engagement=layout.per_group([g.engagement for g in groups]),
        network=network,
    )
