"""The deliberation network, alone and segregated vs open."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pytest
from matplotlib.collections import LineCollection, PathCollection
from matplotlib.colors import to_rgb
from matplotlib.markers import MarkerStyle

from govsim.figures.network import plot_network, plot_networks
from govsim.figures.style import SECTOR_MARKERS, sector_colour
from govsim.model import GovernanceModel
from tests.figures.checks import check_figure


def gnso_network(segregation: float) -> nx.Graph:
    model = GovernanceModel(
        "gnso-council", seed=1, overrides=[f"deliberation.segregation={segregation}"]
    )
    return model.network()


def within_sector_share(graph: nx.Graph) -> float:
    sector = nx.get_node_attributes(graph, "sector")
    return float(np.mean([sector[a] == sector[b] for a, b in graph.edges()]))


def drawn_nodes(ax) -> dict[str, PathCollection]:
    return {c.get_gid(): c for c in ax.collections if isinstance(c, PathCollection)}


def drawn_within_sector_share(ax) -> float:
    """The share of drawn edges whose two ends are drawn in the same sector's colour."""
    where = {
        tuple(point): sector
        for sector, nodes in drawn_nodes(ax).items()
        for point in nodes.get_offsets().tolist()
    }
    (edges,) = [c for c in ax.collections if isinstance(c, LineCollection)]
    ends = [
        (where[tuple(s[0].tolist())], where[tuple(s[1].tolist())]) for s in edges.get_segments()
    ]
    return float(np.mean([a == b for a, b in ends]))


def test_the_model_network_names_each_node_sector() -> None:
    model = GovernanceModel("gnso-council", seed=1)
    graph = model.network()
    for agent in model.agents:
        assert graph.nodes[agent.index]["sector"] == agent.sector


def test_one_node_per_stakeholder_coloured_and_shaped_by_sector(tmp_path) -> None:
    graph = gnso_network(1.0)
    fig, ax = plot_network(graph)
    check_figure(fig, tmp_path, "network")
    nodes = drawn_nodes(ax)
    assert sum(len(c.get_offsets()) for c in nodes.values()) == graph.number_of_nodes() == 235
    for sector, collection in nodes.items():
        assert {tuple(c[:3]) for c in collection.get_facecolors()} == {
            to_rgb(sector_colour(sector))
        }
        marker = MarkerStyle(SECTOR_MARKERS[sector])
        expected = marker.get_path().transformed(marker.get_transform())
        np.testing.assert_allclose(collection.get_paths()[0].vertices, expected.vertices)
    (edges,) = [c for c in ax.collections if isinstance(c, LineCollection)]
    assert len(edges.get_segments()) == graph.number_of_edges()
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == ["nomcom", "private-sector", "civil-society"]


def test_the_layout_is_fixed_by_its_seed(tmp_path) -> None:
    graph = gnso_network(0.5)
    figures = [plot_network(graph, layout_seed=seed) for seed in (0, 0, 1)]
    check_figure(figures[2][0], tmp_path, "network_seed_1")
    offsets = [
        np.concatenate([c.get_offsets() for c in drawn_nodes(ax).values()]) for _, ax in figures
    ]
    np.testing.assert_array_equal(offsets[0], offsets[1])
    assert not np.allclose(offsets[0], offsets[2])


def test_segregated_and_open_networks_side_by_side(tmp_path) -> None:
    graphs = {"segregated (s = 1)": gnso_network(1.0), "open (s = 0)": gnso_network(0.0)}
    fig, axes = plot_networks(graphs)
    check_figure(fig, tmp_path, "networks")
    assert [ax.get_title() for ax in axes] == list(graphs)
    assert all(ax.get_legend() is None for ax in axes) and len(fig.legends) == 1
    assert [t.get_text() for t in fig.legends[0].get_texts()] == [
        "nomcom",
        "private-sector",
        "civil-society",
    ]
    shares = [within_sector_share(g) for g in graphs.values()]
    assert shares[0] == 1.0 and shares[1] < 0.7
    # What the figures show: every drawn edge of the silos joins one sector.
    assert [drawn_within_sector_share(ax) for ax in axes] == pytest.approx(shares)
