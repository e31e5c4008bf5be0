"""The registry of deliberation kernels: one signature, looked up by name.

Every registered kernel is a plain function::

    kernel(positions, room, *, rounds=None, rng=None, tol=1e-10, max_rounds=10_000)
        -> Trajectory

- ``positions``: (n,) or (n, d); the result has the same shape.
- ``room``: a :class:`~govsim.dynamics.room.Room`, everything else the kernel reads.
- ``rounds``, ``tol``, ``max_rounds``: the stopping rule every kernel shares (see
  :mod:`govsim.dynamics.kernels`).
- ``rng``: a seed or generator, or one per block of the room's forum; only kernels
  that draw random numbers read it.

Kernels are registered with :func:`register_kernel`, which records metadata that the
registry-wide contract test checks (``tests/dynamics/test_registry.py``): the shape is
kept, agents who do not take part never move, a seed fixes the result, each block of
the forum evolves on its own, and ``converged`` is only reported at a fixed point.
Designs name their kernel; :func:`get_kernel` looks it up. ``govsim.dynamics.KERNELS``
lists the names registered once the package has loaded. The built-in kernels below
adapt the functions of :mod:`govsim.dynamics.linear`,
:mod:`govsim.dynamics.bounded_confidence` and :mod:`govsim.dynamics.pairwise`.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Sequence
from dataclasses import dataclass, fields
from typing import Any, Protocol

import numpy as np

from govsim.dynamics.bounded_confidence import hegselmann_krause
from govsim.dynamics.kernels import Trajectory, _iterate, _per_agent, _positions, _stopping
from govsim.dynamics.linear import degroot, friedkin_johnsen, small_room_friedkin_johnsen
from govsim.dynamics.pairwise import _check_mu, _on_links
from govsim.dynamics.room import Room
from govsim.errors import GovsimError
from govsim.rng import SeedLike

__all__ = [
    "KERNEL_INFO",
    "Kernel",
    "KernelInfo",
    "get_kernel",
    "register_kernel",
]


class Kernel(Protocol):
    """The one signature of every registered kernel (see the module docstring)."""

    def __call__(
        self,
        positions: Any,
        room: Room,
        *,
        rounds: int | None = None,
        rng: SeedLike | Sequence[SeedLike] = None,
        tol: float = 1e-10,
        max_rounds: int = 10_000,
    ) -> Trajectory:
        """Move ``positions`` for ``rounds`` rounds (None: to a fixed point)."""
        ...


@dataclass(frozen=True)
class KernelInfo:
    """A registered kernel: its name, one-line summary, source and the room fields it reads.

    The contract test checks that the other fields do not change its result.
    """

    name: str
    func: Kernel
    summary: str
    source: str
    reads: tuple[str, ...]


KERNEL_INFO: dict[str, KernelInfo] = {}

_ROOM_FIELDS = tuple(f.name for f in fields(Room))


def register_kernel(name: str, *, source: str, reads: Sequence[str]) -> Callable[[Kernel], Kernel]:
    """Register a kernel under ``name`` without changing the function.

    Parameters
    ----------
    name
        Registry name used by designs (``deliberation.kernel``).
    source
        Where the dynamics come from: a paper, or the model documentation.
    reads
        The :class:`~govsim.dynamics.room.Room` fields the kernel reads.
    """
    unknown = sorted(set(reads) - set(_ROOM_FIELDS))
    if unknown:
        raise RuntimeError(f"kernel {name!r} reads {unknown[0]!r}, not a field of Room")

    def decorate(func: Kernel) -> Kernel:
        if name in KERNEL_INFO:
            raise RuntimeError(f"kernel {name!r} registered twice")
        summary = (inspect.getdoc(func) or "").split("\n\n")[0].replace("\n", " ")
        KERNEL_INFO[name] = KernelInfo(name, func, summary, source, tuple(reads))
        return func

    return decorate


def get_kernel(name: str) -> Kernel:
    """Look up a kernel by name.

    Raises
    ------
    GovsimError
        For an unknown name, naming the choices.
    """
    if name not in KERNEL_INFO:
        raise GovsimError(
            f"unknown deliberation kernel {name!r}; expected one of {list(KERNEL_INFO)}"
        )
    return KERNEL_INFO[name].func


def _openness(room: Room, n: int) -> np.ndarray:
    """Susceptibility of the active agents; 1 for the others.

    Their rows of W are the identity, so they keep their positions rather than
    their anchors.
    """
    lam = _per_agent(room.susceptibility, n, "susceptibility", low=0.0, high=1.0)
    return lam if room.active is None else np.where(room.active, lam, 1.0)


# --------------------------------------------------------------------------- built-ins
# Registered in the order the spec lists them; govsim.dynamics.KERNELS keeps it.


@register_kernel(
    "friedkin_johnsen",
    source="Friedkin & Johnsen (1990), Social influence and opinions",
    reads=("forum", "active", "resources", "susceptibility", "anchor"),
)
def friedkin_johnsen_kernel(
    positions: Any,
    room: Room,
    *,
    rounds: int | None = None,
    rng: SeedLike | Sequence[SeedLike] = None,
    tol: float = 1e-10,
    max_rounds: int = 10_000,
) -> Trajectory:
    """Anchored averaging: p ← ΛWp + (I − Λ)a over the participants' influence matrix.

    W is :func:`~govsim.dynamics.influence_matrix` of the forum, the resources and the
    active agents; see :func:`~govsim.dynamics.friedkin_johnsen`.
    """
    network = room.forum.influence
    fast = small_room_friedkin_johnsen(
        network,
        positions,
        room.resources,
        room.active,
        room.susceptibility,
        room.anchor,
        rounds,
        tol,
        max_rounds,
    )
    if fast is not None:  # the model's case: one compiled call, the same numbers
        return fast
    W = network.reweighted(room.resources, room.active)
    lam = _openness(room, room.forum.size)
    return friedkin_johnsen(
        positions, W, lam, anchor=room.anchor, rounds=rounds, tol=tol, max_rounds=max_rounds
    )


@register_kernel(
    "degroot",
    source="DeGroot (1974), Reaching a consensus",
    reads=("forum", "active", "resources"),
)
def degroot_kernel(
    positions: Any,
    room: Room,
    *,
    rounds: int | None = None,
    rng: SeedLike | Sequence[SeedLike] = None,
    tol: float = 1e-10,
    max_rounds: int = 10_000,
) -> Trajectory:
    """Averaging: x ← Wx over the participants' influence matrix.

    See :func:`~govsim.dynamics.degroot`.
    """
    W = room.forum.influence.reweighted(room.resources, room.active)
    return degroot(positions, W, rounds=rounds, tol=tol, max_rounds=max_rounds)


@register_kernel(
    "hegselmann_krause",
    source="Hegselmann & Krause (2002), Opinion dynamics and bounded confidence, JASSS 5(3)",
    reads=("forum", "active", "resources", "confidence"),
)
def hegselmann_krause_kernel(
    positions: Any,
    room: Room,
    *,
    rounds: int | None = None,
    rng: SeedLike | Sequence[SeedLike] = None,
    tol: float = 1e-10,
    max_rounds: int = 10_000,
) -> Trajectory:
    """Bounded confidence: each participant moves to a weighted mean of its peers.

    The mean is resource-weighted, over the linked participants within its
    confidence radius.

    See :func:`~govsim.dynamics.hegselmann_krause`.
    """
    return hegselmann_krause(
        positions,
        room.confidence,
        adjacency=room.forum.adjacency,
        weights=room.resources,
        active=room.active,
        rounds=rounds,
        tol=tol,
        max_rounds=max_rounds,
    )


@register_kernel(
    "deffuant",
    source="Deffuant, Neau, Amblard & Weisbuch (2000), Mixing beliefs among interacting agents",
    reads=("forum", "active", "confidence", "mu"),
)
def deffuant_kernel(
    positions: Any,
    room: Room,
    *,
    rounds: int | None = None,
    rng: SeedLike | Sequence[SeedLike] = None,
    tol: float = 1e-10,
    max_rounds: int = 10_000,
) -> Trajectory:
    """Pairwise meetings: close pairs of linked participants move toward each other.

    Participants are matched at random along links; a pair within confidence moves
    μ of the way toward each other.

    Each block of the forum is matched by its own generator, in block order. See
    :func:`~govsim.dynamics.deffuant`.
    """
    X, shape = _positions(positions)
    forum = room.forum
    if X.shape[0] != forum.size:
        raise GovsimError(
            f"positions: expected {forum.size} agents like the forum, found {X.shape[0]}"
        )
    eps = _per_agent(room.confidence, forum.size, "confidence", low=0.0)
    mu = _check_mu(room.mu)
    stopping = _stopping(rounds, tol, max_rounds)
    usable = forum.block_links
    if room.active is not None:
        active = room.active.reshape(forum.blocks, forum.size_per_block)
        usable = tuple(
            links[taking_part[links[:, 0]] & taking_part[links[:, 1]]]
            for links, taking_part in zip(usable, active, strict=True)
        )
    return _on_links(X, shape, usable, forum.generators(rng), eps, mu, stopping)


@register_kernel("none", source="docs/model.md: deliberation without a kernel", reads=())
def no_kernel(
    positions: Any,
    room: Room,
    *,
    rounds: int | None = None,
    rng: SeedLike | Sequence[SeedLike] = None,
    tol: float = 1e-10,
    max_rounds: int = 10_000,
) -> Trajectory:
    """No deliberation: nobody moves, so every round ends at a fixed point."""
    X, shape = _positions(positions)
    return _iterate(lambda P: P, X, shape, *_stopping(rounds, tol, max_rounds))
