"""The heatmap draws each setting's group mean as a vector cell with a readable label."""

from __future__ import annotations

import numpy as np
import pytest
from matplotlib import pyplot as plt
from matplotlib.collections import QuadMesh

import govsim
from govsim.errors import GovsimError
from govsim.figures.heatmap import plot_heatmap
from govsim.figures.labels import METRIC_LABELS, factor_label
from tests.figures.checks import check_figure

X, Y = "deliberation.segregation", "scenario.polarisation"


@pytest.mark.parametrize("metric", ["welfare", "pass_rate"])
def test_cells_are_the_group_means(factorial_sweep, tmp_path, metric):
    runs = govsim.load(factorial_sweep)
    fig, ax = plot_heatmap(runs, X, Y, metric, design="gnso-council-2003")
    check_figure(fig, tmp_path, f"heatmap-{metric}")
    mine = runs[(runs["design"] == "gnso-council-2003") & (runs["status"] == "ok")]
    expected = mine.groupby([Y, X])[metric].mean().unstack(X)  # rows y, columns x, sorted
    (mesh,) = [c for c in ax.collections if isinstance(c, QuadMesh)]
    cells = np.asarray(mesh.get_array()).reshape(expected.shape)
    np.testing.assert_allclose(cells, expected.to_numpy(), rtol=1e-12)
    # Each cell is labelled with its value, at its centre (x column j, y row i).
    texts = {(round(t.get_position()[1]), round(t.get_position()[0])): t for t in ax.texts}
    for (i, j), value in np.ndenumerate(expected.to_numpy()):
        assert texts[i, j].get_text() == f"{value:.3g}".replace("-", "−")
    assert [t.get_text() for t in ax.get_xticklabels()] == ["0", "1"]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["0", "0.6"]
    assert (ax.get_xlabel(), unwrap(ax.get_ylabel())) == (factor_label(X), factor_label(Y))
    colorbar = mesh.colorbar
    assert " ".join(colorbar.ax.get_ylabel().split()) == METRIC_LABELS[metric]
    assert mesh.get_cmap().name == "cividis"
    plt.close(fig)


def unwrap(text: str) -> str:
    return " ".join(text.split())


def test_labels_contrast_with_their_cells(factorial_sweep):
    runs = govsim.load(factorial_sweep)
    fig, ax = plot_heatmap(runs, X, Y, "welfare", design="ietf-wg")
    (mesh,) = [c for c in ax.collections if isinstance(c, QuadMesh)]
    values = np.asarray(mesh.get_array()).ravel()
    by_value = {t.get_text(): t.get_color() for t in ax.texts}
    # cividis runs from dark blue (low) to light yellow (high).
    assert by_value[f"{values.min():.3g}".replace("-", "−")] == "white"
    assert by_value[f"{values.max():.3g}".replace("-", "−")] == "black"
    plt.close(fig)


def test_one_design_needs_no_name_and_a_given_ax_is_used(factorial_sweep):
    runs = govsim.load(factorial_sweep)
    fig, given = plt.subplots()
    returned = plot_heatmap(runs[runs["design"] == "ietf-wg"], Y, X, "engagement", ax=given)
    assert returned == (fig, given)
    assert given.get_title() == "ietf-wg"
    assert (given.get_xlabel(), unwrap(given.get_ylabel())) == (factor_label(Y), factor_label(X))
    plt.close(fig)


def test_bad_arguments_fail_with_one_clear_line(factorial_sweep):
    runs = govsim.load(factorial_sweep)
    with pytest.raises(GovsimError, match="gnso-council, gnso-council-2003, ietf-wg") as error:
        plot_heatmap(runs, X, Y, "welfare")
    assert "\n" not in str(error.value)
    with pytest.raises(GovsimError, match="did you mean 'ietf-wg'"):
        plot_heatmap(runs, X, Y, "welfare", design="ietf_wg")
    with pytest.raises(GovsimError, match=r"^x: expected a column of the runs table"):
        plot_heatmap(runs, "segregation", Y, "welfare", design="ietf-wg")
    with pytest.raises(GovsimError, match=r"^y: .*did you mean 'scenario.polarisation'"):
        plot_heatmap(runs, X, "scenario.polarization", "welfare", design="ietf-wg")
    with pytest.raises(GovsimError, match="did you mean 'welfare'"):
        plot_heatmap(runs, X, Y, "welfair", design="ietf-wg")
    with pytest.raises(ValueError, match="two different factor columns"):
        plot_heatmap(runs, X, X, "welfare", design="ietf-wg")
