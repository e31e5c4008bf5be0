"""The a-priori power report: how much a seat weighs in real councils.

This is govsim's first main job (``govsim report``). For each council and each of its
decision rules it computes, exactly, every seat's Banzhaf and Shapley–Shubik index and
how often the rule's outcome departs from a one-seat-one-vote majority over all
yes/no profiles, the a-priori form of the GNSO "7 votes beat 14" effect.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import numpy as np
import pandas as pd

from govsim.designs.spec import Design
from govsim.errors import GovsimError
from govsim.power.seat_game import SeatGame
from govsim.rules import get_rule

__all__ = [
    "COUNCILS",
    "Council",
    "SeatGroup",
    "council_from_design",
    "counter_majoritarian_table",
    "seat_power_table",
]

BASELINE = "one seat, one vote"


@dataclass(frozen=True)
class SeatGroup:
    """Seats that share a label, a house and a vote weight (0 = non-voting)."""

    label: str
    house: int
    seats: int
    weight: int = 1


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
        return np.repeat([g.weight for g in self.groups], [g.seats for g in self.groups])

    @property
    def houses(self) -> np.ndarray:
        return np.repeat([g.house for g in self.groups], [g.seats for g in self.groups])

    @property
    def group_codes(self) -> np.ndarray:
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


def _gnso_thresholds(*names: str) -> tuple[tuple[str, str, dict[str, Any]], ...]:
    return tuple((name, "houses", {"threshold": name}) for name in names)


COUNCILS: tuple[Council, ...] = (
    Council(
        name="gnso-council",
        summary="GNSO Council since 2009: two houses, each motion counted per house",
        source="ICANN Bylaws §11.3(i); GNSO Operating Procedures §4.5.3",
        house_names=("Contracted Parties House", "Non-Contracted Parties House"),
        groups=(
            SeatGroup("Registries SG", 0, 3),
            SeatGroup("Registrars SG", 0, 3),
            SeatGroup("CPH NomCom appointee", 0, 1),
            SeatGroup("Commercial SG", 1, 6),
            SeatGroup("Non-Commercial SG", 1, 6),
            SeatGroup("NCPH NomCom appointee", 1, 1),
            SeatGroup("Non-voting NomCom appointee", 0, 1, weight=0),
        ),
        rules=_gnso_thresholds(
            "gnso-default",
            "gnso-issues-report",
            "gnso-pdp-in-scope",
            "gnso-supermajority",
            "gnso-supermajority-2009",
        ),
    ),
    Council(
        name="gnso-council-2003",
        summary="GNSO Council 2003-2009: one chamber, registry and registrar votes count twice",
        source="ICANN Bylaws (2003) Art. X §3; GNSO Council minutes 2003-2007",
        house_names=("Council",),
        groups=(
            SeatGroup("gTLD Registries", 0, 3, weight=2),
            SeatGroup("Registrars", 0, 3, weight=2),
            SeatGroup("Business", 0, 3),
            SeatGroup("ISPCP", 0, 3),
            SeatGroup("IPC", 0, 3),
            SeatGroup("NCUC", 0, 3),
            SeatGroup("NomCom appointees", 0, 3),
        ),
        rules=(
            ("majority of 27 weighted votes", "majority", {}),
            ("consensus policy: 2/3 of votes", "qualified-majority", {"fraction": "2/3"}),
        ),
    ),
)


def council_from_design(design: Design) -> Council:
    """The council a design seats, under the design's own rule.

    Seat groups are the design's seat blocks, labelled by group; the rule is named
    after the design's (``houses (threshold=gnso-default)``).

    Raises
    ------
    GovsimError
        The design is an open assembly: it has no seats, so no council.

    Examples
    --------
    >>> from govsim.designs import load_design
    >>> council = council_from_design(load_design("gnso-council-2003"))
    >>> council.rules[0][0], [(g.label, g.seats, g.weight) for g in council.groups[:2]]
    ('majority (base=present, quorum=>1/2)', [('rysg', 3, 2.0), ('rrsg', 3, 2.0)])
    """
    if not design.seats:
        raise GovsimError(f"design {design.name!r} is an open assembly: it seats no council")
    houses = [h.name for h in design.houses] or ["body"]
    params = dict(design.rule.params)
    shown = ", ".join(f"{k}={v}" for k, v in params.items())
    return Council(
        name=design.name,
        summary=design.description,
        source=design.source,
        house_names=tuple(houses),
        groups=tuple(
            SeatGroup(s.group, houses.index(s.house), s.count, s.weight) for s in design.seats
        ),
        rules=(
            (
                f"{design.rule.name} ({shown})" if shown else design.rule.name,
                design.rule.name,
                params,
            ),
        ),
    )


def seat_power_table(councils: tuple[Council, ...] = COUNCILS) -> pd.DataFrame:
    """Per-seat power in every council under every rule: one row per seat group.

    Columns: council, rule, group, house, seats, weight, the three indices for one
    seat of the group, and ``vs_equal_share``: the seat's normalised Banzhaf index
    over the 1/n share it would have if all n voting seats were equal.
    """
    rows = []
    for council in councils:
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


def counter_majoritarian_table(councils: tuple[Council, ...] = COUNCILS) -> pd.DataFrame:
    """How often each rule overrides a one-seat-one-vote majority, over all profiles.

    Every one of the 2^n yes/no profiles of the voting seats counts once (the a-priori,
    impartial-culture view). ``blocked_majority`` is the share of profiles in which a
    majority of seats votes yes and the motion fails; ``minority_wins`` the share in
    which it passes without a majority of seats. Both are exact.
    """
    rows = []
    for council in councils:
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
