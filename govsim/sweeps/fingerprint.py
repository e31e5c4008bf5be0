"""What identifies a sweep's results, so a resume never mixes two experiments.

The fingerprint hashes, separately: the experiment's settings; the content of every
resolved design and scenario (or the source file of a swept function); the design
matrix (so a sampler's settings or an edited CSV file); and the govsim version. File
paths are left out, so a project folder can be moved and its sweeps still resumed.
"""

from __future__ import annotations

import contextlib
import hashlib
import inspect
import json
from dataclasses import asdict, replace
from typing import Any

from govsim import __version__
from govsim.designs import resolve, to_dict
from govsim.errors import GovsimError
from govsim.sweeps.parse import import_function
from govsim.sweeps.plan import Plan

__all__ = ["PARTS", "SweepMismatch", "fingerprint"]


class SweepMismatch(GovsimError):
    """A sweep folder holds the results of another experiment.

    Its fingerprint differs, so resuming into it would mix two experiments.
    """


#: What each part of the fingerprint stands for, in a message about a changed part.
PARTS = {
    "experiment": "the experiment's settings",
    "designs": "a design or scenario it uses (or the swept function's source)",
    "points": "the design matrix (sampler settings or CSV file)",
    "govsim": "the govsim version",
}


def _digest(content: Any) -> str:
    text = json.dumps(content, sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()


def _code(plan: Plan) -> Any:
    experiment = plan.experiment
    if experiment.function:
        function = import_function(experiment.function, source=experiment.source)
        module = inspect.getmodule(function)
        # No source (a builtin or compiled module): the function's dotted name stands in.
        with contextlib.suppress(OSError, TypeError):
            if module is not None:
                return inspect.getsource(module)
        return experiment.function
    designs = {}
    for name, source in plan.sources.items():
        design, scenario = resolve(source, experiment.scenario, experiment.constants)
        designs[name] = [to_dict(design), to_dict(scenario)]
    return designs


def fingerprint(plan: Plan) -> dict[str, str]:
    """SHA-256 of each part in :data:`PARTS` (the version as it is)."""
    experiment = plan.experiment
    settings = replace(
        experiment,
        source=None,
        designs=tuple(plan.sources),
        scenario=None,
        sampler=replace(experiment.sampler, file=None),
    )
    return {
        "experiment": _digest(asdict(settings)),
        "designs": _digest(_code(plan)),
        "points": _digest(plan.points.to_csv(index=False)),
        "govsim": __version__,
    }
