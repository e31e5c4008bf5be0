"""The declaration of every spec key: construction in Python validates, and the
loader, to_dict, KEYS and --set typing follow the declaration."""

import dataclasses
import pickle

import numpy as np
import pytest

from govsim.designs import (
    KERNELS,
    KEYS,
    Amendment,
    Deliberation,
    Design,
    Group,
    House,
    Ideal,
    Inclusion,
    Scenario,
    Seats,
    Shock,
    load_design,
    load_scenario,
    resolve,
    to_dict,
)
from govsim.designs.keys import DECLARED, declared_key
from govsim.designs.schema import keys_of
from govsim.errors import IntegerExpected, RuleParameterError, SeatsExceedMembers, SpecError


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (
            lambda: Design("x", attendance=7),
            "design.attendance: expected a number in (0, 1]; found 7",
        ),
        (lambda: Design(""), "design.name: expected a non-empty name; found the string ''"),
        (
            lambda: Deliberation(mu=0.75),
            "design.deliberation.mu: expected a number in (0, 0.5]; found 0.75",
        ),
        (
            lambda: Deliberation(kernel="degrot"),
            "design.deliberation.kernel: expected an opinion-dynamics kernel: one of "
            "friedkin_johnsen, degroot, hegselmann_krause, deffuant, none; "
            "found the string 'degrot'; did you mean 'degroot'?",
        ),
        (
            lambda: Seats("gov", weight=-1),
            "design.seats.weight: expected a number in [0, 1000000]; found -1",
        ),
        (
            lambda: Design("x", seats=(Seats("gov", house="upper"),)),
            "design.seats[0].house: expected 'body' (no houses are declared in "
            "design.houses); found the string 'upper'",
        ),
        (
            lambda: Group("gov", "gov", 0),
            "scenario.sectors.gov.count: expected an integer in [1, 1000000]; found 0",
        ),
        (
            lambda: Group("ngo", "cs", 3, constituency=True, engagement=True),
            "scenario.constituencies.ngo.engagement: expected a number in [0, 1]; "
            "found the boolean true",
        ),
        (lambda: Ideal(mean=(2,)), "scenario.ideal.mean[0]: expected a number in [0, 1]; found 2"),
        (
            lambda: Scenario("s", ()),
            "scenario.sectors: expected at least one group in scenario.sectors or "
            "scenario.constituencies; found none",
        ),
        (
            lambda: Scenario("s", (Group("g", "g", 3),), status_quo=(0.5, 0.5)),
            "scenario.status_quo: expected 1 number (one per dimension, scenario.dimensions "
            "= 1) or one number for all; found the list [0.5, 0.5]",
        ),
        (lambda: Shock(-1, ("a",)), "scenario.shocks.issue: expected an integer >= 0; found -1"),
        (
            lambda: Inclusion(advisory=1),
            "design.inclusion.advisory: expected true or false; found 1",
        ),
        (
            lambda: Design("x", deliberation={"mu": 0.1}),
            "design.deliberation: expected a Deliberation; found a table",
        ),
        (
            lambda: House("h", seats=True),
            "design.houses.seats: expected an integer in [1, 100000]; found the boolean true",
        ),
    ],
)
def test_building_in_python_validates_with_the_loaders_messages(build, message):
    with pytest.raises(SpecError) as caught:
        build()
    assert str(caught.value) == message
    assert caught.value.source is None


def test_the_loader_and_python_agree_on_a_message():
    with pytest.raises(SpecError) as loaded:
        load_design({"name": "x", "deliberation": {"mu": 0.75}})
    with pytest.raises(SpecError) as built:
        Deliberation(mu=0.75)
    assert str(loaded.value) == f"<dict>: {built.value}"


def test_python_values_are_stored_canonically():
    design = Design("x", attendance=np.int64(1), seats=[Seats("g", count=np.int64(2))])
    assert type(design.attendance) is float and design.seats == (Seats("g", 2),)
    assert type(design.seats[0].count) is int
    assert load_design(to_dict(design)) == design
    assert hash(design) == hash(load_design(to_dict(design)))
    assert pickle.loads(pickle.dumps(design)) == design
    scenario = Scenario("s", [Group("g", "g", 3, ideal=Ideal(mean=[0.25]))])
    assert scenario.groups[0].ideal.mean == (0.25,)
    assert load_scenario(to_dict(scenario)) == scenario


def test_replace_validates_too():
    with pytest.raises(IntegerExpected):
        dataclasses.replace(Amendment(), rounds=0)


def test_every_declared_key_and_only_those_are_keys():
    assert KEYS["design.deliberation"] == (
        "kernel",
        "rounds",
        "segregation",
        "blocks",
        "degree",
        "mu",
        "advisory_pull",
    )
    for table, keys in DECLARED.items():
        assert KEYS[table] == tuple(keys)
        for key in keys.values():
            assert key.doc and key.type_label()


def test_kernels_are_the_declared_choices():
    assert tuple(keys_of(Deliberation)["kernel"].choices) == KERNELS


def test_defaults_are_the_declarations():
    design = Design("x")
    for field, key in keys_of(Design).items():
        assert getattr(design, field) == key.default or field == "name"
    assert Deliberation() == Deliberation(
        **{field: key.default for field, key in keys_of(Deliberation).items()}
    )


@pytest.mark.parametrize(
    ("root", "tokens", "kind"),
    [
        ("design", ["deliberation", "kernel"], "choice"),
        ("design", ["seats", 0, "weight"], "number"),
        ("design", ["inclusion", "gac", "agenda"], "number"),
        ("scenario", ["constituencies", "ncsg", "ideal", "sd"], "number"),
        ("scenario", ["status_quo"], "dims"),
        ("design", ["rule", "threshold"], None),
        ("design", ["inclusion", "gac"], None),
        ("design", ["nonsense", "key"], None),
    ],
)
def test_declared_key_of_a_path(root, tokens, kind):
    key = declared_key(root, tokens)
    assert (key.kind if key else None) == kind


def test_set_types_string_keys_as_text():
    design, scenario = resolve(
        "gnso-council", overrides=["name=2024", "scenario.description=true", "source=1.5"]
    )
    assert (design.name, scenario.description, design.source) == ("2024", "true", "1.5")
    with pytest.raises(IntegerExpected):
        resolve("gnso-council", overrides=["deliberation.rounds=5.5"])


def test_seats_beyond_members_raise_their_own_subclass():
    with pytest.raises(SeatsExceedMembers) as caught:
        resolve("gnso-council", overrides=["seats.0.count=1000"])
    assert caught.value.group == "rysg" and caught.value.key == "design.seats[0].count"


def test_a_rule_parameter_error_names_its_parameter(monkeypatch):
    from govsim.rules import RULES
    from govsim.rules.registry import RuleInfo
    from govsim.rules.voting import majority

    def pair(stances, weights, houses, *, addressed=None, a=0, b=0):
        if a + b > 10:
            raise RuleParameterError(f"b must be at most {10 - a}", parameter="b")
        return majority(stances, weights, houses)

    info = RuleInfo("pair", pair, "toy", "test", True, True, {"a": 0, "b": 0})
    monkeypatch.setitem(RULES, "pair", info)
    with pytest.raises(SpecError) as caught:
        load_design({"name": "x", "rule": {"name": "pair", "a": 6, "b": 6}})
    assert str(caught.value) == "<dict>: design.rule.b: rule 'pair' rejects it: b must be at most 4"
