"""The preference split of the 7-over-14 experiment, as a dial of the explore page.

``experiments/gnso_7_over_14.toml`` sweeps a preference split between the GNSO's
contracted and non-contracted groups; its points are the rows of
``experiments/gnso-splits.csv``. The page offers the same rows, read by the sweep's own
code (:func:`~govsim.sweeps.runner.plan_experiment` and the csv sampler), so a split
on the page applies exactly the overrides a run of that sweep applies at that point.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from govsim.errors import GovsimError

__all__ = ["SPLIT_EXPERIMENT", "split_overrides", "splits"]

#: The experiment whose points are the split dial's settings: in a checkout of govsim
#: (an installed wheel has no ``experiments/``, and the page then has no split dial).
SPLIT_EXPERIMENT = Path(__file__).resolve().parents[3] / "experiments" / "gnso_7_over_14.toml"


@cache
def splits(experiment: Path = SPLIT_EXPERIMENT) -> dict[float, tuple[tuple[str, Any], ...]]:
    """Each point's label (the split) -> the ``(key path, value)`` pairs it applies.

    The pairs are the experiment's constants, then the point's values (its label
    column sets nothing), in the order a sweep run applies them. Empty when the
    experiment file is absent.

    Examples
    --------
    >>> dict(splits()[0.4])["scenario.constituencies.rysg.ideal.mean"]
    0.9
    """
    if not experiment.is_file():
        return {}
    from govsim.sweeps.runner import plan_experiment  # the sweep machinery, only if used

    plan = plan_experiment(experiment)
    sampler, points = plan.experiment.sampler, plan.points
    if sampler.label is None:
        raise GovsimError(f"{experiment.name}: expected a sampler.label naming each split")
    return {
        float(row[sampler.label]): (
            *plan.experiment.constants,
            *sampler.values(row, points.columns).items(),
        )
        for _, row in points.iterrows()
    }


def split_overrides(split: float) -> tuple[tuple[str, Any], ...]:
    """The pairs of the experiment's point at ``split`` (raises a GovsimError if none)."""
    table = splits()
    if split not in table:
        found = ", ".join(map(str, table)) or f"none ({SPLIT_EXPERIMENT} is missing)"
        raise GovsimError(f"preference split: expected one of {found}; found {split!r}")
    return table[split]
