"""Stances, the :class:`Decision` record, and the registry of decision rules.

Every decision rule is a plain function with one signature::

    rule(stances, weights, houses, *, addressed=None, **params) -> Decision

- ``stances``: int8 array of :class:`Stance` codes, shape ``(..., n)``. Leading axes
  are a batch: one call decides many ballots at once (replications, or every
  coalition of a power-index computation).
- ``weights``: float or int array ``(n,)``, each seat's vote weight (0 = non-voting).
- ``houses``: int array ``(n,)``, each seat's house code ``0..H-1`` (all 0 for a
  unicameral body).
- ``addressed``: optional bool array like ``stances``; True where an objection was
  addressed in deliberation (an amendment moved the proposal toward the objector).
  Only rules that judge objections (IETF rough consensus) read it.

Rules are registered with :func:`register`, which records metadata that the
registry-wide contract test checks, and are looked up by name with :func:`get_rule`,
which binds and validates parameters. Designs refer to rules by name, so they stay
hashable and serialisable.
"""

from __future__ import annotations

import inspect
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import IntEnum
from functools import partial
from math import prod
from typing import Any, Protocol

import numpy as np

from govsim.errors import GovsimError

__all__ = [
    "RULES",
    "Decision",
    "Rule",
    "RuleInfo",
    "Stance",
    "Tally",
    "get_rule",
    "register",
    "tally",
]


class Stance(IntEnum):
    """What one seat does on one ballot (stored as int8)."""

    ABSENT = 0
    SUPPORT = 1
    OPPOSE = 2
    ABSTAIN = 3


@dataclass(frozen=True)
class Tally:
    """Vote weight per house for each stance; arrays of shape ``(..., H)``."""

    support: np.ndarray
    oppose: np.ndarray
    abstain: np.ndarray
    absent: np.ndarray
    seats: np.ndarray  # (H,) total vote weight of each house

    @property
    def present(self) -> np.ndarray:
        """Weight present: support + oppose + abstain."""
        return self.support + self.oppose + self.abstain

    @property
    def cast(self) -> np.ndarray:
        """Weight of votes cast: support + oppose."""
        return self.support + self.oppose


@dataclass(frozen=True)
class Decision:
    """The outcome of one ballot, or of a batch of ballots.

    Attributes
    ----------
    passed
        Bool array of the batch shape (0-d for a single ballot).
    tally
        Per-house vote weights by stance.
    fraction
        Per-house share, shape ``(..., H)``, that the rule compared with its
        threshold (support over the rule's base: seats, present or cast).
    designation
        String array of the batch shape for rules that name their outcome (GNSO
        working-group consensus levels, advisory outcomes), else ``None``.
    """

    passed: np.ndarray
    tally: Tally
    fraction: np.ndarray
    designation: np.ndarray | None = None


class Rule(Protocol):
    """The one signature of every registered rule, parameters bound (see the module)."""

    def __call__(
        self,
        stances: np.ndarray,
        weights: np.ndarray,
        houses: np.ndarray,
        *,
        addressed: np.ndarray | None = None,
    ) -> Decision:
        """Decide a ballot, or a batch of ballots along the leading axes."""
        ...


@dataclass(frozen=True)
class RuleInfo:
    """A registered rule and the properties it claims.

    ``anonymous``: permuting stances among all seats never changes the outcome
    (given equal weights and one house). ``monotone``: turning any one seat to
    SUPPORT never makes a passing ballot fail. The contract test checks both claims.

    Two more properties tell the model how to use the rule: ``consensus`` rules judge
    objections, so the model amends the proposal between decision rounds; under
    ``house_zero_decides`` rules only house 0 holds decision weight and the other
    houses advise or are consulted.
    """

    name: str
    func: Callable[..., Decision]
    summary: str
    source: str
    anonymous: bool
    monotone: bool
    defaults: Mapping[str, Any] = field(default_factory=dict)
    consensus: bool = False
    house_zero_decides: bool = False


RULES: dict[str, RuleInfo] = {}


def register(
    name: str,
    *,
    source: str,
    anonymous: bool,
    monotone: bool = True,
    consensus: bool = False,
    house_zero_decides: bool = False,
) -> Callable[[Callable[..., Decision]], Callable[..., Decision]]:
    """Register a decision rule under ``name`` without changing the function.

    Parameters
    ----------
    name
        Registry name used by designs and the CLI (kebab-case).
    source
        Where the rule comes from: a bylaw section, an RFC or a paper.
    anonymous, monotone, consensus, house_zero_decides
        Properties the rule claims; see :class:`RuleInfo`.
    """

    def decorate(func: Callable[..., Decision]) -> Callable[..., Decision]:
        if name in RULES:
            raise RuntimeError(f"decision rule {name!r} registered twice")
        signature = inspect.signature(func)
        defaults = {
            key: p.default
            for key, p in signature.parameters.items()
            if p.kind is p.KEYWORD_ONLY and key != "addressed"
        }
        summary = (inspect.getdoc(func) or "").split("\n\n")[0].replace("\n", " ")
        RULES[name] = RuleInfo(
            name,
            func,
            summary,
            source,
            anonymous,
            monotone,
            defaults,
            consensus=consensus,
            house_zero_decides=house_zero_decides,
        )
        return func

    return decorate


def get_rule(name: str, **params: Any) -> Rule:
    """Look up a rule by name and bind its parameters.

    Raises
    ------
    GovsimError
        For an unknown rule name or parameter, naming the choices.
    """
    if name not in RULES:
        raise GovsimError(f"unknown decision rule {name!r}; expected one of {sorted(RULES)}")
    info = RULES[name]
    unknown = sorted(set(params) - set(info.defaults))
    if unknown:
        raise GovsimError(
            f"rule {name!r} has no parameter {unknown[0]!r}; "
            f"expected one of {sorted(info.defaults)}"
        )
    return partial(info.func, **params)


#: Stance codes as a column, to compare a block of ballots with every stance at once.
_STANCES = np.array(list(Stance), dtype=np.int8)[:, None]
_N_STANCES = len(_STANCES)  # len(Stance) goes through the enum's metaclass on every call

#: Masked weights per block when a tally sums row by row: the block stays in cache,
#: and ballots never interact, so blocking cannot change a result.
_BLOCK = 1 << 18


def tally(stances: np.ndarray, weights: np.ndarray, houses: np.ndarray) -> Tally:
    """Sum vote weight per house and stance, vectorised over batch axes.

    A ballot's tally is bit-for-bit the same whether it is decided alone or inside a
    batch of any shape. Weights such as 0.1 or 1/3 are not exact in binary, so a sum
    depends on the order of its terms; each ballot's per-house sums are therefore
    taken row by row over its own seats, in a fixed order (numpy's pairwise sum over
    the contiguous last axis), never by a matrix product, whose BLAS summation order
    may change with the batch size. ``seats`` is summed the same way, so a house that
    supports unanimously has ``support == seats`` exactly. Whole-number weights (seat
    counts; totals below 2**52) sum exactly in any order, so for them the tally is one
    matrix product per block of ballots against a seat-by-house matrix made once per
    seat layout: the same numbers, about ten times faster for one ballot. A process
    that has loaded :mod:`govsim.rules.compiled` (the model's small runs load it)
    counts int8 ballots of whole weights in one compiled loop instead.

    Raises
    ------
    GovsimError
        If the lengths of ``stances``, ``weights`` and ``houses`` disagree, or a
        weight is negative.
    """
    stances = np.asarray(stances)
    weights = np.asarray(weights, dtype=float)
    houses = np.asarray(houses, dtype=np.intp)
    n = stances.shape[-1] if stances.ndim else -1
    if weights.shape != (n,) or houses.shape != (n,):
        raise GovsimError(
            f"stances, weights and houses must have one entry per seat; found "
            f"{max(n, 0)} stances, {weights.size} weights and {houses.size} house codes"
        )
    n_houses, exact = _seat_layout(weights, houses)
    batch = stances.shape[:-1]
    ballots = stances.reshape(prod(batch), n)
    if exact is not None:
        # Whole weights sum exactly in any order, so one product gives the same bits.
        by_house, seats = exact
        step = max(1, _BLOCK // (_N_STANCES * max(n, 1)))
        compiled = sys.modules.get("govsim.rules.compiled")  # loaded by small model runs
        if compiled is not None and ballots.dtype == np.int8 and ballots.flags.c_contiguous:
            counts = compiled.whole_tally(ballots, weights, houses, n_houses)
        elif len(ballots) <= step:  # one block (one replication, a model's batch)
            counts = np.matmul((ballots == _STANCES[..., None]).astype(float), by_house)
        else:
            counts = np.empty((_N_STANCES, len(ballots), n_houses))
            for start in range(0, len(ballots), step):
                block = ballots[None, start : start + step] == _STANCES[..., None]  # (4, b, n)
                counts[:, start : start + step] = np.matmul(block.astype(float), by_house)
        counts = counts.reshape(_N_STANCES, *batch, n_houses)
        # Indexed rather than unpacked: iterating over an array costs more.
        return Tally(counts[1], counts[2], counts[3], counts[0], seats.copy())
    order = np.argsort(houses, kind="stable")
    bounds = np.searchsorted(houses[order], np.arange(n_houses + 1))
    if (order != np.arange(n)).any():
        ballots, weights = ballots[:, order], weights[order]
    counts = np.zeros((len(Stance), len(ballots), n_houses))
    seats = np.zeros(n_houses)
    for h in range(n_houses):
        seated = slice(bounds[h], bounds[h + 1])
        w = weights[seated]
        seats[h] = _row_sums(w[None, None])[0, 0]
        step = max(1, _BLOCK // (len(Stance) * max(w.size, 1)))
        for start in range(0, len(ballots), step):
            block = ballots[start : start + step, None, seated]  # (ballots, 1, seats)
            counts[:, start : start + step, h] = _row_sums((block == _STANCES) * w).T
    absent, support, oppose, abstain = counts.reshape(len(Stance), *batch, n_houses)
    return Tally(support, oppose, abstain, absent, seats)


#: Seat layouts seen so far: (weights, houses) bytes -> (number of houses, and for
#: whole weights the seat-by-house weights and house totals, else None). A model asks
#: with the same seats on every ballot; the cache is bounded by the layouts a process
#: uses.
_LAYOUTS: dict[bytes, tuple[int, tuple[np.ndarray, np.ndarray] | None]] = {}

#: Whole weights with a total below this sum exactly in float64 in any order.
_EXACT_TOTAL = 2.0**52


def _seat_layout(
    weights: np.ndarray, houses: np.ndarray
) -> tuple[int, tuple[np.ndarray, np.ndarray] | None]:
    """The number of houses, and the seat-by-house weights when weights are whole.

    When every weight is a whole number (the usual seat counts), also the (n, H)
    matrix of each seat's weight in its house and the house totals; checked once per
    layout.
    """
    key = weights.tobytes() + b"|" + houses.tobytes()
    if key not in _LAYOUTS:
        if (weights < 0).any() or (houses < 0).any():
            raise GovsimError("weights and house codes must be non-negative")
        n_houses = int(houses.max()) + 1 if houses.size else 1
        if len(_LAYOUTS) >= 1024:
            _LAYOUTS.clear()
        exact = None
        if (weights == np.floor(weights)).all() and weights.sum() < _EXACT_TOTAL:
            by_house = np.zeros((weights.size, n_houses))
            by_house[np.arange(weights.size), houses] = weights
            exact = (by_house, by_house.sum(axis=0))
        _LAYOUTS[key] = (n_houses, exact)
    return _LAYOUTS[key]


def _row_sums(masked: np.ndarray) -> np.ndarray:
    """Sum a fresh C-contiguous array over its last axis: one ballot's seats per row.

    numpy reduces each row of a C-contiguous array on its own, by the same pairwise
    summation whatever the number of rows, so a ballot's sum never depends on the
    batch around it. Do not hand this a transposed or strided view.
    """
    return np.ascontiguousarray(masked).sum(axis=-1)
