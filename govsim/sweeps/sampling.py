"""Sample an experiment's factor space into a design matrix of points.

Every sampler returns the same thing: a DataFrame with one row per point and one
column per factor key, in factor order. The continuous samplers (Latin hypercube,
Sobol, Morris) draw in the box of :func:`sensitivity_problem` and then decode each
column: a range is kept (or rounded for an integer factor) and a discrete factor's
index ``u`` in ``[0, len(values))`` picks ``values[floor(u)]``.

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
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from SALib.sample import morris as salib_morris
from SALib.sample import sobol as salib_sobol
from scipy.stats import qmc

from govsim.designs.schema import describe, join
from govsim.errors import GovsimError
from govsim.sweeps.experiment import SAMPLERS, Factor, Sampler

__all__ = ["encode", "sample", "sensitivity_problem"]


def sample(
    factors: Sequence[Factor], sampler: Sampler, seed: int, *, source: str | None = None
) -> pd.DataFrame:
    """The design matrix: one row per point, one column per factor key.

    Parameters
    ----------
    factors
        The swept keys, in column order.
    sampler
        The method and its settings (see :data:`~govsim.sweeps.experiment.SAMPLERS`).
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
        A setting the method needs is missing or invalid, or the CSV file is not a
        complete design matrix over the factors.

    Notes
    -----
    ``factorial`` takes every combination, the first factor varying slowest.
    ``latin-hypercube`` puts exactly one of ``samples`` points in each of ``samples``
    equal strata of every factor (McKay, Beckman & Conover 1979, Technometrics
    21:239), via :class:`scipy.stats.qmc.LatinHypercube`. ``sobol`` is Saltelli's
    (2002, Comput. Phys. Commun. 145:280) cross-sampled scheme over a scrambled Sobol'
    sequence, and ``morris`` draws Morris (1991, Technometrics 33:161) trajectories;
    both come from SALib in SALib's row order, which
    :func:`~govsim.sweeps.sensitivity.sensitivity` relies on. An integer range is
    rounded to the nearest whole number, so its two end values are drawn half as
    often as the inner ones.
    """
    draw = _SAMPLERS.get(sampler.method)
    if draw is None:
        raise GovsimError(
            f"sampler.method: expected one of {', '.join(SAMPLERS)}; "
            f"found {describe(sampler.method)}",
            source=source,
        )
    return draw(list(factors), sampler, seed, source)


def sensitivity_problem(factors: Sequence[Factor]) -> dict[str, Any]:
    """The SALib problem over ``factors``: a range's bounds, or ``[0, n]`` for n values.

    Examples
    --------
    >>> from govsim.sweeps.experiment import Factor
    >>> sensitivity_problem([Factor("a", low=0.1, high=0.9), Factor("b", values=(1, 2, 4))])
    {'num_vars': 2, 'names': ['a', 'b'], 'bounds': [[0.1, 0.9], [0.0, 3.0]]}
    """
    return {
        "num_vars": len(factors),
        "names": [f.key for f in factors],
        "bounds": [
            [float(f.low), float(f.high)] if f.is_range else [0.0, float(len(f.values))]
            for f in factors
        ],
    }


def encode(points: pd.DataFrame, factors: Sequence[Factor]) -> np.ndarray:
    """The numeric matrix X of ``points``: a range as is, a discrete value as its index.

    Morris analysis only reads which factor moved, and in which direction, between
    consecutive points of a trajectory, which a value's index preserves.

    Raises
    ------
    GovsimError
        A discrete factor's column holds a value that is not one of its ``values``.

    Examples
    --------
    >>> from govsim.sweeps.experiment import Factor
    >>> points = pd.DataFrame({"a": [0.5, 0.25], "b": ["y", "x"]})
    >>> encode(points, [Factor("a", low=0, high=1), Factor("b", values=("x", "y"))])
    array([[0.5 , 1.  ],
           [0.25, 0.  ]])
    """
    columns = []
    for factor in factors:
        column = points[factor.key]
        if factor.is_range:
            columns.append(column.to_numpy(dtype=float))
            continue
        index = pd.Index(factor.values).get_indexer(column)
        if (index < 0).any():
            found = column[index < 0].iloc[0]
            raise GovsimError(
                f"{join('factors', factor.key)}.values: expected the value of every point "
                f"to be one of them; found {describe(found)}"
            )
        columns.append(index.astype(float))
    return np.column_stack(columns) if columns else np.empty((len(points), 0))


def _factorial(
    factors: list[Factor], sampler: Sampler, seed: int, source: str | None
) -> pd.DataFrame:
    levels = [_levels(f, source) for f in factors]
    # Codes of every combination, first factor slowest (itertools.product's order).
    codes = np.array(list(itertools.product(*(range(len(v)) for v in levels))), dtype=np.intp)
    pairs = enumerate(zip(factors, levels, strict=True))
    return _frame({f.key: v.take(codes[:, j]) for j, (f, v) in pairs}, len(codes))


def _levels(factor: Factor, source: str | None) -> pd.Series:
    """A factor's factorial levels, in order, as a Series of their natural dtype."""
    if not factor.is_range:
        return pd.Series(list(factor.values))
    if factor.levels is None or factor.levels < 1:
        raise GovsimError(
            f"{join(join('factors', factor.key), 'levels')}: expected a whole number >= 1 "
            f"of points of the range for the factorial sampler; found {describe(factor.levels)}",
            source=source,
        )
    grid = np.linspace(factor.low, factor.high, factor.levels)
    # Rounding can merge neighbouring levels; a factorial point must not repeat.
    return pd.Series(pd.unique(np.rint(grid).astype(np.int64)) if factor.integer else grid)


def _latin_hypercube(
    factors: list[Factor], sampler: Sampler, seed: int, source: str | None
) -> pd.DataFrame:
    count = _samples(factors, sampler, source)
    unit = qmc.LatinHypercube(d=len(factors), rng=seed).random(count)
    low, high = np.array(sensitivity_problem(factors)["bounds"]).T
    return _decode(qmc.scale(unit, low, high), factors)


def _sobol(factors: list[Factor], sampler: Sampler, seed: int, source: str | None) -> pd.DataFrame:
    count = _samples(factors, sampler, source)
    if count & (count - 1):
        raise GovsimError(
            f"sampler.samples: expected a power of 2 for the sobol sampler; found {count}",
            source=source,
        )
    matrix = salib_sobol.sample(
        sensitivity_problem(factors),
        N=count,
        calc_second_order=sampler.second_order,
        seed=seed,
    )
    return _decode(matrix, factors)


def _morris(factors: list[Factor], sampler: Sampler, seed: int, source: str | None) -> pd.DataFrame:
    count = _samples(factors, sampler, source)
    levels = sampler.levels
    if levels < 2 or levels % 2:
        # An odd grid makes SALib's steps uneven and its sample biased (it only warns).
        raise GovsimError(
            f"sampler.levels: expected an even whole number >= 2 for the morris sampler; "
            f"found {describe(levels)}",
            source=source,
        )
    matrix = salib_morris.sample(
        sensitivity_problem(factors), N=count, num_levels=levels, seed=seed
    )
    return _decode(matrix, factors)


def _samples(factors: list[Factor], sampler: Sampler, source: str | None) -> int:
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


def _decode(matrix: np.ndarray, factors: list[Factor]) -> pd.DataFrame:
    """Turn points drawn in the box of :func:`sensitivity_problem` into factor values."""
    columns: dict[str, Any] = {}
    for j, factor in enumerate(factors):
        x = matrix[:, j]
        if not factor.is_range:
            # The box's upper edge (Morris's top level) is index n, one past the last.
            index = np.minimum(np.floor(x).astype(np.intp), len(factor.values) - 1)
            columns[factor.key] = pd.Series(list(factor.values)).take(index)
        elif factor.integer:
            columns[factor.key] = np.rint(x).astype(np.int64)
        else:
            columns[factor.key] = x.astype(np.float64)
    return _frame(columns, len(matrix))


def _frame(columns: dict[str, Any], count: int) -> pd.DataFrame:
    """A frame of ``count`` rows from arrays or Series (whose own index is dropped)."""
    data = {key: c.array if isinstance(c, pd.Series) else c for key, c in columns.items()}
    return pd.DataFrame(data, index=pd.RangeIndex(count))


def _csv(factors: list[Factor], sampler: Sampler, seed: int, source: str | None) -> pd.DataFrame:
    if sampler.file is None:
        raise GovsimError(
            "sampler.file: expected a design-matrix CSV file for the csv sampler; found nothing",
            source=source,
        )
    name = Path(sampler.file).name

    def fail(detail: str) -> GovsimError:
        return GovsimError(f"sampler.file: {name}: {detail}", source=source)

    try:
        # Only a truly empty cell is missing: "NA" or "nan" may be a discrete value.
        table = pd.read_csv(
            sampler.file, keep_default_na=False, na_values=[""], skipinitialspace=True
        )
    except pd.errors.EmptyDataError:
        raise fail(
            "expected a header row of factor keys and data rows; found an empty file"
        ) from None
    except (OSError, pd.errors.ParserError, UnicodeDecodeError) as error:
        reason = str(error).splitlines()[0] if str(error) else type(error).__name__
        raise fail(f"expected a readable CSV file; found an error: {reason}") from None
    if factors:
        keys = [f.key for f in factors]
        missing = [k for k in keys if k not in table.columns]
        extra = [str(c) for c in table.columns if c not in keys]
        if missing or extra:
            problems = [f"missing {', '.join(missing)}"] if missing else []
            problems += [f"unexpected {', '.join(extra)}"] if extra else []
            raise fail(
                f"columns: expected exactly the factor keys {', '.join(keys)}; "
                f"found {', '.join(map(str, table.columns))} ({'; '.join(problems)})"
            )
        table = table[keys]
    if table.empty:
        raise fail("expected at least one data row under the header; found none")
    empty = np.argwhere(table.isna().to_numpy())
    if len(empty):
        row, column = empty[0]
        raise fail(
            f"row {row + 1}, column {table.columns[column]}: expected a value; "
            f"found an empty cell ({len(empty)} empty in all)"
        )
    return table.reset_index(drop=True)


_SAMPLERS: dict[str, Callable[[list[Factor], Sampler, int, str | None], pd.DataFrame]] = {
    "factorial": _factorial,
    "latin-hypercube": _latin_hypercube,
    "sobol": _sobol,
    "morris": _morris,
    "csv": _csv,
}
