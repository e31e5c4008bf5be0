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


def paired_arrays(runs, metric, a, b):
    ok = runs[runs["status"] == "ok"]
    left = ok[ok["design"] == a].set_index(["point", "replicate"])[metric]
    right = ok[ok["design"] == b].set_index(["point", "replicate"])[metric]
    both = pd.concat([left, right], axis=1, keys=["a", "b"], join="inner")
    both = both[np.isfinite(both).all(axis=1)]
    return both["a"].to_numpy(float), both["b"].to_numpy(float)


def test_compare_designs_matches_scipy_on_the_paired_arrays():
    runs = make_runs()
    result = compare_designs(runs, "baseline", "reform", factors=[FACTOR]).set_index("metric")
    assert list(result.index) == ["welfare", "passed"]
    for metric in ("welfare", "passed"):
        x, y = paired_arrays(runs, metric, "baseline", "reform")
        d = y - x
        row = result.loc[metric]
        assert row["n"] == len(d)
        assert row["mean_a"] == pytest.approx(x.mean())
        assert row["mean_b"] == pytest.approx(y.mean())
        assert row["difference"] == pytest.approx(d.mean())
        sem = d.std(ddof=1) / math.sqrt(len(d))
        low, high = stats.t.interval(0.95, len(d) - 1, loc=d.mean(), scale=sem)
        assert (row["ci_low"], row["ci_high"]) == pytest.approx((low, high))
        assert row["cohen_dz"] == pytest.approx(d.mean() / d.std(ddof=1))
        t = stats.ttest_rel(y, x)
        assert (row["t"], row["p_value"]) == pytest.approx((t.statistic, t.pvalue))
        assert row["wilcoxon_p"] == pytest.approx(stats.wilcoxon(y, x).pvalue)
    # Point 0 loses replicates 1 (failed) and 2 (NaN); point 1 loses 1 (inf in baseline,
    # failed in reform) and 2 (failed), so 4 of 8 welfare pairs remain.
    assert result.loc["welfare", "n"] == 4


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
            "point": [0, 1, 2] * 2,
            "replicate": 0,
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
    one = compare_designs(runs[runs["point"] == 0], "a", "b").set_index("metric").loc["shift"]
    assert one["n"] == 1 and one["difference"] == 1
    assert np.isnan(one[["ci_low", "t", "p_value", "wilcoxon_p"]].astype(float)).all()


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
