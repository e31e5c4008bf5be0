"""Design matrices: each sampler's published structure, dtypes, determinism and errors."""

import itertools
import re

import numpy as np
import pandas as pd
import pytest
from SALib.sample import morris as salib_morris
from SALib.sample import sobol as salib_sobol
from scipy.stats import qmc

from govsim.errors import GovsimError
from govsim.sweeps.experiment import Factor, Sampler
from govsim.sweeps.sampling import encode, point_count, sample, sensitivity_problem

SOURCE = "exp.toml"
RANGES = (
    Factor("scenario.polarisation", low=0.0, high=1.0),
    Factor("deliberation.rounds", low=1, high=9, integer=True),
    Factor("rule", values=("majority", "consensus", "veto")),
)


def raises(message):
    """Expect a GovsimError reading exactly ``exp.toml: message``."""
    return pytest.raises(GovsimError, match="^" + re.escape(f"{SOURCE}: {message}") + "$")


# Factorial ----------------------------------------------------------------------------


def test_factorial_is_the_product_with_the_first_factor_slowest():
    factors = [
        Factor("a", values=(1, 2)),
        Factor("b", values=("x", "y", "z")),
        Factor("c", low=0.0, high=1.0, levels=2),
    ]
    points = sample(factors, Sampler("factorial"), seed=0)
    expected = list(itertools.product([1, 2], ["x", "y", "z"], [0.0, 1.0]))
    assert list(points.itertuples(index=False, name=None)) == expected
    assert list(points.columns) == ["a", "b", "c"]
    assert points.index.equals(pd.RangeIndex(12))
    assert points.dtypes.tolist()[0] == np.int64 and points.dtypes.tolist()[2] == np.float64


def test_factorial_range_levels_are_evenly_spaced():
    points = sample([Factor("x", low=0.2, high=0.8, levels=4)], Sampler(), seed=0)
    np.testing.assert_allclose(points["x"], [0.2, 0.4, 0.6, 0.8])


def test_factorial_integer_levels_are_rounded_and_not_repeated():
    # linspace(0, 2, 4) = 0, 2/3, 4/3, 2 rounds to 0, 1, 1, 2.
    points = sample([Factor("n", low=0, high=2, integer=True, levels=4)], Sampler(), seed=0)
    assert points["n"].tolist() == [0, 1, 2]
    assert points["n"].dtype == np.int64


def test_factorial_without_factors_is_one_empty_point():
    points = sample([], Sampler("factorial"), seed=0)
    assert points.shape == (1, 0)


def test_factorial_range_without_levels_names_the_key():
    factor = Factor("scenario.polarisation", low=0, high=1)
    message = (
        'factors."scenario.polarisation".levels: expected a whole number >= 2 of points '
        "of the range for the factorial sampler; found nothing"
    )
    with raises(message):
        sample([factor], Sampler(), seed=0, source=SOURCE)


# Latin hypercube ----------------------------------------------------------------------


def test_latin_hypercube_has_one_point_in_every_stratum_of_every_range():
    n = 50
    factors = [Factor("a", low=-1.0, high=3.0), Factor("b", low=10.0, high=11.0)]
    points = sample(factors, Sampler("latin-hypercube", samples=n), seed=4)
    assert points.shape == (n, 2)
    for factor in factors:
        u = (points[factor.key] - factor.low) / (factor.high - factor.low)
        strata = np.floor(u * n).astype(int)
        assert sorted(strata) == list(range(n))  # McKay et al. (1979): a permutation


def test_latin_hypercube_is_scipys_scaled_to_the_ranges():
    factors = [Factor("a", low=-1.0, high=3.0), Factor("b", low=10.0, high=11.0)]
    points = sample(factors, Sampler("latin-hypercube", samples=8), seed=4)
    unit = qmc.LatinHypercube(d=2, rng=4).random(8)
    np.testing.assert_allclose(points.to_numpy(), qmc.scale(unit, [-1, 10], [3, 11]))


def test_latin_hypercube_draws_each_discrete_value_equally_often():
    # n = 6 strata of the index range [0, 3): two strata fall on each of the 3 values.
    points = sample(RANGES, Sampler("latin-hypercube", samples=6), seed=1)
    assert points["rule"].value_counts().to_dict() == {"majority": 2, "consensus": 2, "veto": 2}


def test_latin_hypercube_draws_each_whole_number_of_an_integer_range_equally_often():
    # The range [0, 2] is drawn in [-0.5, 2.5]: 9 strata, three on each whole number.
    # Rounding draws in [0, 2] instead would give the ends 2 points each and 1 five.
    factor = Factor("n", low=0, high=2, integer=True)
    points = sample([factor], Sampler("latin-hypercube", samples=9), seed=1)
    assert points["n"].value_counts().to_dict() == {0: 3, 1: 3, 2: 3}


@pytest.mark.parametrize("method", ["latin-hypercube", "sobol"])
def test_integer_ranges_are_uniform_over_their_whole_numbers(method):
    factors = [Factor("n", low=1, high=4, integer=True), Factor("x", low=0.0, high=1.0)]
    points = sample(factors, Sampler(method, samples=1024), seed=5)
    shares = points["n"].value_counts(normalize=True).sort_index()
    assert shares.index.tolist() == [1, 2, 3, 4]
    # Each 1/4; rounding draws in [1, 4] would give the ends 1/6 each.
    np.testing.assert_allclose(shares, 0.25, atol=0.01)


def test_continuous_samplers_round_integers_and_draw_only_declared_values():
    for sampler in (
        Sampler("latin-hypercube", samples=40),
        Sampler("sobol", samples=16),
        Sampler("morris", samples=10, levels=6),
    ):
        points = sample(RANGES, sampler, seed=2)
        assert points["scenario.polarisation"].dtype == np.float64
        assert points["scenario.polarisation"].between(0, 1).all()
        rounds = points["deliberation.rounds"]
        assert rounds.dtype == np.int64 and rounds.between(1, 9).all()
        assert set(points["rule"]) <= {"majority", "consensus", "veto"}
        assert points["rule"].map(type).eq(str).all()


# Sobol and Morris ---------------------------------------------------------------------


@pytest.mark.parametrize(("second_order", "per_sample"), [(False, 3 + 2), (True, 2 * 3 + 2)])
def test_sobol_has_saltellis_row_count_and_salibs_row_order(second_order, per_sample):
    factors = [Factor(k, low=0.0, high=2.0) for k in "abc"]
    sampler = Sampler("sobol", samples=32, second_order=second_order)
    points = sample(factors, sampler, seed=7)
    assert points.shape == (32 * per_sample, 3)  # N(k+2), or N(2k+2) with second order
    expected = salib_sobol.sample(
        sensitivity_problem(factors, "sobol"), N=32, calc_second_order=second_order, seed=7
    )
    np.testing.assert_array_equal(points.to_numpy(), expected)


def test_integer_ranges_round_salibs_draws_half_a_unit_past_each_end():
    factors = [Factor("n", low=0, high=5, integer=True), Factor("x", low=0.0, high=1.0)]
    points = sample(factors, Sampler("sobol", samples=16), seed=6)
    problem = sensitivity_problem(factors, "sobol")
    assert problem["bounds"][0] == [-0.5, 5.5]
    raw = salib_sobol.sample(problem, N=16, calc_second_order=False, seed=6)
    assert points["n"].tolist() == np.clip(np.rint(raw[:, 0]), 0, 5).astype(int).tolist()
    assert not np.array_equal(np.rint(raw[:, 0]), np.floor(raw[:, 0]))  # the test can tell
    assert (raw[:, 0] < 0).any() and (raw[:, 0] > 5).any()  # and the clip is exercised


def test_sobol_blocks_swap_one_column_from_b_into_a():
    # Saltelli (2002): in each block of k + 2 rows, row j + 1 is A with column j from B.
    factors = [Factor(k, low=0.0, high=1.0) for k in "abc"]
    x = sample(factors, Sampler("sobol", samples=8), seed=3).to_numpy().reshape(8, 5, 3)
    a, b = x[:, 0], x[:, 4]
    for j in range(3):
        expected = a.copy()
        expected[:, j] = b[:, j]
        np.testing.assert_array_equal(x[:, j + 1], expected)


def test_morris_trajectories_move_one_factor_a_fixed_step_at_a_time():
    k, r, levels = 3, 12, 4
    factors = [Factor(key, low=0.0, high=6.0) for key in "abc"]
    points = sample(factors, Sampler("morris", samples=r, levels=levels), seed=5)
    assert points.shape == (r * (k + 1), k)
    x = points.to_numpy().reshape(r, k + 1, k)
    steps = np.diff(x, axis=1)
    delta = levels / (2 * (levels - 1)) * 6.0  # Morris (1991): Δ = p / (2(p − 1)) of the range
    moved = ~np.isclose(steps, 0)
    assert (moved.sum(axis=2) == 1).all()  # one factor per step
    assert (moved.sum(axis=1) == 1).all()  # each factor once per trajectory
    np.testing.assert_allclose(np.abs(steps[moved]), delta)
    np.testing.assert_allclose(np.sort(np.unique(np.round(x, 9))), [0, 2, 4, 6])


def test_morris_matches_salib_on_a_discrete_factor():
    # 4 values on 4 levels: each grid level u picks values[3u], and encode gives u back.
    factors = [Factor("a", low=0.0, high=1.0), Factor("b", values=(10, 20, 30, 40))]
    points = sample(factors, Sampler("morris", samples=5), seed=9)
    problem = sensitivity_problem(factors, "morris")
    assert problem["bounds"][1] == [0.0, 1.0]
    raw = salib_morris.sample(problem, N=5, num_levels=4, seed=9)
    index = np.rint(raw[:, 1] * 3).astype(int)
    assert set(index) == {0, 1, 2, 3}
    assert points["b"].tolist() == [(10, 20, 30, 40)[i] for i in index]
    np.testing.assert_allclose(encode(points, factors, "morris"), raw, rtol=0, atol=1e-12)


def test_morris_maps_grid_levels_to_the_nearest_value_symmetrically():
    # 3 values on 4 levels u = 0, 1/3, 2/3, 1: u * 2 = 0, 0.67, 1.33, 2 picks the values
    # 0, 1, 1, 2 (each end 1/4 of the time, the middle 1/2), never 0, 1, 2, 2.
    factors = [Factor("d", values=("lo", "mid", "hi")), Factor("n", low=0, high=2, integer=True)]
    sampler = Sampler("morris", samples=50, levels=4)
    points = sample(factors, sampler, seed=1)
    raw = salib_morris.sample(sensitivity_problem(factors, "morris"), N=50, num_levels=4, seed=1)
    level = np.rint(raw / [1, 2] * 3).astype(int)  # grid levels 0..3 of [0, 1] and [0, 2]
    assert set(level[:, 0]) == set(level[:, 1]) == {0, 1, 2, 3}
    assert points["d"].tolist() == [("lo", "mid", "mid", "hi")[i] for i in level[:, 0]]
    assert points["n"].tolist() == [(0, 1, 1, 2)[i] for i in level[:, 1]]
    index = points["d"].map({"lo": 0, "mid": 1, "hi": 2})
    x = encode(points, factors, "morris")
    np.testing.assert_array_equal(x, np.column_stack([index / 2, points["n"]]))


def test_morris_integer_range_takes_the_nearest_whole_number_of_the_level():
    # [0, 6] on 4 levels is exact: the levels are 0, 2, 4, 6.
    factor = Factor("n", low=0, high=6, integer=True)
    points = sample([factor], Sampler("morris", samples=20, levels=4), seed=3)
    assert sorted(set(points["n"])) == [0, 2, 4, 6]
    assert sensitivity_problem([factor], "morris")["bounds"] == [[0.0, 6.0]]


# Determinism --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sampler",
    [
        Sampler("latin-hypercube", samples=20),
        Sampler("sobol", samples=8, second_order=True),
        Sampler("morris", samples=6),
    ],
    ids=lambda s: s.method,
)
def test_the_same_seed_gives_the_same_frame_and_another_seed_another(sampler):
    first = sample(RANGES, sampler, seed=11)
    pd.testing.assert_frame_equal(first, sample(RANGES, sampler, seed=11))
    assert not first.equals(sample(RANGES, sampler, seed=12))


# Helpers ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("method", "bounds"),
    [
        ("latin-hypercube", [[0.0, 1.0], [0.5, 9.5], [0.0, 3.0]]),
        ("sobol", [[0.0, 1.0], [0.5, 9.5], [0.0, 3.0]]),
        ("morris", [[0.0, 1.0], [1.0, 9.0], [0.0, 1.0]]),
    ],
)
def test_sensitivity_problem_is_the_box_each_method_draws_in(method, bounds):
    assert sensitivity_problem(RANGES, method) == {
        "num_vars": 3,
        "names": ["scenario.polarisation", "deliberation.rounds", "rule"],
        "bounds": bounds,
    }


@pytest.mark.parametrize("method", ["latin-hypercube", "sobol", "morris"])
def test_encode_gives_back_the_value_or_the_index_the_sampler_decoded(method):
    points = sample(RANGES, Sampler(method, samples=8), seed=4)
    x = encode(points, RANGES, method)
    np.testing.assert_array_equal(x[:, 0], points["scenario.polarisation"])
    np.testing.assert_array_equal(x[:, 1], points["deliberation.rounds"])
    index = points["rule"].map({"majority": 0, "consensus": 1, "veto": 2}).to_numpy()
    np.testing.assert_array_equal(x[:, 2], index / 2 if method == "morris" else index)


def test_encode_rejects_a_value_outside_the_factor():
    points = pd.DataFrame({"rule": ["majority", "plurality"]})
    with pytest.raises(GovsimError, match=r"^factors\.rule\.values: .*the string \'plurality\'"):
        encode(points, [RANGES[2]], "morris")


def test_encode_and_sensitivity_problem_need_a_box_sampler():
    message = r"^sampler\.method: expected one of latin-hypercube, sobol, morris .*'factorial'$"
    with pytest.raises(GovsimError, match=message):
        sensitivity_problem(RANGES, "factorial")
    with pytest.raises(GovsimError, match=message):
        encode(pd.DataFrame({"rule": ["veto"]}), [RANGES[2]], "factorial")


# Factor checks ------------------------------------------------------------------------


@pytest.mark.parametrize("method", ["factorial", "latin-hypercube", "sobol", "morris"])
def test_repeated_values_are_an_error_naming_the_key(method):
    factors = [Factor("scenario.polarisation", low=0.0, high=1.0, levels=2)]
    factors.append(Factor("rule", values=("majority", "veto", "majority")))
    with raises(
        "factors.rule.values: expected distinct entries; found the string 'majority' twice"
    ):
        sample(factors, Sampler(method, samples=8), seed=0, source=SOURCE)
    points = pd.DataFrame({"rule": ["veto"]})
    # Before this check, pandas raised InvalidIndexError from the repeated index.
    with pytest.raises(GovsimError, match=r"^factors\.rule\.values: expected distinct entries"):
        encode(points, factors[1:], "morris")


def test_an_integer_range_without_a_whole_number_is_an_error():
    factor = Factor("deliberation.rounds", low=0.2, high=0.8, integer=True)
    with raises(
        'factors."deliberation.rounds".range: expected a whole number between low and high '
        "for an integer factor; found the list [0.2, 0.8]"
    ):
        sample([factor], Sampler("latin-hypercube", samples=4), seed=0, source=SOURCE)


def test_integer_ranges_with_fractional_ends_stay_inside_them():
    factor = Factor("n", low=0.5, high=3.7, integer=True)
    for sampler in (Sampler("latin-hypercube", samples=300), Sampler("morris", samples=30)):
        assert set(sample([factor], sampler, seed=2)["n"]) == {1, 2, 3}


# Point counts -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sampler",
    [
        Sampler(),
        Sampler("latin-hypercube", samples=7),
        Sampler("sobol", samples=8),
        Sampler("sobol", samples=8, second_order=True),
        Sampler("morris", samples=5, levels=6),
    ],
    ids=["factorial", "lhs", "sobol", "sobol-2", "morris"],
)
def test_point_count_is_the_number_of_points_sampled(sampler):
    factors = [*RANGES, Factor("n", low=0, high=2, integer=True, levels=4)]
    factors = [Factor(f.key, f.low, f.high, f.values, f.integer, f.levels or 2) for f in factors]
    assert point_count(factors, sampler) == len(sample(factors, sampler, seed=0))


def test_point_count_refuses_csv():
    with raises(
        "sampler.method: expected a sampler whose points follow from its settings to count "
        "them; found the string 'csv', whose points are the rows of its file"
    ):
        point_count(RANGES, Sampler("csv", file="x.csv"), source=SOURCE)


# CSV ----------------------------------------------------------------------------------


def write(tmp_path, text):
    path = tmp_path / "design.csv"
    path.write_text(text)
    return str(path)


def test_csv_returns_columns_in_factor_order_with_inferred_types(tmp_path):
    file = write(tmp_path, "rule,rounds,p\nveto,3,0.5\nmajority,4,0.25\n")
    factors = [Factor("p", low=0, high=1), Factor("rounds", low=1, high=9), Factor("rule")]
    points = sample(factors, Sampler("csv", file=file), seed=0)
    assert list(points.columns) == ["p", "rounds", "rule"]
    assert points.to_dict("list") == {
        "p": [0.5, 0.25],
        "rounds": [3, 4],
        "rule": ["veto", "majority"],
    }
    assert points.dtypes.tolist()[:2] == [np.float64, np.int64]
    assert points.index.equals(pd.RangeIndex(2))


def test_csv_without_declared_factors_takes_the_files_columns(tmp_path):
    file = write(tmp_path, "b,a\n1,NA\n2,x\n")
    points = sample([], Sampler("csv", file=file), seed=0)
    assert list(points.columns) == ["b", "a"]
    assert points["a"].tolist() == ["NA", "x"]  # only an empty cell is missing


@pytest.mark.parametrize(
    ("text", "detail"),
    [
        ("", "expected a header row of factor keys and data rows; found an empty file"),
        ("a,b\n", "expected at least one data row under the header; found none"),
        (
            "a\n1\n",
            "columns: expected exactly the factor keys a, b; found a (missing b)",
        ),
        (
            "b,c,a\n1,2,3\n",
            "columns: expected exactly the factor keys a, b; found b, c, a (unexpected c)",
        ),
        (
            "a,b\n1,2\n3,\n,4\n",
            "row 2, column b: expected a value; found an empty cell (2 empty in all)",
        ),
    ],
    ids=["empty", "header-only", "missing", "extra", "empty-cell"],
)
def test_csv_errors_name_the_file_row_and_column(tmp_path, text, detail):
    file = write(tmp_path, text)
    factors = [Factor("a", low=0, high=9), Factor("b", low=0, high=9)]
    with raises(f"sampler.file: design.csv: {detail}"):
        sample(factors, Sampler("csv", file=file), seed=0, source=SOURCE)


def test_csv_that_cannot_be_read_or_is_not_given(tmp_path):
    missing = str(tmp_path / "absent.csv")
    with pytest.raises(GovsimError, match=r"^exp\.toml: sampler\.file: absent\.csv: expected a"):
        sample([], Sampler("csv", file=missing), seed=0, source=SOURCE)
    with raises(
        "sampler.file: expected a design-matrix CSV file for the csv sampler; found nothing"
    ):
        sample([], Sampler("csv"), seed=0, source=SOURCE)


# Settings errors ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("factors", "sampler", "message"),
    [
        (
            RANGES,
            Sampler("sobol", samples=100),
            "sampler.samples: expected a power of 2 for the sobol sampler; found 100",
        ),
        (
            RANGES,
            Sampler("latin-hypercube"),
            "sampler.samples: expected a whole number >= 1 for the latin-hypercube "
            "sampler; found nothing",
        ),
        (
            RANGES,
            Sampler("morris", samples=0),
            "sampler.samples: expected a whole number >= 1 for the morris sampler; found 0",
        ),
        (
            RANGES,
            Sampler("morris", samples=4, levels=5),
            "sampler.levels: expected an even whole number >= 2 for the morris sampler; found 5",
        ),
        (
            RANGES,
            Sampler("morris", samples=4, levels=0),
            "sampler.levels: expected an even whole number >= 2 for the morris sampler; found 0",
        ),
        (
            (),
            Sampler("sobol", samples=8),
            "factors: expected at least one factor for the sobol sampler; found none",
        ),
        (
            RANGES,
            Sampler("grid"),
            "sampler.method: expected one of factorial, latin-hypercube, sobol, morris, "
            "csv; found the string 'grid'",
        ),
    ],
    ids=[
        "sobol-power",
        "lhs-samples",
        "morris-samples",
        "odd-levels",
        "zero-levels",
        "no-factors",
        "method",
    ],
)
def test_setting_errors_name_the_key(factors, sampler, message):
    with raises(message):
        sample(factors, sampler, seed=0, source=SOURCE)
    with raises(message):
        point_count(factors, sampler, source=SOURCE)
