"""The GNSO "7 over 14" figure: simulated counter-majoritarian rates and seat power."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from matplotlib import pyplot as plt
from matplotlib.colors import to_rgb
from scipy import stats

import govsim
from govsim.figures.gnso import plot_seven_over_fourteen
from govsim.figures.labels import factor_label, wrap_label
from govsim.figures.style import OKABE_ITO
from govsim.power.report import seat_power_table
from govsim.sweeps.analysis import summary_table
from tests.figures.checks import check_figure

METRIC = "seat_counter_majoritarian_rate"
SPLIT = "scenario.polarisation"


@pytest.fixture(scope="module")
def runs(factorial_sweep: str) -> pd.DataFrame:
    return govsim.load(factorial_sweep)


@pytest.fixture(scope="module")
def seat_power() -> pd.DataFrame:
    table = seat_power_table()
    rules = ["gnso-default", "majority of 27 weighted votes", "one seat, one vote"]
    return table[table["rule"].isin(rules)]


def bar_widths(ax) -> list[float]:
    return sorted(round(p.get_width(), 12) for p in ax.patches)


def seat_values(table: pd.DataFrame) -> list[float]:
    """One value per seat class and rule: a class is a house, or a vote weight."""
    voting = table[table["weight"] > 0]
    per_class = voting.groupby(["council", "rule", "house", "weight"])["vs_equal_share"].first()
    return sorted(round(v, 12) for v in per_class)


def test_one_estimate_per_design_with_its_interval(runs, seat_power, tmp_path) -> None:
    fig, (left, right) = plot_seven_over_fourteen(runs, seat_power)
    check_figure(fig, tmp_path, "seven_over_fourteen")
    # The replicates are the independent units: each one's mean over the 4 points, then
    # Student's t interval over the 3 replicates (computed here by hand).
    per_replicate = runs.groupby(["design", "replicate"], sort=False)[METRIC].mean()
    designs = list(pd.unique(runs["design"]))
    assert [t.get_text() for t in left.get_yticklabels()] == designs
    for k, (container, design) in enumerate(zip(left.containers, designs, strict=True)):
        values = per_replicate[design].to_numpy()
        half = stats.t.ppf(0.975, len(values) - 1) * values.std(ddof=1) / len(values) ** 0.5
        dot, _, (whisker,) = container.lines
        assert dot.get_xdata()[0] == pytest.approx(values.mean(), abs=1e-12)
        assert dot.get_color() == OKABE_ITO[k]
        np.testing.assert_allclose(
            whisker.get_segments()[0][:, 0], [values.mean() - half, values.mean() + half]
        )
    assert left.get_xlabel().replace("\n", " ") == (
        "share of issues where the outcome defeats a larger head count of seats"
    )
    assert bar_widths(right) == seat_values(seat_power)


def test_lines_over_the_preference_split(runs, seat_power, tmp_path) -> None:
    fig, (left, right) = plot_seven_over_fourteen(runs, seat_power, split=SPLIT)
    check_figure(fig, tmp_path, "seven_over_fourteen_split")
    expected = summary_table(runs, [SPLIT], [METRIC])
    lines = {line.get_label(): line for line in left.get_lines()}
    assert list(lines) == ["gnso-council", "gnso-council-2003", "ietf-wg"]
    styles = {(line.get_marker(), line.get_linestyle()) for line in lines.values()}
    assert len(styles) == len(lines)  # apart in greyscale too
    for design, rows in expected.groupby("design"):
        np.testing.assert_array_equal(lines[design].get_xdata(), rows[SPLIT])
        np.testing.assert_allclose(lines[design].get_ydata(), rows["mean"], rtol=1e-12)
    bands = left.collections
    assert len(bands) == len(lines)
    assert {to_rgb(b.get_facecolor()[0]) for b in bands} == {to_rgb(c) for c in OKABE_ITO[:3]}
    assert left.get_xlabel() == wrap_label(factor_label(SPLIT), 240.0)
    assert [t.get_text() for t in left.get_legend().get_texts()] == list(lines)
    assert bar_widths(right) == seat_values(seat_power)


def test_draws_on_given_axes_and_other_metrics(runs, tmp_path) -> None:
    _, given = plt.subplots(2, 1, figsize=(6.5, 7), layout="constrained")
    fig, axes = plot_seven_over_fourteen(
        runs, seat_power_table(), metric="counter_majoritarian_rate", axes=given
    )
    check_figure(fig, tmp_path, "seven_over_fourteen_given_axes")
    assert list(axes) == list(given)
    assert "majority of the engaged stakeholders" in axes[0].get_xlabel().replace("\n", " ")
    expected = summary_table(runs, [], ["counter_majoritarian_rate"])["mean"]
    means = [c.lines[0].get_xdata()[0] for c in axes[0].containers]
    np.testing.assert_allclose(means, expected, rtol=1e-12)
