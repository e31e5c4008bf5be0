"""Pairing a design with a scenario: ``--set`` overrides, cross-checks and :func:`resolve`.

A design is valid on its own; whether it fits a scenario (its seats name the
scenario's groups, no group gives more seats than it has members, inclusion entries
name groups or sectors, co-opting sectors exist) is checked by
:func:`check_compatible`, which :func:`resolve` calls.
"""

from __future__ import annotations

import copy
import re
import tomllib
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from govsim.check import describe, fail, join, one_of, suggest
from govsim.designs.keys import REGIONAL_KEYS, declared_key
from govsim.designs.library import builtin_designs, builtin_scenarios
from govsim.designs.load import read_source, split_file
from govsim.designs.parse_design import check_house_sizes, design_from_dict
from govsim.designs.parse_scenario import scenario_from_dict
from govsim.designs.regional import REGIONAL_SECTORS
from govsim.designs.spec import Design, Scenario
from govsim.errors import GovsimError, SeatsExceedMembers, SpecError

__all__ = [
    "apply_overrides",
    "check_compatible",
    "parse_override",
    "resolve",
    "scenario_source",
    "validate",
]

_DIGITS = re.compile(r"[0-9]+")
#: Kinds of declared key whose ``--set`` value is text as written, not TOML.
_STRINGS = ("name", "text", "choice")
#: Tables whose keys are names that must already exist before ``--set`` reaches in.
_NAMED = {"scenario.sectors", "scenario.constituencies"}
#: Tables whose entries may be a bare string standing for ``{KEY = string}``.
_SHORTHAND = {"design.rule": "name", "design.inclusion.*": "level"}


def check_compatible(design: Design, scenario: Scenario, *, source: str | None = None) -> None:
    """Check that ``design`` can run on ``scenario``.

    Parameters
    ----------
    design, scenario
        Each already valid on its own.
    source
        The design's file, for messages.

    Raises
    ------
    GovsimError
        If a seat block names a group the scenario lacks, or takes more seats from a
        group than it has members (blocks from one group take its members in order),
        ``coopted_by`` is not a sector of the scenario, an inclusion entry names
        neither a group nor a sector, or an open assembly gives nobody a vote.
    """
    groups = {g.name: g for g in scenario.groups}
    taken: dict[str, int] = {}
    where = f"scenario {scenario.name!r}"
    for i, seat in enumerate(design.seats):
        key = join("design.seats", i)
        if seat.group not in groups:
            fail(
                join(key, "group"),
                f"expected a group of {where}: {one_of(groups)}; found {describe(seat.group)}"
                f"{suggest(seat.group, groups)}",
                source,
            )
        members = groups[seat.group].count
        before = taken.get(seat.group, 0)
        taken[seat.group] = before + seat.count
        if before + seat.count > members:
            raise SeatsExceedMembers(
                join(key, "count"),
                f"expected at most {members - before} seats from group {seat.group!r} "
                f"({members} members in {where}"
                + (f", {before} already seated by earlier blocks" if before else "")
                + f"); found {seat.count}",
                group=seat.group,
                source=source,
            )
        if seat.coopted_by is not None and seat.coopted_by not in scenario.sectors:
            fail(
                join(key, "coopted_by"),
                f"expected a sector of {where}: {one_of(scenario.sectors)}; "
                f"found {describe(seat.coopted_by)}{suggest(seat.coopted_by, scenario.sectors)}",
                source,
            )
    names = [*groups, *(s for s in scenario.sectors if s not in groups)]
    for name, _ in design.inclusion:
        if name not in names:
            fail(
                join("design.inclusion", name),
                f"expected a group or sector of {where}: {one_of(names)}; "
                f"found {describe(name)}{suggest(name, names)}",
                source,
            )
    if not design.seats and not any(
        design.dials(g.name, g.sector).decision > 0 for g in scenario.groups
    ):
        fail(
            "design.inclusion",
            f"expected at least one group of {where} with a decision dial > 0, since an "
            f"open assembly (no design.seats) gives votes by that dial; found none",
            source,
        )


def parse_override(text: str) -> tuple[str, Any]:
    """Split ``"key.path=value"`` into a typed pair.

    The value is read as a TOML value (else kept as a string), except that a key
    declared as a string (a name, a description, a choice) that does not read as a
    TOML string takes the text as written: ``name=2024`` is the name ``"2024"``, and
    ``name="2024"`` too.

    Examples
    --------
    >>> parse_override("deliberation.segregation=0.5")
    ('deliberation.segregation', 0.5)
    >>> parse_override("rule.threshold=gnso-supermajority")
    ('rule.threshold', 'gnso-supermajority')
    >>> parse_override("scenario.shocks=[]")
    ('scenario.shocks', [])
    >>> parse_override("name=2024"), parse_override('deliberation.blocks="sector"')
    (('name', '2024'), ('deliberation.blocks', 'sector'))
    """
    if not isinstance(text, str):
        raise GovsimError(f"expected KEY=VALUE; found {describe(text)}", source="--set")
    key, sep, value = text.partition("=")
    key = key.strip()
    if not sep or not key:
        raise GovsimError(f"expected KEY=VALUE; found {text!r}", source="--set")
    try:
        parsed = tomllib.loads(f"value = {value}")
    except tomllib.TOMLDecodeError:
        return key, value.strip()
    typed = parsed["value"] if set(parsed) == {"value"} else value.strip()
    declared = declared_key(*_root(key))
    if declared is not None and declared.kind in _STRINGS and not isinstance(typed, str):
        return key, value.strip()
    return key, typed


def _root(key: str) -> tuple[str, list[str | int]]:
    """The table a key path overrides (design or scenario) and the path inside it."""
    tokens = _tokens(key)
    root_name = "scenario" if tokens[0] == "scenario" and len(tokens) > 1 else "design"
    if tokens[0] == root_name and len(tokens) > 1:
        tokens = tokens[1:]
    return root_name, tokens


def _tokens(key: str) -> list[str | int]:
    tokens: list[str | int] = []
    for part in key.split("."):
        name, _, rest = part.partition("[")
        if not name and not rest:
            raise GovsimError(f"expected a dotted key path; found {key!r}", source="--set")
        if name:
            tokens.append(int(name) if _DIGITS.fullmatch(name) else name)
        for index in filter(None, ("[" + rest).split("[")) if rest else ():
            if not index.endswith("]") or not _DIGITS.fullmatch(index[:-1]):
                raise GovsimError(
                    f"expected an index such as [0] in {key!r}; found [{index}", source="--set"
                )
            tokens.append(int(index[:-1]))
    return tokens


def _pattern(path: str) -> str:
    """``design.inclusion.ncsg`` -> ``design.inclusion.*`` for the shorthand table."""
    head, _, _ = path.rpartition(".")
    return f"{head}.*" if head == "design.inclusion" else path


def apply_overrides(
    design: dict[str, Any] | None,
    scenario: dict[str, Any] | None,
    overrides: Sequence[str | tuple[str, Any]],
) -> None:
    """Apply overrides in place to raw design and scenario tables.

    Each override is a typed ``(key path, value)`` pair, or a ``"key.path=value"``
    string as given to ``--set`` (read by :func:`parse_override`).

    Paths starting with ``scenario.`` go to the scenario; anything else (optionally
    prefixed ``design.``) to the design. Missing tables on the way are created,
    except named groups under ``scenario.sectors``/``scenario.constituencies``, which
    must exist; list entries are addressed as ``seats[0]`` or ``seats.0``. A value
    is read as TOML, except that a key declared as a string (a name, a description,
    a choice) takes the text as written: ``name=2024`` is the name ``"2024"``. The
    loader then checks the result, so an unknown final key gets its did-you-mean there.
    """
    if isinstance(overrides, str):
        overrides = [overrides]
    for item in overrides:
        key, value = parse_override(item) if isinstance(item, str) else item
        root_name, tokens = _root(key)
        root = scenario if root_name == "scenario" else design
        if root is None:
            raise GovsimError(f"{key}: there is no {root_name} to override", source="--set")
        _set(root, root_name, tokens, value)


def _set(node: Any, path: str, tokens: list[str | int], value: Any) -> None:
    for i, token in enumerate(tokens):
        last = i == len(tokens) - 1
        if isinstance(node, list):
            if not isinstance(token, int) or not 0 <= token < len(node):
                raise SpecError(
                    join(path, token),
                    f"expected an index in 0..{len(node) - 1} of {path} to override; "
                    f"found {token!r}"
                    if node
                    else f"{path} is empty: there is no entry to override",
                    source="--set",
                )
        elif isinstance(node, dict):
            token = str(token)
            if not last and token not in node:
                if path in _NAMED:
                    raise SpecError(
                        join(path, token),
                        f"expected an existing entry to override: {one_of(list(node))}; "
                        f"found {token!r}{suggest(token, [str(k) for k in node])}",
                        source="--set",
                    )
                if isinstance(tokens[i + 1], int):
                    raise SpecError(
                        join(path, token),
                        "there is no list here whose entries could be overridden",
                        source="--set",
                    )
                node[token] = {}
        if last:
            node[token] = value
            return
        child_path = join(path, token)
        child = node[token]
        shorthand = _SHORTHAND.get(_pattern(child_path))
        if isinstance(child, str) and shorthand:
            child = node[token] = {shorthand: child}
        if not isinstance(child, dict | list):
            raise SpecError(
                child_path,
                f"expected a table or list to set {'.'.join(map(str, tokens[i + 1 :]))} "
                f"in; found {describe(child)}",
                source="--set",
            )
        node, path = child, child_path


def scenario_source(design: Design, design_label: str) -> Any:
    """Where the design's default scenario comes from.

    That is a built-in, or a path (read beside the design's file ``design_label`` first).
    """
    name = design.scenario
    if name in builtin_scenarios():
        return name
    path = Path(name)
    if not path.is_absolute() and not design_label.startswith("<"):
        beside = Path(design_label).parent / path
        if beside.is_file():
            return beside
    if path.is_file() or name.endswith(".toml"):
        return path
    names = list(builtin_scenarios())
    fail(
        "design.scenario",
        f"expected a built-in scenario ({', '.join(names)}) or a path to a .toml file; "
        f"found {describe(name)}{suggest(name, names)}",
        design_label,
    )


def resolve(
    design: Any, scenario: Any = None, overrides: Sequence[str | tuple[str, Any]] = ()
) -> tuple[Design, Scenario]:
    """Load a design and a scenario, apply overrides, and check that they fit.

    Parameters
    ----------
    design
        A built-in name, a path, a mapping or a :class:`Design`.
    scenario
        The same kinds, or None: the ``[scenario]`` table of the design's own file if
        it has one, else the scenario the design names (``design.scenario``: a
        built-in name, or a path, read relative to the design's file first).
    overrides
        Typed ``(key path, value)`` pairs or ``"key.path=value"`` strings; see
        :func:`apply_overrides`.

    Returns
    -------
    (Design, Scenario)

    Raises
    ------
    GovsimError
        One line naming the file, the key path, what was expected and what was found.

    Examples
    --------
    >>> d, s = resolve("gnso-council", overrides=["rule.threshold=gnso-supermajority"])
    >>> d.rule.params, s.name
    ((('threshold', 'gnso-supermajority'),), 'gnso')
    """
    design_file, design_label = read_source(design, "design")
    design_table = copy.deepcopy(dict(split_file(design_file, "design", design_label)))
    own = "scenario" in design_file and not isinstance(design, Design)
    pending = [o for o in overrides] if not isinstance(overrides, str) else [overrides]
    apply_overrides(design_table, None, [o for o in pending if not _is_scenario(o)])
    # House sizes are checked after the seats are checked against the scenario: a
    # block taking more seats than its group has members is the more basic error.
    with _blaming(pending):
        result = design_from_dict(design_table, source=design_label, house_sizes=False)
    if scenario is not None:
        scenario_file, scenario_label = read_source(scenario, "scenario")
    elif own:
        scenario_file, scenario_label = design_file, design_label
    else:
        scenario_file, scenario_label = read_source(
            scenario_source(result, design_label), "scenario"
        )
    table = copy.deepcopy(dict(split_file(scenario_file, "scenario", scenario_label)))
    apply_overrides(None, table, [o for o in pending if _is_scenario(o)])
    with _blaming(pending):
        context = scenario_from_dict(table, source=scenario_label)
    with _blaming(pending):
        try:
            check_compatible(result, context, source=design_label)
        except SeatsExceedMembers as e:
            _regional_seats_error(e, design_table, context)
            raise
    check_house_sizes(result.houses, result.seats, design_label)
    return result, context


def _regional_seats_error(
    error: SeatsExceedMembers, table: Mapping[str, Any], scenario: Scenario
) -> None:
    """Name ``design.regional.seats_per_sector`` when the preset's own seats do not fit."""
    if "regional" not in table or "seats" in table:
        return
    regional = table["regional"]
    default = REGIONAL_KEYS["seats_per_sector"].default
    value = regional.get("seats_per_sector", default) if isinstance(regional, Mapping) else default
    fewest = min(g.count for g in scenario.groups if g.name in REGIONAL_SECTORS)
    fail(
        "design.regional.seats_per_sector",
        f"expected at most {fewest} seats per sector (the smallest of the five sectors in "
        f"scenario {scenario.name!r} has {fewest} members); found {describe(value)}",
        error.source,
    )


@contextmanager
def _blaming(overrides: Sequence[str | tuple[str, Any]]) -> Iterator[None]:
    """Name ``--set`` as the source of an error in a key an override set.

    The file's values passed its checks when it was written; a bad value there after
    an override is the override's, and the user has to fix the command, not the file.
    """
    try:
        yield
    except SpecError as error:
        for item in overrides:
            key = parse_override(item)[0] if isinstance(item, str) else item[0]
            root_name, tokens = _root(key)
            path = root_name
            for token in tokens:
                path = join(path, token)
            if error.key == path or error.key.startswith((path + ".", path + "[")):
                # The same class and attributes, a new source.
                blamed = type(error).__new__(type(error))
                blamed.__dict__.update(error.__dict__)
                SpecError.__init__(blamed, error.key, error.detail, source="--set")
                raise blamed from None
        raise


def _is_scenario(override: Any) -> bool:
    key = override if isinstance(override, str) else override[0]
    return key.strip().startswith("scenario.")


def validate(
    source: Any, overrides: Sequence[str | tuple[str, Any]] = ()
) -> tuple[Design | None, Scenario]:
    """Check whatever ``source`` holds, as ``govsim validate`` does.

    A design (with or without its own ``[scenario]``) is resolved against its
    scenario; a file with only a ``[scenario]`` is loaded as a scenario. A bare name
    is looked up among built-in designs, then built-in scenarios.
    """
    kind = "design"
    if isinstance(source, Scenario) or (
        isinstance(source, str)
        and source in builtin_scenarios()
        and source not in builtin_designs()
    ):
        kind = "scenario"
    data, label = read_source(source, kind)
    if isinstance(data, Mapping) and "design" in data:
        return resolve(source, None, overrides)
    table = copy.deepcopy(dict(split_file(data, "scenario", label)))
    apply_overrides(None, table, [o for o in overrides if _is_scenario(o)])
    if any(not _is_scenario(o) for o in overrides):
        raise GovsimError("only scenario.* overrides apply to a scenario file", source="--set")
    return None, scenario_from_dict(table, source=label)
