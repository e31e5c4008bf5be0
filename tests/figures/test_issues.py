"""Trajectories over issues: per-issue means and t bands of each design, and the shocks."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from matplotlib import pyplot as plt
from matplotlib.collections import PolyCollection
from scipy import stats

import govsim
from govsim.errors import GovsimError
from govsim.figures.issues import plot_over_issues
from tests.figures.checks import check_figure


@pytest.fixture(scope="module")
def tables(factorial_sweep) -> tuple[pd.DataFrame, pd.DataFrame]:
    return govsim.load(factorial_sweep, table="issues"), govsim.load(factorial_sweep)


def expected(issues: pd.DataFrame, runs: pd.DataFrame, metric: str, by: str) -> pd.DataFrame:
    """Mean and 95% t interval per line and issue, by a plain pandas groupby."""
    keys = ["design"] if by == "design" else ["design", by]
    joined = issues[["run_id", "issue", metric]].merge(runs[["run_id", *keys]], on="run_id")
    values = joined[metric].astype(float)
    found = values.groupby([joined[k] for k in [*keys, "issue"]]).agg(["mean", "std", "count"])
    found = found.reset_index()
    half = stats.t.ppf(0.975, found["count"] - 1) * found["std"] / np.sqrt(found["count"])
    return found.assign(low=found["mean"] - half, high=found["mean"] + half)


def test_lines_and_bands_are_the_means_and_t_intervals(tables, tmp_path):
    issues, runs = tables
    fig, ax = plot_over_issues(issues, runs, shocks={10: "Mexico 2009"})
    check_figure(fig, tmp_path, "engagement")
    want = expected(issues, runs, "engagement", "design")
    designs = list(runs.attrs["manifest"]["designs"])
    lines = {line.get_label(): line for line in ax.lines if line.get_label() in designs}
    bands = [c for c in ax.collections if isinstance(c, PolyCollection)]
    assert list(lines) == designs and len(bands) == len(designs)
    for design, band in zip(designs, bands, strict=True):
        mine = want[want["design"] == design]
        np.testing.assert_array_equal(lines[design].get_xdata(), mine["issue"])
        np.testing.assert_allclose(lines[design].get_ydata(), mine["mean"], rtol=1e-12)
        edges = pd.DataFrame(band.get_paths()[0].vertices, columns=["x", "y"])
        edges = edges.groupby("x")["y"].agg(["min", "max"]).loc[mine["issue"]]
        np.testing.assert_allclose(edges["min"], mine["low"], rtol=1e-9)
        np.testing.assert_allclose(edges["max"], mine["high"], rtol=1e-9)
    # Colour, dash pattern and marker each tell the lines apart (greyscale too).
    for attribute in ("get_color", "get_linestyle", "get_marker"):
        assert len({getattr(line, attribute)() for line in lines.values()}) == len(designs)
    (shock,) = [line for line in ax.lines if line.get_label() not in designs]
    assert list(shock.get_xdata()) == [10, 10]
    assert (shock.get_color(), shock.get_linestyle()) == ("black", "--")
    assert [t.get_text() for t in ax.texts] == ["Mexico 2009"]
    assert ax.get_xlabel() == "issue (one per step)"
    plt.close(fig)


def test_a_true_false_column_is_the_share_of_runs(tables):
    issues, runs = tables
    fig, ax = plot_over_issues(issues, runs, "passed", shocks=[3, (8, "reform")])
    want = expected(issues, runs, "passed", "design")
    line = ax.lines[0]
    mine = want[want["design"] == line.get_label()]
    np.testing.assert_allclose(line.get_ydata(), mine["mean"])
    assert [t.get_text() for t in ax.texts] == ["shock", "reform"]
    assert ax.get_ylabel() == "passed (share of runs)"
    plt.close(fig)


def test_lines_by_a_factor_on_a_given_ax(tables, tmp_path):
    issues, runs = tables
    fig, given = plt.subplots(figsize=(6.5, 3), layout="constrained")
    by = "scenario.polarisation"
    returned = plot_over_issues(issues, runs, "welfare", by=by, confidence=0.95, ax=given)
    assert returned == (fig, given)
    check_figure(fig, tmp_path, "welfare-by-polarisation")
    want = expected(issues, runs, "welfare", by)
    first = want[(want["design"] == "gnso-council") & (want[by] == 0.6)]
    (line,) = [line for line in given.lines if line.get_label() == "0.6 · gnso-council"]
    np.testing.assert_allclose(line.get_ydata(), first["mean"], rtol=1e-12)
    assert len(given.lines) == 6
    plt.close(fig)


def test_bad_arguments_fail_clearly(tables):
    issues, runs = tables
    with pytest.raises(GovsimError, match="did you mean 'engagement'"):
        plot_over_issues(issues, runs, "engagment")
    with pytest.raises(GovsimError, match="expected a numeric or true/false column"):
        plot_over_issues(issues, runs, "proposer_sector")
    with pytest.raises(GovsimError, match=r"^by: "):
        plot_over_issues(issues, runs, by="region")
    with pytest.raises(GovsimError, match=r"shocks: expected issue numbers .*-1"):
        plot_over_issues(issues, runs, shocks=[-1])
    with pytest.raises(GovsimError, match="found none"):
        plot_over_issues(issues, runs.assign(run_id=runs["run_id"] + 10_000))
    plt.close("all")
