"""govsim: agent-based simulation of multistakeholder governance.

The entry points are :func:`govsim.run` (one replication) and :func:`govsim.run_batch`
(many replications as one array program), both returning :class:`govsim.RunResult`;
:func:`govsim.sweep` (an experiment into a resumable result store) and
:func:`govsim.load` (that store as a DataFrame).

Subpackages
-----------
rules
    Decision rules of real bodies (GNSO Council thresholds, IETF rough consensus,
    GAC advice), as plain registered functions over stance arrays.
power
    A-priori voting power (Banzhaf, Shapley–Shubik), exact where possible.
designs
    Designs (the institution) and scenarios (the context) as validated data.
dynamics
    The deliberation network and opinion-dynamics kernels.
model
    The Mesa model: stakeholders who deliberate and decide, issue after issue.
sweeps
    Experiments: samplers, backends (process pool, Dask), the result store, analysis.
"""

from importlib import import_module
from importlib.metadata import PackageNotFoundError, version
from typing import Any

try:
    __version__ = version("govsim")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0+unknown"

__all__ = [
    "DEFAULT_STEPS",
    "GovernanceModel",
    "RunResult",
    "__version__",
    "load",
    "run",
    "run_batch",
    "sweep",
]

#: Issues per run when none is given: the CLI, experiment files and the Python API.
DEFAULT_STEPS = 100

# Loaded on first use, so that `govsim --help` and `import govsim.rules` stay fast.
_LAZY = {
    "run": "govsim.simulate",
    "run_batch": "govsim.simulate",
    "RunResult": "govsim.simulate",
    "GovernanceModel": "govsim.model",
    "sweep": "govsim.sweeps.runner",
    "load": "govsim.sweeps.store",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'govsim' has no attribute {name!r}")
