"""Typed reading of parsed TOML tables, with one-line errors that name the key path.

Every check here raises :class:`SpecError`, a :class:`~govsim.errors.GovsimError` whose
message reads ``FILE: KEY.PATH: expected WHAT; found VALUE[; did you mean 'X'?]``.
:class:`Table` wraps one table of a spec: it rejects unknown keys up front (with a
did-you-mean over the keys it knows), then hands out typed values with defaults.

Examples
--------
>>> table = Table({"rounds": 3}, "design.deliberation", ("rounds", "kernel"), source="x.toml")
>>> table.integer("rounds", 5, low=0)
3
>>> table.string("kernel", "degroot")
'degroot'
>>> Table({"kernle": "x"}, "design.deliberation", ("kernel",), source="x.toml")
Traceback (most recent call last):
...
govsim.designs.schema.SpecError: x.toml: design.deliberation.kernle: unknown key; \
expected one of kernel; did you mean 'kernel'?
"""

from __future__ import annotations

import difflib
import math
from collections.abc import Collection, Mapping, Sequence
from pathlib import PurePath
from typing import Any, NoReturn

from govsim.errors import GovsimError

__all__ = [
    "REQUIRED",
    "SpecError",
    "Table",
    "as_bool",
    "as_choice",
    "as_integer",
    "as_list",
    "as_number",
    "as_string",
    "as_table",
    "default_name",
    "describe",
    "integer_expected",
    "join",
    "number_expected",
    "suggest",
]

#: Marks a key without a default: leaving it out is an error.
REQUIRED: Any = object()

_MAX_FOUND = 60  # characters of a found value quoted in a message


class SpecError(GovsimError):
    """An invalid design or scenario, located by file and key path.

    Attributes
    ----------
    key
        The dotted key path, e.g. ``"design.deliberation.kernel"`` (may be empty for
        whole-file problems such as TOML syntax errors).
    detail
        The message without the file and key.
    """

    def __init__(self, key: str, detail: str, *, source: str | None = None) -> None:
        self.key = key
        self.detail = detail
        super().__init__(f"{key}: {detail}" if key else detail, source=source)


def fail(key: str, detail: str, source: str | None) -> NoReturn:
    """Raise :class:`SpecError`."""
    raise SpecError(key, detail, source=source)


def join(path: str, key: Any) -> str:
    """Extend a key path by a table key (quoted if it needs it) or a list index."""
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


def _range(low: float | None, high: float | None, low_open: bool, high_open: bool) -> str:
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
    """How a numeric range reads in a message: ``"a number in (0, 0.5]"``."""
    bounds = _range(low, high, low_open, high_open)
    if low is not None and high is not None:
        return f"a number {bounds}"
    return f"a finite number {bounds}".rstrip()


def integer_expected(low: int | None = None, high: int | None = None) -> str:
    """How an integer range reads in a message: ``"an integer in [1, 10]"``."""
    return f"an integer {_range(low, high, False, False)}".rstrip()


def as_number(
    value: Any,
    key: str,
    source: str | None,
    *,
    low: float | None = None,
    high: float | None = None,
    low_open: bool = False,
    high_open: bool = False,
) -> float:
    """A finite real number (an int is fine, a boolean is not) within the bounds."""
    expected = number_expected(low, high, low_open, high_open)
    if isinstance(value, bool) or not isinstance(value, int | float):
        fail(key, f"expected {expected}; found {describe(value)}", source)
    if isinstance(value, float) and not math.isfinite(value):
        fail(key, f"expected {expected}; found {describe(value)}", source)
    try:
        x = float(value)
    except OverflowError:  # an int too large for a float
        fail(key, f"expected {expected}; found {describe(value)}", source)
    if (low is not None and (x <= low if low_open else x < low)) or (
        high is not None and (x >= high if high_open else x > high)
    ):
        fail(key, f"expected {expected}; found {describe(value)}", source)
    return x


def as_integer(
    value: Any, key: str, source: str | None, *, low: int | None = None, high: int | None = None
) -> int:
    """A whole number (not a boolean, not a float) within ``[low, high]``."""
    expected = integer_expected(low, high)
    if isinstance(value, bool) or not isinstance(value, int):
        fail(key, f"expected {expected}; found {describe(value)}", source)
    if (low is not None and value < low) or (high is not None and value > high):
        fail(key, f"expected {expected}; found {describe(value)}", source)
    return int(value)


def as_string(value: Any, key: str, source: str | None, *, what: str = "a string") -> str:
    """A non-empty string."""
    if not isinstance(value, str) or not value.strip():
        fail(key, f"expected {what}; found {describe(value)}", source)
    return value


def as_choice(
    value: Any, key: str, source: str | None, choices: Collection[str], *, what: str = ""
) -> str:
    """One of ``choices``, with a did-you-mean for a near miss."""
    expected = f"{what}: {one_of(choices)}" if what else one_of(choices)
    if not isinstance(value, str) or value not in choices:
        fail(key, f"expected {expected}; found {describe(value)}{suggest(value, choices)}", source)
    return value


def as_bool(value: Any, key: str, source: str | None) -> bool:
    """``true`` or ``false``."""
    if not isinstance(value, bool):
        fail(key, f"expected true or false; found {describe(value)}", source)
    return value


def as_list(
    value: Any, key: str, source: str | None, *, what: str = "a list", min_len: int = 0
) -> list[Any]:
    """A list (TOML array) of at least ``min_len`` items."""
    if not isinstance(value, list | tuple) or len(value) < min_len:
        fail(key, f"expected {what}; found {describe(value)}", source)
    return list(value)


def as_table(value: Any, key: str, source: str | None, *, what: str = "a table") -> Mapping:
    """A table (TOML table or inline table) whose keys are strings."""
    if not isinstance(value, Mapping):
        fail(key, f"expected {what}; found {describe(value)}", source)
    for name in value:
        if not isinstance(name, str):
            fail(join(key, str(name)), f"expected a string key; found {describe(name)}", source)
    return value


class Table:
    """One table of a spec, read key by key.

    Parameters
    ----------
    value
        The parsed table.
    path
        Its key path, e.g. ``"design.deliberation"``.
    keys
        Every key the table may hold; any other key is an error, with a did-you-mean.
    source
        The file (or ``"<dict>"``) for error messages.
    """

    def __init__(self, value: Any, path: str, keys: Sequence[str], *, source: str | None) -> None:
        self.value = as_table(value, path, source)
        self.path, self.keys, self.source = path, tuple(keys), source
        for key in self.value:
            if key not in self.keys:
                fail(
                    join(path, key),
                    f"unknown key; expected {one_of(self.keys)}{suggest(key, self.keys)}",
                    source,
                )

    def key(self, key: str) -> str:
        """The key path of ``key`` in this table."""
        return join(self.path, key)

    def __contains__(self, key: str) -> bool:
        return key in self.value

    def raw(self, key: str, default: Any = REQUIRED, *, what: str = "a value") -> Any:
        """The value as parsed, or ``default``; a missing required key is an error."""
        assert key in self.keys, key
        if key in self.value:
            return self.value[key]
        if default is REQUIRED:
            fail(self.key(key), f"missing required key; expected {what}", self.source)
        return default

    def text(self, key: str, default: str = "") -> str:
        """A string that may be empty (a description)."""
        value = self.raw(key, default, what="a string")
        if not isinstance(value, str):
            fail(self.key(key), f"expected a string; found {describe(value)}", self.source)
        return value

    def number(self, key: str, default: Any = REQUIRED, **bounds: Any) -> float:
        value = self.raw(key, default, what=number_expected(**bounds))
        return as_number(value, self.key(key), self.source, **bounds)

    def integer(self, key: str, default: Any = REQUIRED, **bounds: Any) -> int:
        value = self.raw(key, default, what=integer_expected(**bounds))
        return as_integer(value, self.key(key), self.source, **bounds)

    def string(self, key: str, default: Any = REQUIRED, *, what: str = "a string") -> str:
        return as_string(self.raw(key, default, what=what), self.key(key), self.source, what=what)

    def choice(
        self, key: str, choices: Collection[str], default: Any = REQUIRED, *, what: str = ""
    ) -> str:
        value = self.raw(key, default, what=what or one_of(choices))
        return as_choice(value, self.key(key), self.source, choices, what=what)

    def boolean(self, key: str, default: Any = REQUIRED) -> bool:
        return as_bool(self.raw(key, default, what="true or false"), self.key(key), self.source)

    def per_dimension(
        self, key: str, d: int, default: Any = REQUIRED, **bounds: Any
    ) -> tuple[float, ...]:
        """A number broadcast to ``d`` dimensions, or a list of exactly ``d`` numbers."""
        value = self.raw(key, default, what="a number or a list of numbers")
        return per_dimension(value, self.key(key), self.source, d, **bounds)


def default_name(label: str | None) -> Any:
    """A spec's default ``name``: its file name without ``.scenario.toml`` or ``.toml``.

    Tables that come from no file (labels such as ``"<dict>"``) have no default.

    Examples
    --------
    >>> default_name("specs/gnso.scenario.toml"), default_name("my-council.toml")
    ('gnso', 'my-council')
    """
    if not label or label.startswith("<"):
        return REQUIRED
    name = PurePath(label).name
    for suffix in (".scenario.toml", ".toml"):
        if name.endswith(suffix) and len(name) > len(suffix):
            return name[: -len(suffix)]
    return name


def per_dimension(
    value: Any, key: str, source: str | None, d: int, **bounds: Any
) -> tuple[float, ...]:
    """A scalar broadcast to ``d`` numbers, or a list of ``d`` numbers, each checked."""
    if isinstance(value, list | tuple):
        if len(value) != d:
            fail(
                key,
                f"expected {d} number{'s' if d != 1 else ''} (one per dimension, "
                f"scenario.dimensions = {d}) or one number for all; found {describe(value)}",
                source,
            )
        return tuple(as_number(x, join(key, i), source, **bounds) for i, x in enumerate(value))
    return (as_number(value, key, source, **bounds),) * d
