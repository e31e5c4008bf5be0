"""The csv sampler: a design matrix written by hand (or by another tool) in a CSV file.

Its header names the factors (``sampler.columns`` renames headers to factor keys, so a
file keeps the headers its authors wrote), each row is a point, and a ``sampler.label``
column names the points in tables and figures without being applied to the model.
"""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import pandas as pd

from govsim.errors import GovsimError
from govsim.sweeps.experiment import Factor, Sampler
from govsim.sweeps.samplers import register

__all__ = ["csv"]


@register("csv", settings=("file", "columns", "label"), points="the rows of its file")
def csv(factors: list[Factor], sampler: Sampler, seed: int, source: str | None) -> pd.DataFrame:
    """The rows of ``file``, a CSV design matrix whose header names the factors."""
    if sampler.file is None:
        raise GovsimError(
            "sampler.file: expected a design-matrix CSV file for the csv sampler; found nothing",
            source=source,
        )
    name = Path(sampler.file).name

    def fail(detail: str) -> GovsimError:
        return GovsimError(f"sampler.file: {name}: {detail}", source=source)

    try:
        # A comment is a whole line starting with "#"; a "#" inside a value is kept.
        lines = Path(sampler.file).read_text(encoding="utf-8-sig").splitlines(keepends=True)
        text = "".join(line for line in lines if not line.lstrip().startswith("#"))
        # Only a truly empty cell is missing: "NA" or "nan" may be a discrete value.
        table = pd.read_csv(
            io.StringIO(text), keep_default_na=False, na_values=[""], skipinitialspace=True
        )
    except pd.errors.EmptyDataError:
        raise fail(
            "expected a header row of factor keys and data rows; found an empty file"
        ) from None
    except (OSError, pd.errors.ParserError, UnicodeDecodeError) as error:
        reason = str(error).splitlines()[0] if str(error) else type(error).__name__
        raise fail(f"expected a readable CSV file; found an error: {reason}") from None
    renamed = dict(sampler.columns)
    unknown = [header for header in renamed if header not in table.columns]
    if unknown:
        raise fail(
            f"sampler.columns: expected headers of the file; found {', '.join(unknown)}, "
            f"which it does not have (it has {', '.join(map(str, table.columns))})"
        )
    headers = [str(c) for c in table.columns]
    targets = [renamed.get(header, header) for header in headers]
    for target in targets:
        origins = [h for h, k in zip(headers, targets, strict=True) if k == target]
        if len(origins) > 1:
            times = "twice" if len(origins) == 2 else f"{len(origins)} times"
            raise fail(
                f"sampler.columns: expected distinct columns after renaming; found "
                f"{target!r} {times} (from {' and '.join(origins)})"
            )
    table = table.set_axis(targets, axis="columns")
    if sampler.label is not None and sampler.label not in table.columns:
        raise fail(
            f"sampler.label: expected a column of the file; found {sampler.label!r}, "
            f"which it does not have (it has {', '.join(map(str, table.columns))})"
        )
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
    if sampler.label is not None:
        # A label names one point: the same label on two different points would pool them.
        points = table.drop_duplicates()
        shared = points[sampler.label][points[sampler.label].duplicated()]
        if len(shared):
            raise fail(
                f"sampler.label: expected one point per {sampler.label}; found "
                f"{shared.iloc[0]!r} on rows with different values"
            )
    return table.reset_index(drop=True)
