"""Numbers the model cannot take are stopped by the loader, with one line naming the key.

Each case reproduces a value that used to reach the model and crash or overflow there
(``Python int too large to convert to C long``, an OverflowError in the log-normal
draw, NaN positions, non-finite decision weights).
"""

import numpy as np
import pytest

from govsim.cli import main
from govsim.designs import SpecError, load_design, resolve
from govsim.designs.load import read_source, split_file
from govsim.designs.parse_design import design_from_dict
from govsim.designs.schema import (
    MAX_DEGREE,
    MAX_RESOURCE_INEQUALITY,
    MAX_RESOURCES,
    MAX_WEIGHT,
    MIN_RESOURCES,
)
from govsim.rules import RULES
from govsim.rules.registry import RuleInfo
from govsim.rules.voting import majority
from govsim.simulate import run

OVERFLOWS = {
    "resource inequality": (
        "gnso-council",
        ["scenario.resource_inequality=1e300"],
        "--set: scenario.resource_inequality: expected a number in [0, 5]; found 1e+300",
    ),
    "tiny resources": (
        "gnso-council",
        ["scenario.constituencies.rysg.resources=1e-320"],
        "--set: scenario.constituencies.rysg.resources: expected a number in "
        "[1e-6, 1000000]; found 1e-320",
    ),
    "huge seat weight": (
        "gnso-council-2003",
        ["seats.0.weight=1e308"],
        "--set: design.seats[0].weight: expected a number in [0, 1000000]; found 1e+308",
    ),
    "huge degree": (
        "gnso-council",
        ["deliberation.degree=1e300"],
        "--set: design.deliberation.degree: expected a number in [0, 10000]; found 1e+300",
    ),
    "huge quota": (
        "gnso-council-2003",
        ['rule={ name = "weighted-quota", quota = 1e308 }'],
        "--set: design.rule.quota: expected a value rule 'weighted-quota' "
        "can compute with; found 1e+308, on which it fails with OverflowError: Python int "
        "too large to convert to C long",
    ),
}


@pytest.mark.parametrize(
    ("design", "overrides", "message"), OVERFLOWS.values(), ids=OVERFLOWS.keys()
)
def test_values_that_overflow_in_the_model_are_one_line_errors(design, overrides, message):
    with pytest.raises(SpecError) as caught:
        resolve(design, overrides=overrides)
    assert str(caught.value) == message


def test_cli_run_reports_the_overflow_and_exits_2(capsys):
    args = ["run", "gnso-council", "--steps", "1", "--set", "scenario.resource_inequality=1e300"]
    assert main(args) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1
    assert "scenario.resource_inequality: expected a number in [0, 5]" in err


def test_the_overflowing_rule_parameter_is_named_among_several():
    with pytest.raises(SpecError) as caught:
        load_design(
            {
                "name": "x",
                "seats": [{"group": "a", "count": 3}],
                "rule": {"name": "qualified-majority", "base": "seats", "fraction": 1e-320},
            }
        )
    assert caught.value.key == "design.rule.fraction"
    assert "OverflowError" in str(caught.value)


def _pair_rule(stances, weights, houses, *, addressed=None, a=0, b=0):
    """A toy rule that only rejects its parameters together: a + b must not exceed 10."""
    if a + b > 10:
        raise ValueError(f"a + b = {a + b} > 10\non two lines")
    return majority(stances, weights, houses)


def test_a_rule_error_no_single_parameter_explains_names_the_rule(monkeypatch):
    info = RuleInfo("pair", _pair_rule, "toy", "test", True, True, {"a": 0, "b": 0})
    monkeypatch.setitem(RULES, "pair", info)
    assert load_design({"name": "x", "rule": {"name": "pair", "a": 6}}).rule.name == "pair"
    with pytest.raises(SpecError) as caught:
        load_design({"name": "x", "rule": {"name": "pair", "a": 6, "b": 6}})
    assert str(caught.value) == (
        "<dict>: design.rule: rule 'pair' rejects its parameters: a + b = 12 > 10 on two lines"
    )
    with pytest.raises(SpecError) as caught:
        load_design({"name": "x", "rule": {"name": "pair", "a": 11, "b": 0}})
    assert caught.value.key == "design.rule.a"


def test_bounds_are_inclusive_and_the_model_runs_at_them():
    overrides = [
        f"scenario.resource_inequality={MAX_RESOURCE_INEQUALITY}",
        f"scenario.sectors.government.resources={MAX_RESOURCES}",
        f"scenario.sectors.academia.resources={MIN_RESOURCES}",
        f"deliberation.degree={MAX_DEGREE}",
        f"seats.0.weight={MAX_WEIGHT}",
        "seats.1.weight=0",
    ]
    result = run("authoritarian-coopted", steps=3, seed=1, overrides=overrides)
    numbers = ["welfare", "congruence", "polarisation", "status_quo", "power_government"]
    assert np.isfinite(result.summary[numbers].to_numpy(dtype=float)).all()
    assert len(result.issues) == 3 and np.isfinite(result.issues["welfare"]).all()


@pytest.mark.parametrize(
    ("override", "key"),
    [
        ("scenario.resource_inequality=5.000001", "scenario.resource_inequality"),
        ("scenario.sectors.government.resources=9.9e-7", "scenario.sectors.government.resources"),
        ("scenario.sectors.government.resources=1000001", "scenario.sectors.government.resources"),
        ("deliberation.degree=10000.5", "design.deliberation.degree"),
        ("seats.0.weight=1000000.5", "design.seats[0].weight"),
    ],
)
def test_just_past_a_bound_is_an_error(override, key):
    with pytest.raises(SpecError) as caught:
        resolve("authoritarian-coopted", overrides=[override])
    assert caught.value.key == key


def test_more_seats_than_members_is_reported_before_the_house_size():
    with pytest.raises(SpecError) as caught:
        resolve("gnso-council", overrides=["seats.0.count=1000"])
    assert str(caught.value) == (
        "--set: design.seats[0].count: expected at most 30 seats from group "
        "'rysg' (30 members in scenario 'gnso'); found 1000"
    )


def test_house_sizes_are_still_checked_with_and_without_a_scenario():
    message = (
        "design.houses[0].seats: expected the number of voting seats that design.seats "
        "places in house 'contracted' (8); found 7"
    )
    with pytest.raises(SpecError) as caught:
        resolve("gnso-council", overrides=["seats.0.count=4"])
    assert str(caught.value) == f"gnso-council.toml: {message}"
    data, label = read_source("gnso-council", "design")
    table = dict(split_file(data, "design", label))
    table["seats"] = [dict(s) for s in table["seats"]]
    table["seats"][0]["count"] = 4
    with pytest.raises(SpecError) as caught:
        design_from_dict(table, source=label)  # no scenario: checked on its own
    assert str(caught.value) == f"gnso-council.toml: {message}"
    assert design_from_dict(table, source=label, house_sizes=False).seats[0].count == 4
