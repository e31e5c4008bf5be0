"""What the explore page's views show, without the web framework: frames and figures.

The record of the last motions (:func:`record_frame`), the a-priori power of each seat
under the design's rule (:func:`power_frame`), the deliberation network
(:func:`network_figure`) and the house-style figure files of the current run
(:func:`export_files`). The figures are :mod:`govsim.figures`' own, so a file saved
from the page looks like one ``govsim figures`` writes.

The power does not change while a model steps (it depends on the rule and the seats
only), so it is cached; the network view keeps its image per session
(:func:`~govsim.app.explore.panels.NetworkPanel`): a step of the page redraws neither.

Every figure is built, drawn and encoded under :data:`DRAWING`; see there why.
"""

from __future__ import annotations

import io
import threading
from contextlib import suppress
from functools import lru_cache
from pathlib import Path
from tempfile import TemporaryDirectory

import numpy as np
import pandas as pd
from matplotlib import pyplot as plt
from matplotlib.figure import Figure

from govsim.app.explore.session import Session
from govsim.app.seat_power import rule_seat_power
from govsim.designs.spec import Design, Scenario
from govsim.errors import GovsimError
from govsim.figures import paper_style, plot_network, plot_positions, plot_seat_power, save_figure
from govsim.model import MAX_POWER_VOTERS, GovernanceModel
from govsim.model.population import Layout
from govsim.model.trace import positions_over_issues

__all__ = [
    "DRAWING",
    "EXPORTED",
    "RECORDED",
    "PositionsPlot",
    "export_files",
    "figure_image",
    "network_figure",
    "power_figure",
    "power_frame",
    "record_frame",
]

#: Held while a figure is built, drawn or encoded. Matplotlib's rcParams are global to
#: the process, and :func:`~govsim.figures.paper_style` changes them for as long as it
#: is entered (over a second for :func:`export_files`); the page's server serves every
#: browser session from one process, on threads. Without the lock, a figure one session
#: builds or encodes then would take another's style (its fonts, a 300-dpi, tight
#: bounding box), and pyplot's figure list is not thread-safe either. Re-entrant: an
#: export draws the network and power figures inside its own hold.
DRAWING = threading.RLock()

#: Motions the record shows: the last this many issues.
RECORDED = 10
#: The figures :func:`export_files` writes, by file stem.
EXPORTED = ("positions-over-issues", "network", "seat-power")
#: Per-issue columns of the record, in order, and their headings. Positions are
#: joined over the policy axes when there are several (``proposal_1``, ...).
_RECORD_COLUMNS = {
    "issue": "issue",
    "proposer": "proposer",
    "proposer_sector": "sector",
    "reversion": "reversion q",
    "proposal": "proposal",
    "outcome": "outcome",
    "seat_support": "seats for",
    "seat_oppose": "seats against",
    "support": "votes for",
    "oppose": "votes against",
    "abstain": "abstain",
    "passed": "passed",
    "seat_blocked_majority": "blocked a seat majority",
}


def record_frame(model: GovernanceModel, last: int = RECORDED) -> pd.DataFrame:
    """The last ``last`` motions of ``model``: who proposed, the stances, the outcome.

    One row per issue, from :meth:`~govsim.model.GovernanceModel.issues` (the columns
    ``docs/model.md`` defines): the issue (0-based), the proposer (its stakeholder
    number and scenario group; None when nobody moved a motion) and sector, the
    reversion point q_t, the proposal, the outcome, the deciding seats for and
    against, the vote weight for, against and abstaining, whether the motion passed
    and whether it failed although more seats were for it than against.

    Examples
    --------
    >>> model = GovernanceModel("gnso-council", seed=1)
    >>> for _ in range(12):
    ...     model.step()
    >>> frame = record_frame(model)
    >>> len(frame), frame["issue"].tolist()[-1], frame.columns[1]
    (10, 11, 'proposer')
    """
    issues = model.issues().tail(last)
    if issues.empty:
        return pd.DataFrame(columns=list(_RECORD_COLUMNS.values()))
    groups = np.asarray([g.name for g in model.scenario.groups], dtype=object)
    proposer = issues["proposer"].to_numpy()
    group = groups[model.cycle.layout.group[np.maximum(proposer, 0)]]
    who = [f"#{i} {g}" if i >= 0 else None for i, g in zip(proposer, group, strict=True)]
    table = issues.assign(
        proposer=pd.Series(who, index=issues.index, dtype=object),
        **{key: _axes(issues, key) for key in ("reversion", "proposal", "outcome")},
    )
    return table[list(_RECORD_COLUMNS)].rename(columns=_RECORD_COLUMNS).reset_index(drop=True)


def _axes(issues: pd.DataFrame, key: str) -> pd.Series:
    """Column ``key`` of a one-axis model; its axis columns joined, ``"0.12, 0.87"``, else."""
    if key in issues:
        return issues[key]
    axes = [c for c in map(str, issues) if c.startswith(f"{key}_") and c[len(key) + 1 :].isdigit()]
    return issues[axes].apply(lambda row: ", ".join(f"{v:.3f}" for v in row), axis=1)


@lru_cache(maxsize=32)
def power_frame(design: Design, scenario: Scenario) -> pd.DataFrame:
    """A-priori power of one seat of each kind under ``design``'s rule.

    The voters are the model's (:class:`~govsim.model.population.Layout`: seat
    holders, or in an open assembly everyone with decision weight); their power is
    :func:`govsim.app.seat_power.rule_seat_power`'s (``govsim power``), exact by seat
    types where that is feasible, else Monte Carlo. Seats of one scenario group, house
    and weight are interchangeable, so they share a row.

    Returns
    -------
    pandas.DataFrame
        One row per kind of seat, in seat order: ``council`` and ``rule`` (as
        :func:`~govsim.figures.plot_seat_power` reads them), ``group`` (the scenario
        group holding the seats), ``sector``, ``house``, ``seats``, ``weight``, one
        seat's normalised ``banzhaf`` and ``shapley_shubik`` index, and
        ``vs_equal_share``: the Banzhaf index over the 1/n of n equal voting seats
        (the columns of :func:`govsim.power.report.seat_power_table`). ``attrs``
        holds the ``method``. Cached: do not change it.

    Raises
    ------
    GovsimError
        No one votes, more than :data:`~govsim.model.MAX_POWER_VOTERS` voters, or a
        rule power indices do not apply to (not monotone).

    Examples
    --------
    >>> from govsim.designs import resolve
    >>> table = power_frame(*resolve("gnso-council"))
    >>> table.loc[0, ["group", "house"]].tolist(), int(table["seats"][0])
    (['rysg', 'contracted'], 3)
    >>> round(float(table["vs_equal_share"][0]), 3)
    1.221
    """
    layout = Layout(design, scenario)
    if not 0 < layout.voters.size <= MAX_POWER_VOTERS:
        raise GovsimError(
            f"a-priori power needs 1 to {MAX_POWER_VOTERS} voters; "
            f"design {design.name!r} has {layout.voters.size}"
        )
    # rule_seat_power lists the seats house by house.
    order = np.argsort(layout.houses, kind="stable")
    houses = layout.houses[order]
    power = rule_seat_power(
        design.rule.name,
        dict(design.rule.params),
        houses=np.bincount(houses, minlength=len(layout.house_names)).tolist(),
        weights=layout.weights[order].tolist(),
    )
    member = layout.voters[order]
    scenario_groups = scenario.groups
    group = layout.group[member]
    seats = power.to_frame().assign(
        group=[scenario_groups[g].name for g in group],
        sector=[scenario_groups[g].sector for g in group],
        house=[layout.house_names[h] for h in houses],
        seat=np.arange(len(order)),
    )
    kinds = seats.groupby(["group", "house", "weight"], sort=False)
    table = kinds.first().reset_index().assign(seats=kinds.size().to_numpy())
    table = table.sort_values("seat", ignore_index=True)
    shown = ", ".join(f"{k}={v}" for k, v in dict(design.rule.params).items())
    table["council"] = design.name
    table["rule"] = f"{design.rule.name} ({shown})" if shown else design.rule.name
    table["vs_equal_share"] = table["banzhaf"] * int((layout.weights > 0).sum())
    table.attrs["method"] = power.power.method
    columns = ["council", "rule", "group", "sector", "house", "seats", "weight"]
    return table[[*columns, "banzhaf", "shapley_shubik", "vs_equal_share"]]


def power_figure(table: pd.DataFrame) -> Figure:
    """:func:`~govsim.figures.plot_seat_power` of a :func:`power_frame`, in the house style."""
    with DRAWING, paper_style():
        fig, _ = plot_seat_power(table)
        plt.close(fig)  # drawn with pyplot as govsim figures does; the caller keeps it
    return fig


class PositionsPlot:
    """Each sector's mean position per issue, with the reversion points and outcomes.

    The first policy dimension only: one line per sector (its mean position after
    deliberation), a cross per reversion point, and the outcome as a filled dot when
    the motion passed, a hollow one when it failed and the reversion point stands.
    The figure is built once and :meth:`update` moves its data, so a step of the page
    redraws the figure without building its axes, ticks and legend again.
    """

    def __init__(self, sectors: tuple[str, ...]) -> None:
        with DRAWING:  # artists take their style from rcParams when made
            self._build(sectors)

    def _build(self, sectors: tuple[str, ...]) -> None:
        self.figure = Figure(figsize=(8, 3.6))
        # Fixed margins: a constrained layout would be laid out again on every draw.
        self.figure.subplots_adjust(left=0.08, right=0.98, top=0.97, bottom=0.3)
        ax = self.axes = self.figure.add_subplot()
        self.lines = [ax.plot([], [], lw=1.2, label=name)[0] for name in sectors]
        self.reversions = ax.scatter([], [], marker="x", s=18, c="0.45", label="reversion point")
        self.passed = ax.scatter([], [], s=16, c="k", label="outcome (passed)")
        self.failed = ax.scatter(
            [], [], s=16, facecolors="none", edgecolors="k", label="outcome (failed)"
        )
        ax.legend(fontsize=7, ncols=3, loc="upper center", bbox_to_anchor=(0.5, -0.18))
        ax.set_xlabel("issue")
        ax.set_ylabel("position (first dimension)")
        ax.set_ylim(-0.02, 1.02)

    def update(self, session: Session) -> Figure:
        """The figure with ``session``'s issues so far."""
        issues = session.model.issues()
        if not len(issues):
            return self.figure
        first = "reversion" if "reversion" in issues else "reversion_1"
        outcome = "outcome" if "outcome" in issues else "outcome_1"
        x = issues["issue"].to_numpy()
        for line, series in zip(self.lines, np.transpose(session.positions), strict=True):
            line.set_data(x, series)
        passed = issues["passed"].to_numpy(bool)
        self.reversions.set_offsets(np.column_stack([x, issues[first]]))
        y = issues[outcome].to_numpy()
        self.passed.set_offsets(np.column_stack([x[passed], y[passed]]))
        self.failed.set_offsets(np.column_stack([x[~passed], y[~passed]]))
        self.axes.set_xlim(x[0] - 0.5, x[-1] + 0.5)
        return self.figure

    def image(self, session: Session) -> bytes:
        """The figure with ``session``'s issues so far, as SVG (in the default style)."""
        buffer = io.BytesIO()
        with DRAWING:
            self.update(session).savefig(buffer, format="svg")
        return buffer.getvalue()


def network_figure(model: GovernanceModel) -> Figure:
    """The model's deliberation network by sector (:func:`~govsim.figures.plot_network`).

    Nodes are the model's stakeholders and edges its network
    (:meth:`~govsim.model.GovernanceModel.network`); colours and markers are the
    sectors' fixed, colour-blind-safe ones. The force-directed layout is the slow
    part; the network does not change while the model steps, so a caller that shows
    it keeps it per model (not cached here: a cache would keep models of every
    session alive).
    """
    with DRAWING, paper_style():
        fig, _ = plot_network(model.network())
        plt.close(fig)
    return fig


def figure_image(fig: Figure, kind: str = "png", dpi: float = 100) -> bytes:
    """``fig`` as the bytes of a ``kind`` file, saved in the house style."""
    buffer = io.BytesIO()
    with DRAWING, paper_style():
        fig.savefig(buffer, format=kind, dpi=dpi)
    return buffer.getvalue()


def export_files(model: GovernanceModel) -> dict[str, bytes]:
    """The house-style figures of ``model``'s run so far, as files: name to bytes.

    Each figure of :data:`EXPORTED` as a vector PDF and a 300-dpi PNG, written by
    :func:`govsim.figures.save_figure` as ``govsim figures`` writes them: the
    positions over the issues so far (:func:`~govsim.figures.plot_positions` of
    :func:`~govsim.model.trace.positions_over_issues`, the same run again), the
    network and the power of each seat. Without voters to weigh, no power figure.

    Raises
    ------
    GovsimError
        The model has handled no issue yet.
    """
    if not model.cycle.issue:
        raise GovsimError("no issue handled yet: run or step first")
    frame = positions_over_issues(
        model.design, model.scenario, seed=model.seed, steps=model.cycle.issue
    )
    files = {}
    with DRAWING:
        with paper_style():
            positions, _ = plot_positions(frame)
            plt.close(positions)
        figures = {"positions-over-issues": positions, "network": network_figure(model)}
        with suppress(GovsimError):  # no voters to weigh: the power view says why
            figures["seat-power"] = power_figure(power_frame(model.design, model.scenario))
        with TemporaryDirectory() as folder, paper_style():
            for stem, fig in figures.items():
                for path in save_figure(fig, Path(folder) / stem):
                    files[path.name] = path.read_bytes()
    return files
