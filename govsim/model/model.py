"""The Mesa model: stakeholders who deliberate and decide, one issue per step.

Module-level reporters come first (as in Mesa's examples), then the model. The
model owns the state arrays through an :class:`~govsim.model.cycle.IssueCycle` of one
replication; agents are thin views, so ``step()`` is vectorised.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import lru_cache
from typing import Any

import mesa
import networkx as nx
import numpy as np
import pandas as pd

from govsim import metrics
from govsim.designs import BUILTIN_DESIGNS, BUILTIN_SCENARIOS, resolve
from govsim.designs.spec import Design, Scenario
from govsim.dynamics import to_networkx
from govsim.model.agents import Stakeholder
from govsim.model.cycle import IssueCycle
from govsim.model.outcomes import issue_frame, summarise
from govsim.rng import SeedLike

__all__ = ["GovernanceModel"]


def status_quo(model: GovernanceModel) -> float | tuple[float, ...]:
    """The current status quo q (a float in one dimension)."""
    q = model.cycle.status_quo[0]
    return float(q[0]) if q.size == 1 else tuple(q.tolist())


def pass_rate(model: GovernanceModel) -> float:
    """Share of the issues so far that passed."""
    cycle = model.cycle
    return float(cycle.passes[0] / cycle.issue) if cycle.issue else np.nan


def welfare(model: GovernanceModel) -> float:
    """Mean over all stakeholders of -||x_i - q||."""
    return metrics.welfare(model.cycle.ideal[0], model.cycle.status_quo[0])


def engagement(model: GovernanceModel) -> float:
    """Mean engagement of all stakeholders."""
    return float(model.cycle.engagement[0].mean())


def _mesa_seed(seed: SeedLike) -> int | None:
    """An int for Mesa's own ``random.Random``, derived without drawing from ``seed``."""
    if seed is None or isinstance(seed, int):
        return seed
    if isinstance(seed, np.random.SeedSequence):
        return int(seed.generate_state(1)[0])
    return None


def resolve_specs(
    design: Design | str,
    scenario: Scenario | str | None,
    overrides: Sequence[str | tuple[str, Any]] | str = (),
) -> tuple[Design, Scenario]:
    """:func:`~govsim.designs.resolve`, parsing each built-in spec once per process.

    Built-in files ship with the package and do not change while it runs, so a
    built-in name (with built-in or no scenario, and any overrides) resolves to the
    same frozen specs every time; paths, mappings and objects are resolved afresh.
    """
    overrides = (overrides,) if isinstance(overrides, str) else tuple(overrides)
    builtin = isinstance(design, str) and design in BUILTIN_DESIGNS
    if (
        builtin
        and (scenario is None or (isinstance(scenario, str) and scenario in BUILTIN_SCENARIOS))
        and _hashable(overrides)  # a table or list value is no cache key
    ):
        return _resolve_builtin(design, scenario, overrides)
    return resolve(design, scenario, overrides)


def _hashable(value: Any) -> bool:
    try:
        hash(value)
    except TypeError:
        return False
    return True


@lru_cache(maxsize=256)
def _resolve_builtin(
    design: str, scenario: str | None, overrides: tuple[str | tuple[str, Any], ...]
) -> tuple[Design, Scenario]:
    return resolve(design, scenario, overrides)


class GovernanceModel(mesa.Model):
    """Agent-based model of one governance design in one scenario.

    Parameters
    ----------
    design
        A :class:`~govsim.designs.Design`, a built-in name or a TOML path.
    scenario
        A :class:`~govsim.designs.Scenario`, name or path; None: the design's own.
    seed
        An int or :class:`numpy.random.SeedSequence`; the same seed gives the same
        run. ``model.rng`` is the generator the issue cycle draws from.
    overrides
        ``"key.path=value"`` changes applied before validation (as ``--set``).
    agent_reporters
        Optional Mesa agent reporters, e.g. ``{"position": lambda a: a.position[0]}``.

    Examples
    --------
    >>> model = GovernanceModel("gnso-council", seed=1)
    >>> for _ in range(3):
    ...     model.step()
    >>> len(model.datacollector.get_model_vars_dataframe())
    3
    >>> len(model.agents) == model.scenario.size
    True
    """

    def __init__(
        self,
        design: Design | str = "gnso-council",
        scenario: Scenario | str | None = None,
        *,
        seed: SeedLike = 0,
        overrides: Sequence[str | tuple[str, Any]] = (),
        agent_reporters: Mapping[str, Any] | None = None,
    ) -> None:
        super().__init__(seed=_mesa_seed(seed))
        self.design, self.scenario = resolve_specs(design, scenario, overrides)
        self.seed = seed
        self.cycle = IssueCycle(self.design, self.scenario, [seed])
        self.rng = self.cycle.rngs[0]
        self._agents_made = False
        self.datacollector = mesa.DataCollector(
            model_reporters={
                "status_quo": status_quo,
                "pass_rate": pass_rate,
                "welfare": welfare,
                "engagement": engagement,
            },
            agent_reporters=dict(agent_reporters or {}),
        )

    # Agents are views that hold no state, so they are made on first use: a run that
    # never looks at them (govsim.run, sweeps) does not pay for them.
    def _make_agents(self) -> None:
        if not self._agents_made:
            self._agents_made = True
            Stakeholder.create_agents(self, self.scenario.size, list(range(self.scenario.size)))

    @property
    def agents(self) -> mesa.agent.AgentSet:
        """One :class:`Stakeholder` per stakeholder (Mesa's ``Model.agents``)."""
        self._make_agents()
        return super().agents

    @property
    def agents_by_type(self) -> dict[type[mesa.Agent], mesa.agent.AgentSet]:
        """Mesa's agents by type, made on first use."""
        self._make_agents()
        return super().agents_by_type

    @property
    def agent_types(self) -> list[type]:
        """Mesa's agent types, after making the agents on first use."""
        self._make_agents()
        return super().agent_types

    def step(self) -> None:
        """Handle one issue from agenda to outcome, then collect data."""
        self.cycle.step()
        self.datacollector.collect(self)

    def network(self) -> nx.Graph:
        """The deliberation network as a networkx graph; node i is stakeholder i.

        Node attribute ``block`` is the stakeholder's block (sector or constituency
        code, as the design's ``deliberation.blocks`` says) and ``sector`` its sector's
        name. For export, drawing and Mesa's network tools; the model itself works on
        the sparse matrix.

        Examples
        --------
        >>> graph = GovernanceModel("ietf-wg", seed=1).network()
        >>> graph.number_of_nodes(), graph.nodes[0]["sector"]
        (60, 'technical-community')
        """
        layout = self.cycle.layout
        graph = to_networkx(self.cycle.network, layout.blocks)
        names = [self.scenario.sectors[code] for code in layout.sector]
        nx.set_node_attributes(graph, dict(enumerate(names)), "sector")
        return graph

    def issues(self) -> pd.DataFrame:
        """One row per issue so far."""
        return issue_frame(self.cycle)

    def summary(self) -> dict[str, object]:
        """The run-level metrics so far (see ``docs/model.md``)."""
        return summarise(self.cycle)
