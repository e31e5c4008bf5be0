"""Design variants: ``design.extends`` names a base and the file sets what differs."""

import dataclasses
from pathlib import Path

import pytest

from govsim.cli import main
from govsim.designs import SpecError, load_design, resolve


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text)
    return path


def test_a_variant_equals_its_base_with_the_same_overrides(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "super.toml",
        '[design]\nextends = "gnso-council"\nname = "gnso-council"\n'
        'rule.threshold = "gnso-supermajority"\ndeliberation.rounds = 2\n',
    )
    design, scenario = resolve(
        "gnso-council",
        overrides=["rule.threshold=gnso-supermajority", "deliberation.rounds=2"],
    )
    # Only name, description and source are the variant's own.
    expected = dataclasses.replace(design, description="", source="")
    assert resolve(path) == (expected, scenario)


def test_name_description_and_source_are_never_inherited(tmp_path: Path) -> None:
    path = write(tmp_path, "uni.toml", '[design]\nextends = "gnso-council"\nrule = "majority"\n')
    design = load_design(path)
    assert (design.name, design.description, design.source) == ("uni", "", "")
    # A variant beside its base in one experiment: the names differ.
    spec = write(
        tmp_path,
        "both.toml",
        '[experiment]\ndesigns = ["gnso-council", "uni.toml"]\nsteps = 2\nreplications = 1\n',
    )
    assert main(["validate", str(spec)]) == 0


def test_a_base_reads_its_relative_scenario_beside_itself(tmp_path: Path) -> None:
    (tmp_path / "bases").mkdir()
    write(
        tmp_path / "bases",
        "few.scenario.toml",
        '[scenario]\nname = "few"\n[scenario.sectors.a]\ncount = 5\n'
        "[scenario.sectors.b]\ncount = 5\n",
    )
    write(
        tmp_path / "bases",
        "base.toml",
        '[design]\nscenario = "few.scenario.toml"\nseats = [{ group = "a", count = 3 }]\n',
    )
    top = write(tmp_path, "top.toml", '[design]\nextends = "bases/base.toml"\nattendance = 0.5\n')
    design, scenario = resolve(top)
    assert scenario.name == "few" and design.attendance == 0.5
    assert Path(design.scenario) == tmp_path / "bases" / "few.scenario.toml"


def test_tables_merge_and_lists_replace(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "small.toml",
        '[design]\nextends = "gnso-council"\nname = "small"\nhouses = []\n'
        'seats = [{ group = "rysg", count = 2 }, { group = "ncsg", count = 3 }]\n'
        'rule = "majority"\n[design.deliberation]\nsegregation = 0.25\n',
    )
    design, scenario = resolve(path)
    base, _ = resolve("gnso-council")
    assert [(s.group, s.count) for s in design.seats] == [("rysg", 2), ("ncsg", 3)]
    assert design.deliberation.segregation == 0.25
    # Keys of the merged table the variant does not set come from the base.
    assert design.deliberation.kernel == base.deliberation.kernel
    assert design.deliberation.blocks == base.deliberation.blocks
    assert scenario.name == "gnso"


def test_another_rule_replaces_the_base_rule_and_its_parameters(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "uni.toml",
        '[design]\nextends = "gnso-council"\nname = "uni"\nrule = { name = "majority" }\n',
    )
    design, _ = resolve(path)
    assert design.rule.name == "majority" and design.rule.params == ()
    assert len(design.houses) == 2  # kept: the houses still hold the seats


def test_bases_chain_through_relative_paths(tmp_path: Path) -> None:
    (tmp_path / "bases").mkdir()
    write(
        tmp_path / "bases",
        "mid.toml",
        '[design]\nextends = "regional"\nname = "mid"\n[design.regional]\n'
        "answers = [5, 5, 3, 3, 1, 1]\n",
    )
    top = write(tmp_path, "top.toml", '[design]\nextends = "bases/mid.toml"\nname = "top"\n')
    design, _ = resolve(top)
    expected, _ = resolve("regional", overrides=["regional.answers=[5, 5, 3, 3, 1, 1]"])
    assert design.name == "top"
    assert design.default_inclusion == expected.default_inclusion
    assert design.seats == expected.seats


@pytest.mark.parametrize(
    ("files", "message"),
    [
        ({"a.toml": '[design]\nextends = "gnso-counsil"\n'}, "did you mean 'gnso-council'"),
        ({"a.toml": "[design]\nextends = 3\n"}, "expected a built-in design name or a path"),
        (
            {
                "a.toml": '[design]\nextends = "b.toml"\n',
                "b.toml": '[design]\nextends = "a.toml"\n',
            },
            "found a cycle at 'a.toml'",
        ),
        ({"a.toml": '[design]\nextends = "a.toml"\n'}, "found a cycle at 'a.toml'"),
    ],
)
def test_a_bad_base_is_one_line_naming_the_key(
    tmp_path: Path, files: dict[str, str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    for name, text in files.items():
        write(tmp_path, name, text)
    with pytest.raises(SpecError, match=r"design\.extends") as error:
        resolve(tmp_path / "a.toml")
    assert message in str(error.value)
    assert main(["validate", str(tmp_path / "a.toml")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "design.extends" in err and "Traceback" not in err


@pytest.mark.parametrize(
    "source",
    [
        {"design": {"extends": "gnso-council"}},
        {"extends": "gnso-council", "name": "x"},
    ],
)
def test_extends_outside_a_file_is_an_error(source: dict) -> None:
    with pytest.raises(SpecError, match=r"design\.extends: .*only from design files"):
        resolve(source)


def test_extends_in_an_override_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SpecError, match=r"design\.extends"):
        resolve("gnso-council", overrides=["extends=ietf-wg"])
    assert main(["run", "gnso-council", "--set", "extends=ietf-wg", "--steps", "2"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "design.extends" in err and "Traceback" not in err


def test_every_council_variant_describes_and_cites_itself() -> None:
    folder = Path(__file__).parents[2] / "experiments" / "designs"
    designs = [load_design(path) for path in sorted(folder.glob("council-*.toml"))]
    assert len(designs) == 6
    for field in ("name", "description", "source"):
        values = [getattr(d, field) for d in designs]
        assert all(values) and len(set(values)) == len(values), field
