"""Two designs on the same seeds: what ``govsim compare`` runs and prints.

:func:`compare` builds a two-design experiment, sweeps it (common random numbers:
replicate r has the same seed under both designs) and tests the paired differences
with :func:`govsim.sweeps.compare_designs`.
"""

from __future__ import annotations

import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from govsim import DEFAULT_STEPS
from govsim.designs import resolve
from govsim.errors import GovsimError
from govsim.figures.compare import COMPARISON_METRICS
from govsim.sweeps import Experiment, compare_designs, load, sweep

__all__ = ["Comparison", "compare"]


@dataclass(frozen=True)
class Comparison:
    """What :func:`compare` found.

    Attributes
    ----------
    a, b
        The two designs' names; differences are ``b - a``.
    table
        One row per metric: means, the mean difference, its 95% interval, the effect
        size and the paired tests (:func:`govsim.sweeps.compare_designs`).
    replications, steps
        Paired replications, and issues per run.
    failed
        Runs that failed.
    first_error
        The error of the first failed run, or None.
    """

    a: str
    b: str
    table: pd.DataFrame
    replications: int
    steps: int
    failed: int
    first_error: str | None


def compare(
    design_a: str,
    design_b: str,
    *,
    scenario: str | None = None,
    steps: int = DEFAULT_STEPS,
    replications: int = 30,
    seed: int = 0,
    overrides: Sequence[tuple[str, Any]] = (),
    metrics: Sequence[str] | None = None,
    backend_name: str = "process",
    workers: int | None = None,
    out: str | Path | None = None,
    progress: bool = True,
    labels: tuple[str, str] = ("design_a", "design_b"),
) -> Comparison:
    """Run two designs on common seeds and compare them metric by metric.

    Parameters
    ----------
    design_a, design_b
        Built-in design names or TOML files.
    scenario
        One scenario for both; None: each design's own.
    steps, replications, seed
        Issues per run, paired replications and the base seed.
    overrides
        Typed ``(key path, value)`` overrides applied to both designs.
    metrics
        Metrics to compare; None: those of
        :data:`govsim.figures.compare.COMPARISON_METRICS` the runs have.
    backend_name, workers, progress
        As for :func:`govsim.sweep`.
    out
        Keep the runs in this sweep folder; None: a temporary folder.
    labels
        Names of the two designs in error messages (the CLI's ``DESIGN_A``).

    Raises
    ------
    GovsimError
        A design, the scenario or an override is invalid (named by its label).

    Examples
    --------
    >>> result = compare("gnso-council", "gnso-council-2003", steps=5, replications=2,
    ...                  metrics=["welfare"], backend_name="serial", progress=False)
    >>> result.table["metric"].tolist()
    ['welfare']
    """
    for label, design in zip(labels, (design_a, design_b), strict=True):
        try:
            resolve(design, scenario, overrides)
        except GovsimError as error:
            raise GovsimError(str(error), source=label) from None
    experiment = Experiment(
        name="compare",
        designs=(design_a, design_b),
        scenario=scenario,
        steps=steps,
        replications=replications,
        seed=seed,
        constants=tuple(overrides),
        source="<command line>",
    )
    with tempfile.TemporaryDirectory() as scratch:
        folder = out or Path(scratch) / "compare"
        report = sweep(
            experiment, folder, backend_name=backend_name, workers=workers, progress=progress
        )
        runs = load(folder)
    a, b = list(runs.attrs["manifest"]["designs"])
    chosen = list(metrics or [m for m in COMPARISON_METRICS if m in runs.columns])
    table = compare_designs(runs, a, b, metrics=chosen).drop(columns="points")  # one point
    failed = runs.loc[runs["status"] != "ok", "error"]
    return Comparison(
        a, b, table, replications, steps, report.failed, failed.iloc[0] if len(failed) else None
    )
