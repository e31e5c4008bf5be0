"""What a registered kernel reads besides the positions: the forum and the room.

Every kernel in the registry (:mod:`govsim.dynamics.registry`) is called the same way::

    kernel(positions, room, *, rounds=None, rng=None, tol=1e-10, max_rounds=10_000)

- :class:`Forum`: the deliberation network, prepared once for every deliberation held
  on it. Many replications run at once as equal blocks of one block-diagonal network;
  kernels that draw random numbers draw each block's from its own generator, so a
  replication's result does not depend on the batch it runs in.
- :class:`Room`: one deliberation in a forum: who takes part (``active``) and the
  per-agent attributes kernels read (resources, susceptibility, confidence, anchor)
  and Deffuant's μ. A room only holds references, so building one per issue is cheap;
  each kernel checks the values it reads, naming the field.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any

import numpy as np

from govsim.dynamics.kernels import _active, _links, _square_csr
from govsim.dynamics.linear import InfluenceNetwork
from govsim.errors import GovsimError
from govsim.rng import SeedLike, make_rng

__all__ = ["Forum", "Room"]


class Forum:
    """The deliberation network, prepared once for every deliberation held on it.

    Parameters
    ----------
    adjacency
        (n, n) non-negative matrix, dense or scipy.sparse; a link in either direction
        lets two agents meet (Deffuant), and the entries weight who listens to whom
        (influence matrix, Hegselmann–Krause). The diagonal is ignored.
    blocks
        Number of replications stacked block-diagonally: agents ``b * size`` to
        ``(b + 1) * size - 1`` form block b, and no link may cross two blocks.

    Raises
    ------
    GovsimError
        For a matrix that is not square and non-negative, a number of blocks that does
        not divide n, or a link between two blocks.

    Examples
    --------
    >>> import scipy.sparse as sp
    >>> forum = Forum(sp.block_diag([np.ones((2, 2)), np.ones((2, 2))]), blocks=2)
    >>> forum.size, forum.size_per_block, [links.tolist() for links in forum.block_links]
    (4, 2, [[[0, 1]], [[0, 1]]])
    """

    def __init__(self, adjacency: Any, blocks: int = 1) -> None:
        self.adjacency = _square_csr(adjacency, None)
        self.size = self.adjacency.shape[0]
        if isinstance(blocks, bool) or not isinstance(blocks, int | np.integer) or blocks < 1:
            raise GovsimError(f"blocks: expected an integer >= 1, found {blocks!r}")
        if self.size % blocks:
            raise GovsimError(
                f"blocks: expected a divisor of the {self.size} agents, found {blocks}"
            )
        self.blocks = int(blocks)
        self.size_per_block = self.size // self.blocks
        if self.blocks > 1 and self.size:
            links = self.adjacency.tocoo()
            block = links.row // self.size_per_block
            crossing = (block != links.col // self.size_per_block) & (links.data != 0)
            if crossing.any():
                raise GovsimError(
                    f"adjacency: expected {self.blocks} diagonal blocks of "
                    f"{self.size_per_block} agents, found a link between two blocks"
                )

    @cached_property
    def influence(self) -> InfluenceNetwork:
        """The network prepared for :func:`~govsim.dynamics.influence_matrix`."""
        return InfluenceNetwork(self.adjacency)

    @cached_property
    def block_links(self) -> tuple[np.ndarray, ...]:
        """Each block's undirected links, (m_b, 2) int64 pairs i < j in block indices."""
        links = _links(self.adjacency)
        size = max(self.size_per_block, 1)
        bounds = np.searchsorted(links[:, 0], np.arange(self.blocks + 1) * size)
        return tuple(links[bounds[b] : bounds[b + 1]] - b * size for b in range(self.blocks))

    def generators(self, rng: SeedLike | Sequence[SeedLike]) -> list[np.random.Generator]:
        """One generator per block.

        ``rng`` is one seed or generator, shared by the blocks in block order, or a
        sequence with one per block.
        """
        if isinstance(rng, Sequence):
            if len(rng) != self.blocks:
                raise GovsimError(
                    f"rng: expected one generator per block ({self.blocks}), found {len(rng)}"
                )
            return [make_rng(seed) for seed in rng]
        return [make_rng(rng)] * self.blocks


@dataclass(frozen=True, eq=False)
class Room:
    """One deliberation in a :class:`Forum`: who takes part, and what kernels read.

    Attributes
    ----------
    forum
        The prepared network.
    active
        Boolean mask (n,) of the agents taking part; None is everyone. The others
        neither move nor are heard.
    resources
        r_i > 0, scalar or (n,): the weight an agent's voice carries (influence
        matrix, Hegselmann–Krause).
    susceptibility
        λ_i in [0, 1], scalar or (n,) (Friedkin–Johnsen).
    confidence
        ε_i >= 0, scalar or (n,): the confidence radius (bounded confidence).
    anchor
        Positions agents are anchored to, the shape of the positions; None anchors
        them to where they start (Friedkin–Johnsen).
    mu
        Share of the way a Deffuant pair moves, in (0, 1/2].

    Raises
    ------
    GovsimError
        For a forum that is not a :class:`Forum` or a mask of the wrong shape or
        dtype. Values are checked by the kernels that read them.
    """

    forum: Forum
    active: np.ndarray | None = None
    resources: Any = 1.0
    susceptibility: Any = None
    confidence: Any = None
    anchor: Any = None
    mu: float | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.forum, Forum):
            raise GovsimError(f"forum: expected a Forum, found {type(self.forum).__name__}")
        object.__setattr__(self, "active", _active(self.active, self.forum.size))
