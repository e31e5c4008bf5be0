"""Loading designs and scenarios from built-in names, TOML files or parsed tables.

:func:`load_design` and :func:`load_scenario` accept a built-in name, a path to a TOML
file, or a mapping (a parsed file, or just its ``[design]``/``[scenario]`` table). They
check every key, type and range and raise :class:`~govsim.designs.schema.SpecError`
(a :class:`~govsim.errors.GovsimError`) with one line naming the file, the key path,
what was expected and what was found. ``docs/spec.md`` documents every key.
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from govsim.check import check_table, describe, fail, suggest
from govsim.designs.keys import KEYS, to_dict
from govsim.designs.library import builtin_designs, builtin_path, builtin_scenarios
from govsim.designs.parse_design import design_from_dict
from govsim.designs.parse_scenario import scenario_from_dict
from govsim.designs.schema import Table
from govsim.designs.spec import Design, Scenario
from govsim.errors import SpecError

__all__ = [
    "design_from_dict",
    "from_dict",
    "load_design",
    "load_scenario",
    "read_source",
    "read_toml",
    "scenario_from_dict",
    "split_file",
    "to_dict",
]

_TOML_POSITION = re.compile(
    r"^(?P<msg>.*) \(at (?:line (?P<line>\d+), column (?P<col>\d+)|end of document)\)$"
)


def read_toml(path: Path, label: str) -> dict[str, Any]:
    """Parse a TOML file; errors name the file, the line and column."""
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError:
        raise SpecError("", "file not found", source=label) from None
    except IsADirectoryError:
        raise SpecError("", "expected a TOML file; found a directory", source=label) from None
    except OSError as error:
        raise SpecError("", f"cannot read the file: {error.strerror}", source=label) from None
    except UnicodeDecodeError:
        raise SpecError("", "invalid TOML: the file is not UTF-8 text", source=label) from None
    except tomllib.TOMLDecodeError as error:
        text = str(error)
        match = _TOML_POSITION.match(text)
        if match and match["line"]:
            where = f"line {match['line']}, column {match['col']}: "
        elif match:
            where = "end of file: "
        else:
            where = ""
        message = match["msg"] if match else text
        raise SpecError("", f"{where}invalid TOML: {message}", source=label) from None
    except ValueError:  # e.g. a NUL character in the path
        raise SpecError("", "cannot read the file: invalid path", source=label) from None


def _looks_like_path(text: str) -> bool:
    return text.endswith(".toml") or os.sep in text or "/" in text or Path(text).is_file()


def read_source(source: Any, kind: str) -> tuple[dict[str, Any], str]:
    """The whole parsed file of ``source`` and its label for messages.

    ``source`` is a built-in name, a path (``str`` or :class:`~pathlib.Path`) to a
    TOML file, a mapping (a parsed file, or only its ``kind`` table), or a
    :class:`Design`/:class:`Scenario`. ``kind`` is ``"design"`` or ``"scenario"``.
    The result always has the file layout: ``{"design": {...}}`` and/or
    ``{"scenario": {...}}``.
    """
    if isinstance(source, Design | Scenario):
        return to_dict(source), f"<{kind} {source.name}>"
    if isinstance(source, Mapping):
        data = dict(check_table(source, "", "<dict>"))
        whole = "design" in data or isinstance(data.get("scenario"), Mapping)
        if not whole:  # only the kind's own table (whose "scenario" is a name)
            data = {kind: data}
        return data, "<dict>"
    if isinstance(source, Path):
        return _read_file(source, str(source)), str(source)
    if isinstance(source, str) and source:
        builtin = builtin_path(source, kind)
        if builtin is not None:
            return _read_file(builtin, builtin.name), builtin.name
        if _looks_like_path(source):
            return _read_file(Path(source), source), source
    names = list(builtin_designs() if kind == "design" else builtin_scenarios())
    raise SpecError(
        kind,
        f"expected a built-in {kind} ({', '.join(names)}) or a path to a .toml file; "
        f"found {describe(source)}{suggest(source, names)}",
    )


#: Keys of ``[design]`` that say which design a file is: a variant never inherits them.
_OWN_KEYS = ("name", "description", "source")


def _read_file(path: Path, label: str, chain: tuple[Path, ...] = ()) -> dict[str, Any]:
    """A parsed TOML file, with ``design.extends`` replaced by the design it names.

    The base (a built-in design name, or a path read relative to this file) is read
    the same way, so bases can extend bases. This file's tables are merged into the
    base's key by key (see :func:`_merge`); every other value, lists included, replaces
    the base's. The base's ``name``, ``description`` and ``source`` are left out (they
    describe the base), and a relative ``scenario`` path that names a file beside the
    base becomes absolute, so it still names that file.
    """
    data = read_toml(path, label)
    design = data.get("design")
    if not isinstance(design, Mapping) or "extends" not in design:
        return data
    key, base = "design.extends", design["extends"]
    if not isinstance(base, str) or not base:
        fail(key, f"expected a built-in design name or a path; found {describe(base)}", label)
    target = builtin_path(base, "design")
    if target is None:
        target = (path.parent / base).resolve()
        if not target.is_file():
            names = ", ".join(builtin_designs())
            fail(
                key,
                f"expected a built-in design ({names}) or a .toml file relative to this one; "
                f"found {base!r}{suggest(base, list(builtin_designs()))}",
                label,
            )
    chain = (*chain, path.resolve())
    if target.resolve() in chain:
        fail(
            key, f"expected a base that does not extend this file; found a cycle at {base!r}", label
        )
    parent = _read_file(target, str(target), chain)
    inherited = parent.get("design")
    if isinstance(inherited, Mapping):
        inherited = {k: v for k, v in inherited.items() if k not in _OWN_KEYS}
        scenario = inherited.get("scenario")
        if isinstance(scenario, str) and scenario not in builtin_scenarios():
            beside = target.parent / scenario
            if beside.is_file():
                inherited["scenario"] = str(beside.resolve())
        parent = {**parent, "design": inherited}
    return _merge(parent, {**data, "design": {k: v for k, v in design.items() if k != "extends"}})


def _merge(base: Mapping[str, Any], top: Mapping[str, Any]) -> dict[str, Any]:
    """``top`` merged into ``base``: tables key by key, other values replaced.

    A ``rule`` table that names another rule replaces the base's, whose parameters
    belong to the old rule.
    """
    merged = dict(base)
    for key, value in top.items():
        old = merged.get(key)
        other_rule = (
            key == "rule"
            and isinstance(value, Mapping)
            and isinstance(old, Mapping)
            and value.get("name", old.get("name")) != old.get("name")
        )
        if isinstance(value, Mapping) and isinstance(old, Mapping) and not other_rule:
            merged[key] = _merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def split_file(data: Mapping[str, Any], kind: str, label: str) -> Mapping[str, Any]:
    """The ``kind`` table of a parsed file, after checking its top-level keys."""
    Table(data, "", KEYS["file"], source=label)
    if kind not in data:
        found = f"only [{next(iter(data))}]" if data else "an empty file"
        fail(kind, f"missing table; expected a [{kind}] table; found {found}", label)
    return check_table(data[kind], kind, label, what=f"a [{kind}] table")


def load_design(source: Any) -> Design:
    """Load and check a design.

    Parameters
    ----------
    source
        A built-in design name (see :data:`~govsim.designs.BUILTIN_DESIGNS`), a path to
        a TOML file with a ``[design]`` table, a mapping (a parsed file or its
        ``[design]`` table; messages name it ``<dict>``), or a :class:`Design`.

    Raises
    ------
    GovsimError
        One line naming the file, the key path, what was expected and what was found.

    Examples
    --------
    >>> load_design("gnso-council").rule
    RuleSpec(name='houses', params=(('threshold', 'gnso-default'),))
    """
    data, label = read_source(source, "design")
    return design_from_dict(split_file(data, "design", label), source=label)


def load_scenario(source: Any) -> Scenario:
    """Load and check a scenario; ``source`` as for :func:`load_design`.

    Examples
    --------
    >>> load_scenario("five-sectors").sectors
    ('government', 'private-sector', 'civil-society', 'technical-community', 'academia')
    """
    data, label = read_source(source, "scenario")
    return scenario_from_dict(split_file(data, "scenario", label), source=label)


def from_dict(data: Mapping[str, Any], *, source: str = "<dict>") -> Design | Scenario:
    """Read what :func:`to_dict` wrote: ``{"design": {...}}`` or ``{"scenario": {...}}``."""
    Table(data, "", KEYS["file"], source=source)
    if len(data) != 1:
        fail(
            "",
            f"expected exactly one of a design or a scenario table; found {describe(data)} "
            f"with keys {sorted(data)}",
            source,
        )
    if "design" in data:
        return design_from_dict(data["design"], source=source)
    return scenario_from_dict(data["scenario"], source=source)
