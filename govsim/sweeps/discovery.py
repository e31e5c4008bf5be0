"""Scenario discovery: which regions of the factor space hold the cases of interest.

Given one row per unit (a run, or a point's replicate mean) with its factor values and
whether it is a *case of interest* (say, a metric above a threshold), :func:`prim`
finds boxes, each a set of factor limits, that hold many of the cases (coverage) and
few of the others (density): the Patient Rule Induction Method (PRIM; Friedman &
Fisher 1999, "Bump hunting in high-dimensional data", *Statistics and Computing* 9:123)
as used for scenario discovery (Bryant & Lempert 2010, "Thinking inside the box",
*Technological Forecasting and Social Change* 77:34). :func:`feature_scores` ranks the
factors by how much they tell cases from the rest (extra-trees impurity importance;
Geurts, Ernst & Wehenkel 2006, "Extremely randomized trees", *Machine Learning* 63:3;
Jaxa-Rozen & Kwakkel 2018, *Environmental Modelling & Software* 107:245).

Both call the EMA Workbench (Kwakkel 2017, "The Exploratory Modeling Workbench",
*Environmental Modelling & Software* 96:239), the reference implementation of the
field, rather than re-implementing PRIM.

Factors may be numbers (a range is kept) or categories (text, booleans: a set of
values is kept).
"""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
from pandas.api.types import is_bool_dtype, is_float_dtype, is_integer_dtype

from govsim.check import describe
from govsim.errors import GovsimError

__all__ = ["Box", "Discovery", "discover", "feature_scores", "prim"]

#: PRIM's settings, the EMA Workbench's defaults (Friedman & Fisher 1999 suggest
#: alpha 0.05 to 0.10): each peel removes 5% of the box, pasting adds 5%, and no box
#: is smaller than 5% of the units.
PEEL_ALPHA = PASTE_ALPHA = MASS_MIN = 0.05
#: Trees in the extra-trees forest (the EMA Workbench's default).
TREES = 100


@dataclass(frozen=True)
class Box:
    """One PRIM box: the limits that restrict it and how well it separates the cases.

    Attributes
    ----------
    limits
        Restricted factor -> ``[low, high]`` (a number range, inclusive) or the sorted
        list of the values kept (a categorical factor). Unrestricted factors are absent.
    quasi_p
        Restricted factor -> ``[p_low, p_high]``: the quasi-p-value of each side of the
        restriction (one-sided binomial test of the box's density with that side
        removed; Bryant & Lempert 2010), None for a side left at its full range and for
        the second entry of a categorical factor.
    coverage
        Share of all cases of interest inside the box.
    density
        Share of the units inside the box that are cases.
    mass
        Share of all units inside the box.
    units, cases
        Units inside the box, and cases among them.
    step
        The chosen step of this box's peeling trajectory.
    low_density
        The box does not reach the density asked for: no region holds the cases
        that densely (the metric may have no structure in these factors).
    """

    limits: dict[str, list[Any]]
    quasi_p: dict[str, list[float | None]]
    coverage: float
    density: float
    mass: float
    units: int
    cases: int
    step: int
    low_density: bool

    def record(self) -> dict[str, Any]:
        """The box as JSON-ready plain values."""
        return {
            "limits": self.limits,
            "coverage": self.coverage,
            "density": self.density,
            "mass": self.mass,
            "units": self.units,
            "cases": self.cases,
            "quasi_p": self.quasi_p,
            "low_density": self.low_density,
        }


@dataclass(frozen=True)
class Discovery:
    """What :func:`prim` found.

    Attributes
    ----------
    boxes
        The boxes, in the order found (each on the units the earlier ones left).
    trajectory
        Every step of each box's peeling and pasting: ``box, step, coverage, density,
        mass, restricted, chosen``.
    units, cases
        Units analysed and cases of interest among them.
    threshold_density
        The density a box was asked to reach.
    ranges
        Each factor's full range (``[min, max]``, or the sorted values).
    """

    boxes: list[Box]
    trajectory: pd.DataFrame
    units: int
    cases: int
    threshold_density: float
    ranges: dict[str, list[Any]] = field(default_factory=dict)

    @property
    def base_rate(self) -> float:
        """The share of all units that are cases: the density of the unrestricted box."""
        return self.cases / self.units

    def table(self) -> pd.DataFrame:
        """One row per restriction of each box, with the box's statistics.

        Columns ``box, factor, low, high, values, qp_low, qp_high, coverage, density,
        mass, low_density``; a box that restricts nothing has one row with no factor.
        """
        rows: list[dict[str, Any]] = []
        for number, box in enumerate(self.boxes, start=1):
            stats: dict[str, Any] = {
                "coverage": box.coverage,
                "density": box.density,
                "mass": box.mass,
                "low_density": box.low_density,
            }
            if not box.limits:
                rows.append({"box": number, "factor": None, **stats})
            for factor, limit in box.limits.items():
                numeric = _is_range(self.ranges[factor])
                p_low, p_high = box.quasi_p.get(factor, [None, None])
                rows.append(
                    {
                        "box": number,
                        "factor": factor,
                        "low": limit[0] if numeric else None,
                        "high": limit[1] if numeric else None,
                        "values": None if numeric else ", ".join(map(str, limit)),
                        "qp_low": p_low,
                        "qp_high": p_high,
                        **stats,
                    }
                )
        columns = ["box", "factor", "low", "high", "values", "qp_low", "qp_high"]
        return pd.DataFrame(rows, columns=[*columns, "coverage", "density", "mass", "low_density"])


def _is_range(values: list[Any]) -> bool:
    return len(values) == 2 and all(
        isinstance(v, int | float) and not isinstance(v, bool) for v in values
    )


def _plain(value: Any) -> Any:
    """A numpy scalar as the Python value JSON writes."""
    return value.item() if isinstance(value, np.generic) else value


def _prepared(x: pd.DataFrame) -> pd.DataFrame:
    """The factors as the EMA Workbench reads them: float64 or category.

    Integers are peeled as real numbers: ema-workbench 2.5 pastes an integer factor's
    limit half way between two values, which pandas 3 refuses to store in an int64
    column. A limit such as 2.5 then reads "3 and above".
    """
    columns: dict[str, pd.Series] = {}
    for name, column in x.items():
        if is_bool_dtype(column) or not (is_float_dtype(column) or is_integer_dtype(column)):
            columns[str(name)] = column.astype(str).astype("category")
        else:
            columns[str(name)] = column.astype(np.float64)
    return pd.DataFrame(columns).reset_index(drop=True)


def _check(x: pd.DataFrame, cases: np.ndarray) -> np.ndarray:
    y = np.asarray(cases)
    if y.ndim != 1 or len(y) != len(x):
        raise GovsimError(
            f"cases: expected one flag per unit ({len(x)}); found an array of shape {y.shape}"
        )
    if x.shape[1] == 0:
        raise GovsimError("factors: expected at least one factor that varies; found none")
    if x.isna().any().any():
        missing = [str(c) for c in x.columns[x.isna().any()]]
        raise GovsimError(f"factors: expected a value in every unit; found missing {missing}")
    y = y.astype(bool)
    if not y.any() or y.all():
        raise GovsimError(
            f"cases: expected both cases and other units; found {int(y.sum())} cases "
            f"of {len(y)} units"
        )
    return y


def _choose(trajectory: pd.DataFrame, threshold: float) -> int:
    """The step with the most coverage among those at least ``threshold`` dense.

    Equal coverage: the denser (smaller) box. None dense enough: the densest step.
    """
    dense = trajectory[trajectory["density"] >= threshold]
    pool, keys = (dense, ["coverage", "density"]) if len(dense) else (trajectory, ["density"])
    return int(pool.sort_values([*keys, "mass"], ascending=[False] * len(keys) + [True]).index[0])


def _limits(
    box_lim: pd.DataFrame, box_init: pd.DataFrame, qp: dict[str, list[float]]
) -> tuple[dict[str, list[Any]], dict[str, list[float | None]]]:
    limits, quasi_p = {}, {}
    for name in box_init.columns:
        low, high = box_lim[name].iloc[0], box_lim[name].iloc[1]
        full_low, full_high = box_init[name].iloc[0], box_init[name].iloc[1]
        if isinstance(low, set):
            if low == full_low:
                continue
            limits[str(name)] = sorted(map(str, low))
        elif low == full_low and high == full_high:
            continue
        else:
            limits[str(name)] = [_plain(low), _plain(high)]
        # The Workbench writes -1 for a side that is not restricted.
        quasi_p[str(name)] = [None if p == -1 else float(p) for p in qp.get(name, [-1, -1])]
    return limits, quasi_p


def _ranges(x: pd.DataFrame) -> dict[str, list[Any]]:
    return {
        str(name): (
            sorted(map(str, column.cat.categories))
            if isinstance(column.dtype, pd.CategoricalDtype)
            else [_plain(column.min()), _plain(column.max())]
        )
        for name, column in x.items()
    }


def _box(found: Any, step: int, box_init: pd.DataFrame, threshold: float) -> Box:
    """Step ``step`` of a Workbench ``PrimBox`` as a :class:`Box`."""
    limits, quasi_p = _limits(found.box_lims[step], box_init, found.qp[step])
    row = found.peeling_trajectory.reset_index(drop=True).loc[step]
    return Box(
        limits=limits,
        quasi_p=quasi_p,
        coverage=float(row["coverage"]),
        density=float(row["density"]),
        mass=float(row["mass"]),
        units=int(row["n"]),
        cases=int(row["k"]),
        step=step,
        low_density=bool(row["density"] < threshold),
    )


def _steps(trajectory: pd.DataFrame, box: int, chosen: int) -> pd.DataFrame:
    """A Workbench peeling trajectory in the columns of ``Discovery.trajectory``."""
    return pd.DataFrame(
        {
            "box": box,
            "step": trajectory.index,
            "coverage": trajectory["coverage"].astype(float),
            "density": trajectory["density"].astype(float),
            "mass": trajectory["mass"].astype(float),
            "restricted": trajectory["res_dim"].astype(np.int64),
            "chosen": trajectory.index == chosen,
        }
    )


@contextmanager
def _workbench() -> Iterator[None]:
    """Silence the Workbench's own warnings (optional back ends it lacks; pandas 4)."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", module="ema_workbench")
        yield


def prim(
    x: pd.DataFrame,
    cases: np.ndarray | pd.Series,
    *,
    threshold_density: float = 0.8,
    max_boxes: int = 3,
) -> Discovery:
    """PRIM boxes around the cases of interest (Friedman & Fisher 1999).

    Parameters
    ----------
    x
        One row per unit, one column per factor: numbers, or text and booleans
        (categorical).
    cases
        One flag per unit: whether it is a case of interest.
    threshold_density
        The density a box should reach. Of each box's peeling trajectory, the step
        with the most coverage among those at least this dense is chosen; if none is,
        the densest step, flagged ``low_density``.
    max_boxes
        Boxes to find at most. Each next box is sought among the units outside the
        earlier ones (PRIM's covering) and kept only if it reaches the density; the
        first box is always kept, flagged ``low_density`` if it does not.

    Returns
    -------
    Discovery

    Raises
    ------
    GovsimError
        No factor, a missing factor value, or no case (or nothing but cases).

    Examples
    --------
    >>> rng = np.random.default_rng(1)
    >>> x = pd.DataFrame({"a": rng.random(2000), "b": rng.random(2000)})
    >>> found = prim(x, (x["a"] > 0.7).to_numpy(), max_boxes=1)
    >>> round(found.boxes[0].limits["a"][0], 1), "b" in found.boxes[0].limits
    (0.7, False)
    """
    if not 0 < threshold_density <= 1:
        raise GovsimError(
            f"threshold density: expected a number in (0, 1]; found {describe(threshold_density)}"
        )
    y = _check(x, np.asarray(cases))
    data = _prepared(x)
    with _workbench():
        from ema_workbench.analysis import prim as workbench  # type: ignore[import-untyped]

        # ema-workbench 2.5 counts a unit as a case when y >= threshold, and replaces a
        # box whose final density is below the threshold by the whole space. The density
        # rule is applied here (_choose), so the threshold only tells 1 from 0: any
        # positive number does, and a tiny one keeps every box with a case in it.
        engine = workbench.Prim(
            data,
            y.astype(np.int64),
            threshold=1e-9,
            peel_alpha=PEEL_ALPHA,
            paste_alpha=PASTE_ALPHA,
            mass_min=MASS_MIN,
        )
        boxes: list[Box] = []
        steps = []
        outside = np.ones(len(y), dtype=bool)  # not in a box yet
        while len(boxes) < max_boxes and y[outside].any():
            found = engine.find_box()
            trajectory = found.peeling_trajectory.reset_index(drop=True)
            step = _choose(trajectory, threshold_density)
            found.select(step)  # so that the next box is sought outside this step's box
            outside[found.yi] = False
            box = _box(found, step, engine.box_init, threshold_density)
            if box.low_density and boxes:  # no further region is dense enough
                break
            boxes.append(box)
            steps.append(_steps(trajectory, len(boxes), step))
            if box.low_density:
                break
    return Discovery(
        boxes,
        pd.concat(steps, ignore_index=True),
        len(y),
        int(y.sum()),
        threshold_density,
        _ranges(data),
    )


def feature_scores(
    x: pd.DataFrame, cases: np.ndarray | pd.Series, *, seed: int = 0
) -> pd.DataFrame:
    """How much each factor tells cases of interest from the rest.

    Extra-trees impurity importance, computed as the EMA Workbench's
    ``get_ex_feature_scores`` computes it (100 trees, a third of the factors tried at
    each split, leaves of at least sqrt(n / 1000) units; Jaxa-Rozen & Kwakkel 2018):
    the scores sum to 1, and a factor that does not matter scores near 0.

    Parameters
    ----------
    x, cases
        As for :func:`prim`.
    seed
        Seeds the forest, so that the scores repeat.

    Returns
    -------
    pandas.DataFrame
        ``factor, score``, highest first.
    """
    y = _check(x, np.asarray(cases))
    data = _prepared(x)
    # The Workbench's default, round(k / 3), is 0 below two factors.
    tried = max(1, round(data.shape[1] / 3))
    with _workbench():
        from ema_workbench.analysis.feature_scoring import (  # type: ignore[import-untyped]
            get_ex_feature_scores,
        )

        scores, _ = get_ex_feature_scores(
            data, y.astype(np.int64), max_features=tried, nr_trees=TREES, random_state=seed
        )
    table = scores.reset_index()
    table.columns = pd.Index(["factor", "score"])
    return table.sort_values("score", ascending=False, kind="stable", ignore_index=True)


def discover(
    x: pd.DataFrame,
    cases: np.ndarray | pd.Series,
    *,
    threshold_density: float = 0.8,
    max_boxes: int = 3,
    seed: int = 0,
) -> tuple[Discovery, pd.DataFrame]:
    """:func:`prim` and :func:`feature_scores` of the same units."""
    found = prim(x, cases, threshold_density=threshold_density, max_boxes=max_boxes)
    return found, feature_scores(x, cases, seed=seed)
