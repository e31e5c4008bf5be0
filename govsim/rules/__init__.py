"""Decision rules: plain functions over stance arrays, registered by name.

Importing this package imports every rule module, so every rule is registered in
:data:`RULES` and can be looked up with :func:`get_rule`.
"""

from __future__ import annotations

# Imported for their side effect: each module registers its rules.
from govsim.rules import advisory, consensus, executive, houses, voting  # noqa: F401
from govsim.rules.disagreement import Disagreement, agenda_free_rates, disagreement_rates
from govsim.rules.houses import THRESHOLDS, parse_threshold
from govsim.rules.passing import Interval, PassingSet, passing_set, take_stances
from govsim.rules.registry import RULES, Decision, Stance, Tally, get_rule, register, tally
from govsim.rules.setter import SetterProposal, setter_proposal

#: Rules that judge objections; the model amends the proposal between their rounds.
CONSENSUS_RULES = frozenset(name for name, info in RULES.items() if info.consensus)
#: Rules under which only house 0 decides; other houses advise or are consulted.
HOUSE_ZERO_DECIDES = frozenset(name for name, info in RULES.items() if info.house_zero_decides)

__all__ = [
    "CONSENSUS_RULES",
    "HOUSE_ZERO_DECIDES",
    "RULES",
    "THRESHOLDS",
    "Decision",
    "Disagreement",
    "Interval",
    "PassingSet",
    "SetterProposal",
    "Stance",
    "Tally",
    "agenda_free_rates",
    "disagreement_rates",
    "get_rule",
    "parse_threshold",
    "passing_set",
    "register",
    "setter_proposal",
    "take_stances",
    "tally",
]
