"""Reading user-given numbers exactly, as :class:`~fractions.Fraction`.

Thresholds and weights decide votes at their boundaries ("exactly two thirds"), so
govsim never lets a binary float stand in for what the user wrote.
"""

from __future__ import annotations

import math
from decimal import Decimal
from fractions import Fraction
from numbers import Rational, Real
from typing import Any

import numpy as np

from govsim.errors import GovsimError

__all__ = ["exact_number"]


def exact_number(value: Any, what: str, *, source: str | None = None) -> Fraction:
    """Read one number exactly, or raise :class:`GovsimError` naming ``what``.

    Accepts ints, Fractions, Decimals, floats (read through their shortest decimal
    form, so ``0.1`` is 1/10) and strings such as ``"2/3"``, ``"0.5"`` or ``"60%"``.

    Examples
    --------
    >>> exact_number("60%", "threshold"), exact_number(0.1, "weight")
    (Fraction(3, 5), Fraction(1, 10))
    """
    if isinstance(value, bool | np.bool_):
        raise GovsimError(f"{what}: expected a number, found the boolean {value!r}", source=source)
    result = _read(value)
    if result is not None:
        return result
    finite = isinstance(value, Real | np.floating | Decimal) or _names_non_finite(value)
    expected = "a finite number" if finite else "a number"
    raise GovsimError(f"{what}: expected {expected}, found {value!r}", source=source)


def _read(value: Any) -> Fraction | None:
    """The exact value of a finite number, or None for anything else."""
    try:
        if isinstance(value, str):
            text = value.strip().replace(" ", "")
            return Fraction(text[:-1]) / 100 if text.endswith("%") else Fraction(text)
        if isinstance(value, Rational | np.integer):
            return Fraction(int(value.numerator), int(value.denominator))
        if isinstance(value, Decimal) and value.is_finite():
            return Fraction(value)
        if isinstance(value, Real | np.floating) and math.isfinite(float(value)):
            return Fraction(repr(float(value)))
    except (ValueError, ZeroDivisionError, OverflowError):
        return None
    return None


def _names_non_finite(value: Any) -> bool:
    """Whether a string spells inf or nan, which float() accepts but no vote count is."""
    try:
        return isinstance(value, str) and not math.isfinite(float(value))
    except ValueError:
        return False
