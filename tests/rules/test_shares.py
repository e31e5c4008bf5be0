"""Exact fraction reading and comparison."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest

from govsim.errors import GovsimError
from govsim.rules.shares import Bound, meets, to_bound, to_fraction


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2/3", Fraction(2, 3)),
        (" 2 / 3 ", Fraction(2, 3)),
        ("60%", Fraction(3, 5)),
        ("33.5%", Fraction(67, 200)),
        ("0.5", Fraction(1, 2)),
        (0.6, Fraction(3, 5)),  # the decimal the user wrote, not the nearest binary float
        (np.float64(0.1), Fraction(1, 10)),
        (np.int64(1), Fraction(1)),
        (Fraction(3, 4), Fraction(3, 4)),
        (1, Fraction(1)),
    ],
)
def test_to_fraction_reads_exactly(value, expected):
    assert to_fraction(value, "x") == expected


@pytest.mark.parametrize("value", ["abc", "", "1/0", "1.5", -1, True, None, [0.5], float("nan")])
def test_to_fraction_rejects(value):
    with pytest.raises(GovsimError, match=r"^x must be a number in \[0, 1\]") as error:
        to_fraction(value, "x")
    assert "\n" not in str(error.value)


def test_unbounded_numbers():
    assert to_fraction("18", "quota", upper=None) == 18
    with pytest.raises(GovsimError, match="quota must be a non-negative number"):
        to_fraction(-2, "quota", upper=None)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("60%", Bound(Fraction(3, 5), True)),
        (">1/2", Bound(Fraction(1, 2), False)),
        (" >= 2/3", Bound(Fraction(2, 3), True)),
        (0.5, Bound(Fraction(1, 2), True)),
    ],
)
def test_to_bound(value, expected):
    assert to_bound(value, "q") == expected


def test_meets_compares_exactly_and_never_on_an_empty_base():
    third = Fraction(1, 3)
    # 1/3 in floating point is below the true third, so 1e15/3e15 > 0.333... would pass.
    np.testing.assert_array_equal(meets(np.array([1e15, 1e15 + 1]), 3e15, third, False), [0, 1])
    np.testing.assert_array_equal(
        meets(np.array([0.0, 0.0]), np.array([0.0, 1.0]), 0, True), [0, 1]
    )
