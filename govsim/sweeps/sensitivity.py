"""Global sensitivity indices of a Sobol or Morris sweep, per design and metric.

The sampler laid the points out in SALib's order (see :func:`~govsim.sweeps.sampling.sample`),
so the analysis needs one output per point: the mean over the point's ok replicates.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from SALib.analyze import morris as salib_morris
from SALib.analyze import sobol as salib_sobol

from govsim.errors import GovsimError
from govsim.sweeps.analysis import finite_values, select_metrics
from govsim.sweeps.experiment import Experiment
from govsim.sweeps.sampling import encode, point_count, sensitivity_problem

__all__ = ["sensitivity"]

_SOBOL = ["S1", "S1_conf", "ST", "ST_conf"]
_MORRIS = ["mu", "mu_star", "mu_star_conf", "sigma"]


def sensitivity(
    runs: pd.DataFrame, experiment: Experiment, metrics: Sequence[str] | None = None
) -> pd.DataFrame:
    """Sobol or Morris indices of each factor, per design and metric.

    Parameters
    ----------
    runs
        The sweep's runs table (see :mod:`govsim.sweeps.analysis`).
    experiment
        The experiment that produced it; its sampler decides the method.
    metrics
        Metric columns to analyse; None: every numeric metric column.

    Returns
    -------
    pandas.DataFrame
        Sobol: ``design, metric, factor, S1, S1_conf, ST, ST_conf``; Morris: ``design,
        metric, factor, mu, mu_star, mu_star_conf, sigma``. Designs in order of first
        appearance, then metrics, then factors in experiment order. The ``_conf``
        columns are half-widths of 95 % bootstrap intervals, seeded from
        ``experiment.seed`` so the same runs always give the same table.

    Raises
    ------
    GovsimError
        The sampler was neither sobol nor morris, or some point has no finite value of
        a metric (every index needs every point).

    Notes
    -----
    Sobol first-order and total indices use the estimators of Saltelli et al. (2010,
    Comput. Phys. Commun. 181:259) in :func:`SALib.analyze.sobol.analyze`; a metric
    that is constant over the points has no variance to apportion, so its Sobol
    indices are NaN. Morris's elementary effects (Morris 1991, Technometrics 33:161)
    are the output change over the step in the unit cube, so a linear factor's
    ``mu_star`` is ``|slope| × (high − low)``; for a discrete or integer factor with n
    values that holds only when n − 1 is a multiple of the grid's ``levels − 1``
    (see :func:`~govsim.sweeps.sampling.sample`). ``mu_star`` is the mean absolute effect
    of Campolongo, Cariboni & Saltelli (2007, Environ. Model. Softw. 22:1509), and a
    constant metric correctly gets zeros. Second-order Sobol indices are not reported.
    Averaging replicates analyses the expected output, so replicate noise shrinks
    with ``replications`` instead of inflating the interaction terms.
    """
    method = experiment.sampler.method
    if method not in ("sobol", "morris"):
        raise GovsimError(
            f"sensitivity indices need a sobol or morris sampler; this sweep used {method}",
            source=experiment.source,
        )
    factors = list(experiment.factors)
    keys = [f.key for f in factors]
    chosen = select_metrics(runs, keys, metrics)
    count = point_count(factors, experiment.sampler, source=experiment.source)
    outputs = _outputs(runs, chosen, count, experiment)
    problem = sensitivity_problem(factors, method)
    seed = _bootstrap_seed(experiment.seed)
    if method == "sobol":
        second_order = experiment.sampler.second_order
        found = [_sobol(problem, y, second_order, seed) for _, _, y in outputs]
        names = _SOBOL
    else:
        found = _morris(runs, experiment, problem, [y for *_, y in outputs], seed)
        names = _MORRIS
    tables = [
        pd.DataFrame(
            {
                "design": design,
                "metric": metric,
                "factor": keys,
                **{k: np.asarray(indices[k], dtype=float) for k in names},
            }
        )
        for (design, metric, _), indices in zip(outputs, found, strict=True)
    ]
    return pd.concat(tables, ignore_index=True)


def _outputs(
    runs: pd.DataFrame, metrics: list[str], count: int, experiment: Experiment
) -> list[tuple[str, str, np.ndarray]]:
    """``(design, metric, Y)``, ``Y[p]`` the mean of the finite values of p's ok runs."""
    designs = runs["design"].unique()
    if not len(designs):
        raise GovsimError(
            f"runs: expected the runs of {count} points; found none", source=experiment.source
        )
    ok = runs[runs["status"] == "ok"]
    values = pd.DataFrame(finite_values(ok, metrics), columns=metrics, index=ok.index)
    outputs = []
    for design in designs:
        mine = ok["design"] == design
        means = values[mine].groupby(ok.loc[mine, "point"]).mean().reindex(range(count))
        for metric in metrics:
            y = means[metric].to_numpy(dtype=float, na_value=np.nan)
            missing = int((~np.isfinite(y)).sum())
            if missing:
                raise GovsimError(
                    f"metric {metric} under design {design}: {missing} of {count} points "
                    f"have no finite value from an ok run; {experiment.sampler.method} "
                    "indices need every point",
                    source=experiment.source,
                )
            outputs.append((design, metric, y))
    return outputs


def _morris(
    runs: pd.DataFrame,
    experiment: Experiment,
    problem: dict,
    outputs: list[np.ndarray],
    seed: int,
) -> list[dict]:
    """Morris statistics of each output Y, from the points' factor values in ``runs``."""
    # Every point has an ok run by now (_outputs checked), so every point has values.
    points = runs.groupby("point").first().reindex(range(len(outputs[0])))
    x = encode(points, experiment.factors, "morris", source=experiment.source)
    levels = experiment.sampler.levels
    return [salib_morris.analyze(problem, x, y, num_levels=levels, seed=seed) for y in outputs]


def _sobol(problem: dict, y: np.ndarray, second_order: bool, seed: int) -> dict[str, np.ndarray]:
    """First-order and total Sobol indices with their bootstrap half-widths."""
    if np.ptp(y) == 0:
        # SALib standardises Y by its sd and would report zeros from the 0/0.
        return {k: np.full(problem["num_vars"], np.nan) for k in _SOBOL}
    indices = salib_sobol.analyze(problem, y, calc_second_order=second_order, seed=seed)
    return {k: np.asarray(indices[k], dtype=float) for k in _SOBOL}


def _bootstrap_seed(seed: int) -> int:
    """A nonzero seed for SALib's bootstrap intervals, derived from the sweep's seed."""
    # The fixed second word keeps this stream apart from the sampler's and replicates'.
    state = np.random.SeedSequence([seed, 0x5E75]).generate_state(1)[0]
    # +1: SALib's sobol.analyze treats a seed of 0 as none and uses global state.
    return int(state) + 1
