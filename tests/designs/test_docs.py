"""docs/spec.md documents every key, every built-in, and its example file is valid."""

import re
from pathlib import Path

import pytest

from govsim.cli import main
from govsim.designs import BUILTIN_DESIGNS, BUILTIN_SCENARIOS, KEYS, LEVELS, resolve
from govsim.designs.keys import IDEAL_KEYS

SPEC = (Path(__file__).parents[2] / "docs" / "spec.md").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("table", "key"), [(table, key) for table, keys in KEYS.items() for key in keys]
)
def test_every_key_has_a_row_in_a_reference_table(table, key):
    if table == "file":
        assert f"## `[{key}]`" in SPEC
    else:
        assert f"\n| `{key}` | " in SPEC


def test_every_distribution_and_level_is_documented():
    for name in [*IDEAL_KEYS, *LEVELS]:
        assert f"`{name}`" in SPEC


def _table_rows(heading):
    section = SPEC.split(heading, 1)[1].split("\n## ", 1)[0]
    return [
        [cell.strip() for cell in line.strip("|").split("|")]
        for line in section.splitlines()
        if line.startswith("| `")
    ]


def test_builtin_design_table_matches_the_library():
    rows = {row[0].strip("`"): row for row in _table_rows("## Built-in designs")}
    assert set(rows) == set(BUILTIN_DESIGNS)
    for name, row in rows.items():
        design, scenario = resolve(name)
        assert row[1] == f"`{scenario.name}`"
        assert int(row[2]) == scenario.size
        assert f"`{design.rule.name}`" in row[4]


def test_builtin_scenario_table_matches_the_library():
    rows = {row[0].strip("`"): row for row in _table_rows("## Built-in scenarios")}
    assert set(rows) == set(BUILTIN_SCENARIOS)
    for name, row in rows.items():
        _, scenario = resolve("regional", name) if name != "gnso" else resolve("gnso-council")
        assert int(row[1]) == scenario.size


def test_the_complete_example_is_valid(tmp_path, monkeypatch, capsys):
    example = re.search(r"## A complete example.*?```toml\n(.*?)```", SPEC, re.S)[1]
    monkeypatch.chdir(tmp_path)
    Path("example.toml").write_text(example, encoding="utf-8")
    assert main(["validate", "example.toml"]) == 0
    out = capsys.readouterr().out
    assert out == "example.toml: ok (design two-house-forum, scenario small-country)\n"
    design, scenario = resolve("example.toml")
    assert scenario.dimensions == 2 and design.dials("ngos", "civil-society").advisory


def test_error_examples_in_the_docs_are_real(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("x.toml").write_text(
        '[design]\nname = "x"\n[design.deliberation]\nkernle = "degroot"\n', encoding="utf-8"
    )
    with pytest.raises(Exception) as caught:
        resolve("x.toml")
    assert str(caught.value) in SPEC
