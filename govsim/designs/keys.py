"""The keys of design and scenario files, and the limits the loader enforces.

``docs/spec.md`` documents every key listed here; a test checks that it does.
"""

from __future__ import annotations

__all__ = [
    "IDEAL_KEYS",
    "KEYS",
    "MAX_DEGREE",
    "MAX_DIMENSIONS",
    "MAX_MEMBERS",
    "MAX_RESOURCES",
    "MAX_RESOURCE_INEQUALITY",
    "MAX_ROUNDS",
    "MAX_SEATS",
    "MAX_SEATS_PER_SECTOR",
    "MAX_WEIGHT",
    "MIN_RESOURCES",
]

#: Keys of a sector or constituency group (a constituency also names its sector).
_GROUP_KEYS = ("count", "ideal", "resources", "engagement", "susceptibility", "confidence")

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
        "extends",
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
    "design.regional": ("answers", "body", "seats_per_sector"),
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
    "scenario.sectors": _GROUP_KEYS,
    "scenario.constituencies": ("sector", *_GROUP_KEYS),
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
MAX_SEATS_PER_SECTOR = MAX_SEATS // 5  #: most seats per sector of a regional preset
#: Bounds that keep the model's arithmetic finite. A log-normal spread of sigma = 5
#: already puts a factor of about 1e10 between the 1st and the 99th percentile of a
#: group's resources; group resources times that spread, and seat weights summed
#: over 100,000 seats, stay far from overflow and underflow.
MAX_RESOURCE_INEQUALITY = 5.0  #: largest scenario.resource_inequality (sigma)
MIN_RESOURCES = 1e-6  #: smallest group resources
MAX_RESOURCES = 1e6  #: largest group resources
MAX_WEIGHT = 1e6  #: largest seat weight
MAX_DEGREE = 1e4  #: largest expected degree of the deliberation network
