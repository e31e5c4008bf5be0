"""Opinion dynamics for deliberation: the network and the kernels that move positions.

Every kernel takes positions of shape (n,) or (n, d) and returns a
:class:`~govsim.dynamics.kernels.Trajectory` of the same shape, and works on dense
arrays or scipy.sparse CSR matrices alike, so the model engine can run many
replications at once on one block-diagonal network. See docs/dynamics.md.

Modules
-------
network
    :func:`block_model`, the stochastic block model with the segregation dial, and
    :func:`to_networkx`.
kernels
    :class:`Trajectory` and the stopping rule every kernel shares.
linear
    :func:`influence_matrix`, :func:`degroot`, :func:`friedkin_johnsen` and
    :func:`friedkin_johnsen_equilibrium`.
bounded_confidence
    :func:`hegselmann_krause`, :func:`deffuant`, :func:`random_matching` and
    :func:`deffuant_step`.
"""

from __future__ import annotations

from govsim.dynamics.bounded_confidence import (
    deffuant,
    deffuant_step,
    hegselmann_krause,
    random_matching,
)
from govsim.dynamics.kernels import Trajectory
from govsim.dynamics.linear import (
    InfluenceNetwork,
    degroot,
    friedkin_johnsen,
    friedkin_johnsen_equilibrium,
    influence_matrix,
)
from govsim.dynamics.network import block_model, to_networkx

__all__ = [
    "InfluenceNetwork",
    "Trajectory",
    "block_model",
    "deffuant",
    "deffuant_step",
    "degroot",
    "friedkin_johnsen",
    "friedkin_johnsen_equilibrium",
    "hegselmann_krause",
    "influence_matrix",
    "random_matching",
    "to_networkx",
]
