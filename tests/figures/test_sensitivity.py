"""The sensitivity figure draws the indices and intervals of govsim.sweeps.sensitivity."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from matplotlib import pyplot as plt
from matplotlib.axes import Axes
from matplotlib.container import BarContainer

import govsim
from govsim.errors import GovsimError
from govsim.figures.labels import METRIC_LABELS, factor_label
from govsim.figures.sensitivity import plot_sensitivity
from govsim.sweeps import sensitivity
from govsim.sweeps.experiment import experiment_from_record
from tests.figures.checks import check_figure


@pytest.fixture(scope="module")
def sobol_table(sobol_sweep) -> pd.DataFrame:
    runs = govsim.load(sobol_sweep)
    return sensitivity(runs, experiment_from_record(runs.attrs["manifest"]["experiment"]))


def bars(ax: Axes) -> list[tuple[str, np.ndarray, np.ndarray]]:
    """Each bar series of a panel: its label, bar lengths and whisker half-widths."""
    found = []
    for container in ax.containers:
        if not isinstance(container, BarContainer):
            continue  # the whiskers' own ErrorbarContainer
        widths = np.array([bar.get_width() for bar in container])
        half = np.full(len(widths), np.nan)
        if container.errorbar is not None:
            segments = container.errorbar.lines[2][0].get_segments()
            half = np.array([(s[1, 0] - s[0, 0]) / 2 for s in segments])
        found.append((container.get_label(), widths, half))
    return found


def test_sobol_panels_show_s1_and_st_with_their_intervals(sobol_table, tmp_path):
    fig, axes = plot_sensitivity(sobol_table)
    check_figure(fig, tmp_path, "sobol")
    assert len(axes) == 2
    for ax, metric in zip(axes, ["pass_rate", "welfare"], strict=True):
        rows = sobol_table[sobol_table["metric"] == metric]
        (s1, s1_width, s1_half), (st, st_width, st_half) = bars(ax)
        assert (s1, st) == ("first-order S1", "total ST")
        np.testing.assert_allclose(s1_width, rows["S1"], rtol=1e-12)
        np.testing.assert_allclose(s1_half, rows["S1_conf"], rtol=1e-9)
        np.testing.assert_allclose(st_width, rows["ST"], rtol=1e-12)
        np.testing.assert_allclose(st_half, rows["ST_conf"], rtol=1e-9)
        assert " ".join(ax.get_title().split()) == METRIC_LABELS[metric]
    names = [" ".join(t.get_text().split()) for t in axes[0].get_yticklabels()]
    assert names == [factor_label(f) for f in rows["factor"]]
    assert len(fig.legends) == 1  # one legend for the whole figure
    plt.close(fig)


def test_one_metric_is_one_panel_on_a_given_ax(sobol_table, tmp_path):
    fig, given = plt.subplots(figsize=(5, 2.5), layout="constrained")
    returned = plot_sensitivity(sobol_table, metric="welfare", ax=given)
    assert returned == (fig, given)
    assert given.get_legend() is not None
    check_figure(fig, tmp_path, "sobol-welfare")
    plt.close(fig)


def test_morris_shows_mu_star_with_its_interval_and_sigma(tmp_path):
    table = pd.DataFrame(
        {
            "design": "d",
            "metric": "welfare",
            "factor": ["deliberation.segregation", "scenario.polarisation", "rule.quorum"],
            "mu": [0.1, -0.3, 0.0],
            "mu_star": [0.12, 0.3, 0.01],
            "mu_star_conf": [0.02, 0.05, 0.005],
            "sigma": [0.04, 0.2, 0.0],
        }
    )
    fig, ax = plot_sensitivity(table, metric="welfare")
    check_figure(fig, tmp_path, "morris")
    (_, mu_star, mu_half), (_, sigma, sigma_half) = bars(ax)
    np.testing.assert_allclose(mu_star, table["mu_star"])
    np.testing.assert_allclose(mu_half, table["mu_star_conf"])
    np.testing.assert_allclose(sigma, table["sigma"])
    assert np.isnan(sigma_half).all()  # sigma has no interval
    assert "elementary effect" in ax.get_xlabel()
    plt.close(fig)


def test_a_constant_metric_says_its_indices_are_undefined(sobol_table):
    table = sobol_table.copy()
    table.loc[table["metric"] == "pass_rate", ["S1", "S1_conf", "ST", "ST_conf"]] = np.nan
    fig, ax = plot_sensitivity(table, metric="pass_rate")
    assert any("constant" in t.get_text() for t in ax.texts)
    plt.close(fig)


def test_bad_arguments_fail_clearly(sobol_table):
    with pytest.raises(GovsimError, match="did you mean 'welfare'"):
        plot_sensitivity(sobol_table, metric="welfair")
    two = pd.concat([sobol_table, sobol_table.assign(design="other")])
    with pytest.raises(GovsimError, match="netmundial, other"):
        plot_sensitivity(two)
    assert len(plot_sensitivity(two, design="other")[1]) == 2
    with pytest.raises(GovsimError, match="ST_conf"):
        plot_sensitivity(sobol_table.drop(columns="ST_conf"))
    with pytest.raises(GovsimError, match=r"Sobol \(S1, ST\) or Morris"):
        plot_sensitivity(sobol_table[["design", "metric", "factor"]])
    _, ax = plt.subplots()
    with pytest.raises(ValueError, match="needs metric="):
        plot_sensitivity(sobol_table, ax=ax)
    with pytest.raises(ValueError, match="pass ax"):
        plot_sensitivity(sobol_table, metric="welfare", axes=[ax])
    plt.close("all")
