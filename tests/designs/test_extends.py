"""Design variants: ``design.extends`` names a base and the file sets what differs."""

from pathlib import Path

import pytest

from govsim.cli import main
from govsim.designs import SpecError, resolve


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
    expected = resolve(
        "gnso-council",
        overrides=["rule.threshold=gnso-supermajority", "deliberation.rounds=2"],
    )
    assert resolve(path) == expected


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
