"""The rule-comparison and sector-power figures draw summary_table's numbers."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from matplotlib import pyplot as plt
from matplotlib.axes import Axes
from matplotlib.colors import to_rgb
from scipy import stats

import govsim
from govsim.errors import GovsimError
from govsim.figures.compare import COMPARISON_METRICS, plot_comparison, plot_sector_power
from govsim.figures.labels import METRIC_LABELS, metric_label
from govsim.figures.style import sector_colour
from govsim.sweeps import summary_table
from tests.figures.checks import check_figure

FACTORS = ["deliberation.segregation", "scenario.polarisation"]
MODEL_DOC = Path(__file__).parents[2] / "docs" / "model.md"


def errorbars(ax: Axes) -> pd.DataFrame:
    """Each dot-and-whisker row of a panel, read back from its artists."""
    rows = []
    for container in ax.containers:
        dot, _, whiskers = container.lines
        segment = whiskers[0].get_segments()[0][:, 0] if whiskers else [np.nan, np.nan]
        rows.append(
            {
                "label": container.get_label(),
                "y": dot.get_ydata()[0],
                "mean": dot.get_xdata()[0],
                "ci_low": min(segment),
                "ci_high": max(segment),
            }
        )
    return pd.DataFrame(rows)


def unwrapped(text: str) -> str:
    return " ".join(text.split())


def test_comparison_draws_the_summary_of_every_default_metric(factorial_sweep, tmp_path):
    runs = govsim.load(factorial_sweep)
    fig, axes = plot_comparison(runs)
    check_figure(fig, tmp_path, "comparison")
    assert len(axes) == len(COMPARISON_METRICS)
    designs = list(runs.attrs["manifest"]["designs"])
    for ax, metric in zip(axes, COMPARISON_METRICS, strict=True):
        drawn = errorbars(ax)
        # The replicates are the independent units: each one's mean over the 4 points,
        # then Student's t interval over the 3 replicates (computed here by hand).
        per_replicate = runs.groupby(["design", "replicate"], sort=False)[metric].mean()
        expected = []
        for design in designs:
            values = per_replicate[design].to_numpy()
            half = stats.t.ppf(0.975, len(values) - 1) * values.std(ddof=1) / len(values) ** 0.5
            expected.append((values.mean(), values.mean() - half, values.mean() + half))
        assert drawn["label"].tolist() == designs
        assert drawn["y"].tolist() == [0, 1, 2]
        np.testing.assert_allclose(drawn[["mean", "ci_low", "ci_high"]], expected, rtol=1e-9)
        assert unwrapped(ax.get_xlabel()) == METRIC_LABELS[metric]
    # Rows are shared across a row of panels: only the first column names them.
    assert [t.get_text() for t in axes[0].get_yticklabels()] == designs
    assert not any(t.get_visible() and t.get_text() for t in axes[1].get_yticklabels())
    plt.close(fig)


def test_comparison_by_a_factor_names_each_value_and_design(factorial_sweep, tmp_path):
    runs = govsim.load(factorial_sweep)
    fig, axes = plot_comparison(runs, "welfare", by="scenario.polarisation", confidence=0.9)
    check_figure(fig, tmp_path, "by-factor")
    expected = summary_table(runs, ["scenario.polarisation"], ["welfare"], confidence=0.9)
    drawn = errorbars(axes[0])
    names = [
        f"{p:g} · {d}"
        for d, p in zip(expected["design"], expected["scenario.polarisation"], strict=True)
    ]
    assert drawn["label"].tolist() == names
    interval = ["mean", "ci_low", "ci_high"]
    np.testing.assert_allclose(drawn[interval], expected[interval], rtol=1e-12)
    plt.close(fig)


def test_comparison_of_one_design_by_a_factor_names_the_values(factorial_sweep):
    runs = govsim.load(factorial_sweep)
    one = runs[runs["design"] == "ietf-wg"]
    fig, axes = plot_comparison(one, ["pass_rate"], by="deliberation.segregation")
    assert errorbars(axes[0])["label"].tolist() == ["0", "1"]
    plt.close(fig)


def test_comparison_draws_on_given_axes_with_display_labels(factorial_sweep):
    runs = govsim.load(factorial_sweep)
    fig, given = plt.subplots(1, 3)
    labels = {"gnso-council": "GNSO Council (2009)", "welfare": "W"}
    returned, axes = plot_comparison(runs, ["welfare", "pass_rate"], labels=labels, axes=given)
    assert returned is fig
    assert list(axes) == list(given[:2])
    assert axes[0].get_xlabel() == "W"
    assert axes[0].get_yticklabels()[0].get_text() == "GNSO Council (2009)"
    assert errorbars(axes[1])["label"][0] == "GNSO Council (2009)"
    # The second panel of the row shares the first one's row names.
    assert not any(t.get_visible() and t.get_text() for t in axes[1].get_yticklabels())
    assert not given[2].has_data()
    plt.close(fig)


def test_comparison_rejects_bad_arguments(factorial_sweep):
    runs = govsim.load(factorial_sweep)
    with pytest.raises(GovsimError, match="did you mean 'welfare'"):
        plot_comparison(runs, ["welfair"])
    with pytest.raises(GovsimError, match=r"^by: expected a column of the runs table"):
        plot_comparison(runs, by="regoin")
    with pytest.raises(GovsimError, match="metrics: expected a runs table with some of"):
        plot_comparison(runs.drop(columns=list(COMPARISON_METRICS)))
    with pytest.raises(GovsimError, match="confidence"):
        plot_comparison(runs, "welfare", confidence=95)
    _, ax = plt.subplots()
    with pytest.raises(ValueError, match="expected at least 2 axes; found 1"):
        plot_comparison(runs, ["welfare", "pass_rate"], axes=[ax])
    plt.close("all")


def test_every_run_metric_of_the_model_has_a_label():
    section = MODEL_DOC.read_text().split("## Metrics")[1].split("\n## ")[0]
    names = re.findall(r"`([a-z_<>]+)`", "\n".join(re.findall(r"(?m)^\| (`.*?) \|", section)))
    assert "attained_gain" in names and "welfare_gain_<sector>" in names
    for name in names:
        column = name.replace("<sector>", "civil_society")
        assert metric_label(column) != column, name
    assert metric_label("power_civil_society") == "Banzhaf power of civil-society (share)"
    assert metric_label("welfare_gain_civil_society").startswith("welfare gain of civil-society")
    assert metric_label("status_quo_2") == "last outcome, dimension 2 (position)"


@pytest.fixture(scope="module")
def power_runs() -> pd.DataFrame:
    """Runs of two designs with their power_<sector> columns, two replicates each."""
    frames = [
        result.summary.assign(replicate=r, status="ok")
        for design in ("gnso-council", "netmundial")
        for r, result in enumerate(govsim.run_batch(design, steps=2, seeds=range(2)))
    ]
    return pd.concat(frames, ignore_index=True)


def test_sector_power_bars_are_the_mean_power_of_each_sector(power_runs, tmp_path):
    fig, ax = plot_sector_power(power_runs)
    check_figure(fig, tmp_path, "sector-power")
    columns = [c for c in power_runs.columns if c.startswith("power_")]
    means = power_runs.groupby("design", sort=False)[columns].mean()
    expected = {
        (design, column.removeprefix("power_").replace("_", "-")): value
        for (design, column), value in means.stack().items()
        if np.isfinite(value)
    }
    drawn = {}
    rows = [t.get_text() for t in ax.get_yticklabels()]
    assert rows == ["gnso-council", "netmundial"]
    for container in ax.containers:
        sector = container.get_label()
        for bar in container:
            assert bar.get_facecolor()[:3] == pytest.approx(to_rgb(sector_colour(sector)))
            design = rows[round(bar.get_y() + bar.get_height() / 2)]
            drawn[design, sector] = bar.get_width()
    assert drawn.keys() == expected.keys()
    for key, value in expected.items():
        assert drawn[key] == pytest.approx(value, rel=1e-12), key
    # Sectors keep distinct hatches for greyscale print.
    hatches = [c.patches[0].get_hatch() for c in ax.containers]
    assert len(set(hatches)) == len(hatches)
    assert ax.get_xlabel() == "normalised Banzhaf power of the sector (share)"
    plt.close(fig)


def test_sector_power_draws_on_a_given_ax_and_needs_power_columns(power_runs, factorial_sweep):
    fig, given = plt.subplots()
    assert plot_sector_power(power_runs, ax=given) == (fig, given)
    with pytest.raises(GovsimError, match=r"expected power_<sector> columns"):
        plot_sector_power(govsim.load(factorial_sweep))
    plt.close(fig)
