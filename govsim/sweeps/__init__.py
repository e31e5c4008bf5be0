"""Sweeps: many designs x many scenario settings x replications, resumable, anywhere.

- :class:`Experiment` (read by :func:`load_experiment` from a TOML file in
  ``experiments/``): designs, factors and their sampler, replications, base seed.
- :func:`sweep`: run it on a backend (``serial``, a local ``process`` pool, or
  ``dask``) into a folder of Parquet chunks that survives being killed.
- :func:`load`: the results as a tidy DataFrame, one row per run.
- :func:`analyze`: summary with confidence intervals, Sobol or Morris indices and
  paired design comparisons (:func:`summary_table`, :func:`sensitivity`,
  :func:`compare_designs`), written beside the results.

``docs/sweeps.md`` documents the experiment keys and walks through an example.
"""

# Imported for their side effect: each module registers its samplers, in this order.
from govsim.sweeps import sampling, sampling_csv  # noqa: F401
from govsim.sweeps.analysis import compare_designs, markdown, summary_table
from govsim.sweeps.analyze import analyze
from govsim.sweeps.experiment import Experiment, Factor, Sampler
from govsim.sweeps.fingerprint import SweepMismatch
from govsim.sweeps.parse import check_experiment, experiment_from_dict, load_experiment
from govsim.sweeps.runner import SweepReport, sweep
from govsim.sweeps.samplers import SAMPLERS
from govsim.sweeps.sampling import sample
from govsim.sweeps.sensitivity import sensitivity
from govsim.sweeps.store import load

__all__ = [
    "SAMPLERS",
    "Experiment",
    "Factor",
    "Sampler",
    "SweepMismatch",
    "SweepReport",
    "analyze",
    "check_experiment",
    "compare_designs",
    "experiment_from_dict",
    "load",
    "load_experiment",
    "markdown",
    "sample",
    "sensitivity",
    "summary_table",
    "sweep",
]
