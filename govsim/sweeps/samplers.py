"""The registry of samplers: the ways an experiment's factor space becomes points.

Every sampler is a plain function with one signature::

    sampler(factors, settings, seed, source) -> pandas.DataFrame

- ``factors``: the experiment's :class:`~govsim.sweeps.experiment.Factor` list, in
  column order (checked: distinct values, a whole number in every integer range).
- ``settings``: the experiment's :class:`~govsim.sweeps.experiment.Sampler`.
- ``seed``: the sampler seed (:func:`~govsim.sweeps.seeds.sampler_seed`); the same
  arguments always give an identical frame.
- ``source``: the experiment file, for messages.

It returns the design matrix: one row per point (index ``0..n-1``), one column per
factor key. Samplers are registered with :func:`register`, which records the settings
keys each reads (an experiment file that sets another is refused) and how many points
it lays out; :data:`SAMPLERS`, the ``sampler.method`` choices and their messages are
derived from the registry, and one contract test (``tests/sweeps/test_samplers.py``)
runs over every sampler in it.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from govsim.check import describe
from govsim.errors import GovsimError

if TYPE_CHECKING:
    import pandas as pd

    from govsim.sweeps.experiment import Factor, Sampler

__all__ = ["SAMPLERS", "SETTINGS", "SamplerInfo", "get_sampler", "readers", "register"]

#: The ``[sampler]`` keys besides ``method``: what a sampler may read.
SETTINGS = ("samples", "levels", "second_order", "file", "columns", "label")

SamplerFunction = Callable[["list[Factor]", "Sampler", int, "str | None"], "pd.DataFrame"]
#: ``count(factors, settings, source) -> points``, checking the settings it needs.
Counter = Callable[["Sequence[Factor]", "Sampler", "str | None"], int]


@dataclass(frozen=True)
class SamplerInfo:
    """A registered sampler and what it promises.

    Attributes
    ----------
    name
        ``sampler.method`` in an experiment file.
    func
        The sampler.
    summary
        One line: what it draws (the first paragraph of its docstring).
    settings
        The keys of :data:`SETTINGS` it reads.
    points
        How many points it lays out, in words (for docs and messages).
    count
        The number of points from the factors and settings alone, or None when they
        do not follow from them (csv: the rows of a file).
    box
        It draws in the box of :func:`~govsim.sweeps.sampling.sensitivity_problem`, so
        its points can be encoded for SALib's analyses.
    """

    name: str
    func: SamplerFunction
    summary: str
    settings: tuple[str, ...]
    points: str
    count: Counter | None = None
    box: bool = False


#: Every registered sampler by name, in registration order.
SAMPLERS: dict[str, SamplerInfo] = {}


def register(
    name: str,
    *,
    settings: Sequence[str] = (),
    points: str,
    count: Counter | None = None,
    box: bool = False,
) -> Callable[[SamplerFunction], SamplerFunction]:
    """Register a sampler under ``name`` without changing the function.

    Parameters
    ----------
    name
        ``sampler.method`` (kebab-case).
    settings
        The ``[sampler]`` keys it reads, from :data:`SETTINGS`.
    points, count, box
        See :class:`SamplerInfo`.
    """
    unknown = sorted(set(settings) - set(SETTINGS))
    if unknown:
        raise RuntimeError(f"sampler {name!r} reads unknown settings {unknown}")

    def decorate(func: SamplerFunction) -> SamplerFunction:
        if name in SAMPLERS:
            raise RuntimeError(f"sampler {name!r} registered twice")
        summary = (inspect.getdoc(func) or "").split("\n\n")[0].replace("\n", " ")
        SAMPLERS[name] = SamplerInfo(name, func, summary, tuple(settings), points, count, box)
        return func

    return decorate


def get_sampler(method: Any, source: str | None = None) -> SamplerInfo:
    """The registered sampler ``method``.

    Raises
    ------
    GovsimError
        ``method`` is not registered, naming the choices.
    """
    if not isinstance(method, str) or method not in SAMPLERS:
        raise GovsimError(
            f"sampler.method: expected one of {', '.join(SAMPLERS)}; found {describe(method)}",
            source=source,
        )
    return SAMPLERS[method]


def readers(setting: str) -> tuple[str, ...]:
    """The samplers that read ``setting``, in registration order."""
    return tuple(name for name, info in SAMPLERS.items() if setting in info.settings)
