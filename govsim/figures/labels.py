"""Axis labels and value labels: what each metric means, with its unit."""

from __future__ import annotations

import re
import textwrap
from collections.abc import Mapping
from typing import Any

import numpy as np

__all__ = [
    "FACTOR_LABELS",
    "METRIC_LABELS",
    "factor_label",
    "format_value",
    "metric_label",
    "wrap_label",
]

#: Axis label (meaning and unit) of every run-level metric of docs/model.md#metrics.
#: Sector columns (``welfare_<sector>``, ``welfare_gain_<sector>``, ``capture_<sector>``,
#: ``power_<sector>``) and ``status_quo_<k>`` are labelled by :func:`metric_label`.
METRIC_LABELS: dict[str, str] = {
    "pass_rate": "pass rate (share of issues)",
    "gridlock_rate": "gridlock rate (share of issues not passed)",
    "decision_rounds": "decision time (rounds per issue)",
    "welfare": "welfare (−mean distance to the outcome)",
    "welfare_gain": "welfare gain (outcome over reversion point)",
    "attained_gain": "output legitimacy (share of attainable gain realised)",
    "minority_loss": "worst-off group's regret (mean distance beyond its best)",
    "minority_group": "worst-off group",
    "gain_sd": "inequality of gains (SD over stakeholders)",
    "gain_gini": "inequality of gains (Gini, either sign)",
    "blocked_majority_rate": "majority blocked (share of issues voted on)",
    "imposed_majority_rate": "majority overridden by a pass (share of issues voted on)",
    "seat_blocked_majority_rate": "seat majority blocked (share of issues voted on)",
    "seat_imposed_majority_rate": "seat majority overridden (share of issues voted on)",
    "counter_majoritarian_rate": "against the head count (blocked + overridden)",
    "seat_counter_majoritarian_rate": "against the seat count (blocked + overridden)",
    "informed_rate": "decided as full information would (share of issues voted on)",
    "agenda_free_blocked_rate": "seat majority blocked, agenda-free (share of (q, y))",
    "agenda_free_imposed_rate": "seat majority overridden, agenda-free (share of (q, y))",
    "heard": "throughput legitimacy (share heard)",
    "congruence": "input legitimacy (median-voter congruence)",
    "descriptive_representation": "descriptive representation (1 − seat/population gap)",
    "captured_by": "sector whose median ideal is closest to the passed motions",
    "polarisation_ideal": "polarisation of the groups' ideal points (Esteban–Ray)",
    "polarisation": "polarisation of the groups' final positions (Esteban–Ray)",
    "clusters": "opinion clusters (count)",
    "engagement": "engagement (mean chance of taking part)",
    "status_quo": "last outcome (position)",
}
_SECTOR_LABELS = {
    "welfare": "welfare of {} (−mean distance to the outcome)",
    "welfare_gain": "welfare gain of {} (outcome over reversion point)",
    "capture": "capture by {} (1 = passed motions at its median ideal, −1 = at everyone's)",
    "power": "Banzhaf power of {} (share)",
}
# welfare_gain before welfare, so that welfare_gain_<sector> is not read as welfare_<…>.
_SECTOR_COLUMN = re.compile(r"(welfare_gain|welfare|capture|power)_(.+)")
_STATUS_QUO_AXIS = re.compile(r"status_quo_(\d+)")


def metric_label(metric: str, labels: Mapping[str, str] | None = None) -> str:
    """The axis label of a metric column: ``labels``, then :data:`METRIC_LABELS`, else the name.

    Examples
    --------
    >>> metric_label("pass_rate"), metric_label("power_civil_society")
    ('pass rate (share of issues)', 'Banzhaf power of civil-society (share)')
    >>> metric_label("my_metric"), metric_label("welfare", {"welfare": "W"})
    ('my_metric', 'W')
    """
    if labels and metric in labels:
        return labels[metric]
    if metric in METRIC_LABELS:
        return METRIC_LABELS[metric]
    if match := _SECTOR_COLUMN.fullmatch(metric):
        # Sector suffixes have "-" written as "_" (docs/model.md#metrics).
        return _SECTOR_LABELS[match[1]].format(match[2].replace("_", "-"))
    if match := _STATUS_QUO_AXIS.fullmatch(metric):
        return f"last outcome, dimension {match[1]} (position)"
    return metric


def format_value(value: Any) -> str:
    """A factor value or group name as a short label (floats without trailing noise).

    Examples
    --------
    >>> format_value(0.30000000000000004), format_value(2.0), format_value("degroot")
    ('0.3', '2', 'degroot')
    """
    if isinstance(value, float | np.floating):
        return f"{value:.6g}"
    return str(value)


def wrap_label(text: str, points: float) -> str:
    """``text`` broken into lines of at most about ``points`` points (9-point text).

    Examples
    --------
    >>> print(wrap_label("decision time (rounds per issue)", 100))
    decision time
    (rounds per issue)
    """
    # About 0.55 em per character of the 9-point axis label font.
    return textwrap.fill(text, max(18, int(points / 5)), break_on_hyphens=False)


#: Axis label of a swept key (docs/spec.md) as a reader of the figure needs it.
FACTOR_LABELS: dict[str, str] = {
    "deliberation.segregation": "segregation of deliberation (0 = one open room, 1 = silos)",
    "deliberation.rounds": "deliberation rounds per issue",
    "deliberation.kernel": "deliberation kernel",
    "deliberation.advisory_pull": "pull of advice on deciders (0–1)",
    "attendance": "attendance (chance a seat holder votes)",
    "scenario.polarisation": "polarisation of the sectors' ideal points (0–1)",
    "scenario.resource_inequality": "resource inequality (sigma of the log-normal)",
    "scenario.learning_rate": "learning rate (engagement change per issue)",
    "scenario.indifference": "indifference threshold (distance)",
}
# The ATLAS II regional survey questions (London, 22 June 2014), as answered 1-5.
_QUESTIONS = (
    "Q1: governments include outsiders in dialogue",
    "Q2: governments include outsiders in decisions",
    "Q3: ccTLD/RIR include outsiders in dialogue",
    "Q4: ccTLD/RIR include outsiders in decisions",
    "Q5: stakeholder groups segregated (first of two questions)",
    "Q6: stakeholder groups segregated (second of two questions)",
)
_ANSWER = re.compile(r"regional\.answers\.([0-5])")
_GROUP_KEY = re.compile(r"scenario\.(?:sectors|constituencies)\.([^.]+)\.(.+)")
_GROUP_LABELS = {
    "ideal.mean": "mean ideal point of {} (position)",
    "ideal.sd": "spread of {}'s ideal points (SD)",
    "count": "members of {} (count)",
    "resources": "resources of {} (relative)",
    "engagement": "engagement of {} (chance of taking part)",
}


def factor_label(key: str) -> str:
    """The axis label of a factor (a swept key path), or the key itself.

    Examples
    --------
    >>> factor_label("regional.answers.0")
    'Q1: governments include outsiders in dialogue (answer 1–5)'
    >>> factor_label("scenario.constituencies.ncsg.ideal.mean")
    'mean ideal point of ncsg (position)'
    >>> factor_label("scenario.polarisation"), factor_label("my.key")
    ("polarisation of the sectors' ideal points (0–1)", 'my.key')
    """
    if match := _ANSWER.fullmatch(key):
        return f"{_QUESTIONS[int(match[1])]} (answer 1–5)"
    if (match := _GROUP_KEY.fullmatch(key)) and match[2] in _GROUP_LABELS:
        return _GROUP_LABELS[match[2]].format(match[1])
    return FACTOR_LABELS.get(key, key)
