"""Every way a spec can be wrong gets one line: file, key path, expected, found and,
for a near-miss name, a did-you-mean; the CLI prints it and exits with code 2."""

import subprocess
import sys
from pathlib import Path

import pytest

from govsim.cli import main
from govsim.designs import SpecError, load_design, load_scenario, resolve
from govsim.errors import GovsimError
from tests.designs.cases import BASE

RULES = (
    "advisory-override, advisory-nonbinding, full-consensus, gnso-wg-consensus, "
    "rough-consensus, executive, houses, majority, qualified-majority, unanimity, "
    "weighted-quota"
)

# (what to replace in BASE, replacement, the whole message after "x.toml: ")
CASES = {
    "toml syntax": (
        'kernel = "degroot"',
        "kernel = degroot",
        "line 20, column 10: invalid TOML: Invalid value",
    ),
    "unknown key": (
        'kernel = "degroot"',
        'kernle = "degroot"',
        "design.deliberation.kernle: unknown key; expected one of kernel, rounds, "
        "segregation, blocks, degree, mu, advisory_pull; did you mean 'kernel'?",
    ),
    "unknown table": (
        "[design]",
        "[desing]",
        "desing: unknown key; expected one of design, scenario; did you mean 'design'?",
    ),
    "unknown group key": (
        "sector = ",
        "sectr = ",
        "scenario.constituencies.ngo.sectr: unknown key; expected one of sector, count, "
        "ideal, resources, engagement, susceptibility, confidence; did you mean 'sector'?",
    ),
    "string for integer": (
        "count = 5",
        'count = "5"',
        "scenario.sectors.gov.count: expected an integer in [1, 1000000]; found the string '5'",
    ),
    "negative count": (
        "count = 5",
        "count = -3",
        "scenario.sectors.gov.count: expected an integer in [1, 1000000]; found -3",
    ),
    "float for integer": (
        "count = 5",
        "count = 5.0",
        "scenario.sectors.gov.count: expected an integer in [1, 1000000]; found 5.0",
    ),
    "missing key": (
        "count = 5\n",
        "",
        "scenario.sectors.gov.count: missing required key; expected an integer in [1, 1000000]",
    ),
    "bool for number": (
        "attendance = 0.9",
        "attendance = true",
        "design.attendance: expected a number in (0, 1]; found the boolean true",
    ),
    "attendance zero": (
        "attendance = 0.9",
        "attendance = 0",
        "design.attendance: expected a number in (0, 1]; found 0",
    ),
    "segregation range": (
        "segregation = 0.5",
        "segregation = 1.5",
        "design.deliberation.segregation: expected a number in [0, 1]; found 1.5",
    ),
    "mu range": (
        "mu = 0.25",
        "mu = 0.75",
        "design.deliberation.mu: expected a number in (0, 0.5]; found 0.75",
    ),
    "rounds range": (
        "[design.deliberation]",
        "[design.deliberation]\nrounds = -1",
        "design.deliberation.rounds: expected an integer in [0, 100000]; found -1",
    ),
    "amendment rounds range": (
        "[design.deliberation]",
        "[design.amendment]\nrounds = 0\n[design.deliberation]",
        "design.amendment.rounds: expected an integer in [1, 100000] or 'auto'; found 0",
    ),
    "polarisation range": (
        "status_quo = 0.5",
        "status_quo = 0.5\npolarisation = -0.1",
        "scenario.polarisation: expected a number in [0, 1]; found -0.1",
    ),
    "dial range": (
        'gov = "empower"',
        "gov = { agenda = 2 }",
        "design.inclusion.gov.agenda: expected a number in [0, 1]; found 2",
    ),
    "infinite weight": (
        '{ group = "gov", count = 2, house = "upper" }',
        '{ group = "gov", count = 2, house = "upper", weight = inf }',
        "design.seats[0].weight: expected a number in [0, 1000000]; found inf",
    ),
    "nan number": (
        "mean = 0.3",
        "mean = nan",
        "scenario.sectors.gov.ideal.mean: expected a number in [0, 1]; found nan",
    ),
    "negative weight": (
        '{ group = "gov", count = 2, house = "upper" }',
        '{ group = "gov", count = 2, house = "upper", weight = -1 }',
        "design.seats[0].weight: expected a number in [0, 1000000]; found -1",
    ),
    "huge weight": (
        '{ group = "gov", count = 2, house = "upper" }',
        '{ group = "gov", count = 2, house = "upper", weight = 1e308 }',
        "design.seats[0].weight: expected a number in [0, 1000000]; found 1e+308",
    ),
    "huge degree": (
        "mu = 0.25",
        "mu = 0.25\ndegree = 1e300",
        "design.deliberation.degree: expected a number in [0, 10000]; found 1e+300",
    ),
    "huge resource inequality": (
        "status_quo = 0.5",
        "status_quo = 0.5\nresource_inequality = 1e300",
        "scenario.resource_inequality: expected a number in [0, 5]; found 1e+300",
    ),
    "tiny resources": (
        "count = 5",
        "count = 5\nresources = 1e-320",
        "scenario.sectors.gov.resources: expected a number in [1e-6, 1000000]; found 1e-320",
    ),
    "huge resources": (
        "count = 5",
        "count = 5\nresources = 1e7",
        "scenario.sectors.gov.resources: expected a number in [1e-6, 1000000]; found 10000000.0",
    ),
    "rule parameter overflows": (
        'name = "houses"\nthreshold = "gnso-default"',
        'name = "weighted-quota"\nquota = 1e308',
        "design.rule.quota: expected a value rule 'weighted-quota' can compute with; "
        "found 1e+308, on which it fails with OverflowError: Python int too large to "
        "convert to C long",
    ),
    "rule parameter underflows": (
        'name = "houses"\nthreshold = "gnso-default"',
        'name = "qualified-majority"\nfraction = 1e-320',
        "design.rule.fraction: expected a value rule 'qualified-majority' can compute with; "
        "found 1e-320, on which it fails with OverflowError: int too large to convert to "
        "float",
    ),
    "negative sd": (
        "mean = 0.3, sd = 0.1",
        "mean = 0.3, sd = -0.1",
        "scenario.sectors.gov.ideal.sd: expected a finite number >= 0; found -0.1",
    ),
    "low above high": (
        "low = 0.2, high = 0.8",
        "low = 0.8, high = 0.2",
        "scenario.constituencies.ngo.ideal.high: expected a number >= low (0.8); found 0.2",
    ),
    "key of another distribution": (
        "low = 0.2, high = 0.8",
        "low = 0.2, sd = 0.8",
        "scenario.constituencies.ngo.ideal.sd: unknown key for distribution 'uniform'; "
        "expected one of distribution, low, high",
    ),
    "points length": (
        "ideal = { mean = 0.3, sd = 0.1 }",
        "ideal = { points = [0.1, 0.2] }",
        "scenario.sectors.gov.ideal.points: expected 5 points, one per member (count = 5); found 2",
    ),
    "point dimensions": (
        "ideal = { mean = 0.3, sd = 0.1 }",
        "ideal = { points = [0.1, 0.2, 0.3, 0.4, [0.5, 0.5]] }",
        "scenario.sectors.gov.ideal.points[4]: expected a point of 1 coordinate in [0, 1] "
        "(scenario.dimensions = 1); found the list [0.5, 0.5]",
    ),
    "point range": (
        "ideal = { mean = 0.3, sd = 0.1 }",
        "ideal = { points = [0.1, 0.2, 0.3, 0.4, 1.5] }",
        "scenario.sectors.gov.ideal.points[4]: expected a number in [0, 1]; found 1.5",
    ),
    "status quo dimensions": (
        "status_quo = 0.5",
        "status_quo = [0.5, 0.5]",
        "scenario.status_quo: expected 1 number (one per dimension, scenario.dimensions = 1) "
        "or one number for all; found the list [0.5, 0.5]",
    ),
    "mean dimensions": (
        "mean = 0.3, sd",
        "mean = [0.3, 0.3], sd",
        "scenario.sectors.gov.ideal.mean: expected 1 number (one per dimension, "
        "scenario.dimensions = 1) or one number for all; found the list [0.3, 0.3]",
    ),
    "unknown rule": (
        'name = "houses"',
        'name = "house"',
        f"design.rule.name: expected a registered rule: one of {RULES}; "
        "found the string 'house'; did you mean 'houses'?",
    ),
    "unknown rule parameter": (
        'threshold = "gnso-default"',
        'threshhold = "gnso-default"',
        "design.rule.threshhold: unknown parameter of rule 'houses'; "
        "expected one of name, threshold; did you mean 'threshold'?",
    ),
    "bad rule parameter": (
        'threshold = "gnso-default"',
        'threshold = "gnso-defualt"',
        "design.rule.threshold: rule 'houses' rejects it: unknown threshold name "
        "'gnso-defualt'; expected one of ['gnso-default', 'gnso-issues-report', "
        "'gnso-pdp-in-scope', 'gnso-supermajority', 'gnso-supermajority-2009', "
        "'cabforum-ballot']; did you mean 'gnso-default'?",
    ),
    "rule parameter out of range": (
        'name = "houses"\nthreshold = "gnso-default"',
        'name = "majority"\nquorum = 2',
        "design.rule.quorum: rule 'majority' rejects it: quorum must be a number in [0, 1] "
        "such as 2/3, '60%' or 0.5; found 2",
    ),
    "threshold needs a missing house": (
        'threshold = "gnso-default"',
        'threshold = "h0 > 1/2 and h2 > 1/2"',
        "design.rule.threshold: rule 'houses' rejects it: threshold 'h2 > 1/2 of seats' "
        "refers to house 2, but the body has 2 house(s)",
    ),
    "unknown kernel": (
        'kernel = "degroot"',
        'kernel = "deffuant2"',
        "design.deliberation.kernel: expected an opinion-dynamics kernel: one of "
        "friedkin_johnsen, degroot, hegselmann_krause, deffuant, none; "
        "found the string 'deffuant2'; did you mean 'deffuant'?",
    ),
    "unknown blocks": (
        "[design.deliberation]",
        '[design.deliberation]\nblocks = "sectors"',
        "design.deliberation.blocks: expected one of sector, constituency; "
        "found the string 'sectors'; did you mean 'sector'?",
    ),
    "unknown level": (
        'default = "consult"',
        'default = "consul"',
        "design.inclusion.default: expected an IAP2 level: one of inform, consult, involve, "
        "collaborate, empower, or a table of dials; found the string 'consul'; "
        "did you mean 'consult'?",
    ),
    "house seats do not add up": (
        '{ name = "upper", seats = 2 }',
        '{ name = "upper", seats = 3 }',
        "design.houses[0].seats: expected the number of voting seats that design.seats "
        "places in house 'upper' (2); found 3",
    ),
    "seat in an undeclared house": (
        'house = "upper" }',
        'house = "uper" }',
        "design.seats[0].house: expected a house declared in design.houses: one of upper, "
        "lower; found the string 'uper'; did you mean 'upper'?",
    ),
    "declared house without seats": (
        '{ name = "lower", seats = 1 }]',
        '{ name = "lower", seats = 1 }, { name = "third" }]',
        "design.houses[2]: expected at least one seat block with house = 'third'; found none",
    ),
    "duplicate house": (
        '{ name = "lower", seats = 1 }',
        '{ name = "upper", seats = 1 }',
        "design.houses[1].name: expected a new house name; found the duplicate 'upper'",
    ),
    "seat group missing from the scenario": (
        '{ group = "ngo", count = 1, house = "lower" }',
        '{ group = "ngos", count = 1, house = "lower" }',
        "design.seats[1].group: expected a group of scenario 'demo': one of gov, ngo; "
        "found the string 'ngos'; did you mean 'ngo'?",
    ),
    "more seats than members, before the house size": (
        '{ group = "ngo", count = 1, house = "lower" }',
        '{ group = "ngo", count = 4, house = "lower" }',
        "design.seats[1].count: expected at most 3 seats from group 'ngo' "
        "(3 members in scenario 'demo'); found 4",
    ),
    "more seats than members": (
        '{ group = "ngo", count = 1, house = "lower" }',
        '{ group = "ngo", count = 1, house = "lower" },\n'
        '    { group = "ngo", count = 3, house = "lower", weight = 0 }',
        "design.seats[2].count: expected at most 2 seats from group 'ngo' "
        "(3 members in scenario 'demo', 1 already seated by earlier blocks); found 3",
    ),
    "unknown co-opting sector": (
        '{ group = "ngo", count = 1, house = "lower" }',
        '{ group = "ngo", count = 1, house = "lower", coopted_by = "govt" }',
        "design.seats[1].coopted_by: expected a sector of scenario 'demo': one of gov, "
        "civil-society; found the string 'govt'; did you mean 'gov'?",
    ),
    "inclusion names nobody": (
        'gov = "empower"',
        'gov = "empower"\ncivil-societies = "involve"',
        "design.inclusion.civil-societies: expected a group or sector of scenario 'demo': "
        "one of gov, ngo, civil-society; found the string 'civil-societies'; "
        "did you mean 'civil-society'?",
    ),
    "unknown shock sector": (
        'sectors = ["civil-society"]',
        'sectors = ["civil-societies"]',
        "scenario.shocks[0].sectors[0]: expected a sector of the scenario: one of gov, "
        "civil-society; found the string 'civil-societies'; did you mean 'civil-society'?",
    ),
    "negative shock issue": (
        "issue = 2",
        "issue = -1",
        "scenario.shocks[0].issue: expected an integer >= 0; found -1",
    ),
    "duplicate shock sector": (
        'sectors = ["civil-society"]',
        'sectors = ["civil-society", "civil-society"]',
        "scenario.shocks[0].sectors[1]: expected each sector once; found 'civil-society' again",
    ),
    "constituency named like a sector": (
        "[scenario.constituencies.ngo]",
        '[scenario.constituencies.civil-society]\nsector = "gov"\ncount = 1\n'
        "[scenario.constituencies.ngo]",
        "scenario.constituencies.civil-society: expected a name that is not also a sector's; "
        "found 'civil-society', which scenario.sectors or a constituency's sector already uses",
    ),
    "nobody votes in an open assembly": (
        'seats = [\n    { group = "gov", count = 2, house = "upper" },\n'
        '    { group = "ngo", count = 1, house = "lower" },\n]',
        "seats = []",
        "design.houses: expected seat blocks in design.seats for the declared houses; "
        "found none (an open assembly has no houses)",
    ),
}


@pytest.fixture
def spec_file(tmp_path, monkeypatch):
    """Write BASE with one replacement to x.toml in a fresh working directory."""
    monkeypatch.chdir(tmp_path)

    def write(old: str, new: str) -> str:
        assert BASE.count(old) >= 1, old
        (tmp_path / "x.toml").write_text(BASE.replace(old, new, 1), encoding="utf-8")
        return "x.toml"

    return write


def test_the_base_file_is_valid(spec_file):
    design, scenario = resolve(spec_file("", ""))
    assert (design.name, scenario.name, scenario.size) == ("demo", "demo", 8)


@pytest.mark.parametrize(("old", "new", "message"), CASES.values(), ids=CASES.keys())
def test_error_message_names_file_key_expected_and_found(spec_file, old, new, message):
    with pytest.raises(GovsimError) as caught:
        resolve(spec_file(old, new))
    assert str(caught.value) == f"x.toml: {message}"
    assert "\n" not in str(caught.value)
    if isinstance(caught.value, SpecError) and caught.value.key:
        assert message.startswith(caught.value.key + ": ")


@pytest.mark.parametrize(("old", "new", "message"), CASES.values(), ids=CASES.keys())
def test_cli_validate_prints_the_one_line_and_exits_2(spec_file, capsys, old, new, message):
    assert main(["validate", spec_file(old, new)]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err == f"govsim validate: error: x.toml: {message}\n"


def test_open_assembly_where_nobody_may_decide(spec_file):
    path = spec_file('default = "consult"\ngov = "empower"', 'default = "consult"')
    file = Path(path)
    text = file.read_text(encoding="utf-8")
    start, end = text.index("houses = "), text.index("attendance")
    file.write_text(text[:start] + text[end:], encoding="utf-8")
    with pytest.raises(GovsimError, match=r"^x\.toml: design\.inclusion: expected at least one"):
        resolve(path)


def test_cli_subprocess_has_no_traceback(spec_file):
    path = spec_file("mu = 0.25", "mu = 0.75")
    done = subprocess.run(
        [sys.executable, "-m", "govsim", "validate", path, "demo-missing.toml"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.splitlines() == [
        "govsim validate: error: x.toml: design.deliberation.mu: expected a number in "
        "(0, 0.5]; found 0.75",
        "govsim validate: error: demo-missing.toml: file not found",
    ]


def test_cli_validate_ok_lines(spec_file, capsys):
    path = spec_file("", "")
    assert main(["validate", path, "gnso-council", "five-sectors"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "x.toml: ok (design demo, scenario demo)",
        "gnso-council: ok (design gnso-council, scenario gnso)",
        "five-sectors: ok (scenario five-sectors)",
    ]


def test_cli_validate_keeps_going_and_reports_every_bad_file(spec_file, capsys, tmp_path):
    good = spec_file("", "")
    (tmp_path / "bad.toml").write_text("[design]\nname = 1\n", encoding="utf-8")
    assert main(["validate", "bad.toml", good]) == 2
    out, err = capsys.readouterr()
    assert out == "x.toml: ok (design demo, scenario demo)\n"
    assert err == (
        "govsim validate: error: bad.toml: design.name: expected a non-empty name; found 1\n"
    )


def test_cli_validate_with_overrides(capsys):
    args = ["validate", "gnso-council", "--set", "deliberation.kernle=degroot"]
    assert main(args) == 2
    assert "did you mean 'kernel'?" in capsys.readouterr().err


@pytest.mark.parametrize("command", [["validate"], ["designs"]])
def test_new_commands_have_help(command):
    done = subprocess.run(
        [sys.executable, "-m", "govsim", *command, "--help"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0 and "usage: govsim" in done.stdout


def test_cli_designs_lists_every_builtin(capsys):
    from govsim.designs import BUILTIN_DESIGNS, BUILTIN_SCENARIOS

    assert main(["designs"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split()[0] for line in lines] == list(BUILTIN_DESIGNS)
    assert all(BUILTIN_DESIGNS[line.split()[0]] in line for line in lines)
    assert main(["designs", "--scenarios"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split()[0] for line in lines] == list(BUILTIN_SCENARIOS)


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ({"name": "x", "rule": "majorty"}, "<dict>: design.rule.name: expected a registered"),
        ({"name": ""}, "<dict>: design.name: expected a non-empty name; found the string ''"),
        ({"design": {}, "sceanrio": {}}, "<dict>: sceanrio: unknown key"),
        ({"scenario": {"name": "s", "sectors": {}}}, "<dict>: design: missing table"),
        ("gnso-councl", "design: expected a built-in design"),
        ("no/such/file.toml", "no/such/file.toml: file not found"),
        (3, "design: expected a built-in design"),
    ],
)
def test_load_design_errors_for_every_kind_of_source(source, message):
    with pytest.raises(GovsimError) as caught:
        load_design(source)
    assert str(caught.value).startswith(message)
    if source == "gnso-councl":
        assert str(caught.value).endswith("did you mean 'gnso-council'?")


def test_scenario_errors_for_empty_and_misnamed_scenarios():
    with pytest.raises(GovsimError, match=r"^<dict>: scenario\.sectors: expected at least one"):
        load_scenario({"name": "empty"})
    with pytest.raises(GovsimError, match=r"did you mean 'gnso'\?$"):
        load_scenario("gnsoo")


def test_non_utf8_and_directory_sources(tmp_path):
    (tmp_path / "latin1.toml").write_bytes(b'[design]\nname = "caf\xe9"\n')
    with pytest.raises(GovsimError, match="invalid TOML"):
        load_design(tmp_path / "latin1.toml")
    with pytest.raises(GovsimError, match="found a directory"):
        load_design(str(tmp_path) + "/")


def test_a_scenario_only_file_is_not_a_design(tmp_path):
    path = tmp_path / "s.toml"
    path.write_text('[scenario]\nname = "s"\n[scenario.sectors.a]\ncount = 1\n', "utf-8")
    with pytest.raises(GovsimError, match=r"design: missing table; expected a \[design\] table"):
        load_design(path)
    assert load_scenario(path).size == 1


@pytest.mark.parametrize(
    ("override", "message"),
    [
        (
            "deliberation.segregation=2",
            "--set: design.deliberation.segregation: expected a number in [0, 1]; found 2",
        ),
        (
            "seats[0].count=0",
            "--set: design.seats[0].count: expected an integer in [1, 100000]; found 0",
        ),
        (
            "scenario.constituencies.rysg.ideal.mean=3",
            "--set: scenario.constituencies.rysg.ideal.mean: expected a number in [0, 1]; found 3",
        ),
    ],
)
def test_a_bad_override_names_set_not_the_file(override, message, capsys):
    """The file was fine before the override: the command line is what to fix."""
    assert main(["run", "gnso-council", "--set", override]) == 2
    assert capsys.readouterr().err == f"govsim run: error: {message}\n"


def test_an_error_the_override_did_not_cause_still_names_the_file(tmp_path, capsys):
    bad = tmp_path / "bad.toml"
    bad.write_text('[design]\nextends = "gnso-council"\nattendance = 7\n')
    assert main(["run", str(bad), "--set", "deliberation.segregation=0.5"]) == 2
    assert capsys.readouterr().err.startswith(f"govsim run: error: {bad}: design.attendance: ")
