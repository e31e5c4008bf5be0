"""The explore page's views without a browser: record, seat power, network, export."""

from __future__ import annotations

import gc
import threading
import weakref
from fractions import Fraction
from math import comb
from pathlib import Path

import matplotlib.image
import numpy as np
import pytest
from matplotlib.collections import LineCollection, PathCollection

from govsim.app.explore.session import Dials, Session
from govsim.app.explore.views import (
    DRAWING,
    EXPORTED,
    RECORDED,
    PositionsPlot,
    export_files,
    figure_image,
    network_figure,
    power_frame,
    record_frame,
)
from govsim.designs import resolve
from govsim.errors import GovsimError
from govsim.figures import paper_style
from govsim.model import GovernanceModel
from govsim.model.trace import positions_over_issues
from govsim.power.report import report_councils, seat_power_table
from tests.power.test_report import assert_vector_pdf


@pytest.fixture(scope="module")
def stepped() -> GovernanceModel:
    model = GovernanceModel("gnso-council", seed=3)
    for _ in range(25):
        model.step()
    return model


def test_the_record_is_the_last_rows_of_the_issue_table(stepped: GovernanceModel) -> None:
    record, issues = record_frame(stepped), stepped.issues()
    assert len(record) == RECORDED and record["issue"].tolist() == list(range(15, 25))
    last, expected = record.iloc[-1], issues.iloc[-1]
    for heading, column in [
        ("reversion q", "reversion"),
        ("proposal", "proposal"),
        ("outcome", "outcome"),
        ("seats for", "seat_support"),
        ("seats against", "seat_oppose"),
        ("votes for", "support"),
        ("votes against", "oppose"),
        ("passed", "passed"),
        ("blocked a seat majority", "seat_blocked_majority"),
        ("sector", "proposer_sector"),
    ]:
        assert last[heading] == expected[column], heading
    # The proposer's group: the scenario group whose stakeholders' range holds it.
    start = 0
    for group in stepped.scenario.groups:
        if start <= expected["proposer"] < start + group.count:
            assert last["proposer"] == f"#{expected['proposer']} {group.name}"
        start += group.count
    # What holds after a passed motion is its proposal, else the reversion point.
    held = np.where(record["passed"], record["proposal"], record["reversion q"])
    assert np.array_equal(record["outcome"], held)


def test_the_record_of_a_two_axis_model_joins_the_axes() -> None:
    model = GovernanceModel("ietf-wg", seed=1, overrides=[("scenario.dimensions", 2)])
    assert record_frame(model).empty
    model.step()
    row, issue = record_frame(model).iloc[0], model.issues().iloc[0]
    assert row["proposal"] == f"{issue['proposal_1']:.3f}, {issue['proposal_2']:.3f}"


def _report_rows(rule: str):
    table = seat_power_table(report_councils())
    return table[(table.council == "gnso-council") & (table.rule == rule) & (table.weight > 0)]


@pytest.mark.parametrize("threshold", ["gnso-default", "gnso-supermajority"])
def test_seat_power_agrees_with_the_power_report(threshold: str) -> None:
    # The report groups the GNSO's seats its own way (Commercial SG, NomCom by house);
    # one seat of a house has the same power in both tables.
    table = power_frame(*resolve("gnso-council", overrides=[("rule.threshold", threshold)]))
    voting = table[table.weight > 0]
    report = _report_rows(threshold)
    assert voting["seats"].sum() == report["seats"].sum() == 20
    for house, long_name in [
        ("contracted", "Contracted Parties House"),
        ("non-contracted", "Non-Contracted Parties House"),
    ]:
        mine, theirs = voting[voting.house == house], report[report.house == long_name]
        assert mine["seats"].sum() == theirs["seats"].sum()
        for index in ("banzhaf", "shapley_shubik", "vs_equal_share"):
            assert np.allclose(mine[index], theirs[index].iloc[0], rtol=1e-12), (house, index)
    assert table.attrs["method"].startswith("exact")


def test_gnso_seat_power_by_direct_count() -> None:
    # Bylaws §11.3(i): a majority of each house, >= 4 of 7 CPH and >= 7 of 13 NCPH
    # votes; a seat swings when its house's other seats stand one short of that and the
    # other house carries (the non-voting seat doubles every count).
    cph = comb(6, 3) * sum(comb(13, b) for b in range(7, 14)) * 2
    ncph = comb(12, 6) * sum(comb(7, a) for a in range(4, 8)) * 2
    total = 7 * cph + 13 * ncph
    table = power_frame(*resolve("gnso-council"))
    by_house = table[table.weight > 0].groupby("house")["banzhaf"]
    assert by_house.nunique().tolist() == [1, 1]
    assert by_house.first()["contracted"] == pytest.approx(float(Fraction(cph, total)))
    assert by_house.first()["non-contracted"] == pytest.approx(float(Fraction(ncph, total)))
    assert table.loc[table.weight == 0, ["banzhaf", "shapley_shubik"]].to_numpy().sum() == 0


def test_an_open_assembly_of_equals_gives_every_voter_an_equal_share() -> None:
    # An anonymous rule over equal votes: by symmetry every voter has power 1/n.
    design, scenario = resolve("ietf-wg")
    table = power_frame(design, scenario)
    assert table["seats"].sum() == scenario.size
    assert np.allclose(table["vs_equal_share"], 1.0)
    assert np.allclose(table["shapley_shubik"] * scenario.size, 1.0)
    assert table["sector"].tolist() == [g.sector for g in scenario.groups]


def test_the_network_figure_draws_the_models_network() -> None:
    model = GovernanceModel("gnso-council", seed=4)
    graph = model.network()
    fig = network_figure(model)
    ax = fig.axes[0]
    nodes = sum(len(c.get_offsets()) for c in ax.collections if isinstance(c, PathCollection))
    edges = [c for c in ax.collections if isinstance(c, LineCollection)]
    assert nodes == graph.number_of_nodes()
    assert len(edges) == 1 and len(edges[0].get_segments()) == graph.number_of_edges()
    sectors = {text.get_text() for text in ax.get_legend().get_texts()}
    assert sectors == {sector for _, sector in graph.nodes(data="sector")}
    assert figure_image(fig).startswith(b"\x89PNG")
    # Not cached here (the page keeps it per session): no model outlives its session.
    alive = weakref.ref(model)
    del model, graph
    gc.collect()
    assert alive() is None


def test_a_figure_is_not_built_in_another_sessions_style() -> None:
    # One session's export holds the paper style (process-wide rcParams) for a second
    # or more; a positions figure another session builds meanwhile waits for it.
    plain = PositionsPlot(("a", "b"))
    built: list[PositionsPlot] = []
    other = threading.Thread(target=lambda: built.append(PositionsPlot(("a", "b"))))
    with DRAWING, paper_style():
        other.start()
        other.join(timeout=2)
        assert other.is_alive()  # waiting for the drawing lock
    other.join()

    def style(plot: PositionsPlot) -> tuple:
        return (
            plot.axes.xaxis.label.get_fontsize(),
            [line.get_color() for line in plot.lines],
            plot.axes.spines["top"].get_visible(),
        )

    assert style(built[0]) == style(plain)
    with paper_style():
        assert style(PositionsPlot(("a", "b"))) != style(plain)  # the test can fail


def test_export_writes_vector_pdfs_and_pngs(stepped: GovernanceModel, tmp_path: Path) -> None:
    files = export_files(stepped)
    assert list(files) == [f"{stem}.{kind}" for stem in EXPORTED for kind in ("pdf", "png")]
    for name, data in files.items():
        path = tmp_path / name
        path.write_bytes(data)
        if name.endswith(".pdf"):
            assert_vector_pdf(path)
        else:
            assert matplotlib.image.imread(path).shape[1] >= 1500  # 300 dpi, 6.5 in wide
    with pytest.raises(GovsimError, match="no issue"):
        export_files(GovernanceModel("gnso-council", seed=3))


def test_the_exported_positions_are_the_same_run(stepped: GovernanceModel) -> None:
    frame = positions_over_issues(stepped.design, stepped.scenario, seed=stepped.seed, steps=25)
    held = frame.groupby("issue")["status_quo"].first().to_numpy()[1:]
    assert np.array_equal(held, stepped.issues()["outcome"].to_numpy())


def test_the_positions_plot_shows_the_session_and_follows_its_steps():
    session = Session(Dials(design="gnso-council", seed=3))
    plot = PositionsPlot(session.sectors)
    session.step(40)
    plot.update(session)
    session.step(5)  # the same figure, moved on: what a fresh one would show
    figure = plot.update(session)
    issues = session.model.issues()
    x = issues["issue"].to_numpy()
    assert figure is plot.figure and len(x) == 45
    for k, line in enumerate(plot.lines):
        np.testing.assert_array_equal(line.get_xdata(), x)
        np.testing.assert_array_equal(line.get_ydata(), [p[k] for p in session.positions])
    passed = issues["passed"].to_numpy(bool)
    assert 0 < passed.sum() < len(passed)  # both kinds of outcome are drawn
    np.testing.assert_array_equal(plot.passed.get_offsets()[:, 1], issues["outcome"][passed])
    np.testing.assert_array_equal(plot.failed.get_offsets()[:, 1], issues["outcome"][~passed])
    np.testing.assert_array_equal(plot.reversions.get_offsets()[:, 0], x)
    assert plot.axes.get_xlim() == (-0.5, 44.5)
    svg = plot.image(session)  # what the page shows: the same figure, encoded
    assert svg.startswith(b"<?xml") and svg.count(b"<use ") >= len(x)
