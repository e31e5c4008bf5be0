"""Sample an experiment's factor space into a design matrix of points.

Every sampler returns the same thing: a DataFrame with one row per point and one
column per factor key, in factor order. The continuous samplers (Latin hypercube,
Sobol, Morris) draw in the box of :func:`sensitivity_problem` and then decode each
column. A float range is kept. Under Latin hypercube and Sobol, an integer range
``[low, high]`` is drawn in ``[low − ½, high + ½]`` and rounded, and a discrete
factor's index ``u`` in ``[0, n)`` picks ``values[floor(u)]``, so every whole number
and every value is equally likely. Under Morris, a grid level ``u`` in ``[0, 1]``
picks ``values[round(u · (n − 1))]``, and an integer range takes
``round(low + u · (high − low))``.

Examples
--------
>>> from govsim.sweeps.experiment import Factor, Sampler
>>> factors = [Factor("a", values=("x", "y")), Factor("b", low=0, high=1, levels=3)]
>>> sample(factors, Sampler("factorial"), seed=0)
   a    b
0  x  0.0
1  x  0.5
2  x  1.0
3  y  0.0
4  y  0.5
5  y  1.0
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd
from SALib.sample import morris as salib_morris
from SALib.sample import sobol as salib_sobol
from scipy.stats import qmc

from govsim.check import describe, join
from govsim.errors import GovsimError
from govsim.sweeps.experiment import Factor, Sampler
from govsim.sweeps.samplers import SAMPLERS, get_sampler, register

__all__ = ["encode", "point_count", "sample", "sensitivity_problem"]


def sample(
    factors: Sequence[Factor], sampler: Sampler, seed: int, *, source: str | None = None
) -> pd.DataFrame:
    """The design matrix: one row per point, one column per factor key.

    Parameters
    ----------
    factors
        The swept keys, in column order.
    sampler
        The method and its settings (see :data:`~govsim.sweeps.samplers.SAMPLERS`).
    seed
        Seeds the Latin hypercube, Sobol scrambling and Morris trajectories; the same
        factors, sampler and seed always give an identical frame.
    source
        The experiment file, for messages.

    Returns
    -------
    pandas.DataFrame
        Row ``p`` (index ``p``) is point ``p``. Integer ranges are int64, float ranges
        float64, discrete factors keep their values' inferred dtype; a csv sampler's
        columns keep the types pandas infers from the file.

    Raises
    ------
    GovsimError
        A setting the method needs is missing or invalid, a factor's values repeat, an
        integer range holds no whole number, or the CSV file is not a complete design
        matrix over the factors.

    Notes
    -----
    ``factorial`` takes every combination, the first factor varying slowest.
    ``latin-hypercube`` puts exactly one of ``samples`` points in each of ``samples``
    equal strata of every factor (McKay, Beckman & Conover 1979, Technometrics
    21:239), via :class:`scipy.stats.qmc.LatinHypercube`. ``sobol`` is Saltelli's
    (2002, Comput. Phys. Commun. 145:280) cross-sampled scheme over Sobol's sequence
    (Sobol' 1967, USSR Comput. Math. Math. Phys. 7:86), scrambled (Owen 1998,
    J. Complexity 14:466) by :class:`scipy.stats.qmc.Sobol`. ``morris`` draws Morris
    (1991, Technometrics 33:161) trajectories. Both come from SALib in SALib's row
    order, which :func:`~govsim.sweeps.sensitivity.sensitivity` relies on.

    Latin hypercube and Sobol draw an integer range ``[low, high]`` in
    ``[low − ½, high + ½]`` and round it half to even (clipped to the range), and put
    a discrete factor's n values on the strata ``[i, i + 1)`` of ``[0, n)``; so every
    whole number of the range, and every value, is equally likely.

    Morris moves each factor between the ``levels`` grid levels ``u = i / (levels − 1)``
    of ``[0, 1]`` in steps of Δ = levels / (2 (levels − 1)). A discrete factor with n
    values takes ``values[round(u · (n − 1))]`` and an integer range takes
    ``round(low + u · (high − low))`` (there n − 1 = high − low). Their elementary
    effects are exact (a linear factor's ``mu_star`` is ``|slope| · (high − low)``,
    as for a float range) only when n − 1 is a multiple of ``levels − 1``, for
    example when n = ``levels``: a step then moves the factor by exactly Δ · (n − 1)
    values, and otherwise by a whole number of values near it (levels / 2 and
    levels − 1 have no common factor, so Δ · (n − 1) is not whole). With 3 values on
    4 levels, say, a step moves one value where Δ · (n − 1) = 4/3, so a linear
    factor's ``mu_star`` is ¾ of ``|slope| · (high − low)``, and the values are drawn
    ¼, ½, ¼ of the time.
    """
    info = get_sampler(sampler.method, source)
    factors = list(factors)
    for factor in factors:
        _check_factor(factor, source)
    return info.func(factors, sampler, seed, source)


def point_count(factors: Sequence[Factor], sampler: Sampler, *, source: str | None = None) -> int:
    """How many points :func:`sample` lays out, from the factors and settings alone.

    Latin hypercube: ``samples``. Sobol: N(k + 2), or N(2k + 2) with
    ``second_order``, for k factors and N = ``samples``. Morris: N(k + 1). Factorial:
    the product of the factors' numbers of levels.

    Raises
    ------
    GovsimError
        A setting the method needs is missing or invalid (the messages of
        :func:`sample`), or the method is csv, whose points are the rows of its file.

    Examples
    --------
    >>> from govsim.sweeps.experiment import Factor, Sampler
    >>> factors = [Factor("a", low=0, high=1, levels=5), Factor("b", values=(1, 2, 4))]
    >>> [point_count(factors, s) for s in (Sampler(), Sampler("sobol", samples=8))]
    [15, 32]
    >>> point_count(factors, Sampler("morris", samples=10))
    30
    """
    info = get_sampler(sampler.method, source)
    if info.count is None:
        raise GovsimError(
            "sampler.method: expected a sampler whose points follow from its settings "
            f"to count them; found {describe(info.name)}, whose points are {info.points}",
            source=source,
        )
    return info.count(factors, sampler, source)


def _samples(factors: Sequence[Factor], sampler: Sampler, source: str | None) -> int:
    """``sampler.samples``, checked, for a sampler that draws points in a box."""
    if not factors:
        raise GovsimError(
            f"factors: expected at least one factor for the {sampler.method} sampler; found none",
            source=source,
        )
    count = sampler.samples
    if count is None or count < 1:
        raise GovsimError(
            f"sampler.samples: expected a whole number >= 1 for the {sampler.method} "
            f"sampler; found {describe(count)}",
            source=source,
        )
    return count


def _factorial_count(factors: Sequence[Factor], sampler: Sampler, source: str | None) -> int:
    return math.prod(len(_levels(f, source)) for f in factors)


def _sobol_count(factors: Sequence[Factor], sampler: Sampler, source: str | None) -> int:
    count = _samples(factors, sampler, source)
    if count & (count - 1):
        raise GovsimError(
            f"sampler.samples: expected a power of 2 for the sobol sampler; found {count}",
            source=source,
        )
    return count * (2 * len(factors) + 2 if sampler.second_order else len(factors) + 2)


def _morris_count(factors: Sequence[Factor], sampler: Sampler, source: str | None) -> int:
    count = _samples(factors, sampler, source)
    levels = sampler.levels
    if levels < 2 or levels % 2:
        # An odd grid makes SALib's steps uneven and its sample biased (it only warns).
        raise GovsimError(
            "sampler.levels: expected an even whole number >= 2 for the morris "
            f"sampler; found {describe(levels)}",
            source=source,
        )
    return count * (len(factors) + 1)


def sensitivity_problem(factors: Sequence[Factor], method: str) -> dict[str, Any]:
    """The SALib problem over ``factors``: the box that ``method`` draws in.

    Latin hypercube and Sobol: a float range's bounds, ``[low − ½, high + ½]`` for an
    integer range, ``[0, n]`` for n discrete values (see :func:`sample`). Morris: a
    range's bounds and ``[0, 1]`` (the grid level) for discrete values.

    Raises
    ------
    GovsimError
        ``method`` is not latin-hypercube, sobol or morris.

    Examples
    --------
    >>> from govsim.sweeps.experiment import Factor
    >>> factors = [
    ...     Factor("a", low=0.1, high=0.9),
    ...     Factor("n", low=1, high=3, integer=True),
    ...     Factor("b", values=(1, 2, 4)),
    ... ]
    >>> sensitivity_problem(factors, "sobol")
    {'num_vars': 3, 'names': ['a', 'n', 'b'], 'bounds': [[0.1, 0.9], [0.5, 3.5], [0.0, 3.0]]}
    >>> sensitivity_problem(factors, "morris")["bounds"]
    [[0.1, 0.9], [1.0, 3.0], [0.0, 1.0]]
    """
    _check_box(method)
    return {
        "num_vars": len(factors),
        "names": [f.key for f in factors],
        "bounds": [_bounds(f, method) for f in factors],
    }


def _bounds(factor: Factor, method: str) -> list[float]:
    if not factor.is_range:
        return [0.0, 1.0 if method == "morris" else float(len(factor.values))]
    if not factor.integer:
        return [float(end) for end in _span(factor)]
    low, high = _whole(factor)
    # Morris's grid includes both ends; a uniform draw needs half a unit on each side.
    pad = 0.0 if method == "morris" else 0.5
    return [low - pad, high + pad]


def encode(
    points: pd.DataFrame, factors: Sequence[Factor], method: str, *, source: str | None = None
) -> np.ndarray:
    """The numeric matrix X of ``points`` as SALib's analysis for ``method`` reads it.

    A range (float or integer) is its value. A discrete value is its index i among the
    factor's n values under latin-hypercube and sobol (the stratum ``[i, i + 1)`` it
    was drawn from), and the grid level i / (n − 1) under morris (0 when n = 1), which
    is the level it was drawn from whenever the factor's effects are exact (see
    :func:`sample`). Morris analysis only reads which factor moved, and in which
    direction, between consecutive points of a trajectory; both are kept, since a
    Morris step moves a factor with n ≥ 2 values by more than half a value, and so
    always changes it.
    ``source`` names the experiment file in messages.

    Raises
    ------
    GovsimError
        ``method`` is not latin-hypercube, sobol or morris; a factor's values repeat;
        or a discrete factor's column holds a value that is not one of its ``values``.

    Examples
    --------
    >>> from govsim.sweeps.experiment import Factor
    >>> points = pd.DataFrame({"a": [0.5, 0.25], "b": ["z", "x"]})
    >>> factors = [Factor("a", low=0, high=1), Factor("b", values=("x", "y", "z"))]
    >>> encode(points, factors, "sobol")
    array([[0.5 , 2.  ],
           [0.25, 0.  ]])
    >>> encode(points, factors, "morris")
    array([[0.5 , 1.  ],
           [0.25, 0.  ]])
    """
    _check_box(method)
    columns = []
    for factor in factors:
        column = points[factor.key]
        if factor.is_range:
            columns.append(column.to_numpy(dtype=float))
            continue
        _check_values(factor, source)
        index = pd.Index(factor.values).get_indexer(column)
        if (index < 0).any():
            found = column[index < 0].iloc[0]
            raise GovsimError(
                f"{join('factors', factor.key)}.values: expected the value of every point "
                f"to be one of them; found {describe(found)}",
                source=source,
            )
        last = len(factor.values) - 1
        scale = last if method == "morris" and last > 0 else 1
        columns.append(index / scale)
    return np.column_stack(columns) if columns else np.empty((len(points), 0))


@register(
    "factorial",
    points="the product of the factors' numbers of levels",
    count=_factorial_count,
)
def _factorial(
    factors: list[Factor], sampler: Sampler, seed: int, source: str | None
) -> pd.DataFrame:
    """Every combination of the factors' levels, the first factor varying slowest."""
    levels = [_levels(f, source) for f in factors]
    # Codes of every combination, first factor slowest (itertools.product's order).
    codes = np.array(list(itertools.product(*(range(len(v)) for v in levels))), dtype=np.intp)
    pairs = enumerate(zip(factors, levels, strict=True))
    return _frame({f.key: v.take(codes[:, j]) for j, (f, v) in pairs}, len(codes))


def _levels(factor: Factor, source: str | None) -> pd.Series:
    """A factor's factorial levels, in order, as a Series of their natural dtype."""
    if not factor.is_range:
        return pd.Series(list(factor.values))
    if factor.levels is None or factor.levels < 2:
        raise GovsimError(
            f"{join(join('factors', factor.key), 'levels')}: expected a whole number >= 2 "
            f"of points of the range for the factorial sampler; found {describe(factor.levels)}",
            source=source,
        )
    grid = np.linspace(*_span(factor), factor.levels)
    # Rounding can merge neighbouring levels; a factorial point must not repeat.
    return pd.Series(pd.unique(np.rint(grid).astype(np.int64)) if factor.integer else grid)


@register(
    "latin-hypercube",
    settings=("samples",),
    points="samples",
    count=_samples,
    box=True,
)
def _latin_hypercube(
    factors: list[Factor], sampler: Sampler, seed: int, source: str | None
) -> pd.DataFrame:
    """A Latin hypercube (McKay, Beckman & Conover 1979).

    One of ``samples`` points lies in each of ``samples`` strata of every factor.
    """
    count = point_count(factors, sampler, source=source)
    unit = qmc.LatinHypercube(d=len(factors), rng=seed).random(count)
    low, high = np.array(sensitivity_problem(factors, sampler.method)["bounds"]).T
    return _decode(qmc.scale(unit, low, high), factors, sampler.method)


@register(
    "sobol",
    settings=("samples", "second_order"),
    points="N(k + 2), or N(2k + 2) with second_order, for k factors and N = samples",
    count=_sobol_count,
    box=True,
)
def _sobol(factors: list[Factor], sampler: Sampler, seed: int, source: str | None) -> pd.DataFrame:
    """Saltelli's cross-sampled scheme over a scrambled Sobol' sequence (Saltelli 2002).

    It gives the points for Sobol indices.
    """
    point_count(factors, sampler, source=source)  # checks the settings
    matrix = salib_sobol.sample(
        sensitivity_problem(factors, sampler.method),
        N=sampler.samples,
        calc_second_order=sampler.second_order,
        seed=seed,
    )
    return _decode(matrix, factors, sampler.method)


@register(
    "morris",
    settings=("samples", "levels"),
    points="N(k + 1), for k factors and N = samples trajectories",
    count=_morris_count,
    box=True,
)
def _morris(factors: list[Factor], sampler: Sampler, seed: int, source: str | None) -> pd.DataFrame:
    """Morris trajectories on a grid of ``levels`` levels (Morris 1991).

    They give the points for elementary effects.
    """
    point_count(factors, sampler, source=source)  # checks the settings
    matrix = salib_morris.sample(
        sensitivity_problem(factors, sampler.method),
        N=sampler.samples,
        num_levels=sampler.levels,
        seed=seed,
    )
    return _decode(matrix, factors, sampler.method)


def _decode(matrix: np.ndarray, factors: list[Factor], method: str) -> pd.DataFrame:
    """Turn points drawn in the box of :func:`sensitivity_problem` into factor values."""
    columns: dict[str, Any] = {}
    for j, factor in enumerate(factors):
        x = matrix[:, j]
        if not factor.is_range:
            last = len(factor.values) - 1
            # Morris: x is a grid level in [0, 1]; else an index in [0, n], where n
            # (the box's upper edge) is one past the last.
            index = np.rint(x * last) if method == "morris" else np.floor(x)
            index = np.clip(index, 0, last).astype(np.intp)
            columns[factor.key] = pd.Series(list(factor.values)).take(index)
        elif factor.integer:
            # np.rint rounds half to even; the clip keeps the box's edges in the range.
            columns[factor.key] = np.clip(np.rint(x), *_whole(factor)).astype(np.int64)
        else:
            columns[factor.key] = x.astype(np.float64)
    return _frame(columns, len(matrix))


def _whole(factor: Factor) -> tuple[float, float]:
    """The least and greatest whole numbers of an integer range."""
    low, high = _span(factor)
    return float(math.ceil(low)), float(math.floor(high))


def _span(factor: Factor) -> tuple[float, float]:
    """``(low, high)`` of a range factor."""
    # The parser gives every range both ends.
    assert factor.low is not None and factor.high is not None
    return factor.low, factor.high


def _check_box(method: str) -> None:
    if method not in SAMPLERS or not SAMPLERS[method].box:
        box = [name for name, info in SAMPLERS.items() if info.box]
        raise GovsimError(
            f"sampler.method: expected one of {', '.join(box)} (a sampler that draws in a "
            f"box); found {describe(method)}"
        )


def _check_factor(factor: Factor, source: str | None) -> None:
    """Distinct values, and a whole number in an integer range."""
    if not factor.is_range:
        _check_values(factor, source)
    elif factor.integer:
        low, high = _whole(factor)
        if low > high:
            raise GovsimError(
                f"{join(join('factors', factor.key), 'range')}: expected a whole number "
                f"between low and high for an integer factor; found "
                f"{describe([factor.low, factor.high])}",
                source=source,
            )


def _check_values(factor: Factor, source: str | None) -> None:
    values = factor.values
    repeated = [v for i, v in enumerate(values) if v in values[:i]]
    if repeated:
        raise GovsimError(
            f"{join(join('factors', factor.key), 'values')}: expected distinct entries; "
            f"found {describe(repeated[0])} twice",
            source=source,
        )


def _frame(columns: dict[str, Any], count: int) -> pd.DataFrame:
    """A frame of ``count`` rows from arrays or Series (whose own index is dropped)."""
    data = {key: c.array if isinstance(c, pd.Series) else c for key, c in columns.items()}
    return pd.DataFrame(data, index=pd.RangeIndex(count))
