"""Checks of user input, each with the house one-line message.

Every check returns the value in its canonical type or raises a
:class:`~govsim.errors.SpecError` (:class:`~govsim.errors.IntegerExpected` for
integers) whose message reads ``[SOURCE: ]KEY: expected WHAT; found VALUE``, with a
did-you-mean for a near-miss name. A boolean is never a number; ``nan`` and ``inf``
never pass. :func:`int_arg` and :func:`number_arg` make the same checks argparse
``type=`` functions.

Examples
--------
>>> check_number(0.25, "design.deliberation.mu", low=0, high=0.5, low_open=True)
0.25
>>> check_int(True, "--steps", low=1)
Traceback (most recent call last):
...
govsim.errors.IntegerExpected: --steps: expected an integer >= 1; found the boolean true
>>> check_choice("degrot", "kernel", ["degroot", "deffuant"])
Traceback (most recent call last):
...
govsim.errors.SpecError: kernel: expected one of degroot, deffuant; \
found the string 'degrot'; did you mean 'degroot'?
"""

from __future__ import annotations

import argparse
import difflib
import math
import numbers
from collections.abc import Callable, Collection, Mapping
from typing import Any, NoReturn

import numpy as np

from govsim.errors import IntegerExpected, SpecError

__all__ = [
    "bounds_text",
    "check_bool",
    "check_choice",
    "check_int",
    "check_list",
    "check_number",
    "check_string",
    "check_table",
    "describe",
    "fail",
    "int_arg",
    "integer_expected",
    "join",
    "number_arg",
    "number_expected",
    "one_of",
    "suggest",
]

_MAX_FOUND = 60  # characters of a found value quoted in a message


def fail(key: str, detail: str, source: str | None = None) -> NoReturn:
    """Raise :class:`~govsim.errors.SpecError` for ``key``."""
    raise SpecError(key, detail, source=source)


def join(path: str, key: Any) -> str:
    """Extend a key path by a table key (quoted if it needs it) or a list index.

    Examples
    --------
    >>> join("design.seats", 0), join("design.inclusion", "a b")
    ('design.seats[0]', 'design.inclusion."a b"')
    """
    if isinstance(key, int):
        return f"{path}[{key}]"
    text = str(key)
    if not text or any(c in text for c in ' ."[]=\t\n'):
        text = '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return f"{path}.{text}" if path else text


def describe(value: Any) -> str:
    """A value as a user wrote it in TOML, on one short line.

    Examples
    --------
    >>> describe(-3), describe("0.5"), describe(True), describe({"a": 1}), describe(None)
    ('-3', "the string '0.5'", 'the boolean true', 'a table', 'nothing')
    """
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, str):
        return f"the string {_clip(repr(value))}"
    if isinstance(value, Mapping):
        return "a table" if value else "an empty table"
    if isinstance(value, list | tuple):
        return f"the list {_clip(_toml(value))}" if value else "an empty list"
    if isinstance(value, float) and not math.isfinite(value):
        return "nan" if math.isnan(value) else ("inf" if value > 0 else "-inf")
    if isinstance(value, int | float):
        return _clip(repr(value))
    return f"a {type(value).__name__}"


def _toml(value: Any) -> str:
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, str):
        return repr(value)
    if isinstance(value, Mapping):
        return "{...}"
    return repr(value)


def _clip(text: str) -> str:
    return text if len(text) <= _MAX_FOUND else text[: _MAX_FOUND - 3] + "..."


def suggest(name: Any, choices: Collection[str]) -> str:
    """``"; did you mean 'x'?"`` for the closest of ``choices``, or ``""``.

    Examples
    --------
    >>> suggest("majorty", ["majority", "unanimity"])
    "; did you mean 'majority'?"
    """
    if not isinstance(name, str):
        return ""
    close = difflib.get_close_matches(name, list(choices), n=1, cutoff=0.6)
    return f"; did you mean {close[0]!r}?" if close else ""


def one_of(choices: Collection[str]) -> str:
    """``"one of a, b, c"``, or ``"nothing (none are defined)"``."""
    return "one of " + ", ".join(choices) if choices else "nothing (none are defined)"


def bounds_text(
    low: float | None = None,
    high: float | None = None,
    low_open: bool = False,
    high_open: bool = False,
) -> str:
    """Bounds as a message reads them: ``"in (0, 1]"``, ``">= 0"``, or ``""``."""

    def fmt(x: float) -> str:
        if float(x).is_integer():
            return str(int(x))
        return repr(x).replace("e-0", "e-").replace("e+0", "e+")

    if low is not None and high is not None:
        return f"in {'(' if low_open else '['}{fmt(low)}, {fmt(high)}{')' if high_open else ']'}"
    if low is not None:
        return f"{'>' if low_open else '>='} {fmt(low)}"
    if high is not None:
        return f"{'<' if high_open else '<='} {fmt(high)}"
    return ""


def number_expected(
    low: float | None = None,
    high: float | None = None,
    low_open: bool = False,
    high_open: bool = False,
) -> str:
    """How a numeric range reads in a message: ``"a number in (0, 0.5]"``.

    Examples
    --------
    >>> number_expected(0, 0.5, low_open=True), number_expected(0)
    ('a number in (0, 0.5]', 'a finite number >= 0')
    """
    bounds = bounds_text(low, high, low_open, high_open)
    if low is not None and high is not None:
        return f"a number {bounds}"
    return f"a finite number {bounds}".rstrip()


def integer_expected(low: int | None = None, high: int | None = None) -> str:
    """How an integer range reads in a message: ``"an integer in [1, 10]"``."""
    return f"an integer {bounds_text(low, high, False, False)}".rstrip()


def check_number(
    value: Any,
    key: str,
    source: str | None = None,
    *,
    low: float | None = None,
    high: float | None = None,
    low_open: bool = False,
    high_open: bool = False,
) -> float:
    """A finite real number (an integer is fine, a boolean is not) within the bounds.

    ``low_open``/``high_open`` exclude the bound itself. Returns a ``float``.
    """
    if isinstance(value, numbers.Real) and not isinstance(value, bool):
        try:
            x = float(value)
        except OverflowError:  # an int too large for a float
            x = math.nan
        if math.isfinite(x) and not (
            (low is not None and (x <= low if low_open else x < low))
            or (high is not None and (x >= high if high_open else x > high))
        ):
            return x
    expected = number_expected(low, high, low_open, high_open)
    fail(key, f"expected {expected}; found {describe(value)}", source)


def check_int(
    value: Any,
    key: str,
    source: str | None = None,
    *,
    low: int | None = None,
    high: int | None = None,
) -> int:
    """A whole number (not a boolean, not a float, numpy integers are fine) in ``[low, high]``."""
    if (
        isinstance(value, numbers.Integral)
        and not isinstance(value, bool)
        and (low is None or int(value) >= low)
        and (high is None or int(value) <= high)
    ):
        return int(value)
    detail = f"expected {integer_expected(low, high)}; found {describe(value)}"
    raise IntegerExpected(key, detail, source=source)


def check_bool(value: Any, key: str, source: str | None = None) -> bool:
    """``true`` or ``false`` (a Python or numpy boolean)."""
    if isinstance(value, bool | np.bool_):
        return bool(value)
    fail(key, f"expected true or false; found {describe(value)}", source)


def check_choice(
    value: Any, key: str, choices: Collection[str], source: str | None = None, *, what: str = ""
) -> str:
    """One of ``choices``, with a did-you-mean for a near miss; ``what`` names the kind."""
    if isinstance(value, str) and value in choices:
        return value
    expected = f"{what}: {one_of(choices)}" if what else one_of(choices)
    fail(key, f"expected {expected}; found {describe(value)}{suggest(value, choices)}", source)


def check_string(
    value: Any, key: str, source: str | None = None, *, what: str = "a string", empty: bool = False
) -> str:
    """A string, non-blank unless ``empty`` is true."""
    if isinstance(value, str) and (empty or value.strip()):
        return value
    fail(key, f"expected {what}; found {describe(value)}", source)


def check_list(
    value: Any, key: str, source: str | None = None, *, what: str = "a list", min_len: int = 0
) -> list[Any]:
    """A list (TOML array, or a tuple) of at least ``min_len`` items."""
    if not isinstance(value, list | tuple) or len(value) < min_len:
        fail(key, f"expected {what}; found {describe(value)}", source)
    return list(value)


def check_table(
    value: Any, key: str, source: str | None = None, *, what: str = "a table"
) -> Mapping[str, Any]:
    """A table (a mapping) whose keys are strings."""
    if not isinstance(value, Mapping):
        fail(key, f"expected {what}; found {describe(value)}", source)
    for name in value:
        if not isinstance(name, str):
            fail(join(key, str(name)), f"expected a string key; found {describe(name)}", source)
    return value


def _argument(check: Callable[[Any], Any], read: Callable[[str], Any]) -> Callable[[str], Any]:
    """An argparse type: ``read`` the text, then ``check`` it; errors without the key."""

    def parse(text: str) -> Any:
        try:
            value = read(text)
        except ValueError:
            value = text
        try:
            return check(value)
        except SpecError as error:
            raise argparse.ArgumentTypeError(error.detail) from None

    return parse


def int_arg(low: int | None = None, high: int | None = None) -> Callable[[str], int]:
    """An argparse ``type=``: an integer in ``[low, high]``.

    Examples
    --------
    >>> int_arg(low=1)("20")
    20
    >>> int_arg(low=1)("0")
    Traceback (most recent call last):
    ...
    argparse.ArgumentTypeError: expected an integer >= 1; found 0
    """
    return _argument(lambda v: check_int(v, "", low=low, high=high), int)


def number_arg(
    low: float | None = None,
    high: float | None = None,
    *,
    low_open: bool = False,
    high_open: bool = False,
) -> Callable[[str], float]:
    """An argparse ``type=``: a finite number within the bounds.

    Examples
    --------
    >>> number_arg(0, 1, low_open=True, high_open=True)("0.95")
    0.95
    >>> number_arg(0, 1)("nan")
    Traceback (most recent call last):
    ...
    argparse.ArgumentTypeError: expected a number in [0, 1]; found nan
    """
    return _argument(
        lambda v: check_number(v, "", low=low, high=high, low_open=low_open, high_open=high_open),
        float,
    )
