"""Summaries of a sweep's runs table: means with t intervals, and paired design contrasts.

A runs table has one row per run: the identity columns
(:data:`~govsim.sweeps.plan.IDENTITY`), one column per factor (named by its key), the
status columns, then the metric columns. Only runs whose ``status`` is
``"ok"`` enter any statistic, and a metric value that is NaN or infinite is dropped
for that metric alone.

Examples
--------
>>> runs = pd.DataFrame({
...     "design": ["a", "a", "b", "b"], "point": [0, 0, 0, 0], "replicate": [0, 1, 0, 1],
...     "status": "ok", "welfare": [1.0, 3.0, 2.0, 5.0],
... })
>>> summary_table(runs)[["design", "metric", "n", "mean", "sd"]]
  design   metric  n  mean        sd
0      a  welfare  2   2.0  1.414214
1      b  welfare  2   3.5  2.121320
>>> compare_designs(runs, "a", "b")[["metric", "n", "points", "difference", "cohen_dz", "t"]]
    metric  n  points  difference  cohen_dz    t
0  welfare  2       1         1.5   2.12132  3.0

Replicate r has the same seed at every point and under every design (common random
numbers), so a point that appears twice holds copies of the same runs, and the runs of
one replicate at different points are not independent: :func:`summary_table` counts a
repeated point once, and :func:`compare_designs` averages each replicate over its
points and treats the replicates as the independent units.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd
from pandas.api.types import is_bool_dtype, is_numeric_dtype
from scipy import stats

from govsim.check import describe, suggest
from govsim.errors import GovsimError
from govsim.sweeps.plan import IDENTITY, STATUS

__all__ = [
    "compare_designs",
    "distinct_runs",
    "finite_values",
    "markdown",
    "metric_columns",
    "select_metrics",
    "summary_table",
    "sweep_factors",
]


def metric_columns(runs: pd.DataFrame, factors: Sequence[str] = ()) -> list[str]:
    """The numeric, non-boolean columns that are neither identity nor factor columns.

    Examples
    --------
    >>> runs = pd.DataFrame(columns=["run_id", "x", "welfare", "captured_by", "passed"])
    >>> runs = runs.astype({"welfare": float, "captured_by": str, "passed": bool, "x": float})
    >>> metric_columns(runs, factors=["x"])
    ['welfare']
    """
    skip = {*IDENTITY, *STATUS, *factors}
    return [
        str(c)
        for c, dtype in runs.dtypes.items()
        if c not in skip and is_numeric_dtype(dtype) and not is_bool_dtype(dtype)
    ]


def sweep_factors(runs: pd.DataFrame) -> list[str]:
    """The factor columns :func:`govsim.load` recorded for ``runs`` (none if it did not)."""
    return [str(c) for c in runs.attrs.get("factors", ()) if c in runs.columns]


def summary_table(
    runs: pd.DataFrame,
    factors: Sequence[str] | None = None,
    metrics: Sequence[str] | None = None,
    confidence: float = 0.95,
) -> pd.DataFrame:
    """Mean, standard deviation and t interval of each metric per design and factor values.

    Parameters
    ----------
    runs
        The runs table.
    factors
        Factor columns to break the designs down by; ``()``: one row per design,
        pooling the points. None (the default): the sweep's factors, which
        :func:`govsim.load` records in ``runs.attrs["factors"]`` (none for a table
        without them), so a table of a sweep never averages over its settings unless
        asked to, as ``govsim analyze`` does.
    metrics
        Metric columns to summarise; None: every :func:`metric_columns` column.
    confidence
        Coverage of the interval, in (0, 1).

    Returns
    -------
    pandas.DataFrame
        Long format: ``design, *factors, metric, n, mean, sd, ci_low, ci_high``, groups
        in order of first appearance in ``runs`` and metrics in the order given. ``n``
        counts the finite values of distinct runs; with ``n < 2`` the sd and interval
        are NaN.

    Notes
    -----
    The interval is Student's: mean ± t_{(1+c)/2, n−1} · sd / √n with sd the sample
    standard deviation (ddof = 1) (Student 1908, "The probable error of a mean",
    Biometrika 6:1). Replicates are independent runs, so the interval is exact for
    normal metrics and asymptotically right otherwise.

    A sweep can hold one point more than once: a Morris grid revisits points, a CSV
    design matrix can repeat a row, and rounding can merge an integer factor's draws.
    Replicate r has the same seed at every point, so the runs of a repeated point are
    copies of the same runs, not further replications, and counting them would shrink
    the interval by √(copies) for nothing. So, when ``factors`` are given, ok rows
    that agree in every column but ``run_id`` and ``point`` (the same design, factor
    values and replicate, hence the same run) count once. Comparing every column, not
    just ``factors``, keeps apart the points of a breakdown by some of the factors.
    Without ``factors`` every row counts.
    """
    if factors is None:
        factors = sweep_factors(runs)
    keys = ["design", *_columns(runs, factors, "factors")]
    chosen = select_metrics(runs, factors, metrics)
    _check_confidence(confidence)
    ok = distinct_runs(runs[runs["status"] == "ok"], factors)
    values = pd.DataFrame(finite_values(ok, chosen), columns=chosen, index=ok.index)
    by = [ok[k] for k in keys]
    wide = values.groupby(by, sort=False, dropna=False).agg(["count", "mean", "std"])
    wide.columns = wide.columns.set_names(["metric", None])
    table = wide.stack(level="metric").reset_index()
    table = table.rename(columns={"count": "n", "std": "sd"})
    table["n"] = table["n"].astype(np.int64)
    low, high = _t_interval(table["mean"], table["sd"], table["n"], confidence)
    return table.assign(ci_low=low, ci_high=high)[
        [*keys, "metric", "n", "mean", "sd", "ci_low", "ci_high"]
    ]


def compare_designs(
    runs: pd.DataFrame,
    a: str,
    b: str,
    metrics: Sequence[str] | None = None,
    confidence: float = 0.95,
    *,
    factors: Sequence[str] = (),
) -> pd.DataFrame:
    """Paired contrast of design ``b`` against design ``a`` on each metric.

    Runs of the two designs are paired on ``(point, replicate)``: they share the
    replicate's seed (common random numbers), so the paired difference cancels the
    noise the two runs have in common. The replicate, not the pair, is the unit of
    the statistics: each replicate's differences are averaged over the points.

    Parameters
    ----------
    runs
        The runs table.
    a, b
        Design names (values of the ``design`` column); differences are b − a.
    metrics
        Metric columns to compare; None: every :func:`metric_columns` column.
    confidence
        Coverage of the interval of the mean difference, in (0, 1).
    factors
        Factor columns, so that they are not mistaken for metrics, and so that a
        repeated point counts once (see :func:`summary_table`).

    Returns
    -------
    pandas.DataFrame
        One row per metric: ``metric, n, points, mean_a, mean_b, difference, ci_low,
        ci_high, cohen_dz, t, p_value, wilcoxon_p``. Only pairs where both runs are ok
        and both values finite count. ``n`` is the number of replicates with such a
        pair and ``points`` the number of distinct points they come from. ``mean_a``,
        ``mean_b`` and ``difference`` are means over the replicates of each
        replicate's mean over its points. Statistics that are undefined (n < 2, or
        every replicate's difference equal so the sd is 0; for the Wilcoxon test,
        every difference 0) are NaN.

    Raises
    ------
    GovsimError
        ``a`` or ``b`` is not a design in ``runs``.

    Notes
    -----
    The interval and t test are the paired-t ones (Student 1908; Law & Kelton 2000,
    *Simulation Modeling and Analysis*, 3rd ed., §10.2.1), with common random numbers
    as the variance reduction that makes pairing pay (ibid., §11.2).

    The paired t needs independent differences. The runs of one replicate share its
    seed at every point as well as under both designs, so their differences at
    different points are correlated: with a correlation rho between the differences
    at two points, treating the P × R pairs as independent understates the variance
    of the mean difference by the factor 1 + (P − 1) rho, and the interval is too
    narrow. Outputs simulated with common random numbers at several design points are
    correlated and must be analysed with that covariance (Kleijnen 1988, "Analyzing
    simulation experiments with common random numbers", Manage. Sci. 34:65), while
    the replicates, on independent seeds, are independent. So each replicate's
    differences are averaged over its points (pairs with a missing value left out),
    and the t interval, the t test and the Wilcoxon test use those R replicate means,
    the independent replications of Law & Kelton (ibid., ch. 9). With one point this
    is the plain paired t on the R pairs.

    ``cohen_dz`` is the mean difference over the sd of the replicates' differences
    (Cohen 1988, *Statistical Power Analysis for the Behavioral Sciences*, 2nd ed.,
    §2.3). ``wilcoxon_p`` is the signed-rank test (Wilcoxon 1945, Biometrics Bulletin
    1:80) via :func:`scipy.stats.wilcoxon`, which drops zero differences. With
    ``factors``, a point repeated in the design matrix counts once, as in
    :func:`summary_table`.
    """
    designs = list(runs["design"].unique())
    for name in (a, b):
        if name not in designs:
            raise GovsimError(
                f"design: expected one of {', '.join(map(str, designs))}; "
                f"found {describe(name)}{suggest(name, [str(d) for d in designs])}"
            )
    chosen = select_metrics(runs, factors, metrics)
    _check_confidence(confidence)
    ok = runs[runs["status"] == "ok"]
    pair = ["point", "replicate"]
    # With factors, every column, to tell a repeated point's copies (distinct_runs).
    kept = [c for c in ok.columns if c != "design"] if factors else [*pair, *chosen]
    paired = pd.merge(
        ok.loc[ok["design"] == a, kept],
        ok.loc[ok["design"] == b, kept],
        on=pair,
        suffixes=("_a", "_b"),
        validate="one_to_one",
    ).sort_values(pair, kind="stable")
    # A pair whose two runs are copies of another pair's (a repeated point) counts once.
    paired = distinct_runs(paired, factors, ignore=("point", "run_id_a", "run_id_b"))
    rows = []
    for metric in chosen:
        x = finite_values(paired, [f"{metric}_a"])[:, 0]
        y = finite_values(paired, [f"{metric}_b"])[:, 0]
        both = np.isfinite(x) & np.isfinite(y)
        found = pd.DataFrame({"a": x[both], "b": y[both]})
        # One value per replicate: its mean over the points where both runs have one.
        means = found.groupby(paired["replicate"].to_numpy()[both], sort=True).mean()
        points = len(pd.unique(paired["point"].to_numpy()[both]))
        stats_ = _paired(means["a"].to_numpy(), means["b"].to_numpy(), confidence)
        rows.append({"metric": metric, "points": points, **stats_})
    columns = ["metric", "n", "points", "mean_a", "mean_b", "difference", "ci_low", "ci_high"]
    return pd.DataFrame(rows, columns=[*columns, "cohen_dz", "t", "p_value", "wilcoxon_p"])


def markdown(frame: pd.DataFrame, floatfmt: str = ".4g") -> str:
    """A table as GitHub-flavoured Markdown (via tabulate), without the index.

    Examples
    --------
    >>> print(markdown(pd.DataFrame({"metric": ["welfare"], "mean": [0.123456]})))
    | metric   |   mean |
    |:---------|-------:|
    | welfare  | 0.1235 |
    """
    return frame.to_markdown(index=False, floatfmt=floatfmt)


def _paired(x: np.ndarray, y: np.ndarray, confidence: float) -> dict[str, float]:
    """The paired statistics of ``y − x`` (finite pairs only)."""
    n = len(x)
    d = y - x
    mean = float(d.mean()) if n else np.nan
    # Identical differences have sd 0 in exact arithmetic; ptp tests that without the
    # rounding error of a computed sd.
    defined = n >= 2 and np.ptp(d) > 0
    sd = float(d.std(ddof=1)) if defined else np.nan
    low, high = _t_interval(mean, sd, n, confidence)
    t, p = stats.ttest_rel(y, x) if defined else (np.nan, np.nan)
    return {
        "n": n,
        "mean_a": float(x.mean()) if n else np.nan,
        "mean_b": float(y.mean()) if n else np.nan,
        "difference": mean,
        "ci_low": float(low),
        "ci_high": float(high),
        "cohen_dz": mean / sd,
        "t": float(t),
        "p_value": float(p),
        # scipy returns p = 1 for all-zero differences; there is no test to report.
        "wilcoxon_p": float(stats.wilcoxon(d).pvalue) if n >= 2 and d.any() else np.nan,
    }


def _t_interval(
    mean: pd.Series | float, sd: pd.Series | float, n: pd.Series | int, confidence: float
) -> tuple[Any, Any]:
    """Student's interval mean ± t · sd / √n (NaN wherever n < 2 or sd is NaN)."""
    df = np.asarray(n, dtype=float) - 1
    with np.errstate(invalid="ignore", divide="ignore"):
        half = stats.t.ppf((1 + confidence) / 2, np.where(df > 0, df, np.nan)) * sd / np.sqrt(n)
    return mean - half, mean + half


def distinct_runs(
    frame: pd.DataFrame, factors: Sequence[str], ignore: Sequence[str] = ("run_id", "point")
) -> pd.DataFrame:
    """``frame`` without the copies of a repeated point's runs (see :func:`summary_table`).

    With ``factors``, rows equal in every column but ``ignore`` are one run (or pair of
    runs) at a repeated point, and only the first is kept; without, nothing is dropped.
    """
    if not factors or "replicate" not in frame.columns:
        return frame
    return frame.drop_duplicates(subset=[c for c in frame.columns if c not in ignore])


def finite_values(frame: pd.DataFrame, columns: list[str]) -> np.ndarray:
    """The columns as a float matrix with NaN for missing and infinite values."""
    values = frame[columns].to_numpy(dtype=float, na_value=np.nan)
    return np.where(np.isfinite(values), values, np.nan)


def _columns(runs: pd.DataFrame, names: Sequence[str], what: str) -> list[str]:
    """``names``, checked to be columns of ``runs``."""
    for name in names:
        if name not in runs.columns:
            choices = [str(c) for c in runs.columns]
            raise GovsimError(
                f"{what}: expected columns of the runs table; found {describe(name)}"
                f"{suggest(name, choices)}"
            )
    return list(names)


def select_metrics(
    runs: pd.DataFrame, factors: Sequence[str], metrics: Sequence[str] | None
) -> list[str]:
    """The metric columns to analyse: ``metrics`` checked, or all of them."""
    available = metric_columns(runs, factors)
    if not (available if metrics is None else metrics):
        raise GovsimError("metrics: expected at least one numeric metric column; found none")
    for name in metrics or ():
        if name not in available:
            raise GovsimError(
                f"metrics: expected numeric metric columns ({', '.join(available) or 'none'}); "
                f"found {describe(name)}{suggest(name, available)}"
            )
    return available if metrics is None else list(metrics)


def _check_confidence(confidence: float) -> None:
    if not 0 < confidence < 1:
        raise GovsimError(f"confidence: expected a number in (0, 1); found {describe(confidence)}")
