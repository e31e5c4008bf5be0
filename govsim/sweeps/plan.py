"""Which runs a sweep holds, how they are numbered, and how they are grouped in chunks.

Run ``((point * D) + d) * R + r`` is replicate ``r`` of design ``d`` at point
``point``. Chunks are fixed ranges of run ids, so a chunk's file holds the same runs
whatever the backend, the worker count or how often the sweep was resumed.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
import pandas as pd

from govsim.sweeps.bases import Base
from govsim.sweeps.experiment import Experiment
from govsim.sweeps.seeds import replicate_seed

__all__ = ["IDENTITY", "PLANNED", "STATUS", "Plan", "Task", "default_chunk_size"]

#: The columns that say which run a row is, in the store's order (a function sweep
#: has no scenario or steps), then its status; the factors come between the two.
IDENTITY = ("run_id", "point", "design", "scenario", "replicate", "seed", "steps")
STATUS = ("status", "error")
#: The identity columns a plan knows before anything runs.
PLANNED = ("run_id", "point", "design", "replicate", "seed")

#: A chunk holds at least this many runs, so per-chunk costs (a file, a task) stay small.
MIN_CHUNK = 100


def default_chunk_size(replications: int) -> int:
    """The smallest multiple of ``replications`` that is at least :data:`MIN_CHUNK`.

    So every (design, point) group lies in one chunk and runs as one batch.

    Examples
    --------
    >>> default_chunk_size(1), default_chunk_size(30), default_chunk_size(250)
    (100, 120, 250)
    """
    return replications * math.ceil(MIN_CHUNK / replications)


@dataclass(frozen=True)
class Task:
    """Work for one worker: some runs of one chunk.

    Attributes
    ----------
    chunk
        The chunk index.
    experiment
        The experiment the runs belong to.
    bases
        Design name -> its design and scenario tables (none for a function sweep).
    runs
        ``run_id, point, design, replicate, seed`` and one column per factor.
    columns
        Metric name -> stored type (bool, int, float, string), fixed by the sweep's
        first run; a run whose metrics do not fit is recorded as failed. None: any.
    """

    chunk: int
    experiment: Experiment
    bases: dict[str, Base]
    runs: pd.DataFrame
    columns: dict[str, str] | None = None


@dataclass(frozen=True)
class Plan:
    """Every run of an experiment, as arithmetic on run ids (nothing is materialised).

    Parameters
    ----------
    experiment
        The experiment.
    points
        Its design matrix: one row per point, one column per factor.
    sources
        Design name -> where to load it, in the experiment's order (for a function
        sweep, the function).
    bases
        Design name -> its tables, read once here for the workers (see
        :mod:`govsim.sweeps.bases`); empty for a function sweep.
    """

    experiment: Experiment
    points: pd.DataFrame
    sources: dict[str, str]
    bases: dict[str, Base] = field(default_factory=dict)

    @property
    def designs(self) -> tuple[str, ...]:
        """The design names, in the experiment's order."""
        return tuple(self.sources)

    @property
    def n_runs(self) -> int:
        """Points x designs x replications."""
        return len(self.points) * len(self.designs) * self.experiment.replications

    @property
    def chunk_size(self) -> int:
        """Runs per chunk: the experiment's, or :func:`default_chunk_size`."""
        return self.experiment.chunk_size or default_chunk_size(self.experiment.replications)

    @property
    def n_chunks(self) -> int:
        """The number of chunks the runs fill."""
        return math.ceil(self.n_runs / self.chunk_size)

    def run_ids(self, chunk: int) -> np.ndarray:
        """The run ids of ``chunk``, ascending."""
        start = chunk * self.chunk_size
        return np.arange(start, min(start + self.chunk_size, self.n_runs), dtype=np.int64)

    @cached_property
    def _seeds(self) -> np.ndarray:
        r = self.experiment.replications
        return np.array([replicate_seed(self.experiment.seed, i) for i in range(r)], np.int64)

    def runs(self, run_ids: Sequence[int] | np.ndarray) -> pd.DataFrame:
        """Identity and factor values of ``run_ids``."""
        ids = np.asarray(run_ids, dtype=np.int64)
        d, r = len(self.designs), self.experiment.replications
        point, design, replicate = ids // (d * r), (ids // r) % d, ids % r
        frame = pd.DataFrame(
            {
                "run_id": ids,
                "point": point,
                "design": np.asarray(self.designs, dtype=object)[design],
                "replicate": replicate,
                "seed": self._seeds[replicate],
            }
        )
        factors = self.points.iloc[point].reset_index(drop=True)
        return pd.concat([frame, factors], axis=1)
