"""Figures of the deliberation network: who can talk to whom, by sector."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import cast

import networkx as nx
import numpy as np
import pandas as pd
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.collections import PathCollection
from matplotlib.figure import Figure
from matplotlib.legend import Legend

from govsim.figures.layout import legend_below, new_axes, new_panels
from govsim.figures.style import SECTOR_MARKERS, sector_colour

__all__ = ["plot_network", "plot_networks"]


def _sector(attributes: Mapping[str, object]) -> str:
    """A node's sector name; its block code where the graph names no sectors."""
    return str(attributes.get("sector", attributes.get("block", "unknown")))


def plot_network(
    graph: nx.Graph, *, ax: Axes | None = None, layout_seed: int = 0
) -> tuple[Figure, Axes]:
    """The deliberation network: nodes coloured and shaped by sector, thin grey edges.

    Nodes are placed by the Fruchterman & Reingold (1991) force-directed (spring)
    layout of networkx with a fixed seed, so the same graph gives the same figure.
    Colours are the sectors' fixed Okabe & Ito (2008) colours and markers their
    greyscale-safe ``SECTOR_MARKERS``; edges are translucent black, grey where
    single and darker where many overlap.

    Parameters
    ----------
    graph
        E.g. :meth:`govsim.model.GovernanceModel.network`: node attribute ``sector``
        (a name; else ``block`` is shown).
    ax
        Axes to draw on; a new figure when ``None``.
    layout_seed
        Seed of the spring layout.

    References
    ----------
    Fruchterman, T. M. J. & Reingold, E. M. (1991). Graph drawing by force-directed
        placement. *Software: Practice and Experience* 21(11), 1129-1164.
    Okabe, M. & Ito, K. (2008). Color Universal Design (CUD): how to make figures and
        presentations that are friendly to colorblind people. jfly.uni-koeln.de/color.

    Examples
    --------
    >>> fig, ax = plot_network(nx.path_graph(3))
    >>> [t.get_text() for t in ax.get_legend().get_texts()]
    ['unknown']
    """
    fig, ax = new_axes(ax, 4.0)
    position = nx.spring_layout(graph, seed=layout_seed)
    nx.draw_networkx_edges(graph, position, ax=ax, edge_color="black", alpha=0.3, width=0.4)
    sectors = pd.Series({node: _sector(data) for node, data in graph.nodes(data=True)})
    # Marker area in points^2: large for a handful of nodes, small for hundreds.
    size = float(np.clip(3000 / max(len(sectors), 1), 8, 60))
    for sector in pd.unique(sectors):
        nodes = sectors.index[sectors == sector].tolist()
        nx.draw_networkx_nodes(
            graph,
            position,
            nodelist=nodes,
            ax=ax,
            node_size=size,
            node_color=sector_colour(sector),
            node_shape=SECTOR_MARKERS.get(sector, "o"),
            edgecolors="black",
            linewidths=0.3,
            label=sector,
        ).set_gid(sector)
    ax.set_aspect("equal", adjustable="datalim")  # the layout's distances, undistorted
    ax.set_axis_off()
    legend = legend_below(ax, gap=4, columns=3)
    for handle in legend.legend_handles:
        if isinstance(handle, PathCollection):  # the nodes' markers
            handle.set_sizes([30])
    return fig, ax


def plot_networks(
    graphs: Mapping[str, nx.Graph],
    *,
    axes: Sequence[Axes] | None = None,
    layout_seed: int = 0,
) -> tuple[Figure, np.ndarray]:
    """Networks side by side (e.g. segregated vs open), titled by key, one shared legend.

    Each panel is :func:`plot_network`; the legend lists every sector of any panel
    once, under the panels.

    Parameters
    ----------
    graphs
        Panel title to graph, in panel order.
    axes
        At least ``len(graphs)`` axes; a new row of panels when ``None``.
    layout_seed
        Seed of every panel's spring layout.

    Examples
    --------
    >>> fig, axes = plot_networks({"a": nx.path_graph(3), "b": nx.path_graph(4)})
    >>> [ax.get_title() for ax in axes], len(fig.legends)
    (['a', 'b'], 1)
    """
    fig, panels = new_panels(axes, len(graphs), columns=min(len(graphs), 3), height=3.2)
    handles: dict[str, Artist] = {}
    for ax, (title, graph) in zip(panels, graphs.items(), strict=True):
        plot_network(graph, ax=ax, layout_seed=layout_seed)
        panel_legend = cast(Legend, ax.get_legend())  # plot_network drew one
        for handle, text in zip(panel_legend.legend_handles, panel_legend.texts, strict=True):
            if handle is not None:
                handles.setdefault(text.get_text(), handle)
        panel_legend.remove()
        ax.set_title(title)
    fig.legend(
        list(handles.values()),
        list(handles),
        loc="outside lower center",
        ncol=min(len(handles), 4),
        fontsize=8,
    )
    return fig, panels
