"""Multi-house thresholds: the GNSO Council's voting thresholds and a tiny language.

A threshold is a condition over per-house tallies, written as a string such as
``"h0 > 1/2 and h1 > 1/2"`` and parsed into a frozen, hashable tree of
:class:`Atom`, :class:`And` and :class:`Or` nodes. :data:`THRESHOLDS` names the GNSO
Council thresholds of ICANN Bylaws §11.3(i); the ``"houses"`` rule evaluates a named
or written threshold on a batch of ballots.

Grammar (``or`` binds looser than ``and``; keywords are case-insensitive)::

    threshold   := conjunction ("or" conjunction)*
    conjunction := condition ("and" condition)*
    condition   := "(" threshold ")"
                 | house op number ["of" base]   support as a share of base
                 | house op number "votes"       supporting weight, absolute
                 | house "present" op number     quorum: present weight over seats
    house       := "h0" | "h1" | ...   one house, by code
                 | "each"              every house with seat weight (all must hold)
                 | "any"               at least one house with seat weight
                 | "body"              the whole body, houses added together
    op          := ">" | ">="
    number      := 2/3 | 60% | 0.5 | 18
    base        := "seats" (the default) | "present" | "cast"

Only ``>`` and ``>=`` exist, and only support and presence are counted, so every
threshold is monotone: more support never turns a pass into a fail.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache
from types import MappingProxyType
from typing import ClassVar, Literal, NamedTuple, NoReturn

import numpy as np

from govsim.errors import GovsimError
from govsim.rules.registry import Decision, Tally, register, tally
from govsim.rules.shares import BASES, base_weight, meets, share, to_fraction

__all__ = ["THRESHOLDS", "And", "Atom", "Or", "Threshold", "multi_house", "parse_threshold"]

#: Named thresholds; house 0 is the Contracted Parties House (7 seats), house 1 the
#: Non-Contracted Parties House (13 seats). All count against each house's seats, so
#: abstention and absence are No (GNSO Operating Procedures §4.5.3).
THRESHOLDS = MappingProxyType(
    {
        # Bylaws §11.3(i): any motion not otherwise listed, a simple majority of each
        # house (CPH >= 4 and NCPH >= 7). Also PDP recommendations without a
        # Supermajority, less an unconfirmed stakeholder-group condition.
        "gnso-default": "each > 1/2",
        # Bylaws §11.3(i): create an Issues Report, more than 1/4 of each house or a
        # majority of one house.
        "gnso-issues-report": "each > 1/4 or any > 1/2",
        # Bylaws §11.3(i): initiate a PDP within scope, or approve a PDP charter,
        # more than 1/3 of each house or more than 2/3 of one house.
        "gnso-pdp-in-scope": "each > 1/3 or any > 2/3",
        # Bylaws §11.3(i), GNSO Supermajority from 2012 at the latest: 2/3 of each
        # house, or 3/4 of one house and a majority of the other. Needed to initiate a
        # PDP outside scope, terminate a PDP, or adopt recommendations with one.
        "gnso-supermajority": "each >= 2/3 or h0 >= 3/4 and h1 > 1/2 or h1 >= 3/4 and h0 > 1/2",
        # GNSO Supermajority as defined in 2009-2011 (Bylaws Art. X §3(9) then;
        # forum.icann.org/lists/gnso-ppsc-pdp/msg00357.html): more than 75% of one
        # house and a majority of the other.
        "gnso-supermajority-2009": "h0 > 3/4 and h1 > 1/2 or h1 > 3/4 and h0 > 1/2",
        # CA/Browser Forum Bylaws §2.3(f)-(g): house 0 Certificate Issuers, house 1
        # Certificate Consumers. 2/3 of issuer votes cast and "50%-plus-one" (read as
        # more than half) of consumer votes cast, at least one yes in each house, and
        # a quorum of more than half of the members taking part (abstentions count).
        "cabforum-ballot": "h0 >= 2/3 of cast and h1 > 1/2 of cast"
        " and h0 >= 1 votes and h1 >= 1 votes and body present > 1/2",
    }
)

_TOKEN = re.compile(
    r"\s*(?:(?P<tok>\d+(?:\.\d+)?(?:/\d+)?%?|>=|>|[a-z][a-z0-9]*|[()])|(?P<bad>\S))"
)
_HOUSE = re.compile(r"h\d+|each|any|body")
_NUMBER = re.compile(r"\d.*")
_NAME = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)+")  # a hyphen is never part of an expression


def _whole_body(t: Tally) -> Tally:
    """The tally of a one-house body holding all of ``t``'s seats."""

    def total(x: np.ndarray) -> np.ndarray:
        return x.sum(axis=-1, keepdims=True)

    return Tally(
        total(t.support), total(t.oppose), total(t.abstain), total(t.absent), total(t.seats)
    )


class _SeatTerms(NamedTuple):
    """What a share of the seats compares with, for one seat layout and one fraction.

    ``needed`` is numerator x seats and ``voting`` seats > 0 (per house), as
    :func:`~govsim.rules.shares.meets` computes them on every call.
    """

    denominator: int
    needed: np.ndarray
    voting: np.ndarray
    any_voting: np.bool_


#: Seat terms by (fraction, seat totals): a body decides with the same seats every time.
_SEAT_TERMS: dict[tuple[int, int, str, tuple[int, ...], bytes], _SeatTerms] = {}


def _seat_terms(seats: np.ndarray, fraction: Fraction) -> _SeatTerms:
    seats = np.asarray(seats)
    # Numerator and denominator, not the Fraction: hashing a Fraction takes a modular inverse.
    num, den = fraction.numerator, fraction.denominator
    key = (num, den, seats.dtype.str, seats.shape, seats.tobytes())
    terms = _SEAT_TERMS.get(key)
    if terms is None:
        if len(_SEAT_TERMS) >= 1024:
            _SEAT_TERMS.clear()
        voting = seats > 0
        terms = _SEAT_TERMS[key] = _SeatTerms(den, num * seats, voting, voting.any())
    return terms


@dataclass(frozen=True)
class Atom:
    """One condition on one house (or on each, any, or the whole body).

    ``kind`` is ``"share"`` (support over ``base``), ``"votes"`` (supporting weight)
    or ``"present"`` (present weight over seats, a quorum).
    """

    house: str
    kind: Literal["share", "votes", "present"]
    inclusive: bool
    value: Fraction
    base: str = "seats"

    def __str__(self) -> str:
        op = ">=" if self.inclusive else ">"
        if self.kind == "votes":
            return f"{self.house} {op} {self.value} votes"
        if self.kind == "present":
            return f"{self.house} present {op} {self.value}"
        return f"{self.house} {op} {self.value} of {self.base}"

    def bases(self) -> frozenset[str]:
        """The bases (``"seats"``, ``"present"`` or ``"cast"``) its share counts against."""
        return frozenset({self.base}) if self.kind == "share" else frozenset()

    def evaluate(self, t: Tally) -> np.ndarray:
        """Bool array of the batch shape."""
        if self.house == "body":
            t = _whole_body(t)
        amount = t.present if self.kind == "present" else t.support
        seats = _seat_terms(t.seats, self.value)
        if self.kind == "votes":
            holds = meets(amount, 1, self.value, self.inclusive)
        elif self.base == "seats":  # meets against the seats, its seat terms made once
            lhs = np.asarray(amount) * seats.denominator
            reached = lhs >= seats.needed if self.inclusive else lhs > seats.needed
            holds = reached & seats.voting
        else:
            holds = meets(amount, base_weight(t, self.base), self.value, self.inclusive)
        voting = seats.voting
        if self.house == "each":
            # holds >= voting: it holds, or the house has no vote weight.
            return np.asarray(np.logical_and.reduce(holds >= voting, axis=-1) & seats.any_voting)
        if self.house == "any":
            return np.asarray(np.logical_or.reduce(holds & voting, axis=-1))
        k = 0 if self.house == "body" else int(self.house[1:])
        if k >= holds.shape[-1]:
            raise GovsimError(
                f"threshold {str(self)!r} refers to house {k}, but the body has "
                f"{holds.shape[-1]} house(s)"
            )
        return holds[..., k]


@dataclass(frozen=True)
class _Junction:
    """Terms combined by ``combine`` (a numpy logical ufunc)."""

    terms: tuple[Threshold, ...]
    combine: ClassVar[np.ufunc]

    def bases(self) -> frozenset[str]:
        return frozenset().union(*(t.bases() for t in self.terms))

    def evaluate(self, t: Tally) -> np.ndarray:
        return self.combine.reduce([term.evaluate(t) for term in self.terms])


@dataclass(frozen=True)
class And(_Junction):
    """All of ``terms`` hold."""

    combine = np.logical_and

    def __str__(self) -> str:
        return " and ".join(f"({t})" if isinstance(t, Or) else str(t) for t in self.terms)


@dataclass(frozen=True)
class Or(_Junction):
    """At least one of ``terms`` holds."""

    combine = np.logical_or

    def __str__(self) -> str:
        return " or ".join(str(t) for t in self.terms)


Threshold = Atom | And | Or


class _Parser:
    """Recursive descent over the grammar in the module docstring."""

    def __init__(self, expr: str) -> None:
        self.expr, self.pos, self.tokens = expr, 0, []
        for match in _TOKEN.finditer(expr.lower()):
            if match["bad"]:
                raise GovsimError(f"threshold {expr!r}: unexpected character {match['bad']!r}")
            self.tokens.append(match["tok"])

    def peek(self) -> str | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def fail(self, expected: str) -> NoReturn:
        token = self.peek()
        found = "the end" if token is None else repr(token)
        raise GovsimError(f"threshold {self.expr!r}: expected {expected}, found {found}")

    def take(self, expected: str, ok: Callable[[str], object] | tuple[str, ...]) -> str:
        token = self.peek()
        if token is None or not (token in ok if isinstance(ok, tuple) else ok(token)):
            self.fail(expected)
        self.pos += 1
        return token

    def parse(self) -> Threshold:
        result = self.disjunction()
        if self.peek() is not None:
            self.fail("'and', 'or' or the end")
        return result

    def disjunction(self) -> Threshold:
        terms = [self.conjunction()]
        while self.peek() == "or":
            self.pos += 1
            terms.append(self.conjunction())
        return terms[0] if len(terms) == 1 else Or(tuple(terms))

    def conjunction(self) -> Threshold:
        terms = [self.condition()]
        while self.peek() == "and":
            self.pos += 1
            terms.append(self.condition())
        return terms[0] if len(terms) == 1 else And(tuple(terms))

    def condition(self) -> Threshold:
        if self.peek() == "(":
            self.pos += 1
            inner = self.disjunction()
            self.take("')'", (")",))
            return inner
        house = self.take("a house (h0, h1, ..., each, any, body) or '('", _HOUSE.fullmatch)
        house = f"h{int(house[1:])}" if house[0] == "h" else house
        kind: Literal["present", "share"] = "present" if self.peek() == "present" else "share"
        self.pos += kind == "present"
        inclusive = self.take("'>' or '>='", (">", ">=")) == ">="
        number = self.take("a number such as 2/3, 60% or 0.5", _NUMBER.fullmatch)
        if kind == "share" and self.peek() in ("votes", "vote"):
            self.pos += 1
            value = to_fraction(number, f"threshold {self.expr!r}: vote count", upper=None)
            return Atom(house, "votes", inclusive, value)
        value = to_fraction(number, f"threshold {self.expr!r}: share")
        base = "seats"
        if kind == "share" and self.peek() == "of":
            self.pos += 1
            base = self.take("a base (seats, present or cast)", BASES)
        return Atom(house, kind, inclusive, value, base)


@lru_cache(maxsize=256)
def _parse(expr: str) -> Threshold:
    return _Parser(THRESHOLDS.get(expr, expr)).parse()


def parse_threshold(expr: str) -> Threshold:
    """Parse a threshold expression, or look up a name in :data:`THRESHOLDS`.

    The result is a frozen, hashable tree whose ``str`` is a canonical expression
    that parses back to an equal tree.

    Raises
    ------
    GovsimError
        On a malformed expression, with one line naming the expected token.

    Examples
    --------
    >>> str(parse_threshold("H0 > 50% AND (h1 >= 2/3 of cast)"))
    'h0 > 1/2 of seats and h1 >= 2/3 of cast'
    >>> parse_threshold("gnso-default") == parse_threshold("each > 1/2")
    True
    """
    if not isinstance(expr, str):
        raise GovsimError(f"threshold must be a name or an expression string; found {expr!r}")
    expr = expr.strip()
    if _NAME.fullmatch(expr) and expr not in THRESHOLDS:
        raise GovsimError(f"unknown threshold name {expr!r}; expected one of {list(THRESHOLDS)}")
    return _parse(expr)


@register(
    "houses",
    source="ICANN Bylaws §11.3(i) (GNSO Council voting thresholds); CA/Browser Forum "
    "Bylaws §2.3(f)",
    anonymous=True,
)
def multi_house(
    stances: np.ndarray,
    weights: np.ndarray,
    houses: np.ndarray,
    *,
    addressed: np.ndarray | None = None,
    threshold: str | Threshold = "gnso-default",
) -> Decision:
    """Pass when a condition over per-house tallies holds, e.g. a GNSO threshold.

    Parameters
    ----------
    stances, weights, houses, addressed
        As for every rule; ``addressed`` is ignored.
    threshold
        A name in :data:`THRESHOLDS` (``"gnso-default"``, ``"gnso-issues-report"``,
        ``"gnso-pdp-in-scope"``, ``"gnso-supermajority"``,
        ``"gnso-supermajority-2009"``, ``"cabforum-ballot"``), an expression in the
        language of :mod:`govsim.rules.houses`, or a parsed :data:`Threshold`.

    Returns
    -------
    Decision
        ``fraction`` is each house's support over the base the threshold counts
        against (seats unless all its shares use one other base).

    Notes
    -----
    The GNSO Council has two houses that weigh the same although one has 7 seats and
    the other 13: under ``"gnso-default"`` all 7 CPH votes against beat 13 NCPH votes
    for ("seven votes winning over 14").

    The CA/Browser Forum ballot rule (Bylaws §2.3(f)), with house 0 the Certificate
    Issuers and house 1 the Certificate Consumers, is written::

        h0 >= 2/3 of cast and h1 > 1/2 of cast and h0 >= 1 votes and h1 >= 1 votes

    and ``and body present > 1/2`` adds its quorum (§2.3(g)).

    References
    ----------
    ICANN Bylaws §11.3(i) (formerly Art. X §3(9)); GNSO Operating Procedures §4.5.3;
    CA/Browser Forum Bylaws §2.3.

    Examples
    --------
    >>> from govsim.rules.registry import Stance
    >>> council = [1] * 20
    >>> house = [0] * 7 + [1] * 13
    >>> seven_against_thirteen = [Stance.OPPOSE] * 7 + [Stance.SUPPORT] * 13
    >>> bool(multi_house(seven_against_thirteen, council, house).passed)
    False
    """
    if isinstance(threshold, _HASHABLE):
        condition, base = _prepare(threshold)
    else:
        condition, base = _prepare.__wrapped__(threshold)
    t = tally(stances, weights, houses)
    per_house = t.seats if base == "seats" else base_weight(t, base)
    return Decision(np.asarray(condition.evaluate(t)), t, share(t.support, per_house))


#: Thresholds that _prepare can cache (a tuple: isinstance with a union builds it anew).
_HASHABLE = (str, Atom, And, Or)


@lru_cache(maxsize=256)
def _prepare(threshold: str | Threshold) -> tuple[Threshold, str]:
    """The parsed threshold and the base its reported shares count against."""
    condition = threshold if isinstance(threshold, Atom | And | Or) else parse_threshold(threshold)
    bases = condition.bases()
    return condition, next(iter(bases)) if len(bases) == 1 else "seats"
