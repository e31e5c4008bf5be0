"""The scenario-discovery figures: drawn from the frames of a known PRIM result."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from govsim.errors import GovsimError
from govsim.figures.discover import (
    plot_box_limits,
    plot_feature_scores,
    plot_peeling_trajectory,
)
from govsim.sweeps.discovery import feature_scores, prim
from tests.figures.checks import check_figure


@pytest.fixture(scope="module")
def found():
    """A box on a and a kernel, over 1,500 uniform points."""
    rng = np.random.default_rng(2)
    x = pd.DataFrame(
        {
            "a": rng.random(1500),
            "deliberation.kernel": rng.choice(["degroot", "friedkin-johnsen", "linear"], 1500),
            "b": rng.random(1500),
        }
    )
    cases = ((x["a"] > 0.6) & (x["deliberation.kernel"] != "linear")).to_numpy()
    return prim(x, cases, max_boxes=2), feature_scores(x, cases)


def test_peeling_trajectory(found, tmp_path) -> None:
    discovery, _ = found
    fig, ax = plot_peeling_trajectory(
        discovery.trajectory, threshold=0.8, base_rate=discovery.base_rate
    )
    chosen = discovery.trajectory[discovery.trajectory["chosen"]]
    # One star per chosen box, at its coverage and density.
    stars = [c for c in ax.collections if len(c.get_offsets()) == 1]
    assert len(stars) == len(chosen) == len(discovery.boxes)
    assert np.allclose(stars[0].get_offsets()[0], chosen[["coverage", "density"]].iloc[0])
    check_figure(fig, tmp_path, "trajectory")


def test_box_limits(found, tmp_path) -> None:
    discovery, _ = found
    table = discovery.table()
    fig, ax = plot_box_limits(table, discovery.ranges)
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels[0].startswith("box 1: ")
    assert len(labels) == table["factor"].notna().sum()
    texts = " ".join(t.get_text() for t in ax.texts)
    assert "degroot, friedkin-johnsen" in texts and "quasi-p" in texts
    check_figure(fig, tmp_path, "limits")


def test_feature_scores(found, tmp_path) -> None:
    _, scores = found
    fig, ax = plot_feature_scores(scores)
    assert ax.get_yticklabels()[0].get_text() == "a"
    assert scores["score"].sum() == pytest.approx(1.0)
    check_figure(fig, tmp_path, "scores")


def test_a_missing_column_is_one_line() -> None:
    with pytest.raises(GovsimError, match="trajectory: expected a column of the trajectory"):
        plot_peeling_trajectory(pd.DataFrame({"box": [1]}))
