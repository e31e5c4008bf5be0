"""The single point where a seed becomes a :class:`numpy.random.Generator`."""

from __future__ import annotations

import numpy as np

__all__ = ["SeedLike", "make_rng"]

SeedLike = int | np.random.SeedSequence | np.random.Generator | None


def make_rng(seed: SeedLike = None) -> np.random.Generator:
    """Turn ``seed`` into a Generator; a Generator passes through unchanged.

    govsim never touches the global ``random`` or ``np.random`` state, so the same
    seed gives the same result whatever else ran before.

    Examples
    --------
    >>> make_rng(1).integers(100) == make_rng(1).integers(100)
    np.True_
    """
    if isinstance(seed, np.random.Generator):
        return seed
    return np.random.default_rng(seed)
