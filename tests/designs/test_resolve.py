"""resolve(): names, paths, mappings and objects; --set overrides; the default scenario."""

import dataclasses

import pytest

from govsim.designs import (
    Design,
    RuleSpec,
    apply_overrides,
    load_design,
    load_scenario,
    resolve,
    to_dict,
)
from govsim.designs.resolve import parse_override
from govsim.errors import GovsimError
from tests.designs.cases import BASE


def test_a_design_alone_uses_the_scenario_it_names():
    _, scenario = resolve("gnso-council")
    assert scenario == load_scenario("gnso")


def test_an_explicit_scenario_wins(tmp_path):
    _, scenario = resolve("regional", "netmundial")
    assert scenario.name == "netmundial"
    path = tmp_path / "s.toml"
    path.write_text(
        '[scenario]\nname = "mine"\n[scenario.sectors.government]\ncount = 3\n', "utf-8"
    )
    assert resolve("ietf-wg", path)[1].name == "mine"
    assert resolve("ietf-wg", str(path))[1].name == "mine"


def test_a_file_with_both_tables_uses_its_own_scenario(tmp_path):
    path = tmp_path / "both.toml"
    path.write_text(BASE, "utf-8")
    design, scenario = resolve(path)
    assert scenario.name == "demo" and design.scenario == "five-sectors"


def test_design_scenario_may_be_a_path_beside_the_design(tmp_path):
    (tmp_path / "ctx.toml").write_text(
        '[scenario]\nname = "ctx"\n[scenario.sectors.government]\ncount = 2\n', "utf-8"
    )
    (tmp_path / "d.toml").write_text(
        '[design]\nname = "d"\nscenario = "ctx.toml"\nseats = [{ group = "government" }]\n',
        "utf-8",
    )
    design, scenario = resolve(tmp_path / "d.toml")
    assert scenario.name == "ctx" and design.seats[0].count == 1


def test_objects_and_mappings_resolve_too():
    design = load_design("ietf-wg")
    assert resolve(design)[0] == design
    assert resolve(to_dict(design), load_scenario("ietf"))[0] == design
    assert resolve(to_dict(design)["design"])[0] == design


def test_a_programmatic_variant_is_checked():
    design = dataclasses.replace(load_design("gnso-council"), rule=RuleSpec("majorty"))
    with pytest.raises(GovsimError, match=r"^<design gnso-council>: design\.rule\.name: "):
        resolve(design)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("x=0.5", ("x", 0.5)),
        ("x = 3", ("x", 3)),
        ('x="a b"', ("x", "a b")),
        ("x=[1, 2]", ("x", [1, 2])),
        ("x={ agenda = 0 }", ("x", {"agenda": 0})),
        ("x=true", ("x", True)),
        ("x=gnso-default", ("x", "gnso-default")),
        ("x=h0 > 1/2 and h1 > 1/2", ("x", "h0 > 1/2 and h1 > 1/2")),
        ("x=60%", ("x", "60%")),
        ("a.b=c=d", ("a.b", "c=d")),
    ],
)
def test_override_values_read_as_toml_else_as_a_bare_string(text, expected):
    assert parse_override(text) == expected


@pytest.mark.parametrize(
    ("overrides", "check"),
    [
        (["deliberation.segregation=0.25"], lambda d, s: d.deliberation.segregation == 0.25),
        (["design.deliberation.kernel=degroot"], lambda d, s: d.deliberation.kernel == "degroot"),
        (["rule.threshold=gnso-supermajority"], lambda d, s: d.rule.params[0][1][-3:] == "ity"),
        (["seats[6].count=7", "houses[1].seats=14"], lambda d, s: d.seats[6].count == 7),
        (["seats.0.weight=1.5"], lambda d, s: d.seats[0].weight == 1.5),
        (["inclusion.ncsg=consult"], lambda d, s: d.dials("ncsg", "x").decision == 0),
        (["inclusion.ipc.decision=0.5"], lambda d, s: d.dials("ipc", "x").decision == 0.5),
        (["amendment.rounds=3"], lambda d, s: d.amendment.rounds == 3),
        (["attendance=0.8"], lambda d, s: d.attendance == 0.8),
        (["scenario.polarisation=0.5"], lambda d, s: s.polarisation == 0.5),
        (["scenario.constituencies.ncsg.count=80"], lambda d, s: s.size == 255),
        (["scenario.sectors.nomcom.ideal.sd=0"], lambda d, s: s.groups[0].ideal.sd == 0),
        (["scenario.dimensions=2"], lambda d, s: s.status_quo == (0.5, 0.5)),
        (["scenario.shocks=[{ issue = 3, sectors = ['nomcom'] }]"], lambda d, s: s.shocks),
        (
            ["scenario=gnso-wg", "seats=[]", "houses=[]", "rule.threshold=gnso-default"],
            lambda d, s: s.name == "gnso-wg" and not d.seats,
        ),
    ],
)
def test_overrides_reach_design_and_scenario(overrides, check):
    design, scenario = resolve("gnso-council", overrides=overrides)
    assert check(design, scenario)


def test_a_rule_given_as_a_string_takes_overrides():
    design, _ = resolve({"name": "x", "rule": "majority"}, "five-sectors", ["rule.base=cast"])
    assert design.rule == RuleSpec("majority", (("base", "cast"),))


@pytest.mark.parametrize(
    ("override", "message"),
    [
        (
            "deliberaton.kernel=degroot",
            "gnso-council.toml: design.deliberaton: unknown key; expected one of name, "
            "description, source, scenario, attendance, houses, seats, rule, inclusion, "
            "agenda, deliberation, amendment, regional, extends; did you mean 'deliberation'?",
        ),
        (
            "deliberation.kernle=degroot",
            "--set: design.deliberation.kernle: unknown key; expected one of "
            "kernel, rounds, segregation, blocks, degree, mu, advisory_pull; "
            "did you mean 'kernel'?",
        ),
        (
            "scenario.constituencies.ncssg.count=3",
            "--set: scenario.constituencies.ncssg: expected an existing entry to override: "
            "one of rysg, rrsg, bc, ipc, ispcp, ncsg; found 'ncssg'; did you mean 'ncsg'?",
        ),
        (
            "seats[12].count=1",
            "--set: design.seats[12]: expected an index in 0..8 of design.seats to override; "
            "found 12",
        ),
        (
            "attendance.x=1",
            "--set: design.attendance: expected a table or list to set x in; found 1.0",
        ),
        (
            "scenario.dimensions=2",
            None,
        ),
        ("no-equals-sign", "--set: expected KEY=VALUE; found 'no-equals-sign'"),
        ("=3", "--set: expected KEY=VALUE; found '=3'"),
        ("seats[x].count=1", "--set: expected an index such as [0] in 'seats[x].count'"),
        ("a..b=1", "--set: expected a dotted key path; found 'a..b'"),
        ("rule.threshold=gnso-nonsense", "--set: design.rule.threshold: rule"),
        ("scenario.sectors.nomcom.count=1", "gnso-council.toml: design.seats[7].count"),
    ],
)
def test_bad_overrides_name_the_key(override, message):
    if message is None:  # valid: means broadcast to the new dimension
        assert resolve("gnso-council", overrides=[override])[1].dimensions == 2
        return
    with pytest.raises(GovsimError) as caught:
        resolve("gnso-council", overrides=[override])
    assert str(caught.value).startswith(message)


def test_apply_overrides_edits_raw_tables_in_place():
    design = {"name": "x"}
    scenario = {"name": "s"}
    apply_overrides(design, scenario, ["a.b=1", "scenario.c=2", "design.d=[1]"])
    assert design == {"name": "x", "a": {"b": 1}, "d": [1]}
    assert scenario == {"name": "s", "c": 2}
    with pytest.raises(GovsimError, match="no scenario to override"):
        apply_overrides({}, None, ["scenario.x=1"])


def test_overrides_leave_the_builtin_untouched():
    before = load_design("gnso-council")
    resolve("gnso-council", overrides=["deliberation.segregation=0"])
    assert load_design("gnso-council") == before
    assert isinstance(before, Design)


def test_a_scenario_override_on_a_scenario_file(capsys):
    from govsim.cli import main

    assert main(["validate", "gnso", "--set", "scenario.polarisation=0.3"]) == 0
    assert main(["validate", "gnso", "--set", "rule.name=majority"]) == 2
    assert "only scenario.* overrides" in capsys.readouterr().err
