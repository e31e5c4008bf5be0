"""Opinion dynamics for deliberation: the network and the kernels that move positions.

Every kernel takes positions of shape (n,) or (n, d) and returns a
:class:`~govsim.dynamics.kernels.Trajectory` of the same shape, and works on dense
arrays or scipy.sparse CSR matrices alike, so the model engine can run many
replications at once on one block-diagonal network. The model looks kernels up by
name in the registry, where all share one signature over a :class:`Room`. See
docs/dynamics.md.

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
    :func:`hegselmann_krause`.
pairwise
    :func:`deffuant`, :func:`random_matching` and :func:`deffuant_step`.
room
    :class:`Forum` (the network prepared once) and :class:`Room` (one deliberation).
registry
    :func:`register_kernel`, :func:`get_kernel` and the built-in kernels in the one
    signature; :data:`KERNELS` (here) lists the registered names.
"""

from __future__ import annotations

from govsim.dynamics.bounded_confidence import hegselmann_krause
from govsim.dynamics.kernels import Trajectory
from govsim.dynamics.linear import (
    InfluenceNetwork,
    degroot,
    friedkin_johnsen,
    friedkin_johnsen_equilibrium,
    influence_matrix,
)
from govsim.dynamics.network import block_model, to_networkx
from govsim.dynamics.pairwise import deffuant, deffuant_step, random_matching
from govsim.dynamics.registry import (
    KERNEL_INFO,
    Kernel,
    KernelInfo,
    get_kernel,
    register_kernel,
)
from govsim.dynamics.room import Forum, Room

#: The names of the kernels registered by this package, in registration order (the
#: order the spec lists them). Modules that register kernels are imported above.
KERNELS: tuple[str, ...] = tuple(KERNEL_INFO)

__all__ = [
    "KERNELS",
    "KERNEL_INFO",
    "Forum",
    "InfluenceNetwork",
    "Kernel",
    "KernelInfo",
    "Room",
    "Trajectory",
    "block_model",
    "deffuant",
    "deffuant_step",
    "degroot",
    "friedkin_johnsen",
    "friedkin_johnsen_equilibrium",
    "get_kernel",
    "hegselmann_krause",
    "influence_matrix",
    "random_matching",
    "register_kernel",
    "to_networkx",
]
