"""Sobol and Morris indices against test functions whose indices are known analytically."""

import math

import numpy as np
import pandas as pd
import pytest
from SALib.test_functions import Ishigami

from govsim.errors import GovsimError
from govsim.sweeps.experiment import Experiment, Factor, Sampler
from govsim.sweeps.sampling import sample
from govsim.sweeps.sensitivity import sensitivity


def experiment(factors, sampler, seed=3, designs=("d",)):
    factors = tuple(factors)
    return Experiment("t", designs, factors=factors, sampler=sampler, seed=seed, source="exp.toml")


def make_runs(exp, evaluate, replicate_noise=(0.0,)):
    """The runs table of ``exp``: metric ``y`` is ``evaluate(points)`` times the design's
    number (1, 2, ...) plus the replicate's noise."""
    points = sample(exp.factors, exp.sampler, seed=exp.seed)
    frames = []
    for d, design in enumerate(exp.designs):
        for replicate, noise in enumerate(replicate_noise):
            frames.append(
                points.assign(
                    point=points.index,
                    design=design,
                    replicate=replicate,
                    status="ok",
                    y=evaluate(points) * (d + 1) + noise,
                )
            )
    columns = ["point", "design", "replicate", "status", *points.columns, "y"]
    return pd.concat(frames, ignore_index=True)[columns]


def ishigami_indices(a=7.0, b=0.1):
    """Analytic S1 and ST of the Ishigami function (Ishigami & Homma 1990).

    With x uniform on [-π, π]: V1 = (1 + bπ⁴/5)²/2, V2 = a²/8, V3 = 0,
    V13 = 8b²π⁸/225, and V = V1 + V2 + V13 (Saltelli et al. 2008, The Primer, §4.8
    gives S = 0.3139, 0.4424, 0 and ST = 0.5576, 0.4424, 0.2437 for a = 7, b = 0.1).
    """
    v1 = (1 + b * math.pi**4 / 5) ** 2 / 2
    v2 = a**2 / 8
    v13 = 8 * b**2 * math.pi**8 / 225
    v = v1 + v2 + v13
    return np.array([v1, v2, 0]) / v, np.array([v1 + v13, v2, v13]) / v


def test_ishigami_analytic_indices_are_the_published_ones():
    s1, st = ishigami_indices()
    np.testing.assert_allclose(s1, [0.3139, 0.4424, 0.0], atol=5e-5)
    np.testing.assert_allclose(st, [0.5576, 0.4424, 0.2437], atol=5e-5)


def test_sobol_indices_of_the_ishigami_function():
    factors = [Factor(f"x{i}", low=-math.pi, high=math.pi) for i in (1, 2, 3)]
    exp = experiment(factors, Sampler("sobol", samples=1024))
    runs = make_runs(exp, lambda p: Ishigami.evaluate(p.to_numpy(), A=7.0, B=0.1))
    table = sensitivity(runs, exp)
    assert list(table.columns) == ["design", "metric", "factor", "S1", "S1_conf", "ST", "ST_conf"]
    assert table["factor"].tolist() == ["x1", "x2", "x3"]
    s1, st = ishigami_indices()
    # N = 1024 base samples: the estimators' error is a few hundredths (SALib's
    # bootstrap half-widths here are 0.03–0.08).
    np.testing.assert_allclose(table["S1"], s1, atol=0.04)
    np.testing.assert_allclose(table["ST"], st, atol=0.04)
    assert (table["S1_conf"] > 0).all() and (table["ST_conf"] > 0).all()


def test_sobol_indices_of_the_g_function():
    # Sobol's g-function on [0, 1]^4: V_i = 1 / (3 (1 + a_i)^2), S_i = V_i / (Π(1 + V_j) − 1),
    # ST_i = V_i Π_{j≠i}(1 + V_j) / (Π(1 + V_j) − 1) (Saltelli et al. 2010, CPC 181:259).
    a = np.array([0.0, 1.0, 4.5, 9.0])
    factors = [Factor(f"x{i}", low=0.0, high=1.0) for i in range(4)]
    exp = experiment(factors, Sampler("sobol", samples=1024, second_order=True), seed=8)

    def g(points):
        return np.prod((np.abs(4 * points.to_numpy() - 2) + a) / (1 + a), axis=1)

    table = sensitivity(make_runs(exp, g), exp)
    v = 1 / (3 * (1 + a) ** 2)
    total = np.prod(1 + v) - 1
    np.testing.assert_allclose(table["S1"], v / total, atol=0.03)
    np.testing.assert_allclose(table["ST"], v * np.prod(1 + v) / (1 + v) / total, atol=0.03)


def linear(p):
    return 3 * p["a"] - 2 * p["b"] + 5 * p["switch"]


LINEAR_FACTORS = [
    Factor("a", low=0.0, high=2.0),
    Factor("b", low=-1.0, high=4.0),
    Factor("c", low=10.0, high=10.5),
    Factor("switch", values=(0, 1)),
    Factor("rule", values=("x", "y", "z")),
]


def test_morris_effects_of_a_linear_function_are_slope_times_range():
    # SALib divides each output change by the step in the unit cube, Δ = p / (2(p − 1)),
    # so a range factor's effect is slope × (high − low). The switch's 2 values on 4
    # levels are not exact (n − 1 = 1 is no multiple of p − 1 = 3): levels 0, 1/3 pick
    # 0 and 2/3, 1 pick 1, so every step of Δ = 2/3 flips it and changes y by 5, an
    # effect of 5 / Δ = 7.5 with the sign of the move.
    exp = experiment(LINEAR_FACTORS, Sampler("morris", samples=20, levels=4))
    table = sensitivity(make_runs(exp, linear), exp)
    assert list(table.columns) == [
        "design",
        "metric",
        "factor",
        "mu",
        "mu_star",
        "mu_star_conf",
        "sigma",
    ]
    np.testing.assert_allclose(table["mu"], [6.0, -10.0, 0.0, 7.5, 0.0], atol=1e-9)
    np.testing.assert_allclose(table["mu_star"], [6.0, 10.0, 0.0, 7.5, 0.0], atol=1e-9)
    np.testing.assert_allclose(table["sigma"], 0.0, atol=1e-9)


def test_morris_on_six_levels_keeps_the_slope_times_range_convention():
    exp = experiment(LINEAR_FACTORS[:3], Sampler("morris", samples=10, levels=6))
    table = sensitivity(make_runs(exp, lambda p: 3 * p["a"] - 2 * p["b"]), exp)
    np.testing.assert_allclose(table["mu"], [6.0, -10.0, 0.0], atol=1e-9)


@pytest.mark.parametrize(
    ("factor", "levels", "range_"),
    [
        (Factor("n", low=0, high=3, integer=True), 4, 3),  # n - 1 = levels - 1
        (Factor("n", low=2, high=8, integer=True), 4, 6),  # n - 1 = 2 (levels - 1)
        (Factor("n", low=-5, high=0, integer=True), 6, 5),
        (Factor("n", values=(10, 20, 30, 40)), 4, 30),
        (Factor("n", values=(0.0, 0.5, 1.0, 1.5, 2.0, 2.5, 3.0)), 4, 3),
    ],
    ids=["int-4-of-4", "int-7-of-4", "int-6-of-6", "values-4-of-4", "values-7-of-4"],
)
def test_morris_effects_of_whole_factors_are_exact_when_the_grid_fits(factor, levels, range_):
    # When n − 1 is a multiple of levels − 1 every step moves the factor by Δ (n − 1)
    # values, so a linear factor's mu_star is |slope| × (high − low), as for a range.
    factors = [factor, Factor("x", low=0.0, high=1.0)]
    exp = experiment(factors, Sampler("morris", samples=30, levels=levels))
    table = sensitivity(make_runs(exp, lambda p: -2 * p["n"] + p["x"]), exp)
    np.testing.assert_allclose(table["mu"], [-2 * range_, 1.0], atol=1e-9)
    np.testing.assert_allclose(table["mu_star"], [2 * range_, 1.0], atol=1e-9)
    np.testing.assert_allclose(table["sigma"], 0.0, atol=1e-9)


def test_morris_effects_of_values_that_do_not_fit_the_grid_are_still_all_equal():
    # 3 values on 4 levels pick values 0, 1, 1, 2, so every step of Δ = 2/3 moves one
    # value: each effect is 1 / Δ = 1.5 (¾ of |slope| × (high − low)). Picking
    # values[floor(3u)] instead (0, 1, 2, 2) mixed steps of one and two values.
    factors = [Factor("v", values=(0, 1, 2)), Factor("x", low=0.0, high=1.0)]
    exp = experiment(factors, Sampler("morris", samples=30, levels=4))
    table = sensitivity(make_runs(exp, lambda p: p["v"] + p["x"]), exp)
    np.testing.assert_allclose(table["mu_star"], [1.5, 1.0], atol=1e-9)
    np.testing.assert_allclose(table["sigma"], 0.0, atol=1e-9)


def test_repeated_values_are_an_error_not_a_pandas_crash():
    # An experiment that skipped the loader's checks; pandas raised InvalidIndexError.
    sampler = Sampler("morris", samples=4)
    good = experiment([LINEAR_FACTORS[0], Factor("rule", values=("x", "y"))], sampler)
    bad = experiment([LINEAR_FACTORS[0], Factor("rule", values=("x", "y", "x"))], sampler)
    with pytest.raises(
        GovsimError,
        match=r"^exp\.toml: factors\.rule\.values: expected distinct entries; "
        r"found the string 'x' twice$",
    ):
        sensitivity(make_runs(good, lambda p: p["a"]), bad)


def test_outputs_are_means_over_ok_replicates():
    exp = experiment(LINEAR_FACTORS, Sampler("morris", samples=20))
    single = sensitivity(make_runs(exp, linear), exp)
    # Replicate noise -1, 0, +1 averages out exactly; a failed run's value never counts.
    runs = make_runs(exp, linear, replicate_noise=(-1.0, 0.0, 1.0, 0.0))
    failed = runs["replicate"] == 3
    runs.loc[failed, "status"] = "failed"
    runs.loc[failed, "y"] = 1e9
    pd.testing.assert_frame_equal(sensitivity(runs, exp), single)
    noisy = make_runs(exp, linear, replicate_noise=(-1.0, 0.0, 4.0))
    assert not sensitivity(noisy, exp).equals(single)


def test_each_design_gets_its_own_rows_and_the_output_is_deterministic():
    exp = experiment(LINEAR_FACTORS[:2], Sampler("sobol", samples=64), designs=("p", "q"))
    runs = make_runs(exp, lambda p: p["a"] ** 2 + p["b"])
    table = sensitivity(runs, exp)
    assert table[["design", "factor"]].values.tolist() == [
        ["p", "a"],
        ["p", "b"],
        ["q", "a"],
        ["q", "b"],
    ]
    # Design q's y is twice p's: scale-free indices, and the same bootstrap resamples.
    p, q = (table[table["design"] == d].reset_index(drop=True) for d in ("p", "q"))
    np.testing.assert_allclose(
        q[["S1", "S1_conf", "ST", "ST_conf"]], p[["S1", "S1_conf", "ST", "ST_conf"]]
    )
    pd.testing.assert_frame_equal(sensitivity(runs, exp), table)


def test_a_constant_metric_has_nan_sobol_indices_and_zero_morris_effects():
    sobol = experiment(LINEAR_FACTORS[:2], Sampler("sobol", samples=8))
    table = sensitivity(make_runs(sobol, lambda p: np.full(len(p), 2.0)), sobol)
    assert table[["S1", "S1_conf", "ST", "ST_conf"]].isna().all().all()
    morris = experiment(LINEAR_FACTORS[:2], Sampler("morris", samples=4))
    table = sensitivity(make_runs(morris, lambda p: np.full(len(p), 2.0)), morris)
    assert (table[["mu", "mu_star", "sigma"]] == 0).all().all()


def test_points_without_a_finite_value_are_an_error():
    exp = experiment(LINEAR_FACTORS[:2], Sampler("sobol", samples=8))
    runs = make_runs(exp, lambda p: p["a"] + p["b"], replicate_noise=(0.0, 0.0))
    runs.loc[runs["point"] == 5, "status"] = "failed"
    # A point with one finite ok value is fine.
    runs.loc[(runs["point"] == 6) & (runs["replicate"] == 0), "y"] = np.nan
    runs.loc[(runs["point"] == 4) & (runs["replicate"] == 1), "y"] = -np.inf
    runs.loc[runs["point"] == 7, "y"] = np.inf
    runs = runs[runs["point"] != 9]
    with pytest.raises(
        GovsimError,
        match=r"^exp\.toml: metric y under design d: 3 of 32 points have no finite value "
        r"from an ok run; sobol indices need every point$",
    ):
        sensitivity(runs, exp)


def test_other_samplers_and_bad_metrics_are_errors():
    exp = experiment(LINEAR_FACTORS[:2], Sampler("latin-hypercube", samples=8))
    with pytest.raises(
        GovsimError,
        match=r"^exp\.toml: sensitivity indices need a sobol or morris sampler; "
        r"this sweep used latin-hypercube$",
    ):
        sensitivity(make_runs(exp, lambda p: p["a"]), exp)
    sobol = experiment(LINEAR_FACTORS[:2], Sampler("sobol", samples=8))
    with pytest.raises(GovsimError, match=r"^metrics: .*found the string 'yy'; did you mean 'y'"):
        sensitivity(make_runs(sobol, lambda p: p["a"]), sobol, metrics=["yy"])
    with pytest.raises(GovsimError, match=r"^exp\.toml: runs: expected the runs of 32 points"):
        sensitivity(make_runs(sobol, lambda p: p["a"]).iloc[:0], sobol)
