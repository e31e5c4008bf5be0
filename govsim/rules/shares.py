"""Exact threshold arithmetic and parameter checks shared by the decision rules.

A threshold such as "2/3" or "60%" is held as a :class:`~fractions.Fraction` and a
share is compared with it by cross-multiplication, ``amount * den > num * base``, so
that "exactly two thirds" is never decided by a rounding error. Every rule module
uses the helpers here instead of dividing.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np

from govsim.errors import GovsimError
from govsim.exact import exact_number
from govsim.rules.registry import Tally

__all__ = [
    "BASES",
    "Bound",
    "base_weight",
    "check_bool",
    "check_choice",
    "meets",
    "share",
    "to_bound",
    "to_fraction",
]

#: What a share is counted against: all seat weight, the weight of seats present
#: (support, oppose, abstain), or the weight of votes cast (support, oppose).
BASES = ("seats", "present", "cast")


def to_fraction(value: Any, name: str, *, upper: Fraction | None = Fraction(1)) -> Fraction:
    """Convert a user-given number ("2/3", "60%", "0.5", 0.5, 18) exactly.

    Floats are read through their shortest decimal form, so ``0.6`` becomes 3/5 and
    not the binary float nearest to it.

    Raises
    ------
    GovsimError
        If ``value`` is not a number, or lies outside ``[0, upper]``.
    """
    expected = f"a number in [0, {upper}]" if upper is not None else "a non-negative number"
    found = f"{expected} such as 2/3, '60%' or 0.5; found {value!r}"
    try:
        result = exact_number(value, name)
    except GovsimError:
        raise GovsimError(f"{name} must be {found}") from None
    if result < 0 or (upper is not None and result > upper):
        raise GovsimError(f"{name} must be {found}")
    return result


@dataclass(frozen=True)
class Bound:
    """A one-sided threshold on a share: ``> fraction`` or ``>= fraction``."""

    fraction: Fraction
    inclusive: bool

    def __str__(self) -> str:
        return f"{'>=' if self.inclusive else '>'} {self.fraction}"


def to_bound(value: Any, name: str) -> Bound:
    """Read a share threshold with an optional ``>`` (strict) or ``>=`` prefix.

    A bare number is inclusive: "60%" means "at least 60%"; ">1/2" means "more than
    half". A :class:`Bound` is returned unchanged.
    """
    if isinstance(value, Bound):
        return value
    if isinstance(value, str) and value.strip().startswith(">"):
        text = value.strip()
        inclusive = text.startswith(">=")
        return Bound(to_fraction(text[2 if inclusive else 1 :], name), inclusive)
    return Bound(to_fraction(value, name), True)


def meets(
    amount: np.ndarray, base: np.ndarray | float, fraction: Fraction, inclusive: bool
) -> np.ndarray:
    """Whether ``amount / base`` exceeds (or reaches) ``fraction``, compared exactly.

    An empty base (0) never meets a threshold: a vote that nobody cast carries
    nothing, even against a threshold of 0.
    """
    base = np.asarray(base)
    lhs = np.asarray(amount) * fraction.denominator
    rhs = fraction.numerator * base
    reached = lhs >= rhs if inclusive else lhs > rhs
    return reached & (base > 0)


def base_weight(t: Tally, base: str) -> np.ndarray:
    """The per-house weight, shape ``(..., H)``, that a share is counted against."""
    if base == "seats":
        return np.broadcast_to(t.seats, t.support.shape)
    return t.present if base == "present" else t.cast


def share(amount: np.ndarray, base: np.ndarray) -> np.ndarray:
    """``amount / base`` as floats for reporting, with 0 where the base is empty."""
    amount, base = np.asarray(amount, float), np.asarray(base, float)
    shape = np.broadcast(amount, base).shape  # in C: np.broadcast_shapes costs more
    return np.divide(amount, base, out=np.zeros(shape), where=base > 0)


def check_choice(value: Any, choices: Collection[str], name: str) -> str:
    """Return ``value`` if it is one of ``choices``, else raise :class:`GovsimError`."""
    if not isinstance(value, str) or value not in choices:
        raise GovsimError(f"{name} must be one of {list(choices)}; found {value!r}")
    return value


def check_bool(value: Any, name: str) -> bool:
    """Return ``value`` if it is a bool, else raise :class:`GovsimError`."""
    if not isinstance(value, bool | np.bool_):
        raise GovsimError(f"{name} must be true or false; found {value!r}")
    return bool(value)
