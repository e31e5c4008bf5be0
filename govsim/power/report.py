"""The a-priori power report: how much a seat weighs in real councils.

This is govsim's first main job (``govsim report``). For each council and each of its
decision rules it computes, exactly, every seat's Banzhaf and Shapley–Shubik index and
how often the rule's outcome departs from a one-seat-one-vote majority over all
yes/no profiles, the a-priori form of the GNSO "7 votes beat 14" effect.

The councils are the built-in design files' (:data:`REPORTED`): their seats, houses,
weights and rules are written once, in ``govsim/designs/builtin/``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from functools import cache
from typing import Any

import numpy as np
import pandas as pd

from govsim.designs import load_design
from govsim.designs.spec import Design, Seats
from govsim.errors import GovsimError
from govsim.power.seat_game import SeatGame
from govsim.rules import get_rule

__all__ = [
    "BASELINE",
    "REPORTED",
    "Council",
    "ReportedCouncil",
    "SeatGroup",
    "council_from_design",
    "counter_majoritarian_table",
    "report_councils",
    "seat_power_table",
]

#: The rule every council's rules are compared with.
BASELINE = "one seat, one vote"


@dataclass(frozen=True)
class SeatGroup:
    """Seats that share a label, a house and a vote weight (0 = non-voting)."""

    label: str
    house: int
    seats: int
    weight: float = 1


@dataclass(frozen=True)
class Council:
    """A council's seats and the decision rules it uses, by registry name."""

    name: str
    summary: str
    source: str
    house_names: tuple[str, ...]
    groups: tuple[SeatGroup, ...]
    rules: tuple[tuple[str, str, dict[str, Any]], ...] = field(default=())

    @property
    def weights(self) -> np.ndarray:
        """Each seat's vote weight, group by group."""
        return np.repeat([g.weight for g in self.groups], [g.seats for g in self.groups])

    @property
    def houses(self) -> np.ndarray:
        """Each seat's house, group by group."""
        return np.repeat([g.house for g in self.groups], [g.seats for g in self.groups])

    @property
    def group_codes(self) -> np.ndarray:
        """Each seat's group, as its index in :attr:`groups`."""
        return np.repeat(np.arange(len(self.groups)), [g.seats for g in self.groups])

    def games(self) -> dict[str, SeatGame]:
        """One game per rule, plus the one-seat-one-vote majority of the voting seats.

        Seat types are the council's groups, so every game here counts over the same
        type profiles and the games can be compared profile by profile.
        """
        games = {
            label: SeatGame(get_rule(rule, **params), self.weights, self.houses, self.group_codes)
            for label, rule, params in self.rules
        }
        one_vote_each = (self.weights > 0).astype(float)
        games[BASELINE] = SeatGame(
            get_rule("majority"), one_vote_each, np.zeros_like(self.houses), self.group_codes
        )
        return games


def council_from_design(
    design: Design,
    *,
    label: Callable[[Seats], str] | None = None,
    house_names: Mapping[str, str] | None = None,
    rule_label: str | None = None,
    alternatives: tuple[tuple[str, str, dict[str, Any]], ...] = (),
) -> Council:
    """The council a design seats, under the design's own rule (and any others).

    Parameters
    ----------
    design
        A design with seats (:func:`govsim.designs.load_design`).
    label
        The group label of a block of seats; None: its group. Blocks with the same
        label, house and weight form one group.
    house_names
        A house's name as shown; None: the design's names (``"body"`` for a design
        of one house).
    rule_label
        The design's own rule as shown; None: its name and parameters
        (``houses (threshold=gnso-default)``).
    alternatives
        Further rules to compare, as (label, registry name, parameters).

    Raises
    ------
    GovsimError
        The design is an open assembly: it has no seats, so no council.

    Examples
    --------
    >>> council = council_from_design(load_design("gnso-council-2003"))
    >>> council.rules[0][0], [(g.label, g.seats, g.weight) for g in council.groups[:2]]
    ('majority (base=present, quorum=>1/2)', [('rysg', 3, 2), ('rrsg', 3, 2)])
    """
    if not design.seats:
        raise GovsimError(f"design {design.name!r} is an open assembly: it seats no council")
    houses = [h.name for h in design.houses] or ["body"]
    counts: dict[tuple[str, int, float], int] = {}
    for seats in design.seats:
        key = (label(seats) if label else seats.group, houses.index(seats.house), seats.weight)
        counts[key] = counts.get(key, 0) + seats.count
    params = dict(design.rule.params)
    if rule_label is None:
        shown = ", ".join(f"{k}={v}" for k, v in params.items())
        rule_label = f"{design.rule.name} ({shown})" if shown else design.rule.name
    names = house_names or {}
    return Council(
        name=design.name,
        summary=design.description,
        source=design.source,
        house_names=tuple(names.get(h, h) for h in houses),
        groups=tuple(
            # Whole votes as integers, as councils count them.
            SeatGroup(group, house, count, int(weight) if weight == int(weight) else weight)
            for (group, house, weight), count in counts.items()
        ),
        rules=((rule_label, design.rule.name, params), *alternatives),
    )


@dataclass(frozen=True)
class ReportedCouncil:
    """How the power report shows the council of a built-in design.

    The seats, houses, weights and the design's own rule come from the design file;
    the report adds the names it prints and the other rules it compares (the
    arguments of :func:`council_from_design`).
    """

    design: str
    rule_label: str
    house_names: Mapping[str, str]
    label: Callable[[Seats], str]
    alternatives: tuple[tuple[str, str, dict[str, Any]], ...] = ()

    def council(self) -> Council:
        """The council, from the design file as it is now."""
        return council_from_design(
            load_design(self.design),
            label=self.label,
            house_names=self.house_names,
            rule_label=self.rule_label,
            alternatives=self.alternatives,
        )


_GNSO_GROUPS = {
    "rysg": "Registries SG",
    "rrsg": "Registrars SG",
    "bc": "Commercial SG",
    "ipc": "Commercial SG",
    "ispcp": "Commercial SG",
    "ncsg": "Non-Commercial SG",
}
_GNSO_2003_GROUPS = {
    "rysg": "gTLD Registries",
    "rrsg": "Registrars",
    "bc": "Business",
    "ispcp": "ISPCP",
    "ipc": "IPC",
    "ncsg": "NCUC",
    "nomcom": "NomCom appointees",
}


def _gnso_label(seats: Seats) -> str:
    """The 2009 council's group of a seat.

    The Commercial SG's three constituencies are one group, and each house's NomCom
    appointee is apart from the non-voting one.
    """
    if not seats.weight:
        return "Non-voting NomCom appointee"
    if seats.group == "nomcom":
        return f"{'CPH' if seats.house == 'contracted' else 'NCPH'} NomCom appointee"
    return _GNSO_GROUPS[seats.group]


def _gnso_2003_label(seats: Seats) -> str:
    return _GNSO_2003_GROUPS[seats.group]


#: The councils of ``govsim report``, in its order.
REPORTED: tuple[ReportedCouncil, ...] = (
    ReportedCouncil(
        design="gnso-council",
        rule_label="gnso-default",
        house_names={
            "contracted": "Contracted Parties House",
            "non-contracted": "Non-Contracted Parties House",
        },
        label=_gnso_label,
        # The other thresholds of ICANN Bylaws §11.3(i).
        alternatives=tuple(
            (name, "houses", {"threshold": name})
            for name in (
                "gnso-issues-report",
                "gnso-pdp-in-scope",
                "gnso-supermajority",
                "gnso-supermajority-2009",
            )
        ),
    ),
    ReportedCouncil(
        design="gnso-council-2003",
        rule_label="majority of 27 weighted votes",
        house_names={"body": "Council"},
        label=_gnso_2003_label,
        # Consensus policy needed 2/3 of the votes: ICANN Bylaws (2003) Art. X §3.
        alternatives=(
            ("consensus policy: 2/3 of votes", "qualified-majority", {"fraction": "2/3"}),
        ),
    ),
)


@cache
def report_councils() -> tuple[Council, ...]:
    """The councils of :data:`REPORTED`, read from their design files (once)."""
    return tuple(reported.council() for reported in REPORTED)


def seat_power_table(councils: tuple[Council, ...] | None = None) -> pd.DataFrame:
    """Per-seat power in every council under every rule: one row per seat group.

    Columns: council, rule, group, house, seats, weight, the three indices for one
    seat of the group, and ``vs_equal_share``: the seat's normalised Banzhaf index
    over the 1/n share it would have if all n voting seats were equal. ``councils``
    defaults to :func:`report_councils`.
    """
    rows = []
    for council in report_councils() if councils is None else councils:
        voting_seats = int((council.weights > 0).sum())
        first_seat = np.searchsorted(council.group_codes, np.arange(len(council.groups)))
        for rule, game in council.games().items():
            power = game.power(method="exact")
            for group, seat in zip(council.groups, first_seat, strict=True):
                rows.append(
                    {
                        "council": council.name,
                        "rule": rule,
                        "group": group.label,
                        "house": council.house_names[group.house] if group.weight else "none",
                        "seats": group.seats,
                        "weight": group.weight,
                        "banzhaf": power.banzhaf[seat],
                        "banzhaf_absolute": power.banzhaf_absolute[seat],
                        "shapley_shubik": power.shapley_shubik[seat],
                        "vs_equal_share": power.banzhaf[seat] * voting_seats,
                    }
                )
    return pd.DataFrame(rows)


def counter_majoritarian_table(councils: tuple[Council, ...] | None = None) -> pd.DataFrame:
    """How often each rule overrides a one-seat-one-vote majority, over all profiles.

    Every one of the 2^n yes/no profiles of the voting seats counts once (the a-priori,
    impartial-culture view). ``blocked_majority`` is the share of profiles in which a
    majority of seats votes yes and the motion fails; ``minority_wins`` the share in
    which it passes without a majority of seats. Both are exact. ``councils``
    defaults to :func:`report_councils`.
    """
    rows = []
    for council in report_councils() if councils is None else councils:
        games = council.games()
        majority = games.pop(BASELINE).profile_wins.astype(bool)
        for rule, game in games.items():
            counts = game.coalition_counts()
            passes = game.profile_wins.astype(bool)
            total = 2**game.n_players
            blocked = Fraction(int(counts[majority & ~passes].sum()), total)
            minority = Fraction(int(counts[passes & ~majority].sum()), total)
            rows.append(
                {
                    "council": council.name,
                    "rule": rule,
                    "blocked_majority": float(blocked),
                    "minority_wins": float(minority),
                    "counter_majoritarian": float(blocked + minority),
                    "counter_majoritarian_exact": str(blocked + minority),
                }
            )
    return pd.DataFrame(rows)
