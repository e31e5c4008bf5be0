"""Checks of the tidy frames the figures read, each failing with one line."""

from __future__ import annotations

import pandas as pd

from govsim.check import describe, suggest
from govsim.errors import GovsimError
from govsim.figures.labels import format_value

__all__ = ["check_column", "group_names", "single_design"]


def check_column(frame: pd.DataFrame, name: str, what: str, table: str = "runs") -> None:
    """Fail with one line, naming the argument ``what``, unless ``name`` is a column.

    Examples
    --------
    >>> try:
    ...     check_column(pd.DataFrame(columns=["design", "region"]), "regoin", "by")
    ... except GovsimError as error:
    ...     print(error)
    by: expected a column of the runs table; found the string 'regoin'; did you mean 'region'?
    """
    if name not in frame.columns:
        choices = [str(c) for c in frame.columns]
        raise GovsimError(
            f"{what}: expected a column of the {table} table; found {describe(name)}"
            f"{suggest(name, choices)}"
        )


def single_design(designs: pd.Series, design: str | None, what: str = "runs") -> str:
    """``design`` checked to be in ``designs``, or the only design there is.

    Raises
    ------
    GovsimError
        ``design`` is not among ``designs``; or it is None and there are several
        designs (the message names them) or none.

    Examples
    --------
    >>> single_design(pd.Series(["a", "a"]), None)
    'a'
    >>> single_design(pd.Series(["a", "b"]), None)
    Traceback (most recent call last):
    ...
    govsim.errors.GovsimError: design: expected one of a, b (several in the runs); found none
    """
    found = [str(d) for d in pd.unique(designs)]
    if not found:
        raise GovsimError(f"{what}: expected rows of at least one design; found none")
    if design is None:
        if len(found) == 1:
            return found[0]
        raise GovsimError(
            f"design: expected one of {', '.join(found)} (several in the {what}); found none"
        )
    if design not in found:
        raise GovsimError(
            f"design: expected one of {', '.join(found)}; found {describe(design)}"
            f"{suggest(design, found)}"
        )
    return design


def group_names(summary: pd.DataFrame, by: str) -> pd.Series:
    """Each summary row's name: its value of ``by``, plus the design when that is ambiguous."""
    if by == "design":
        return summary["design"].astype(str)
    values = summary[by].map(format_value)
    if (summary.groupby(values)["design"].nunique() > 1).any():
        return values + " · " + summary["design"].astype(str)
    return values
