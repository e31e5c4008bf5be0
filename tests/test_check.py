"""govsim.check: one-line messages, booleans never numbers, argparse types."""

import argparse
import math
from fractions import Fraction

import numpy as np
import pytest

from govsim.check import (
    check_bool,
    check_choice,
    check_int,
    check_list,
    check_number,
    check_string,
    check_table,
    int_arg,
    number_arg,
)
from govsim.errors import GovsimError, IntegerExpected, SpecError


@pytest.mark.parametrize("value", [3, 3.5, np.float64(0.25), np.int64(2), Fraction(1, 2)])
def test_numbers_pass_as_floats(value):
    result = check_number(value, "x")
    assert result == float(value) and type(result) is float


@pytest.mark.parametrize(
    ("value", "found"),
    [
        (True, "the boolean true"),
        (np.bool_(True), "a bool"),
        ("0.5", "the string '0.5'"),
        (math.nan, "nan"),
        (math.inf, "inf"),
        (10**400, "1" + "0" * 56 + "..."),
        (None, "nothing"),
    ],
)
def test_non_numbers_are_rejected_in_one_line(value, found):
    with pytest.raises(SpecError) as caught:
        check_number(value, "design.attendance", "x.toml", low=0, high=1, low_open=True)
    assert str(caught.value) == (
        f"x.toml: design.attendance: expected a number in (0, 1]; found {found}"
    )
    assert caught.value.key == "design.attendance"


@pytest.mark.parametrize(
    ("bounds", "inside", "outside", "expected"),
    [
        ({"low": 0, "high": 0.5, "low_open": True}, [1e-9, 0.5], [0, 0.6], "a number in (0, 0.5]"),
        ({"low": 0, "high": 1, "high_open": True}, [0, 0.99], [1, -0.1], "a number in [0, 1)"),
        ({"low": 0}, [0, 1e300], [-1e-300], "a finite number >= 0"),
        ({"high": 1, "high_open": True}, [-5, 0.5], [1], "a finite number < 1"),
    ],
)
def test_bounds_open_and_closed(bounds, inside, outside, expected):
    for x in inside:
        assert check_number(x, "k", **bounds) == x
    for x in outside:
        with pytest.raises(SpecError, match=rf"^k: expected {__import__('re').escape(expected)};"):
            check_number(x, "k", **bounds)


def test_integers_reject_bools_and_floats_with_their_own_subclass():
    assert check_int(np.int32(4), "k", low=1) == 4
    for value in (True, 5.0, "5", np.bool_(False)):
        with pytest.raises(IntegerExpected) as caught:
            check_int(value, "--steps", low=1)
        assert str(caught.value).startswith("--steps: expected an integer >= 1; found ")
    with pytest.raises(IntegerExpected, match=r"^k: expected an integer in \[1, 3\]; found 4$"):
        check_int(4, "k", low=1, high=3)
    assert issubclass(IntegerExpected, SpecError) and issubclass(SpecError, GovsimError)


def test_bool_choice_string_list_table():
    assert check_bool(np.bool_(True), "k") is True
    with pytest.raises(SpecError, match=r"^k: expected true or false; found 1$"):
        check_bool(1, "k")
    with pytest.raises(SpecError) as caught:
        check_choice("degrot", "kernel", ["degroot", "none"], what="a kernel")
    assert str(caught.value) == (
        "kernel: expected a kernel: one of degroot, none; found the string 'degrot'; "
        "did you mean 'degroot'?"
    )
    assert check_string("", "k", empty=True) == ""
    with pytest.raises(SpecError, match=r"^k: expected a name; found the string ' '$"):
        check_string(" ", "k", what="a name")
    assert check_list((1, 2), "k", min_len=2) == [1, 2]
    with pytest.raises(SpecError, match=r"^k\.1: expected a string key; found 1$"):
        check_table({1: 2}, "k")


def test_argparse_types():
    assert int_arg(low=1)("20") == 20
    assert number_arg(0, 1, low_open=True, high_open=True)("0.95") == 0.95
    for parse, text, message in [
        (int_arg(low=1), "0", "expected an integer >= 1; found 0"),
        (int_arg(low=0), "1.5", "expected an integer >= 0; found the string '1.5'"),
        (int_arg(low=0), "x", "expected an integer >= 0; found the string 'x'"),
        (number_arg(0, 1), "nan", "expected a number in [0, 1]; found nan"),
        (number_arg(0, 1, high_open=True), "1", "expected a number in [0, 1); found 1.0"),
    ]:
        with pytest.raises(argparse.ArgumentTypeError) as caught:
            parse(text)
        assert str(caught.value) == message


def test_argparse_prints_the_message(capsys):
    parser = argparse.ArgumentParser(prog="govsim run")
    parser.add_argument("--steps", type=int_arg(low=1))
    assert parser.parse_args(["--steps", "3"]).steps == 3
    with pytest.raises(SystemExit):
        parser.parse_args(["--steps", "0"])
    assert capsys.readouterr().err.endswith(
        "govsim run: error: argument --steps: expected an integer >= 1; found 0\n"
    )
