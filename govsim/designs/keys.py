"""The keys of design and scenario files, and the limits the loader enforces.

``docs/spec.md`` documents every key listed here; a test checks that it does.
"""

from __future__ import annotations

__all__ = [
    "IDEAL_KEYS",
    "KEYS",
    "MAX_DIMENSIONS",
    "MAX_MEMBERS",
    "MAX_ROUNDS",
    "MAX_SEATS",
]

#: Every key each table of a spec may hold (``docs/spec.md`` documents each one).
KEYS: dict[str, tuple[str, ...]] = {
    "file": ("design", "scenario"),
    "design": (
        "name",
        "description",
        "source",
        "scenario",
        "attendance",
        "houses",
        "seats",
        "rule",
        "inclusion",
        "agenda",
        "deliberation",
        "amendment",
        "regional",
    ),
    "design.houses": ("name", "seats"),
    "design.seats": ("group", "count", "house", "weight", "coopted_by"),
    "design.rule": ("name",),  # plus the rule's own parameters
    "design.inclusion": ("level", "agenda", "dialogue", "decision", "advisory"),
    "design.agenda": ("moderation",),
    "design.deliberation": (
        "kernel",
        "rounds",
        "segregation",
        "blocks",
        "degree",
        "mu",
        "advisory_pull",
    ),
    "design.amendment": ("rounds", "step"),
    "design.regional": ("answers", "body"),
    "scenario": (
        "name",
        "description",
        "dimensions",
        "status_quo",
        "resource_inequality",
        "polarisation",
        "indifference",
        "learning_rate",
        "sectors",
        "constituencies",
        "shocks",
    ),
    "scenario.sectors": (
        "count",
        "ideal",
        "resources",
        "engagement",
        "susceptibility",
        "confidence",
    ),
    "scenario.constituencies": (
        "sector",
        "count",
        "ideal",
        "resources",
        "engagement",
        "susceptibility",
        "confidence",
    ),
    "scenario.ideal": ("distribution", "mean", "sd", "low", "high", "points"),
    "scenario.shocks": ("issue", "sectors", "engagement"),
}

#: Keys of an ideal-point table used by each distribution.
IDEAL_KEYS: dict[str, tuple[str, ...]] = {
    "normal": ("distribution", "mean", "sd"),
    "uniform": ("distribution", "low", "high"),
    "points": ("distribution", "points"),
}

MAX_DIMENSIONS = 100  #: most dimensions of the policy space
MAX_MEMBERS = 1_000_000  #: most members of one group
MAX_SEATS = 100_000  #: most seats of one design
MAX_ROUNDS = 100_000  #: most deliberation or amendment rounds
