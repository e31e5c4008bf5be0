"""The built-in library: one TOML file per design or scenario in ``designs/builtin/``.

A design named ``NAME`` lives in ``builtin/NAME.toml`` and holds a ``[design]``
table; a scenario lives in ``builtin/NAME.scenario.toml`` and holds a ``[scenario]``
table. Every file opens with a comment naming its source (bylaw section, RFC or the
ATLAS II transcript); ``docs/spec.md`` lists them all.
"""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path
from types import MappingProxyType

__all__ = [
    "BUILTIN_DESIGNS",
    "BUILTIN_DIR",
    "BUILTIN_SCENARIOS",
    "builtin_designs",
    "builtin_path",
    "builtin_scenarios",
]

#: Folder of the built-in TOML files.
BUILTIN_DIR = Path(__file__).parent / "builtin"

_SCENARIO_SUFFIX = ".scenario.toml"


def builtin_path(name: str, kind: str) -> Path | None:
    """The file of built-in ``kind`` (``"design"`` or ``"scenario"``) ``name``, or None."""
    table = _designs() if kind == "design" else _scenarios()
    return BUILTIN_DIR / table[name][0] if name in table else None


def _describe(path: Path, kind: str) -> str:
    with path.open("rb") as handle:
        return str(tomllib.load(handle).get(kind, {}).get("description", ""))


@cache
def _designs() -> dict[str, tuple[str, str]]:
    files = [p for p in BUILTIN_DIR.glob("*.toml") if not p.name.endswith(_SCENARIO_SUFFIX)]
    return {p.stem: (p.name, _describe(p, "design")) for p in sorted(files, key=_stem)}


@cache
def _scenarios() -> dict[str, tuple[str, str]]:
    files = sorted(BUILTIN_DIR.glob(f"*{_SCENARIO_SUFFIX}"), key=_stem)
    return {_stem(p): (p.name, _describe(p, "scenario")) for p in files}


def _stem(path: Path) -> str:
    """A built-in's name: its file name without ``.scenario.toml`` or ``.toml``."""
    name = path.name
    suffix = _SCENARIO_SUFFIX if name.endswith(_SCENARIO_SUFFIX) else ".toml"
    return name[: -len(suffix)]


def builtin_designs() -> dict[str, str]:
    """Built-in design names, each with its one-line description, in name order."""
    return {name: text for name, (_, text) in _designs().items()}


def builtin_scenarios() -> dict[str, str]:
    """Built-in scenario names, each with its one-line description, in name order."""
    return {name: text for name, (_, text) in _scenarios().items()}


#: Built-in design name -> one-line description.
BUILTIN_DESIGNS = MappingProxyType(builtin_designs())
#: Built-in scenario name -> one-line description.
BUILTIN_SCENARIOS = MappingProxyType(builtin_scenarios())
