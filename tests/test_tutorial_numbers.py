"""The tutorial's "Reading the numbers" section: every metric it names is in the
registry, with the direction the registry declares, and it defines govsim's words."""

from __future__ import annotations

import re
from pathlib import Path

from govsim.designs import load_scenario
from govsim.model import METRICS
from govsim.model.registry import Metric

ROOT = Path(__file__).resolve().parents[1]
SECTORS = load_scenario("gnso").sectors  # the tutorial's scenario


def section() -> str:
    text = (ROOT / "docs" / "tutorial.md").read_text()
    start = text.index("## Reading the numbers")
    return text[start : text.index("\n## ", start + 1)]


def registered(column: str) -> Metric | None:
    """The run metric of a column name: itself, or a sector family's member."""
    for metric in METRICS.values():
        if metric.per != "run":
            continue
        if metric.family is None and metric.name == column:
            return metric
        if metric.family == "sector" and column.startswith(f"{metric.name}_"):
            suffix = column.removeprefix(f"{metric.name}_")
            if suffix in {sector.replace("-", "_") for sector in SECTORS}:
                return metric
    return None


def test_every_metric_the_section_names_is_registered_with_its_direction() -> None:
    rows = re.findall(r"^\| `(\w+)` \| (\w+) \|", section(), re.MULTILINE)
    assert len(rows) >= 5
    for column, direction in rows:
        metric = registered(column)
        assert metric is not None, column
        assert metric.direction == direction, (column, metric.direction)
    # Every metric the section mentions in backticks, in the table or the text.
    for word in set(re.findall(r"`(\w+_\w+)`", section())):
        if word not in {"status_quo"}:
            assert registered(word) is not None, word


def test_the_experiment_metrics_are_all_explained() -> None:
    spec = (ROOT / "experiments" / "tutorial.toml").read_text()
    listed = re.search(r"metrics = \[(.*?)\]", spec, re.DOTALL)
    assert listed is not None
    names = re.findall(r'"(\w+)"', listed.group(1))
    explained = re.findall(r"^\| `(\w+)` \|", section(), re.MULTILINE)
    assert sorted(names) == sorted(explained)


def test_the_glossary_defines_govsims_words() -> None:
    defined = re.findall(r"^- \*\*(\w+)\*\*:", section(), re.MULTILINE)
    assert {"design", "scenario", "issue", "chunk", "point", "replicate"} <= set(defined)
