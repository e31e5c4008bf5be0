"""Stances and ballots of the issue cycle: numpy code, or one compiled call for a small batch.

The compiled loops (:mod:`govsim.model.compiled`, numba) give the numbers of the
numpy code bit for bit; they load on first use, so importing govsim does not wait for
numba, and a large batch, which takes the numpy code, never loads it.
"""

from __future__ import annotations

import importlib
import sys
from types import ModuleType

import numpy as np

from govsim.dynamics.linear import COMPILED_ROWS
from govsim.model.measures import ABSENT, ABSTAIN, OPPOSE, SUPPORT
from govsim.rules import take_stances as rule_stances

__all__ = ["CODES", "cast_ballot", "compiled_loops", "take_stances"]

#: Stance codes in the order the compiled loops take them: support, oppose, abstain.
CODES = np.array([SUPPORT, OPPOSE, ABSTAIN], dtype=np.int8)
_BALLOT_CODES = np.array([SUPPORT, OPPOSE, ABSTAIN, ABSENT], dtype=np.int8)


def compiled_loops() -> ModuleType:
    """:mod:`govsim.model.compiled`, imported (with numba) on first use."""
    module = sys.modules.get("govsim.model.compiled")
    if module is None:
        module = importlib.import_module("govsim.model.compiled")
    return module


def take_stances(
    position: np.ndarray,
    proposal: np.ndarray,
    status_quo: np.ndarray,
    indifference: float,
    bonus: np.ndarray | None = None,
) -> np.ndarray:
    """Stance of each stakeholder on a proposal against the status quo.

    The convention of :func:`govsim.rules.take_stances` (support if ||p - y|| <
    ||p - q|| - tau, oppose if ||p - y|| > ||p - q|| + tau, otherwise abstain; a
    ``bonus`` of shape (B, N) is subtracted from ||p - y||), whose broadcasting it
    keeps. ``position`` has shape (B, N, d), the others (B, d); small bodies of that
    exact shape and no bonus take one compiled call with the same bits.
    """
    b, n = position.shape[:2]
    same_shape = proposal.shape[0] == status_quo.shape[0] == b
    if b * n <= COMPILED_ROWS and same_shape and bonus is None:
        # One compiled call; it sums the distances in norm's (numpy's) order.
        from govsim.dynamics.compiled import stance_codes  # numba loads on first use

        return stance_codes(
            np.asarray(position, dtype=float),
            np.asarray(proposal, dtype=float),
            np.asarray(status_quo, dtype=float),
            float(indifference),
            CODES,
        )
    return rule_stances(position, proposal, status_quo, indifference, bonus)


def cast_ballot(
    position: np.ndarray,
    proposal: np.ndarray,
    status_quo: np.ndarray,
    indifference: float,
    engaged: np.ndarray,
    voters: np.ndarray,
    voting: np.ndarray,
    bonus: np.ndarray | None,
    small: bool,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """One round's stances (B, N), ballot (B, V), objecting voters (B, V) and any (B,).

    The engaged take stances on ``proposal`` against ``status_quo``, the others are
    absent; ``voters`` are the seats' stakeholders, and those with ``voting`` weight
    who oppose object. One compiled call for a ``small`` batch without a ``bonus``.
    """
    if small and bonus is None:
        return compiled_loops().ballot(
            position,
            proposal,
            status_quo,
            float(indifference),
            _BALLOT_CODES,
            engaged,
            voters,
            voting,
        )
    stances = np.where(
        engaged, take_stances(position, proposal, status_quo, indifference, bonus), ABSENT
    )
    ballot = stances[:, voters]
    objecting = (ballot == OPPOSE) & voting
    return stances, ballot, objecting, objecting.any(axis=1)
