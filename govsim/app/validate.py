"""Checking spec files before anything runs: what ``govsim validate`` reports.

A file may hold a design, a scenario, both, or an experiment; :func:`check_file`
checks any of them as the command that would use it does and says what it holds.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from govsim.designs import validate
from govsim.designs.load import read_toml
from govsim.errors import GovsimError
from govsim.sweeps.columns import probe
from govsim.sweeps.runner import plan_experiment

__all__ = ["check_file", "experiment_summary", "is_experiment"]


def is_experiment(source: str | Path) -> bool:
    """Whether ``source`` is a TOML file with an ``[experiment]`` table.

    Anything unreadable is not: the design loader names its problem.
    """
    path = Path(source)
    if path.suffix != ".toml" or not path.is_file():
        return False
    try:
        return "experiment" in read_toml(path, str(source))
    except GovsimError:
        return False


def experiment_summary(source: str | Path) -> str:
    """Plan an experiment file, probe each design once, and describe its size.

    The file is planned as ``govsim sweep`` would, with one short probe run per design.

    Raises
    ------
    GovsimError
        The experiment, one of its designs or the probe run is invalid.

    """
    plan = plan_experiment(str(source))
    probe(plan)  # one short run per design, as the sweep starts with
    e = plan.experiment
    return (
        f"experiment {e.name}: {len(plan.points)} points x {len(plan.designs)} designs x "
        f"{e.replications} replications = {plan.n_runs} runs in {plan.n_chunks} chunks"
    )


def check_file(source: str, overrides: Sequence[tuple[str, Any]] = ()) -> str:
    """Check a design, scenario or experiment file (or a built-in name); say what it holds.

    Parameters
    ----------
    source
        A TOML file, or a built-in design or scenario name.
    overrides
        Typed ``(key path, value)`` overrides applied before checking (designs and
        scenarios only).

    Returns
    -------
    str
        ``"design NAME, scenario NAME"``, ``"scenario NAME"``, or the experiment's
        :func:`experiment_summary`.

    Raises
    ------
    GovsimError
        Any invalid key, type or range, a design that does not fit its scenario, or
        overrides given for an experiment file.

    Examples
    --------
    >>> check_file("gnso-council")
    'design gnso-council, scenario gnso'
    """
    if is_experiment(source):
        if overrides:
            raise GovsimError("--set applies to designs and scenarios, not to experiment files")
        return experiment_summary(source)
    design, scenario = validate(source, overrides)
    what = f"design {design.name}, " if design is not None else ""
    return f"{what}scenario {scenario.name}"
