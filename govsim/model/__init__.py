"""The agent-based model: a Mesa model whose state lives in numpy arrays.

Modules
-------
population
    The layout of a design in a scenario (groups, dials, seats) and the draws of one
    replication's stakeholders and network.
cycle
    The issue cycle, vectorised over stakeholders and a batch of replications.
stances
    Stances and ballots, with the compiled loops for a small batch.
history
    The cycle's per-issue records, and its per-issue metrics run over many issues.
compiled
    Compiled loops (numba) of the cycle for a small batch, loaded on first use.
registry, measures, seat_power
    The metric registry (:data:`METRICS`), the registered metrics, and the seats'
    a-priori voting power they use.
outcomes
    The per-issue table and the run-level summary.
agents, model
    The Mesa ``Stakeholder`` and ``GovernanceModel``.
"""

from govsim.model.agents import Stakeholder
from govsim.model.cycle import IssueCycle
from govsim.model.measures import IssueState, RunState
from govsim.model.model import GovernanceModel
from govsim.model.outcomes import issue_frame, summarise
from govsim.model.population import Layout, Population, draw_population
from govsim.model.registry import METRICS, Metric, metric_columns, register
from govsim.model.seat_power import MAX_POWER_VOTERS, seat_power, sector_power
from govsim.model.stances import take_stances

__all__ = [
    "MAX_POWER_VOTERS",
    "METRICS",
    "GovernanceModel",
    "IssueCycle",
    "IssueState",
    "Layout",
    "Metric",
    "Population",
    "RunState",
    "Stakeholder",
    "draw_population",
    "issue_frame",
    "metric_columns",
    "register",
    "seat_power",
    "sector_power",
    "summarise",
    "take_stances",
]
