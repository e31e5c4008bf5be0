"""Runs-table summaries, checked against loops over scipy.stats called directly."""

import math

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from govsim.errors import GovsimError
from govsim.sweeps.analysis import compare_designs, markdown, metric_columns, summary_table
from govsim.sweeps.plan import IDENTITY, STATUS

FACTOR = "scenario.polarisation"


def make_runs():
    """Two designs x two points x four replicates, with failures, NaN and inf."""
    rng = np.random.default_rng(0)
    rows = []
    for point, polarisation in enumerate([0.2, 0.8]):
        for design in ("baseline", "reform"):
            for replicate in range(4):
                rows.append(
                    {
                        "run_id": len(rows),
                        "point": point,
                        "design": design,
                        "scenario": "s",
                        "replicate": replicate,
                        "seed": 100 + replicate,
                        "steps": 10,
                        "status": "ok",
                        "error": "",
                        FACTOR: polarisation,
                        "welfare": rng.normal(point + (design == "reform")),
                        "passed": int(rng.integers(0, 10)),
                        "captured_by": "nobody",
                        "stable": True,
                    }
                )
    runs = pd.DataFrame(rows)
    runs.loc[1, ["status", "error"]] = ["failed", "boom"]  # baseline, point 0, replicate 1
    runs.loc[1, "welfare"] = 1e6  # a failed run's value must never count
    runs.loc[2, "welfare"] = np.nan  # baseline, point 0, replicate 2
    runs.loc[9, "welfare"] = np.inf  # baseline, point 1, replicate 1
    runs.loc[[13, 14], "status"] = "failed"  # reform, point 1, replicates 1 and 2
    return runs


def oracle_summary(runs, factors, metrics, confidence):
    rows = []
    ok = runs[runs["status"] == "ok"]
    for keys, group in ok.groupby(["design", *factors], sort=True):
        for metric in metrics:
            x = group[metric].to_numpy(dtype=float)
            x = x[np.isfinite(x)]
            n = len(x)
            mean = x.mean() if n else np.nan
            sd = x.std(ddof=1) if n > 1 else np.nan
            low, high = (
                stats.t.interval(confidence, n - 1, loc=mean, scale=sd / math.sqrt(n))
                if n > 1
                else (np.nan, np.nan)
            )
            rows.append((*keys, metric, n, mean, sd, low, high))
    return pd.DataFrame(
        rows, columns=["design", *factors, "metric", "n", "mean", "sd", "ci_low", "ci_high"]
    )


def test_metric_columns_are_numeric_non_identity_non_factor_non_bool():
    runs = make_runs()
    assert {*IDENTITY, *STATUS} <= set(runs.columns)
    assert metric_columns(runs, [FACTOR]) == ["welfare", "passed"]
    assert metric_columns(runs) == [FACTOR, "welfare", "passed"]


@pytest.mark.parametrize("confidence", [0.95, 0.8])
def test_summary_table_matches_a_loop_over_scipy_t_intervals(confidence):
    runs = make_runs()
    table = summary_table(runs, [FACTOR], confidence=confidence)
    expected = oracle_summary(runs, [FACTOR], ["welfare", "passed"], confidence)
    # Same rows in a deterministic order; compare after sorting by the keys.
    keys = ["design", FACTOR, "metric"]
    pd.testing.assert_frame_equal(
        table.sort_values(keys).reset_index(drop=True),
        expected.sort_values(keys).reset_index(drop=True),
        check_dtype=False,
    )
    assert table["n"].dtype == np.int64


def test_summary_table_counts_only_ok_finite_values():
    table = summary_table(make_runs(), [FACTOR]).set_index(["design", FACTOR, "metric"])
    # Baseline at 0.2: replicate 1 failed and replicate 2 is NaN -> 2 values.
    assert table.loc[("baseline", 0.2, "welfare"), "n"] == 2
    assert table.loc[("baseline", 0.2, "passed"), "n"] == 3
    assert table.loc[("baseline", 0.8, "welfare"), "n"] == 3  # replicate 1 is inf
    # Reform at 0.8: replicates 1 and 2 failed, so n = 2 for both metrics.
    assert table.loc[("reform", 0.8, "welfare"), "n"] == 2
    assert table.loc[("reform", 0.8, "passed"), "n"] == 2


def test_summary_table_with_one_value_has_no_sd_or_interval():
    runs = make_runs()
    runs.loc[runs["design"] == "reform", "status"] = "failed"
    runs.loc[4, "status"] = "ok"  # reform, point 0, replicate 0
    row = summary_table(runs, metrics=["welfare"]).set_index("design").loc["reform"]
    assert row["n"] == 1
    assert row["mean"] == runs.loc[4, "welfare"]
    assert np.isnan([row["sd"], row["ci_low"], row["ci_high"]]).all()


def test_summary_table_order_is_first_appearance_then_metric():
    table = summary_table(make_runs(), [FACTOR])
    assert table[["design", FACTOR, "metric"]].values.tolist() == [
        [design, polarisation, metric]
        for polarisation in (0.2, 0.8)
        for design in ("baseline", "reform")
        for metric in ("welfare", "passed")
    ]


def test_summary_table_without_factors_pools_the_points():
    runs = make_runs()
    table = summary_table(runs, metrics=["welfare"])
    expected = oracle_summary(runs, [], ["welfare"], 0.95)
    pd.testing.assert_frame_equal(table, expected, check_dtype=False)


def with_a_repeated_point(runs):
    """``runs`` and a point 2 with point 0's factor values: the same seeds, so copies of
    point 0's runs (as a Morris grid or a CSV design matrix with a repeated row gives)."""
    copy = runs[runs["point"] == 0].assign(point=2, run_id=lambda f: f["run_id"] + 100)
    return pd.concat([runs, copy], ignore_index=True)


def test_summary_table_counts_a_repeated_point_once():
    runs = make_runs()
    table = summary_table(with_a_repeated_point(runs), [FACTOR])
    pd.testing.assert_frame_equal(table, summary_table(runs, [FACTOR]))
    assert table.set_index(["design", FACTOR, "metric"]).loc[("reform", 0.2, "welfare"), "n"] == 4


def test_summary_table_by_some_factors_keeps_points_that_differ_in_others():
    # Both points now share the polarisation and differ in rounds, so their runs are
    # distinct: grouping by polarisation alone pools them, dropping neither.
    runs = make_runs().assign(**{FACTOR: 0.5, "rounds": lambda f: f["point"] + 1})
    runs.loc[runs["point"] == 1, "welfare"] = runs.loc[runs["point"] == 0, "welfare"].to_numpy()
    table = summary_table(runs, [FACTOR], metrics=["welfare"])
    expected = oracle_summary(runs, [FACTOR], ["welfare"], 0.95)
    pd.testing.assert_frame_equal(table, expected, check_dtype=False)
    assert table["n"].tolist() == [5, 6]
    # Grouped by both, or by none, it is the same.
    both = summary_table(runs, [FACTOR, "rounds"], metrics=["welfare"])
    assert both["n"].tolist() == [2, 4, 3, 2]
    assert summary_table(runs, metrics=["welfare"])["n"].tolist() == [5, 6]


def test_summary_table_without_factors_takes_the_points_as_distinct():
    runs = with_a_repeated_point(make_runs())
    table = summary_table(runs, metrics=["welfare"])
    pd.testing.assert_frame_equal(
        table, oracle_summary(runs, [], ["welfare"], 0.95), check_dtype=False
    )


def paired_arrays(runs, metric, a, b):
    ok = runs[runs["status"] == "ok"]
    left = ok[ok["design"] == a].set_index(["point", "replicate"])[metric]
    right = ok[ok["design"] == b].set_index(["point", "replicate"])[metric]
    both = pd.concat([left, right], axis=1, keys=["a", "b"], join="inner")
    both = both[np.isfinite(both).all(axis=1)]
    return both["a"].to_numpy(float), both["b"].to_numpy(float)


def oracle_replicates(runs, metric, a, b, factors=()):
    """Brute force: per replicate, the means over its points of a's and b's values where
    both runs are ok and finite, a point with the factor values of an earlier one left
    out; and the points used."""
    ok = runs[runs["status"] == "ok"]
    means, used = {}, set()
    for replicate in sorted(ok["replicate"].unique()):
        xs, ys, seen = [], [], set()
        for point in sorted(ok["point"].unique()):
            at = ok[(ok["point"] == point) & (ok["replicate"] == replicate)]
            left, right = at[at["design"] == a], at[at["design"] == b]
            if len(left) != 1 or len(right) != 1:
                continue
            key = tuple(left[list(factors)].iloc[0]) if factors else point
            x, y = float(left[metric].iloc[0]), float(right[metric].iloc[0])
            if key in seen or not (math.isfinite(x) and math.isfinite(y)):
                continue
            seen.add(key)
            used.add(point)
            xs.append(x)
            ys.append(y)
        if xs:
            means[replicate] = (sum(xs) / len(xs), sum(ys) / len(ys))
    x, y = (np.array([m[i] for m in means.values()]) for i in (0, 1))
    return x, y, len(used)


def check_against_scipy(row, x, y, points, confidence=0.95):
    """``row`` is the paired t of the replicate means ``x`` and ``y``, by scipy."""
    d = y - x
    assert row["n"] == len(d)
    assert row["points"] == points
    assert row["mean_a"] == pytest.approx(x.mean())
    assert row["mean_b"] == pytest.approx(y.mean())
    assert row["difference"] == pytest.approx(d.mean())
    sem = d.std(ddof=1) / math.sqrt(len(d))
    low, high = stats.t.interval(confidence, len(d) - 1, loc=d.mean(), scale=sem)
    assert (row["ci_low"], row["ci_high"]) == pytest.approx((low, high))
    assert row["cohen_dz"] == pytest.approx(d.mean() / d.std(ddof=1))
    t = stats.ttest_rel(y, x)
    assert (row["t"], row["p_value"]) == pytest.approx((t.statistic, t.pvalue))
    one = stats.ttest_1samp(d, 0.0)  # the same test
    assert (row["t"], row["p_value"]) == pytest.approx((one.statistic, one.pvalue))
    assert row["wilcoxon_p"] == pytest.approx(stats.wilcoxon(d).pvalue)


def test_compare_designs_matches_scipy_on_the_replicate_means():
    runs = make_runs()
    result = compare_designs(runs, "baseline", "reform", factors=[FACTOR]).set_index("metric")
    assert list(result.index) == ["welfare", "passed"]
    for metric in ("welfare", "passed"):
        x, y, points = oracle_replicates(runs, metric, "baseline", "reform", [FACTOR])
        check_against_scipy(result.loc[metric], x, y, points)
    # Welfare: point 0 loses replicates 1 (failed) and 2 (NaN), point 1 loses 1 (inf in
    # baseline, failed in reform) and 2 (failed), so replicates 0 and 3 remain. Passed:
    # replicate 2 keeps point 0, so 3 replicates with unequal numbers of points.
    assert result[["n", "points"]].values.tolist() == [[2, 2], [3, 2]]


def test_compare_designs_at_one_point_is_the_paired_t_on_the_runs():
    runs = make_runs()
    runs = runs[runs["point"] == 0]
    result = compare_designs(runs, "baseline", "reform", factors=[FACTOR]).set_index("metric")
    for metric in ("welfare", "passed"):
        x, y = paired_arrays(runs, metric, "baseline", "reform")
        row = result.loc[metric]
        # Exactly what pairing the runs gave before replicates were the unit.
        d = y - x
        assert (row["n"], row["points"]) == (len(d), 1)
        assert (row["mean_a"], row["mean_b"], row["difference"]) == (x.mean(), y.mean(), d.mean())
        assert row["cohen_dz"] == d.mean() / d.std(ddof=1)
        t = stats.ttest_rel(y, x)
        assert (row["t"], row["p_value"]) == (t.statistic, t.pvalue)
        assert row["wilcoxon_p"] == stats.wilcoxon(y, x).pvalue
        check_against_scipy(row, x, y, 1)


def correlated_runs(points=6, replicates=10, seed=1):
    """Design b is a + 1 + a shock of the replicate (the same at all its points, as a
    shared seed makes it) + a little noise of the point."""
    rng = np.random.default_rng(seed)
    shock = rng.normal(size=replicates)
    rows = []
    for point in range(points):
        for replicate in range(replicates):
            a = rng.normal()
            b = a + 1 + shock[replicate] + 0.1 * rng.normal()
            for design, y in (("a", a), ("b", b)):
                common = {"point": point, "replicate": replicate, "status": "ok"}
                rows.append({**common, "design": design, FACTOR: point / 10, "y": y})
    return pd.DataFrame(rows)


def test_compare_designs_treats_the_replicate_not_the_pair_as_independent():
    runs = correlated_runs()
    row = compare_designs(runs, "a", "b", factors=[FACTOR]).iloc[0]
    x, y, points = oracle_replicates(runs, "y", "a", "b", [FACTOR])
    check_against_scipy(row, x, y, points)
    assert (row["n"], row["points"]) == (10, 6)
    # The 60 pairs as independent: an interval about √6 too narrow for these data.
    x, y = paired_arrays(runs, "y", "a", "b")
    naive = stats.t.interval(0.95, 59, scale=(y - x).std(ddof=1) / math.sqrt(60))
    assert row["ci_high"] - row["ci_low"] > 2 * (naive[1] - naive[0])


def test_compare_designs_counts_a_repeated_point_once():
    runs = make_runs()
    repeated = with_a_repeated_point(runs)
    expected = compare_designs(runs, "baseline", "reform", factors=[FACTOR])
    result = compare_designs(repeated, "baseline", "reform", factors=[FACTOR])
    pd.testing.assert_frame_equal(result, expected)
    # Without factors, the points are told apart by their number alone.
    plain = compare_designs(repeated, "baseline", "reform", metrics=["welfare"])
    assert plain.loc[0, "points"] == 3
    x, y, _ = oracle_replicates(repeated, "welfare", "baseline", "reform")
    check_against_scipy(plain.iloc[0], x, y, 3)


def test_compare_designs_by_some_factors_keeps_points_that_differ_in_others():
    runs = make_runs().assign(**{FACTOR: 0.5, "rounds": lambda f: f["point"] + 1})
    result = compare_designs(runs, "baseline", "reform", ["welfare"], factors=[FACTOR])
    x, y, _ = oracle_replicates(runs, "welfare", "baseline", "reform", [FACTOR, "rounds"])
    check_against_scipy(result.iloc[0], x, y, 2)


def test_compare_designs_pairs_on_point_and_replicate_whatever_the_row_order():
    runs = make_runs()
    shuffled = runs.sample(frac=1, random_state=3)
    pd.testing.assert_frame_equal(
        compare_designs(shuffled, "baseline", "reform", factors=[FACTOR]),
        compare_designs(runs, "baseline", "reform", factors=[FACTOR]),
    )


def test_compare_designs_refuses_a_run_that_appears_twice():
    runs = make_runs()
    with pytest.raises(pd.errors.MergeError):
        compare_designs(pd.concat([runs, runs.iloc[[0]]]), "baseline", "reform")


def test_compare_designs_difference_is_exact_when_pairs_share_noise():
    # Common random numbers: b = a + 2 + small; every paired difference is known.
    runs = pd.DataFrame(
        {
            "design": ["a"] * 3 + ["b"] * 3,
            "point": 0,
            "replicate": [0, 1, 2] * 2,
            "status": "ok",
            "y": [10.0, -50.0, 7.0, 12.0, -47.0, 8.0],
        }
    )
    row = compare_designs(runs, "a", "b").iloc[0]
    assert row["difference"] == pytest.approx(2.0)  # differences 2, 3, 1
    assert row["cohen_dz"] == pytest.approx(2.0)  # sd of (2, 3, 1) is 1
    half = stats.t.ppf(0.975, 2) / math.sqrt(3)
    assert (row["ci_low"], row["ci_high"]) == pytest.approx((2 - half, 2 + half))


def test_compare_designs_undefined_statistics_are_nan():
    runs = pd.DataFrame(
        {
            "design": ["a"] * 3 + ["b"] * 3,
            "point": 0,
            "replicate": [0, 1, 2] * 2,
            "status": "ok",
            "same": [1.0, 2.0, 3.0, 1.0, 2.0, 3.0],
            "shift": [1.0, 2.0, 3.0, 2.0, 3.0, 4.0],
        }
    )
    result = compare_designs(runs, "a", "b").set_index("metric")
    same, shift = result.loc["same"], result.loc["shift"]
    assert same["difference"] == 0 and np.isnan(same["wilcoxon_p"])
    assert shift["difference"] == 1 and shift["wilcoxon_p"] == stats.wilcoxon([1, 1, 1]).pvalue
    for row in (same, shift):
        assert np.isnan(row[["cohen_dz", "t", "p_value", "ci_low", "ci_high"]].astype(float)).all()
    one = compare_designs(runs[runs["replicate"] == 0], "a", "b").set_index("metric").loc["shift"]
    assert one["n"] == 1 and one["difference"] == 1
    assert np.isnan(one[["ci_low", "t", "p_value", "wilcoxon_p"]].astype(float)).all()
    # Three points of one replicate are one independent value, not three.
    points = runs.assign(point=runs["replicate"], replicate=0)
    row = compare_designs(points, "a", "b").set_index("metric").loc["shift"]
    assert (row["n"], row["points"], row["difference"]) == (1, 3, 1)
    assert np.isnan(row[["ci_low", "t", "wilcoxon_p"]].astype(float)).all()


def test_compare_designs_with_no_pair_left_is_all_nan():
    runs = make_runs()
    runs.loc[runs["design"] == "reform", "status"] = "failed"
    row = compare_designs(runs, "baseline", "reform", ["welfare"], factors=[FACTOR]).iloc[0]
    assert (row["n"], row["points"]) == (0, 0)
    assert np.isnan(row.drop(["metric", "n", "points"]).astype(float)).all()


def test_compare_designs_unknown_design_lists_those_present():
    with pytest.raises(
        GovsimError,
        match=r"^design: expected one of baseline, reform; found the string 'reforn'; "
        r"did you mean 'reform'\?$",
    ):
        compare_designs(make_runs(), "baseline", "reforn")


def test_bad_arguments_name_what_is_wrong():
    runs = make_runs()
    with pytest.raises(GovsimError, match=r"^metrics: .*found the string 'welfair'; did you"):
        summary_table(runs, [FACTOR], metrics=["welfair"])
    with pytest.raises(GovsimError, match=r"^metrics: .*found the string 'captured_by'"):
        compare_designs(runs, "baseline", "reform", metrics=["captured_by"])
    with pytest.raises(GovsimError, match=r"^factors: .*found the string 'polarisation'"):
        summary_table(runs, ["polarisation"])
    with pytest.raises(GovsimError, match=r"^confidence: expected a number in \(0, 1\); found 95"):
        summary_table(runs, confidence=95)
    with pytest.raises(GovsimError, match=r"^metrics: expected at least one numeric"):
        summary_table(runs[[*IDENTITY, *STATUS]])


def test_markdown_has_the_header_and_formatted_numbers():
    text = markdown(summary_table(make_runs(), [FACTOR]))
    lines = text.splitlines()
    assert [c.strip() for c in lines[0].strip("|").split("|")] == [
        "design",
        FACTOR,
        "metric",
        "n",
        "mean",
        "sd",
        "ci_low",
        "ci_high",
    ]
    assert len(lines) == 2 + 8
    assert markdown(pd.DataFrame({"x": [1 / 3]})).splitlines()[2] == "| 0.3333 |"
