"""Paper tables: "mean [CI]" per design and setting, one column per metric, as CSV,
Markdown and LaTeX booktabs, with the caption and provenance beside them."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd

from govsim.app.paper_table import latex, paper_table
from govsim.cli import main

SUMMARY = pd.DataFrame(
    {
        "design": ["b", "b", "a", "a", "b", "b"],
        "x": [0.8, 0.8, 0.8, 0.8, 0.2, 0.2],
        "metric": ["welfare", "pass_rate"] * 3,
        "n": [50, 50, 50, 50, 1, 50],
        "mean": [-0.25, 0.6, -0.1234, 0.5, 0.3, np.nan],
        "sd": [0.1] * 6,
        "ci_low": [-0.2681, 0.58, -0.13, 0.45, np.nan, np.nan],
        "ci_high": [-0.2319, 0.62, -0.1168, 0.55, np.nan, np.nan],
    }
)


def test_one_row_per_design_and_setting_in_order_one_column_per_metric() -> None:
    table = paper_table(SUMMARY)
    assert list(table.columns) == ["design", "x", "welfare", "pass_rate"]
    assert table[["design", "x"]].values.tolist() == [["b", 0.8], ["a", 0.8], ["b", 0.2]]
    assert table.loc[0, "welfare"] == "-0.250 [-0.268, -0.232]"
    assert table.loc[1, "welfare"] == "-0.123 [-0.130, -0.117]"
    # One value has no interval; no value has no cell.
    assert table.loc[2, "welfare"] == "0.300" and table.loc[2, "pass_rate"] == ""
    assert paper_table(SUMMARY, digits=1).loc[0, "pass_rate"] == "0.6 [0.6, 0.6]"


def test_latex_is_booktabs_with_escaped_names_and_real_minus_signs() -> None:
    text = latex(paper_table(SUMMARY), "Mean [95% CI].", "Runs: 10\nSeeds: 1")
    lines = text.splitlines()
    assert lines[:2] == ["% Runs: 10", "% Seeds: 1"]
    assert r"\caption{Mean [95\% CI].}" in lines
    assert r"\begin{tabular}{llll}" in lines
    assert [lines.index(rule) for rule in (r"\toprule", r"\midrule", r"\bottomrule")] == sorted(
        lines.index(rule) for rule in (r"\toprule", r"\midrule", r"\bottomrule")
    )
    assert r"design & x & welfare & pass\_rate \\" in lines
    assert r"b & 0.8 & $-$0.250 [$-$0.268, $-$0.232] & 0.600 [0.580, 0.620] \\" in lines


def test_analyze_paper_writes_the_table_the_summary_holds(tmp_path: Path, capsys) -> None:
    spec = tmp_path / "e.toml"
    spec.write_text(
        '[experiment]\ndesigns = ["gnso-council", "gnso-council-2003"]\nsteps = 10\n'
        'replications = 3\nseed = 2\n[factors]\n"scenario.polarisation" = [0.3, 0.7]\n'
    )
    out = tmp_path / "out"
    assert main(["sweep", str(spec), "--out", str(out), "--backend", "serial", "--quiet"]) == 0
    argv = ["analyze", str(out), "--metrics", "welfare,pass_rate", "--paper"]
    assert main(argv) == 0
    assert "wrote the paper table (csv, md, tex, txt)" in capsys.readouterr().out
    folder = out / "analysis"
    summary = pd.read_csv(folder / "summary.csv")
    paper = pd.read_csv(folder / "paper.csv")
    assert len(paper) == 4 and list(paper.columns[-2:]) == ["welfare", "pass_rate"]
    row = summary.iloc[0]
    cell = paper.loc[
        (paper["design"] == row["design"])
        & (paper["scenario.polarisation"] == row["scenario.polarisation"]),
        row["metric"],
    ].item()
    mean, low, high = map(float, re.findall(r"-?\d+\.\d+", cell))
    np.testing.assert_allclose(
        [mean, low, high], row[["mean", "ci_low", "ci_high"]].astype(float), atol=5e-4
    )
    caption = (folder / "paper.txt").read_text()
    assert caption.startswith("Mean [95% confidence interval]")
    assert "Runs: 12 ok and 0 failed" in caption and "Seeds: base seed 2" in caption
    assert r"\toprule" in (folder / "paper.tex").read_text()
    assert (folder / "paper.md").read_text().startswith("| design")
