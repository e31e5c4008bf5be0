"""Positions of one run over issues and over deliberation rounds."""

from __future__ import annotations

import numpy as np
import pytest
from matplotlib.collections import LineCollection
from matplotlib.colors import to_rgb

from govsim.figures.positions import plot_positions
from govsim.figures.style import SECTOR_MARKERS, sector_colour
from govsim.model.trace import positions_over_issues, positions_over_rounds
from tests.figures.checks import check_figure


def sector_lines(ax) -> dict[str, LineCollection]:
    return {c.get_gid(): c for c in ax.collections if isinstance(c, LineCollection)}


def test_every_stakeholder_is_a_thin_line_in_its_sector_colour(tmp_path) -> None:
    frame = positions_over_issues("gnso-council", seed=1, steps=20)
    fig, ax = plot_positions(frame)
    check_figure(fig, tmp_path, "positions_over_issues")
    lines = sector_lines(ax)
    assert set(lines) == set(frame["sector"])
    for sector, collection in lines.items():
        members = frame[frame["sector"] == sector]
        assert {tuple(c[:3]) for c in collection.get_colors()} == {to_rgb(sector_colour(sector))}
        segments = collection.get_segments()
        assert len(segments) == members["stakeholder"].nunique()
        first = members[members["stakeholder"] == members["stakeholder"].min()]
        np.testing.assert_array_equal(segments[0][:, 0], first["issue"])
        np.testing.assert_array_equal(segments[0][:, 1], first["position"])
    assert ax.get_xlabel() == "issue (one per step)"
    assert ax.get_ylabel() == "position on the policy axis (0–1)"


def test_sector_means_carry_the_sector_marker_and_the_status_quo_is_a_black_step(
    tmp_path,
) -> None:
    frame = positions_over_issues("ietf-wg", seed=2, steps=12)
    fig, ax = plot_positions(frame)
    check_figure(fig, tmp_path, "positions_ietf")
    by_label = {line.get_label(): line for line in ax.get_lines()}
    means = frame.groupby(["sector", "issue"])["position"].mean()
    for sector in frame["sector"].unique():
        (line,) = [v for k, v in by_label.items() if k.startswith(f"{sector} mean")]
        assert line.get_color() == sector_colour(sector)
        assert line.get_marker() == SECTOR_MARKERS[sector]
        np.testing.assert_allclose(line.get_ydata(), means[sector], rtol=1e-12)
    status_quo = by_label["what holds (outcome)"]
    assert status_quo.get_color() == "black" and status_quo.get_drawstyle() == "steps-post"
    np.testing.assert_array_equal(
        status_quo.get_ydata(), frame.groupby("issue")["status_quo"].first()
    )
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert "what holds (outcome)" in legend and len(legend) == frame["sector"].nunique() + 1


def test_rounds_of_one_issue_with_the_tabled_proposal(tmp_path) -> None:
    frame = positions_over_rounds("ietf-wg", seed=2, rounds=8)
    fig, ax = plot_positions(frame, x="round")
    check_figure(fig, tmp_path, "positions_over_rounds")
    assert ax.get_xlabel() == "deliberation round"
    proposal = {line.get_label(): line for line in ax.get_lines()}["proposal (as tabled)"]
    assert proposal.get_linestyle() == "--"
    np.testing.assert_array_equal(proposal.get_ydata(), np.full(9, frame["proposal"].iloc[0]))
    assert (
        sum(len(c.get_segments()) for c in sector_lines(ax).values())
        == frame["stakeholder"].nunique()
    )


def test_hundreds_of_stakeholders_stay_fast_and_small(tmp_path) -> None:
    frame = positions_over_issues("netmundial", seed=3, steps=30)
    assert frame["stakeholder"].nunique() == 400
    fig, ax = plot_positions(frame)
    check_figure(fig, tmp_path, "positions_400")
    # One collection per sector, not one artist per stakeholder (what keeps it fast).
    assert len(ax.collections) == frame["sector"].nunique()
    assert len(ax.get_lines()) == frame["sector"].nunique() + 1
    assert (tmp_path / "positions_400.pdf").stat().st_size < 400_000


def test_unknown_x_is_rejected() -> None:
    with pytest.raises(ValueError, match="x"):
        plot_positions(positions_over_rounds("ietf-wg", rounds=1), x="time")
