"""How spec keys are declared, checked and read: one :class:`Key` per dataclass field.

Every field of the spec dataclasses (:mod:`govsim.designs.spec`) is declared with
:func:`declare`: its type (``kind``), default, bounds and a one-line doc, stored in
the field's metadata. From that one declaration come

- the check every dataclass runs in ``__post_init__`` (:func:`check_declared`), so a
  spec built in Python is as valid as one loaded from a file;
- the loader's typed reads with defaults (:meth:`Table.read`) and its unknown-key
  errors with a did-you-mean (``KEYS`` in :mod:`govsim.designs.spec`);
- :func:`~govsim.designs.to_dict` (:func:`field_data`) and the ``--set`` typing;
- the ``type``, ``default`` and ``range`` cells of ``docs/spec.md``
  (:meth:`Key.type_label`, :meth:`Key.default_label`, :meth:`Key.range_label`).

Errors are :class:`~govsim.errors.SpecError`: ``FILE: KEY.PATH: expected WHAT; found
VALUE``; a spec built in Python has no file part.

Examples
--------
>>> from govsim.designs.spec import Deliberation
>>> key = keys_of(Deliberation)["mu"]
>>> key.kind, key.default, key.range_label(), key.doc
('number', 0.5, '(0, 0.5]', 'Deffuant step size.')
>>> Deliberation(mu=0.75)
Traceback (most recent call last):
...
govsim.errors.SpecError: design.deliberation.mu: expected a number in (0, 0.5]; found 0.75
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Collection, Sequence
from pathlib import PurePath
from typing import Any

from govsim.check import (
    bounds_text,
    check_bool,
    check_choice,
    check_int,
    check_list,
    check_number,
    check_string,
    check_table,
    describe,
    fail,
    integer_expected,
    join,
    number_expected,
    one_of,
    suggest,
)
from govsim.errors import SpecError

__all__ = [
    "MAX_COMMON_VALUE",
    "MAX_DEGREE",
    "MAX_DIMENSIONS",
    "MAX_MEMBERS",
    "MAX_RESOURCES",
    "MAX_RESOURCE_INEQUALITY",
    "MAX_ROUNDS",
    "MAX_SEATS",
    "MAX_SEATS_PER_SECTOR",
    "MAX_WEIGHT",
    "MIN_RESOURCES",
    "REQUIRED",
    "UNIT_INTERVAL",
    "Key",
    "SpecError",
    "Table",
    "check_declared",
    "declare",
    "default_name",
    "field_data",
    "keys_of",
    "per_dimension",
]

#: Marks a key without a default: leaving it out is an error.
REQUIRED: Any = object()

MAX_DIMENSIONS = 100  #: most dimensions of the policy space
MAX_MEMBERS = 1_000_000  #: most members of one group
MAX_SEATS = 100_000  #: most seats of one design
MAX_ROUNDS = 100_000  #: most deliberation or amendment rounds
MAX_SEATS_PER_SECTOR = MAX_SEATS // 5  #: most seats per sector of a regional preset
#: Bounds that keep the model's arithmetic finite. A log-normal spread of sigma = 5
#: already puts a factor of about 1e10 between the 1st and the 99th percentile of a
#: group's resources; group resources times that spread, and seat weights summed
#: over 100,000 seats, stay far from overflow and underflow.
MAX_RESOURCE_INEQUALITY = 5.0  #: largest scenario.resource_inequality (sigma)
MIN_RESOURCES = 1e-6  #: smallest group resources
MAX_RESOURCES = 1e6  #: largest group resources
UNIT_INTERVAL = {"low": 0.0, "high": 1.0}  #: the bounds of a value in [0, 1]
MAX_WEIGHT = 1e6  #: largest seat weight
MAX_COMMON_VALUE = 1e6  #: largest common-value weight and signal noise
MAX_DEGREE = 1e4  #: largest expected degree of the deliberation network

#: Kinds of value a key holds, and their type in docs/spec.md.
_TYPES = {
    "number": "number",
    "integer": "integer",
    "bool": "boolean",
    "name": "string",
    "text": "string",
    "choice": "string",
    "dims": "number, per dimension",
    "table": "table",
    "list": "list of tables",
    "names": "list of strings",
    "points": "list",
}


@dataclasses.dataclass(frozen=True)
class Key:
    """The declaration of one spec key.

    Attributes
    ----------
    kind
        ``"number"`` (finite float), ``"integer"``, ``"bool"``, ``"name"`` (a
        non-empty string), ``"text"`` (any string), ``"choice"`` (one of
        ``choices``), ``"dims"`` (numbers, one per dimension), ``"table"`` or
        ``"list"`` (of ``item`` objects), ``"names"`` (non-empty strings) or
        ``"points"`` (lists of numbers within the bounds).
    doc
        One line: what the key means (the start of its row in ``docs/spec.md``).
    default
        The value when the key is left out; :data:`REQUIRED` if it must be given,
        None if it is optional without a value.
    low, high, low_open, high_open
        Bounds of a number or an integer (``low_open`` excludes ``low``).
    choices
        The values a ``"choice"`` takes: a tuple, or a registry (a mapping read at
        each check, so that an entry registered later is accepted).
    what
        How the expected value reads in messages, where the kind does not say it.
    name
        The key in a file, when it differs from the field's name ("" for a field
        that is not a key of its own table).
    type, default_doc, range_doc
        The docs cells, where the declaration does not derive them.
    item
        The spec class of a ``"table"`` or of each entry of a ``"list"``.
    """

    kind: str
    doc: str
    default: Any = REQUIRED
    low: float | None = None
    high: float | None = None
    low_open: bool = False
    high_open: bool = False
    choices: Collection[str] = ()
    what: str = ""
    name: str | None = None
    type: str = ""
    default_doc: str = ""
    range_doc: str = ""
    item: Any = None

    @property
    def bounds(self) -> dict[str, Any]:
        """The bounds as keyword arguments of a numeric check."""
        if self.kind == "integer":
            return {"low": self.low, "high": self.high}
        return {
            "low": self.low,
            "high": self.high,
            "low_open": self.low_open,
            "high_open": self.high_open,
        }

    def expected(self) -> str:
        """How the expected value reads in a message."""
        if self.what:
            return self.what
        if self.kind in ("number", "dims"):
            return number_expected(**self.bounds)
        if self.kind == "integer":
            return integer_expected(**self.bounds)
        if self.kind == "bool":
            return "true or false"
        if self.kind == "choice":
            return one_of(self.choices)
        return "a string"

    def check(self, value: Any, key: str, source: str | None = None) -> Any:
        """``value`` checked and in canonical type (a float, an int, a tuple)."""
        if value is None and self.default is None:
            return None
        if self.kind == "number":
            return check_number(value, key, source, **self.bounds)
        if self.kind == "integer":
            return check_int(value, key, source, **self.bounds)
        if self.kind == "bool":
            return check_bool(value, key, source)
        if self.kind == "choice":
            return check_choice(value, key, self.choices, source, what=self.what)
        if self.kind in ("name", "text"):
            return check_string(value, key, source, what=self.expected(), empty=self.kind == "text")
        if self.kind == "dims":
            items = check_list(value, key, source, what="a list of numbers")
            return tuple(
                check_number(x, join(key, i), source, **self.bounds) for i, x in enumerate(items)
            )
        if self.kind == "names":
            items = check_list(value, key, source, what="a list of names")
            return tuple(check_string(x, join(key, i), source) for i, x in enumerate(items))
        if self.kind == "points":
            items = check_list(value, key, source, what="a list of points")
            return tuple(
                tuple(
                    check_number(x, join(join(key, i), j), source, **self.bounds)
                    for j, x in enumerate(check_list(p, join(key, i), source, what="a point"))
                )
                for i, p in enumerate(items)
            )
        if self.kind == "table" and self.item is not None and not isinstance(value, self.item):
            fail(key, f"expected a {self.item.__name__}; found {describe(value)}", source)
        if self.kind == "list" and self.item is not None:
            items = check_list(value, key, source, what=f"a tuple of {self.item.__name__}")
            for i, x in enumerate(items):
                if not isinstance(x, self.item):
                    fail(
                        join(key, i),
                        f"expected a {self.item.__name__}; found {describe(x)}",
                        source,
                    )
            return tuple(items)
        return value

    def type_label(self) -> str:
        """The ``type`` cell of the key's row in ``docs/spec.md``."""
        return self.type or _TYPES[self.kind]

    def default_label(self) -> str:
        """The ``default`` cell of the key's row in ``docs/spec.md``."""
        if self.default_doc:
            return self.default_doc
        if self.default is REQUIRED:
            return "required"
        if self.default is None:
            return "none"
        value = self.default
        if isinstance(value, tuple) and len(set(value)) == 1:
            value = value[0]  # a per-dimension default is one number for all
        if isinstance(value, bool):
            return f"`{str(value).lower()}`"
        if isinstance(value, str):
            return f'`"{value}"`'
        return f"`{value!r}`"

    def range_label(self) -> str:
        """The start of the ``range`` cell of the key's row in ``docs/spec.md``."""
        if self.range_doc:
            return self.range_doc
        if self.kind in ("number", "dims", "integer"):
            text = bounds_text(**{"low_open": False, "high_open": False, **self.bounds})
            text = text.removeprefix("in ").replace(">=", "≥").replace("<=", "≤")
            one_sided = self.low is None or self.high is None
            return f"{text}, finite" if one_sided and self.kind != "integer" and text else text
        if self.kind == "choice":
            return ", ".join(f"`{c}`" for c in self.choices)
        if self.kind == "name":
            return "non-empty"
        return ""


def declare(kind: str, doc: str, default: Any = REQUIRED, **spec: Any) -> Any:
    """A dataclass field declared as a spec key (see :class:`Key` for ``spec``)."""
    key = Key(kind, doc, default, **spec)
    missing = dataclasses.MISSING if default is REQUIRED else default
    return dataclasses.field(default=missing, metadata={"key": key})


def keys_of(spec: Any) -> dict[str, Key]:
    """Field name -> :class:`Key` for every declared field of a spec dataclass (or object)."""
    return _keys(spec if isinstance(spec, type) else type(spec))


@functools.cache
def _keys(cls: type) -> dict[str, Key]:
    return {f.name: f.metadata["key"] for f in dataclasses.fields(cls) if "key" in f.metadata}


def key_name(field: str, key: Key) -> str:
    """The key a field has in a file."""
    return field if key.name is None else key.name


def check_declared(spec: Any, path: str) -> None:
    """Check every declared field of ``spec`` (a dataclass built in Python or loaded).

    Numbers become floats and lists tuples, in place; errors name ``path.KEY``.
    """
    for field, key in keys_of(spec).items():
        value = getattr(spec, field)
        checked = key.check(value, f"{path}.{key_name(field, key) or field}")  # identifiers
        if checked is not value:
            object.__setattr__(spec, field, checked)


def field_data(spec: Any, **tables: Any) -> dict[str, Any]:
    """The declared fields of ``spec`` as plain data by file key, in declaration order.

    Scalars are written as they are (tuples as lists, None left out); a table or a
    list is written only if given in ``tables``, already as plain data.
    """
    data = {}
    for field, key in keys_of(spec).items():
        name = key_name(field, key)
        if name in tables:
            data[name] = tables[name]
        elif name and key.kind not in ("table", "list") and getattr(spec, field) is not None:
            data[name] = _plain(getattr(spec, field))
    return data


def _plain(value: Any) -> Any:
    return [_plain(v) for v in value] if isinstance(value, tuple) else value


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
        self.value = check_table(value, path, source)
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
        return check_string(
            self.raw(key, default, what="a string"), self.key(key), self.source, empty=True
        )

    def number(self, key: str, default: Any = REQUIRED, **bounds: Any) -> float:
        """A finite number within ``bounds`` (see :func:`~govsim.check.check_number`)."""
        value = self.raw(key, default, what=number_expected(**bounds))
        return check_number(value, self.key(key), self.source, **bounds)

    def integer(self, key: str, default: Any = REQUIRED, **bounds: Any) -> int:
        """An integer within ``bounds`` (see :func:`~govsim.check.check_int`)."""
        value = self.raw(key, default, what=integer_expected(**bounds))
        return check_int(value, self.key(key), self.source, **bounds)

    def string(self, key: str, default: Any = REQUIRED, *, what: str = "a string") -> str:
        """A non-blank string."""
        value = self.raw(key, default, what=what)
        return check_string(value, self.key(key), self.source, what=what)

    def choice(
        self, key: str, choices: Collection[str], default: Any = REQUIRED, *, what: str = ""
    ) -> str:
        """One of ``choices``, with a did-you-mean."""
        value = self.raw(key, default, what=what or one_of(choices))
        return check_choice(value, self.key(key), choices, self.source, what=what)

    def boolean(self, key: str, default: Any = REQUIRED) -> bool:
        """``true`` or ``false``."""
        value = self.raw(key, default, what="true or false")
        return check_bool(value, self.key(key), self.source)

    def read(self, cls: Any, field: str, default: Any = None, **change: Any) -> Any:
        """Field ``field`` of spec class ``cls``, read and checked as declared.

        ``default`` (if not None) replaces the declared default: a level's dial, the
        file's name, or :data:`REQUIRED`; ``change`` replaces other parts of the
        declaration (``choices``).
        """
        key = keys_of(cls)[field]
        key = dataclasses.replace(key, **change) if change else key
        name = key_name(field, key)
        if name in self.value:
            value = self.value[name]
        else:  # the message of a missing key is built only when needed
            value = self.raw(name, key.default if default is None else default, what=key.expected())
        return key.check(value, f"{self.path}.{name}", self.source)  # declared names need no quotes

    def per_dimension(self, cls: Any, field: str, d: int) -> tuple[float, ...]:
        """Field ``field`` of ``cls`` (a ``"dims"`` key), per dimension.

        The value is a number broadcast to ``d`` dimensions, or a list of exactly ``d``
        numbers.
        """
        key = keys_of(cls)[field]
        value = self.raw(field, key.default[0], what="a number or a list of numbers")
        return per_dimension(value, self.key(field), self.source, d, **key.bounds)


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
        return tuple(check_number(x, join(key, i), source, **bounds) for i, x in enumerate(value))
    return (check_number(value, key, source, **bounds),) * d


# The names the sweeps modules import from here (``govsim.check`` holds the checks).
as_number, as_string, as_list, as_table = check_number, check_string, check_list, check_table
