"""Decision rules: plain functions over stance arrays, registered by name.

Importing this package imports every rule module, so every rule is registered in
:data:`RULES` and can be looked up with :func:`get_rule`.
"""

from __future__ import annotations

# Imported for their side effect: each module registers its rules.
from govsim.rules import advisory, consensus, executive, houses, voting  # noqa: F401
from govsim.rules.advisory import HOUSE_ZERO_DECIDES
from govsim.rules.consensus import CONSENSUS_RULES
from govsim.rules.houses import THRESHOLDS, parse_threshold
from govsim.rules.registry import RULES, Decision, Stance, Tally, get_rule, register, tally

__all__ = [
    "CONSENSUS_RULES",
    "HOUSE_ZERO_DECIDES",
    "RULES",
    "THRESHOLDS",
    "Decision",
    "Stance",
    "Tally",
    "get_rule",
    "parse_threshold",
    "register",
    "tally",
]
