"""Seeds of a sweep, all derived from one base seed by :class:`numpy.random.SeedSequence`.

Replicate ``r`` runs with the integer seed drawn from ``SeedSequence(seed,
spawn_key=(1, r))`` under every design and at every point (common random numbers);
the sampler draws from ``SeedSequence(seed, spawn_key=(0,))``. Each seed is an
ordinary non-negative integer, recorded with the run, so ``govsim run DESIGN --seed
SEED`` (with the run's factor values as ``--set``) reproduces that run alone.

Keys are computed directly rather than by :meth:`~numpy.random.SeedSequence.spawn`,
so a seed never depends on how many replicates came before it.
"""

from __future__ import annotations

import numpy as np

__all__ = ["replicate_seed", "sampler_seed"]

_SAMPLER, _REPLICATE = 0, 1


def _draw(seed: int, key: tuple[int, ...]) -> int:
    # 63 bits: fits a signed int64 column and any integer CLI argument.
    state = np.random.SeedSequence(seed, spawn_key=key).generate_state(1, np.uint64)[0]
    return int(state >> np.uint64(1))


def replicate_seed(seed: int, replicate: int) -> int:
    """The run seed of replicate ``replicate`` of a sweep with base seed ``seed``.

    Examples
    --------
    >>> replicate_seed(0, 3) == replicate_seed(0, 3) != replicate_seed(0, 4)
    True
    >>> 0 <= replicate_seed(12345, 0) < 2**63
    True
    """
    return _draw(seed, (_REPLICATE, replicate))


def sampler_seed(seed: int) -> int:
    """The seed of the sweep's sampler (Latin hypercube, Sobol scrambling, Morris)."""
    return _draw(seed, (_SAMPLER,)) % 2**32
