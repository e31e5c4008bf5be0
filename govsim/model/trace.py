"""Trajectories of one run as tidy frames: positions over issues, and over the rounds of one issue.

These feed the single-run figures (:func:`govsim.figures.positions.plot_positions`).
Both frames have one row per stakeholder and time point (Wickham 2014, "Tidy data",
*J. Stat. Softw.* 59(10)) and carry the first policy axis only.

What holds after each issue (and, over rounds, the issue's reversion point and the
proposal on the table) is a column repeated on every row of its time point, not a
second frame: a figure then needs one frame, and
``frame.groupby("issue")["status_quo"].first()`` recovers the series.

References
----------
Kazil, J., Masad, D. & Crooks, A. (2020). Utilizing Python for agent-based modeling:
    the Mesa framework. *SBP-BRiMS 2020*, LNCS 12268, 308-317. (``DataCollector``.)
DeGroot, M. H. (1974). Reaching a consensus. *JASA* 69(345), 118-121.
Friedkin, N. E. & Johnsen, E. C. (1990). Social influence and opinions. *Journal of
    Mathematical Sociology* 15(3-4), 193-206.
Hegselmann, R. & Krause, U. (2002). Opinion dynamics and bounded confidence. *JASSS*
    5(3).
Deffuant, G., Neau, D., Amblard, F. & Weisbuch, G. (2000). Mixing beliefs among
    interacting agents. *Advances in Complex Systems* 3, 87-98.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from govsim.designs import resolve
from govsim.designs.spec import Design, Scenario
from govsim.errors import GovsimError
from govsim.model.agents import Stakeholder
from govsim.model.cycle import IssueCycle
from govsim.model.model import GovernanceModel
from govsim.model.population import Layout
from govsim.rng import SeedLike

__all__ = ["positions_over_issues", "positions_over_rounds"]


def _first_axis(agent: Stakeholder) -> float:
    """Mesa agent reporter: the agent's position on the first policy axis."""
    return float(agent.position[0])


def _sector_names(layout: Layout) -> np.ndarray:
    """Sector name per stakeholder, shape (N,)."""
    return np.asarray(layout.scenario.sectors, dtype=object)[layout.sector]


def _count(value: int, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int | np.integer) or value < 0:
        raise GovsimError(f"{name}: expected a non-negative integer, found {value!r}")
    return int(value)


def positions_over_issues(
    design: Design | str,
    scenario: Scenario | str | None = None,
    *,
    seed: SeedLike = 0,
    steps: int = 50,
    overrides: Sequence[str | tuple[str, Any]] = (),
) -> pd.DataFrame:
    """Every stakeholder's position after each issue of one run.

    Runs a :class:`~govsim.model.GovernanceModel` for ``steps`` issues and collects
    the positions with the model's own Mesa ``DataCollector`` (an agent reporter),
    once before the first issue as well.

    Parameters
    ----------
    design, scenario, seed, overrides
        As for :class:`~govsim.model.GovernanceModel`.
    steps
        Issues to run.

    Returns
    -------
    pandas.DataFrame
        ``issue, stakeholder, sector, position, status_quo``, one row per issue and
        stakeholder, sorted by both. Issue 0 is before any issue (positions are the
        ideal points, the status quo the scenario's); issue t > 0 holds the positions
        after issue t's deliberation and, as ``status_quo``, what holds after its
        decision (its outcome). Positions and status quo are on the first
        policy axis; ``stakeholder`` is the row in the model's arrays (the agent's
        ``index``).

    Examples
    --------
    >>> frame = positions_over_issues("gnso-council", seed=1, steps=3)
    >>> frame.columns.tolist()
    ['issue', 'stakeholder', 'sector', 'position', 'status_quo']
    >>> frame["issue"].unique().tolist(), frame.groupby("issue").size().unique().tolist()
    ([0, 1, 2, 3], [235])
    """
    steps = _count(steps, "steps")
    model = GovernanceModel(
        design,
        scenario,
        seed=seed,
        overrides=overrides,
        agent_reporters={"stakeholder": "index", "position": _first_axis},
    )
    collector = model.datacollector
    collector.collect(model)  # before any issue; Mesa files it under step 0
    for _ in range(steps):
        model.step()
    agents = collector.get_agent_vars_dataframe().reset_index()
    # One model row per collect, so row t is issue t; q is a tuple when d > 1.
    status_quo = np.array(
        [np.ravel(q)[0] for q in collector.get_model_vars_dataframe()["status_quo"]], dtype=float
    )
    issue = agents["Step"].to_numpy(dtype=np.int64)
    stakeholder = agents["stakeholder"].to_numpy(dtype=np.int64)
    frame = pd.DataFrame(
        {
            "issue": issue,
            "stakeholder": stakeholder,
            "sector": _sector_names(model.cycle.layout)[stakeholder],
            "position": agents["position"].to_numpy(dtype=float),
            "status_quo": status_quo[issue],
        }
    )
    return frame.sort_values(["issue", "stakeholder"], ignore_index=True)


class _RoundTrace(IssueCycle):
    """One replication's issue cycle that, on one issue, talks one round at a time.

    Every other issue, and everything but deliberation on the traced one, runs as in
    :class:`IssueCycle`; chaining single rounds applies the same map in the same
    order as one call with k rounds, so the run is unchanged.
    """

    def __init__(
        self, design: Design, scenario: Scenario, seed: SeedLike, issue: int, rounds: int | None
    ) -> None:
        super().__init__(design, scenario, [seed])
        self.traced = issue
        self.traced_rounds = design.deliberation.rounds if rounds is None else rounds
        self.trail: list[np.ndarray] = []
        self.participants = np.zeros(self.size, dtype=bool)
        self.tabled = (np.nan, np.nan)

    def _propose(
        self, proposer: np.ndarray, has_proposal: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray]:
        proposal, has_proposal = super()._propose(proposer, has_proposal)
        if self.issue == self.traced:
            self.tabled = (float(proposal[0, 0]), float(self.reversion[0, 0]))
        return proposal, has_proposal

    def _deliberate(self, participant: np.ndarray, rounds: int | None = None) -> np.ndarray:
        if self.issue != self.traced:
            return super()._deliberate(participant, rounds)
        self.participants = participant[0].copy()
        self.trail = [self.position[0, :, 0].copy()]
        for _ in range(self.traced_rounds):
            self.position = super()._deliberate(participant, 1)
            self.trail.append(self.position[0, :, 0].copy())
        return self.position


def positions_over_rounds(
    design: Design | str,
    scenario: Scenario | str | None = None,
    *,
    seed: SeedLike = 0,
    issue: int = 0,
    rounds: int | None = None,
    overrides: Sequence[str | tuple[str, Any]] = (),
) -> pd.DataFrame:
    """The participants' positions after each deliberation round of one issue.

    Runs the issue cycle of one replication (the one a
    :class:`~govsim.model.GovernanceModel` of the same arguments runs) up to and
    including issue ``issue``, and on that issue applies the design's kernel one
    round at a time (Friedkin & Johnsen 1990, DeGroot 1974, Hegselmann & Krause 2002,
    Deffuant et al. 2000). ``k`` single rounds give the positions of ``k`` rounds in
    one go, so round ``k`` is what the model would hold with
    ``deliberation.rounds = k`` (tested).

    Parameters
    ----------
    design, scenario, seed, overrides
        As for :class:`~govsim.model.GovernanceModel`.
    issue
        The 0-based issue to trace; earlier issues run as designed.
    rounds
        Rounds to trace on that issue; None: the design's ``deliberation.rounds``.

    Returns
    -------
    pandas.DataFrame
        ``round, stakeholder, sector, position, proposal, reversion``: one row per
        round (0 = before talking, the positions the issue starts from) and
        participant of the issue (non-participants neither move nor are heard).
        ``proposal`` is the proposal as tabled (before any amendment; NaN when nobody
        could propose) and ``reversion`` the issue's reversion point q_t it is
        weighed against, both constant over the rounds. First policy axis only.

    Examples
    --------
    >>> frame = positions_over_rounds("ietf-wg", seed=2, rounds=4)
    >>> frame.columns.tolist()
    ['round', 'stakeholder', 'sector', 'position', 'proposal', 'reversion']
    >>> frame["round"].unique().tolist()
    [0, 1, 2, 3, 4]
    """
    issue = _count(issue, "issue")
    rounds = None if rounds is None else _count(rounds, "rounds")
    design, scenario = resolve(design, scenario, overrides)
    cycle = _RoundTrace(design, scenario, seed, issue, rounds)
    for _ in range(issue + 1):
        cycle.step()
    who = np.flatnonzero(cycle.participants)
    trail = np.stack(cycle.trail)[:, who]
    proposal, reversion = cycle.tabled
    if not cycle.history()["has_proposal"][issue, 0]:
        proposal = np.nan
    return pd.DataFrame(
        {
            "round": np.repeat(np.arange(trail.shape[0], dtype=np.int64), who.size),
            "stakeholder": np.tile(who.astype(np.int64), trail.shape[0]),
            "sector": np.tile(_sector_names(cycle.layout)[who], trail.shape[0]),
            "position": trail.ravel(),
            "proposal": proposal,
            "reversion": reversion,
        }
    )
