"""The agent-based model: a Mesa model whose state lives in numpy arrays.

Modules
-------
population
    The layout of a design in a scenario (groups, dials, seats) and the draws of one
    replication's stakeholders and network.
cycle
    The issue cycle, vectorised over stakeholders and a batch of replications.
outcomes
    The per-issue table and the run-level metrics.
agents, model
    The Mesa ``Stakeholder`` and ``GovernanceModel``.
"""

from govsim.model.agents import Stakeholder
from govsim.model.cycle import IssueCycle, take_stances
from govsim.model.model import GovernanceModel
from govsim.model.outcomes import issue_frame, sector_power, summarise
from govsim.model.population import Layout, Population, draw_population

__all__ = [
    "GovernanceModel",
    "IssueCycle",
    "Layout",
    "Population",
    "Stakeholder",
    "draw_population",
    "issue_frame",
    "sector_power",
    "summarise",
    "take_stances",
]
