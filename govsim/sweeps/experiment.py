"""An experiment: which designs, which factors, how many replications, which seed.

An experiment file (TOML, usually in ``experiments/``) says what a sweep runs. The
dataclasses here are what :func:`~govsim.sweeps.load_experiment` reads it into; every
key is documented in ``docs/sweeps.md``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from govsim import DEFAULT_STEPS
from govsim.designs.resolve import parse_override
from govsim.errors import GovsimError

__all__ = ["Experiment", "Factor", "Sampler", "experiment_from_record"]


@dataclass(frozen=True)
class Factor:
    """One swept key of the design or scenario.

    Attributes
    ----------
    key
        A ``--set`` key path: ``scenario.polarisation`` for the scenario, anything else
        (``deliberation.segregation``) for the design.
    low, high
        A continuous range (both None for a factor given by ``values``).
    values
        Discrete levels: numbers, strings or booleans (empty for a range).
    integer
        Round sampled values of a range to whole numbers.
    levels
        How many evenly spaced points of a range a factorial sampler takes.
    """

    key: str
    low: float | None = None
    high: float | None = None
    values: tuple[Any, ...] = ()
    integer: bool = False
    levels: int | None = None

    @property
    def is_range(self) -> bool:
        """True for a continuous range, False for discrete ``values``."""
        return not self.values


@dataclass(frozen=True)
class Sampler:
    """How the factor space is sampled into points.

    Attributes
    ----------
    method
        A registered sampler (:data:`govsim.sweeps.samplers.SAMPLERS`; each reads only
        some of the settings below).
    samples
        Latin hypercube: the number of points. Sobol: the base sample size N (the
        sweep has N(k+2) points, N(2k+2) with ``second_order``). Morris: the number
        of trajectories (N(k+1) points). Unused by factorial and csv.
    levels
        Morris grid levels (even; 4 by default).
    second_order
        Sobol: also sample for second-order indices.
    file
        csv: the design-matrix file (absolute path).
    columns
        csv: ``(header, key)`` pairs that rename CSV columns to factor keys, so a file
        can keep the headers its authors wrote (``q1`` for ``regional.answers.0``).
    label
        csv: a column that names each point (``region``). It is stored with the results
        and breaks tables and figures down, but is not applied to the model.
    """

    method: str = "factorial"
    samples: int | None = None
    levels: int = 4
    second_order: bool = False
    file: str | None = None
    columns: tuple[tuple[str, str], ...] = ()
    label: str | None = None

    def applied(self, columns: Iterable[str]) -> list[str]:
        """The point ``columns`` that set the model: all but the :attr:`label`."""
        return [c for c in columns if c != self.label]

    def values(self, point: Any, columns: Iterable[str]) -> dict[str, Any]:
        """What ``point`` (a row of the design matrix) sets, by key, as plain values.

        Examples
        --------
        >>> import pandas as pd
        >>> row = pd.DataFrame({"split": [0.4], "scenario.polarisation": [0.2]}).iloc[0]
        >>> Sampler("csv", label="split").values(row, row.index)
        {'scenario.polarisation': 0.2}
        """
        return {
            key: point[key].item() if hasattr(point[key], "item") else point[key]
            for key in self.applied(columns)
        }


@dataclass(frozen=True)
class Experiment:
    """A sweep: every point of the factor space, under every design, replicated.

    Runs are numbered design-major within point: run ``((point * D) + d) * R + r``
    is replicate ``r`` of design ``d`` at point ``point``. Replicate ``r`` has the same
    seed under every design and at every point (common random numbers), so designs
    can be compared pairwise.

    Attributes
    ----------
    name, description
        For tables, figures and the manifest.
    designs
        Built-in design names or absolute paths of design files (the levers).
    scenario
        A built-in scenario name or path for every design; None: each design's own.
    steps
        Issues per run.
    replications
        Runs per design and point.
    seed
        Base seed: replicate and sampler seeds derive from
        ``numpy.random.SeedSequence(seed)`` (see :mod:`govsim.sweeps.seeds`).
    factors
        The swept keys, in column order.
    constants
        Typed ``(key path, value)`` overrides applied to every run before the factors
        (``--set`` text is read into pairs by
        :func:`govsim.designs.resolve.parse_override`).
    sampler
        How the factors are sampled.
    metrics
        Metric columns to keep (empty: all).
    trajectories
        Also store one row per issue of every run.
    chunk_size
        Runs per result file; None: the smallest multiple of ``replications`` >= 100.
    function
        ``"module:callable"`` to sweep a Python function ``f(params, seed) -> dict``
        instead of the governance model (then without designs, scenario, steps or
        trajectories).
    source
        The file it came from, for messages.
    """

    name: str
    designs: tuple[str, ...]
    description: str = ""
    scenario: str | None = None
    steps: int = DEFAULT_STEPS
    replications: int = 10
    seed: int = 0
    factors: tuple[Factor, ...] = ()
    constants: tuple[tuple[str, Any], ...] = ()
    sampler: Sampler = field(default_factory=Sampler)
    metrics: tuple[str, ...] = ()
    trajectories: bool = False
    chunk_size: int | None = None
    function: str | None = None
    source: str | None = None

    def __post_init__(self) -> None:
        for constant in self.constants:
            if not (isinstance(constant, tuple) and len(constant) == 2):
                raise GovsimError(
                    f"constants: expected (key path, value) pairs; found {constant!r} "
                    "(read --set text with govsim.designs.resolve.parse_override)",
                    source=self.source,
                )


def experiment_from_record(record: dict[str, Any]) -> Experiment:
    """Rebuild an :class:`Experiment` from ``dataclasses.asdict`` output.

    That output is a manifest's ``experiment`` entry, after a JSON round trip.
    Manifests written before constants were typed hold ``"key=value"`` text, read as
    ``--set`` reads it.
    """
    factors = tuple(
        Factor(**(f | {"values": tuple(f.get("values", ()))})) for f in record.get("factors", ())
    )
    sampler = record.get("sampler", {})
    columns = tuple(tuple(pair) for pair in sampler.get("columns", ()))
    return Experiment(
        **(
            record
            | {
                "designs": tuple(record["designs"]),
                "factors": factors,
                "constants": tuple(
                    parse_override(c) if isinstance(c, str) else tuple(c)
                    for c in record.get("constants", ())
                ),
                "metrics": tuple(record.get("metrics", ())),
                "sampler": Sampler(**(sampler | {"columns": columns})),
            }
        )
    )
