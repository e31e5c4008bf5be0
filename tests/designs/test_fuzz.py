"""Property: any mutation of a valid spec either loads or raises GovsimError.

Starting from the built-in files (as parsed TOML) we delete keys, add unknown ones,
rename them, swap values for other types, non-finite numbers, huge or negative
numbers, names from elsewhere in the spec, and truncate lists. Loading and resolving
the result must either succeed (and then round-trip) or raise GovsimError: never a
TypeError, KeyError, OverflowError or any other exception.
"""

import copy
import math
import tomllib

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govsim.designs import BUILTIN_DESIGNS, KERNELS, LEVELS, load_design, resolve, to_dict
from govsim.designs.library import builtin_path
from govsim.errors import GovsimError
from govsim.rules import RULES, THRESHOLDS


def _raw(name, kind):
    with builtin_path(name, kind).open("rb") as handle:
        return tomllib.load(handle)[kind]


def _pairs():
    pairs = []
    for name in BUILTIN_DESIGNS:
        design = _raw(name, "design")
        scenario_name = design.get("scenario", "five-sectors")
        pairs.append({"design": design, "scenario": _raw(scenario_name, "scenario")})
        resolved = resolve(name)
        pairs.append(to_dict(resolved[0]) | to_dict(resolved[1]))
    return pairs


PAIRS = _pairs()
NAMES = sorted(
    {*RULES, *THRESHOLDS, *LEVELS, *KERNELS, "sector", "constituency", "body", "auto"}
    | {g for p in PAIRS for g in p["scenario"].get("sectors", {})}
    | {g for p in PAIRS for g in p["scenario"].get("constituencies", {})}
)


def _paths(node, path=()):
    """Every (path, value) in a nested dict/list, the root included."""
    yield path, node
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _paths(value, (*path, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _paths(value, (*path, i))


KEYS = sorted({p[-1] for pair in PAIRS for p, _ in _paths(pair) if p and isinstance(p[-1], str)})

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**6), max_value=10**6),
    st.sampled_from([0, 1, -1, 2, 7, 13, 16, 10**9, 10**30, -(10**30)]),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([0.0, 0.5, 1.0, 1.5, -0.5, math.nan, math.inf, -math.inf, 1e308]),
    st.text(max_size=12),
    st.sampled_from(NAMES),
    st.sampled_from(["1/2", ">1/2", "60%", "2/3", "", " ", "h1 > 1/2", "((((", "\x00.toml"]),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(
            st.one_of(st.sampled_from(KEYS), st.text(max_size=6), st.integers(0, 3)),
            inner,
            max_size=3,
        ),
    ),
    max_leaves=6,
)
new_keys = st.one_of(st.sampled_from(KEYS), st.sampled_from(NAMES), st.text(max_size=8))


def _mutate(data, draw):
    """Apply one random mutation in place."""
    paths = list(_paths(data))
    path, node = draw(st.sampled_from(paths))
    parent = None
    if path:
        parent = data
        for step in path[:-1]:
            parent = parent[step]
    kind = draw(st.sampled_from(["delete", "insert", "replace", "rename", "truncate", "duplicate"]))
    if kind == "delete" and parent is not None:
        del parent[path[-1]]
    elif kind == "insert" and isinstance(node, dict):
        node[draw(new_keys)] = draw(values)
    elif kind == "insert" and isinstance(node, list):
        node.insert(draw(st.integers(0, len(node))), draw(values))
    elif kind == "replace" and parent is not None:
        parent[path[-1]] = draw(values)
    elif kind == "rename" and isinstance(parent, dict):
        value = parent.pop(path[-1])
        parent[draw(new_keys)] = value
    elif kind == "truncate" and isinstance(node, list | str) and parent is not None:
        parent[path[-1]] = node[: draw(st.integers(0, max(len(node) - 1, 0)))]
    elif kind == "duplicate" and isinstance(node, list) and node:
        node.append(copy.deepcopy(draw(st.sampled_from(node))))


@st.composite
def mutated_specs(draw):
    data = copy.deepcopy(draw(st.sampled_from(PAIRS)))
    for _ in range(draw(st.integers(1, 4))):
        _mutate(data, draw)
    return data


@st.composite
def override_lists(draw):
    pair = draw(st.sampled_from(PAIRS))
    overrides = []
    for _ in range(draw(st.integers(1, 3))):
        path, _ = draw(st.sampled_from(list(_paths(pair))))
        key = ".".join(str(p) for p in path) or draw(st.text(max_size=5))
        if draw(st.booleans()):
            key += "." + draw(new_keys)
        value = draw(
            st.one_of(
                st.sampled_from(["1", "-1", "0.5", "nan", "[]", "{}", "x"]), st.text(max_size=8)
            )
        )
        overrides.append(f"{key}={value}")
    return pair, overrides


def _check(data, overrides=()):
    try:
        design, scenario = resolve(data, None, overrides)
    except GovsimError:
        return
    # Whatever loads is a valid spec: it round-trips exactly.
    assert load_design(to_dict(design)) == design
    assert resolve(to_dict(design), to_dict(scenario)) == (design, scenario)


FAST = settings(
    max_examples=500,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
SLOW = settings(
    max_examples=5_000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@FAST
@given(mutated_specs())
def test_mutated_specs_load_or_raise_govsim_error(data):
    _check(data)


@FAST
@given(override_lists())
def test_random_overrides_apply_or_raise_govsim_error(case):
    pair, overrides = case
    _check(copy.deepcopy(pair), overrides)


@pytest.mark.slow
@SLOW
@given(mutated_specs())
def test_mutated_specs_load_or_raise_govsim_error_many(data):
    _check(data)


@pytest.mark.slow
@SLOW
@given(override_lists())
def test_random_overrides_apply_or_raise_govsim_error_many(case):
    pair, overrides = case
    _check(copy.deepcopy(pair), overrides)
