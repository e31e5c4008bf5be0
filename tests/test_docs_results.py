"""Numbers quoted in the docs are the committed results' (so each can be traced)."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parents[1]


def markdown_table(text: str, header_start: str) -> pd.DataFrame:
    """The markdown table whose header row starts with ``header_start``."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(header_start))
    rows = []
    for line in lines[start:]:
        if not line.startswith("|"):
            break
        rows.append([cell.strip().strip("`") for cell in line.strip("|").split("|")])
    return pd.DataFrame(rows[2:], columns=rows[0])


def test_the_six_rules_table_of_the_model_docs_is_the_rules_experiments_summary() -> None:
    docs = markdown_table((ROOT / "docs" / "model.md").read_text(), "| design | `pass_rate`")
    summary = pd.read_csv(ROOT / "results" / "rules" / "analysis" / "summary.csv")
    summary = summary.set_index(["design", "metric"])
    assert len(docs) == 6
    for _, row in docs.iterrows():
        for column, cell in row.items():
            if column == "design":
                continue
            mean, low, high = map(float, re.findall(r"-?\d\.\d+", cell))
            stats = summary.loc[(row["design"], column)]
            for quoted, value in ((mean, "mean"), (low, "ci_low"), (high, "ci_high")):
                assert quoted == pytest.approx(stats[value], abs=0.0005 + 1e-12), (
                    row["design"],
                    column,
                )
