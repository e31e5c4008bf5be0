"""Reading an experiment file into an :class:`~govsim.sweeps.experiment.Experiment`.

Like design files, every key is checked and a mistake is one line naming the file,
the key path, what was expected and what was found. :func:`check_experiment` then
tries every design with the constants and with each factor's extreme values, so a
factor the model rejects fails before the sweep starts, not in its ten-thousandth run.

Examples
--------
>>> experiment = experiment_from_dict({
...     "experiment": {"designs": ["gnso-council"], "replications": 3},
...     "factors": {"scenario.polarisation": [0.2, 0.8]},
... }, source="<dict>", name="demo")
>>> experiment.factors[0]
Factor(key='scenario.polarisation', low=None, high=None, values=(0.2, 0.8), integer=False, \
levels=None)
>>> check_experiment(experiment)
"""

from __future__ import annotations

import dataclasses
import importlib
import math
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from govsim import DEFAULT_STEPS
from govsim.check import describe, fail, join
from govsim.designs import load_scenario, resolve
from govsim.designs.keys import KEYS
from govsim.designs.load import read_toml
from govsim.designs.schema import (
    REQUIRED,
    Table,
    as_list,
    as_number,
    as_string,
    as_table,
    default_name,
)
from govsim.errors import GovsimError
from govsim.sweeps.experiment import Experiment, Factor, Sampler
from govsim.sweeps.plan import IDENTITY, STATUS
from govsim.sweeps.samplers import SAMPLERS, SETTINGS, readers

__all__ = [
    "check_experiment",
    "experiment_from_dict",
    "import_function",
    "load_experiment",
]

_FILE_KEYS = ("experiment", "constants", "factors", "sampler", "full")
#: Keys of ``[full]``, the paper-size settings ``--full`` uses: ``experiment.steps``,
#: ``experiment.replications`` and ``sampler.samples``.
_FULL_KEYS = ("steps", "replications", "samples")
_EXPERIMENT_KEYS = (
    "name",
    "description",
    "designs",
    "scenario",
    "steps",
    "replications",
    "seed",
    "metrics",
    "trajectories",
    "chunk_size",
    "function",
)
_FACTOR_KEYS = ("range", "values", "integer", "levels")
#: Column names of the results that a factor or a metric may not take.
RESERVED = frozenset((*IDENTITY, *STATUS))
_SAMPLER_KEYS = ("method", *SETTINGS)


def load_experiment(source: str | Path | Experiment, *, full: bool = False) -> Experiment:
    """Read and check an experiment file (see ``docs/sweeps.md`` for its keys).

    Parameters
    ----------
    source
        A path to a TOML file, or an :class:`Experiment` (returned as it is).
    full
        Use the file's ``[full]`` settings (paper size) over its own.

    Raises
    ------
    GovsimError
        One line naming the file, the key path, what was expected and what was found.
    """
    if isinstance(source, Experiment):
        return source
    path = Path(source)
    data = read_toml(path, str(source))
    return experiment_from_dict(data, source=str(source), name=default_name(str(source)), full=full)


def experiment_from_dict(
    data: Mapping[str, Any], *, source: str = "<dict>", name: Any = REQUIRED, full: bool = False
) -> Experiment:
    """Build an :class:`Experiment` from a parsed file.

    Relative paths are read relative to ``source``'s folder. With ``full``, the
    ``[full]`` settings apply.
    """
    top = Table(data, "", _FILE_KEYS, source=source)
    base = Path(source).parent if not source.startswith("<") else Path.cwd()
    table = Table(
        top.raw("experiment", what="an [experiment] table"),
        "experiment",
        _EXPERIMENT_KEYS,
        source=source,
    )
    function = table.raw("function", None)
    if function is not None:
        function = as_string(function, table.key("function"), source, what="'module:callable'")
        for key in ("designs", "scenario", "steps", "trajectories"):
            if key in table:
                fail(
                    table.key(key),
                    "a function sweep has no designs, scenario, steps or trajectories; "
                    f"remove {key} or experiment.function",
                    source,
                )
    designs = table.raw("designs", () if function else REQUIRED, what="a list of designs")
    designs = as_list(
        designs,
        table.key("designs"),
        source,
        what="a list of designs",
        min_len=0 if function else 1,
    )
    designs = tuple(
        _design_source(as_string(d, join(table.key("designs"), i), source), base)
        for i, d in enumerate(designs)
    )
    _distinct(designs, table.key("designs"), source)
    scenario = table.raw("scenario", None)
    if scenario is not None:
        scenario = _design_source(as_string(scenario, table.key("scenario"), source), base)
    listed = as_list(
        table.raw("metrics", []), table.key("metrics"), source, what="a list of metric names"
    )
    metrics = tuple(
        as_string(m, join(table.key("metrics"), i), source) for i, m in enumerate(listed)
    )
    _distinct(metrics, table.key("metrics"), source)
    chunk_size = table.raw("chunk_size", None)
    if chunk_size is not None:
        chunk_size = table.integer("chunk_size", low=1)
    factors = _factors(top.raw("factors", {}), source)
    sampler = _sampler(top.raw("sampler", {}), base, source)
    if sampler.method == "csv" and factors:
        fail(
            "factors",
            "with the csv sampler the CSV header names the factors; remove [factors]",
            source,
        )
    # [full] is checked even when it does not apply, so that validate catches it.
    sizes = _full(top.raw("full", {}), sampler.method, source)
    if not full:
        sizes = {}
    elif "samples" in sizes:
        sampler = dataclasses.replace(sampler, samples=sizes["samples"])
    name = table.string("name", name, what="a name")
    if name in (".", "..") or "/" in name or "\\" in name:
        fail(
            table.key("name"),
            f"expected a name that is one folder name (it names results/<name>); found {name!r}",
            source,
        )
    return Experiment(
        name=name,
        description=table.text("description"),
        designs=designs,
        scenario=scenario,
        steps=sizes.get("steps", table.integer("steps", DEFAULT_STEPS, low=1)),
        replications=sizes.get("replications", table.integer("replications", 10, low=1)),
        seed=table.integer("seed", 0, low=0),
        factors=factors,
        constants=tuple(_dotted(top.raw("constants", {}), "constants", source, _is_constant)),
        sampler=sampler,
        metrics=metrics,
        trajectories=table.boolean("trajectories", False),
        chunk_size=chunk_size,
        function=function,
        source=source,
    )


def _distinct(items: Sequence[Any], key: str, source: str) -> None:
    repeated = [item for i, item in enumerate(items) if item in items[:i]]
    if repeated:
        fail(key, f"expected distinct entries; found {describe(repeated[0])} twice", source)


def _design_source(text: str, base: Path) -> str:
    """A built-in name stays a name; a path becomes absolute (read beside the file)."""
    if text.endswith(".toml") or "/" in text:
        path = Path(text)
        return str(path if path.is_absolute() else (base / path).resolve())
    return text


def _dotted(
    value: Any, path: str, source: str, leaf: Callable[[Any], bool]
) -> Iterator[tuple[str, Any]]:
    """Entries of a table, with nested tables read as dotted key paths.

    ``{"deliberation": {"rounds": 5}}`` reads as ``("deliberation.rounds", 5)``, the
    same as ``{"deliberation.rounds": 5}``, down to entries for which ``leaf`` is true.
    """
    table = Table(value, path, tuple(value) if isinstance(value, Mapping) else (), source=source)
    for key, item in table.value.items():
        if leaf(item):
            yield key, item
        else:
            for inner, found in _dotted(item, join(path, key), source, leaf):
                yield f"{key}.{inner}", found


def _is_constant(item: Any) -> bool:
    return not isinstance(item, Mapping)


def _is_factor(item: Any) -> bool:
    """A list of values, or a table with factor keys (range, values, ...)."""
    return not isinstance(item, Mapping) or not item or bool(set(item) & set(_FACTOR_KEYS))


def _values(entry: Table, source: str) -> tuple[Any, ...]:
    """A factor's discrete values: distinct, all numbers, all strings or all booleans."""
    values = as_list(
        entry.raw("values"),
        entry.key("values"),
        source,
        what="a non-empty list of values",
        min_len=1,
    )
    kinds = set()
    for i, value in enumerate(values):
        key = join(entry.key("values"), i)
        if isinstance(value, bool):
            kinds.add("booleans")
        elif isinstance(value, int | float):
            as_number(value, key, source)  # finite
            kinds.add("numbers")
        elif isinstance(value, str):
            kinds.add("strings")
        else:
            fail(key, f"expected a number, a string or a boolean; found {describe(value)}", source)
    if len(kinds) > 1:
        fail(
            entry.key("values"),
            f"expected values of one kind; found {' and '.join(sorted(kinds))}",
            source,
        )
    _distinct(values, entry.key("values"), source)
    return tuple(values)


def _factors(value: Any, source: str) -> tuple[Factor, ...]:
    factors = []
    for key, spec in _dotted(value, "factors", source, _is_factor):
        path = join("factors", key)
        if key in RESERVED:
            fail(
                path,
                f"expected a design or scenario key; {key!r} names a column of the results",
                source,
            )
        if isinstance(spec, list | tuple):  # shorthand: a list of values
            spec = {"values": spec}
        entry = Table(spec, path, _FACTOR_KEYS, source=source)
        if ("range" in entry) == ("values" in entry):
            fail(
                path,
                "expected either range = [low, high] or values = [...]; found "
                + ("both" if "range" in entry else "neither"),
                source,
            )
        if "values" in entry:
            for key_ in ("integer", "levels"):
                if key_ in entry:
                    fail(entry.key(key_), "applies to a range, not to values", source)
            factors.append(Factor(key=key, values=_values(entry, source)))
            continue
        integer = entry.boolean("integer", False)
        levels = entry.raw("levels", None)
        if levels is not None:
            levels = entry.integer("levels", low=2)
        bounds = as_list(
            entry.raw("range"),
            entry.key("range"),
            source,
            what="a list [low, high] of two numbers",
            min_len=2,
        )
        if len(bounds) != 2:
            fail(entry.key("range"), f"expected [low, high]; found {describe(bounds)}", source)
        low, high = (
            as_number(b, join(entry.key("range"), i), source) for i, b in enumerate(bounds)
        )
        if not low < high:
            fail(entry.key("range"), f"expected low < high; found {describe(bounds)}", source)
        factors.append(Factor(key=key, low=low, high=high, integer=integer, levels=levels))
    return tuple(factors)


#: What a ``[sampler]`` label may not be: the name of a design or scenario key.
_MODEL_KEYS = frozenset((*KEYS["design"], "scenario"))


def _only_for_method(table: Table, method: str, source: str) -> None:
    """Reject keys of ``table`` that the sampler ``method`` does not read."""
    for key in SETTINGS:
        methods = readers(key)
        if key in table and method not in methods:
            reading = (
                f"{methods[0]} sampler reads"
                if len(methods) == 1
                else f"{', '.join(methods[:-1])} and {methods[-1]} samplers read"
            )
            fail(
                table.key(key),
                f"only the {reading} {key}; sampler.method is {method!r}",
                source,
            )


def _full(value: Any, method: str, source: str) -> dict[str, int]:
    """The ``[full]`` sizes, checked, and checked against the sampler ``method``."""
    table = Table(value, "full", _FULL_KEYS, source=source)
    _only_for_method(table, method, source)
    return {key: table.integer(key, low=1) for key in _FULL_KEYS if key in table}


def _sampler(value: Any, base: Path, source: str) -> Sampler:
    table = Table(value, "sampler", _SAMPLER_KEYS, source=source)
    method = table.choice("method", SAMPLERS, "factorial", what="a sampler")
    _only_for_method(table, method, source)
    samples = table.raw("samples", None)
    if samples is not None:
        samples = table.integer("samples", low=1)
    file = None
    if method == "csv":
        file = as_string(
            table.raw("file", what="the path of a CSV file"), table.key("file"), source
        )
        path = Path(file)
        file = str(path if path.is_absolute() else (base / path).resolve())
        if not Path(file).is_file():
            fail(table.key("file"), f"expected an existing CSV file; found {file!r}", source)
    columns = as_table(table.raw("columns", {}), table.key("columns"), source)
    for header, key in columns.items():
        as_string(key, join(table.key("columns"), header), source)
    label = table.raw("label", None)
    if label is not None:
        label = as_string(label, table.key("label"), source)
        if "." in label or label in _MODEL_KEYS:
            fail(
                table.key("label"),
                "expected a name that is not a design or scenario key (a label is stored, "
                f"never applied to the model; rename the column); found {label!r}",
                source,
            )
    return Sampler(
        method=method,
        samples=samples,
        levels=table.integer("levels", 4, low=2),
        second_order=table.boolean("second_order", False),
        file=file,
        columns=tuple(columns.items()),
        label=label,
    )


def import_function(spec: str, *, source: str | None = None) -> Callable[..., Any]:
    """The callable named by ``"package.module:name"``."""
    module, sep, name = spec.partition(":")
    key = "experiment.function"
    if not sep or not module or not name:
        fail(key, f"expected 'package.module:callable'; found {describe(spec)}", source)
    try:
        target: Any = importlib.import_module(module)
        for part in name.split("."):
            target = getattr(target, part)
    except Exception as error:  # any import-time error of the user's module
        fail(key, f"cannot import {spec!r}: {type(error).__name__}: {error}", source)
    if not callable(target):
        fail(key, f"expected a callable; found {describe(target)}", source)
    return target


def _probe_values(column: Any) -> list[Any]:
    """The extremes of a sampled factor: its smallest and largest number, or every value."""
    values = column.dropna()
    if values.dtype.kind in "iuf" and len(values):
        return [values.min().item(), values.max().item()]
    return list(dict.fromkeys(values.tolist()))


def check_experiment(experiment: Experiment, points: Any = None) -> None:
    """Try every design with the constants, then with each factor's extreme values.

    Parameters
    ----------
    experiment
        The experiment to check.
    points
        Its sampled design matrix (a DataFrame, one column per factor); None checks
        the designs and constants only.

    Raises
    ------
    GovsimError
        Naming the experiment file, the factor (or constant) and the model's own
        message about the value.
    """
    source = experiment.source
    for key in [] if points is None else points.columns:
        if key in RESERVED:
            fail(
                join("factors", key),
                "expected a design or scenario key; it names a column of the results",
                source,
            )
    if experiment.function:
        import_function(experiment.function, source=source)
        return
    if experiment.scenario is not None:
        try:
            load_scenario(experiment.scenario)
        except GovsimError as error:
            fail("experiment.scenario", str(error), source)
    for i, design in enumerate(experiment.designs):
        try:
            resolve(design, experiment.scenario)
        except GovsimError as error:
            fail(join("experiment.designs", i), str(error), source)
        try:
            resolve(design, experiment.scenario, experiment.constants)
        except GovsimError as error:
            fail("constants", f"design {design!r}: {_why(error)}", source)
        for key in [] if points is None else experiment.sampler.applied(points.columns):
            for value in _probe_values(points[key]):
                try:
                    _resolve(experiment, design, key, value)
                except GovsimError as error:
                    hint = ""
                    if _wants_whole_numbers(experiment, design, key, value):
                        hint = " (add integer = true to the factor to sample whole numbers)"
                    where = join("factors", key)
                    if experiment.sampler.method == "csv":
                        where = f"sampler.file: column {key!r} of {experiment.sampler.file}"
                    fail(
                        where,
                        f"design {design!r} rejects {describe(value)}: {_why(error)}{hint}",
                        source,
                    )


def _why(error: GovsimError) -> str:
    """An override's error without the ``--set`` source: the experiment file is named."""
    return error.message if error.source == "--set" else str(error)


def _resolve(experiment: Experiment, design: str, key: str, value: Any) -> None:
    resolve(design, experiment.scenario, (*experiment.constants, (key, value)))


def _wants_whole_numbers(experiment: Experiment, design: str, key: str, value: Any) -> bool:
    """Whether ``design`` rejects the fraction ``value`` of ``key`` but takes it rounded."""
    if not isinstance(value, float) or not math.isfinite(value) or value.is_integer():
        return False
    try:
        _resolve(experiment, design, key, round(value))
    except GovsimError:
        return False
    return True
