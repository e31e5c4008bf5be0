"""docs/spec.md documents every key, every built-in, and its example file is valid."""

import re
from pathlib import Path

import pytest

from govsim.cli import main
from govsim.designs import (
    BUILTIN_DESIGNS,
    BUILTIN_SCENARIOS,
    KEYS,
    LEVELS,
    SpecError,
    load_scenario,
    resolve,
)
from govsim.designs.keys import DECLARED, IDEAL_KEYS

SPEC = (Path(__file__).parents[2] / "docs" / "spec.md").read_text(encoding="utf-8")


#: The heading of the section that holds each table's key reference.
SECTIONS = {
    "design": "## `[design]`",
    "design.houses": "### `design.houses`",
    "design.seats": "### `design.seats`",
    "design.rule": "### `design.rule`",
    "design.inclusion": "### `design.inclusion`",
    "design.agenda": "### `design.agenda`",
    "design.deliberation": "### `design.deliberation`",
    "design.amendment": "### `design.amendment`",
    "design.regional": "## Regional presets",
    "scenario": "## `[scenario]`",
    "scenario.sectors": "### `scenario.sectors.NAME` and `scenario.constituencies.NAME`",
    "scenario.constituencies": "### `scenario.sectors.NAME` and `scenario.constituencies.NAME`",
    "scenario.ideal": "### `ideal`",
    "scenario.shocks": "### `scenario.shocks`",
    "scenario.issues": "### `scenario.issues`",
}
#: Documented rows that are not keys of the table itself.
EXTRA_ROWS = {"design.inclusion": {"default"}}


def _section(heading):
    """The text under ``heading`` up to the next heading of any level."""
    lines = SPEC.splitlines()
    assert lines.count(heading) == 1, heading
    start = lines.index(heading) + 1
    end = next((i for i in range(start, len(lines)) if lines[i].startswith("#")), len(lines))
    return lines[start:end]


def _key_rows(heading):
    """Backticked first cells of the rows of every key table (header "| key ...") there."""
    keys, in_key_table = set(), False
    for line in _section(heading):
        if not line.startswith("|"):
            in_key_table = False
            continue
        first = line.strip("|").split("|")[0].strip()
        if first.startswith("key"):
            in_key_table = True
        elif in_key_table and first.startswith("`") and first.endswith("`"):
            keys.add(first.strip("`"))
    return keys


def test_every_table_has_a_reference_section():
    assert set(SECTIONS) == set(KEYS) - {"file"}


@pytest.mark.parametrize(
    ("table", "key"), [(table, key) for table, keys in KEYS.items() for key in keys]
)
def test_every_key_has_a_row_in_its_own_tables_reference(table, key):
    if table == "file":
        assert f"## `[{key}]`" in SPEC.splitlines()
    else:
        assert key in _key_rows(SECTIONS[table])


@pytest.mark.parametrize("table", sorted(SECTIONS))
def test_every_documented_row_is_a_key_of_its_table(table):
    sharing = [t for t, heading in SECTIONS.items() if heading == SECTIONS[table]]
    known = {key for t in sharing for key in KEYS[t]} | EXTRA_ROWS.get(table, set())
    assert _key_rows(SECTIONS[table]) <= known


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
        assert int(row[1]) == load_scenario(name).size


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
    with pytest.raises(SpecError) as caught:
        resolve("x.toml")
    assert str(caught.value) in SPEC


def _row(heading, key):
    """The cells of ``key``'s row in the key tables under ``heading``."""
    for line in _section(heading):
        cells = [cell.strip() for cell in line.strip("|").split("|")]
        if cells[0] == f"`{key}`":
            return cells
    raise AssertionError(f"no row for {key} under {heading}")


@pytest.mark.parametrize(
    ("table", "key", "override"),
    [
        ("design.seats", "weight", "seats.0.weight=-1"),
        ("design.deliberation", "degree", "deliberation.degree=-1"),
        ("scenario", "resource_inequality", "scenario.resource_inequality=-1"),
        ("scenario.sectors", "resources", "scenario.sectors.government.resources=0"),
    ],
)
def test_documented_bounds_are_the_loaders(table, key, override):
    with pytest.raises(SpecError) as caught:
        resolve("authoritarian-coopted", overrides=[override])
    expected = caught.value.detail.split("; found")[0].removeprefix("expected a number in ")
    assert _row(SECTIONS[table], key)[3] == expected


def test_seat_holders_deliberate_and_shocks_raise_engagement_to_at_least():
    text = " ".join(SPEC.split())
    assert (
        "A seat holder always takes part in deliberation (dialogue 1), whatever its group's "
        "dialogue dial; its agenda access follows its group's dial." in text
    )
    shock = _row(SECTIONS["scenario.shocks"], "engagement")[4]
    assert "rises to at least" in shock and "jump" not in shock
    assert "`design.attendance`, which shocks do not change" in shock


@pytest.mark.parametrize(
    ("table", "key"), [(table, key) for table, keys in DECLARED.items() for key in keys]
)
def test_documented_type_default_range_and_meaning_are_the_declarations(table, key):
    declared = DECLARED[table][key]
    cells = _row(SECTIONS[table], key)
    has_range = len(cells) >= 5  # the rule table has no range column
    assert cells[1] == declared.type_label()
    assert cells[2] == declared.default_label()
    if has_range:
        assert cells[3].startswith(declared.range_label())
    assert cells[-1].startswith(declared.doc)
