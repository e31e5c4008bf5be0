"""The stakeholder agent: a thin Mesa view of one row of the model's state arrays."""

from __future__ import annotations

from typing import TYPE_CHECKING

import mesa
import numpy as np

if TYPE_CHECKING:
    from govsim.model.model import GovernanceModel

__all__ = ["Stakeholder"]


class Stakeholder(mesa.Agent):
    """One stakeholder of a :class:`~govsim.model.GovernanceModel`.

    The state lives in the model's arrays so that a step is vectorised; the agent
    reads (and, for ``position`` and ``engagement``, writes) its own row. Values are
    read live, so Mesa tools and data collectors see the current state.

    Parameters
    ----------
    model
        The owning model.
    index
        The stakeholder's row in the model's arrays.
    """

    model: GovernanceModel

    def __init__(self, model: GovernanceModel, index: int) -> None:
        super().__init__(model)
        self.index = index

    @property
    def ideal(self) -> np.ndarray:
        """Ideal point x_i, shape (d,); fixed for the run."""
        return self.model.cycle.ideal[0, self.index]

    @property
    def position(self) -> np.ndarray:
        """Current position p_i, shape (d,)."""
        return self.model.cycle.position[0, self.index]

    @position.setter
    def position(self, value: np.ndarray) -> None:
        self.model.cycle.position[0, self.index] = value

    @property
    def engagement(self) -> float:
        """Probability of taking part in the next issue."""
        return float(self.model.cycle.engagement[0, self.index])

    @engagement.setter
    def engagement(self, value: float) -> None:
        self.model.cycle.engagement[0, self.index] = value

    @property
    def resources(self) -> float:
        """Resources r_i: voice in deliberation and odds of setting the agenda."""
        return float(self.model.cycle.resources[0, self.index])

    @property
    def susceptibility(self) -> float:
        """Susceptibility λ_i: openness to others under Friedkin–Johnsen."""
        return float(self.model.cycle.susceptibility[0, self.index])

    @property
    def confidence(self) -> float:
        """Confidence radius ε_i of the bounded-confidence kernels."""
        return float(self.model.cycle.confidence[0, self.index])

    @property
    def sector(self) -> str:
        """The stakeholder's sector name."""
        layout = self.model.cycle.layout
        return layout.scenario.sectors[layout.sector[self.index]]

    @property
    def constituency(self) -> str | None:
        """The stakeholder's constituency, or None for a group that is a whole sector."""
        group = self.model.cycle.layout.scenario.groups[self.model.cycle.layout.group[self.index]]
        return group.name if group.constituency else None

    @property
    def seat(self) -> tuple[str, float] | None:
        """(house name, vote weight) of the seat held, or None."""
        layout = self.model.cycle.layout
        held = np.flatnonzero(layout.voters == self.index)
        if not layout.design.seats or held.size == 0:
            return None
        k = held[0]
        return layout.house_names[layout.houses[k]], float(layout.weights[k])
