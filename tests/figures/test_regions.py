"""The regional figure: the survey answers beside each region's means and intervals."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from matplotlib import pyplot as plt
from matplotlib.collections import QuadMesh

from govsim.errors import GovsimError
from govsim.figures.compare import COMPARISON_METRICS
from govsim.figures.labels import metric_label
from govsim.figures.regions import plot_regions
from govsim.sweeps import summary_table
from tests.figures.checks import check_figure
from tests.figures.test_compare import errorbars

METRICS = ["pass_rate", "welfare", "minority_loss", "congruence"]
REGIONS = ["Africa", "Asia/Australia/Pacific", "Europe", "Latin America/Caribbean", "North America"]


@pytest.fixture
def runs() -> pd.DataFrame:
    """A tidy runs table: one regional design per region, four replicates each."""
    rng = np.random.default_rng(7)
    rows = [
        {
            "run_id": len(REGIONS) * r + k,
            "design": f"regional-{k}",
            "region": region,
            "replicate": r,
            "status": "ok",
            "pass_rate": rng.uniform(0, 1),
            "welfare": rng.normal(-0.2, 0.02),
            "minority_loss": rng.uniform(0.1, 0.3),
            "congruence": rng.uniform(0.6, 0.9),
        }
        for r in range(4)
        for k, region in enumerate(REGIONS)
    ]
    return pd.DataFrame(rows)


@pytest.fixture
def answers() -> pd.DataFrame:
    """Answers in an order of their own (the figure's row order), LAC's 2 to q1 on record."""
    order = [REGIONS[k] for k in (3, 0, 1, 2, 4)]
    table = pd.DataFrame({"region": order})
    for q in range(1, 7):
        table[f"q{q}"] = [float((q + 2 * k) % 5 + 1) for k in range(5)]
    table.loc[0, "q1"] = 2
    table.loc[1, "q5"] = 2.5
    return table


def test_answers_grid_and_metric_panels(runs, answers, tmp_path):
    fig, axes = plot_regions(runs, answers, metrics=METRICS)
    check_figure(fig, tmp_path, "regions")
    assert len(axes) == 1 + len(METRICS)
    grid = axes[0]
    (mesh,) = [c for c in grid.collections if isinstance(c, QuadMesh)]
    values = answers[[f"q{q}" for q in range(1, 7)]].to_numpy(dtype=float)
    np.testing.assert_array_equal(np.asarray(mesh.get_array()).reshape(values.shape), values)
    assert mesh.get_clim() == (0, 5)  # the fixed answer scale
    assert sorted(t.get_text() for t in grid.texts) == sorted(f"{v:g}" for v in values.ravel())
    order = list(answers["region"])
    assert [t.get_text() for t in grid.get_yticklabels()] == order
    summary = summary_table(runs, ["region"], list(METRICS))
    for ax, metric in zip(axes[1:], METRICS, strict=True):
        drawn = errorbars(ax)
        want = summary[summary["metric"] == metric].set_index("region").loc[order]
        assert drawn["label"].tolist() == order
        # Row k of every panel is row k of the grid.
        assert drawn["y"].tolist() == list(range(len(order)))
        for column in ("mean", "ci_low", "ci_high"):
            np.testing.assert_allclose(drawn[column], want[column], rtol=1e-12)
    plt.close(fig)


def test_given_axes_and_regions_as_designs(runs, answers, tmp_path):
    fig, given = plt.subplots(
        1, 3, figsize=(6.5, 2.6), layout="constrained", width_ratios=[2, 1, 1]
    )
    as_designs = runs.drop(columns="design").rename(columns={"region": "design"})
    returned, axes = plot_regions(
        as_designs,
        answers.rename(columns={"region": "design"}),
        label="design",
        metrics=["welfare", "pass_rate"],
        axes=given,
    )
    assert returned is fig and list(axes) == list(given)
    check_figure(fig, tmp_path, "regions-as-designs")
    assert errorbars(axes[2])["label"].tolist() == list(answers["region"])
    plt.close(fig)


def test_bad_input_fails_with_one_clear_line(runs, answers):
    with pytest.raises(GovsimError, match=r"numbers in \[0, 5\] in q3; found 7 for Africa"):
        plot_regions(runs, answers.assign(q3=[1, 7, 1, 1, 1]))
    with pytest.raises(GovsimError, match="answers table; found the string 'q4'"):
        plot_regions(runs, answers.drop(columns="q4"))
    with pytest.raises(GovsimError, match="one row per region; found Europe more than once"):
        plot_regions(runs, answers.assign(region=[*answers["region"][:4], "Europe"]))
    with pytest.raises(GovsimError, match="none for North America"):
        plot_regions(runs, answers[answers["region"] != "North America"])
    with pytest.raises(GovsimError, match="one design per region; found Africa under"):
        plot_regions(
            runs.assign(design=runs["design"].where(runs["replicate"] < 2, "other")), answers
        )
    with pytest.raises(GovsimError, match=r"^label: "):
        plot_regions(runs, answers, label="continent")
    with pytest.raises(GovsimError, match="did you mean 'welfare'"):
        plot_regions(runs, answers, metrics=["welfair"])
    plt.close("all")


def test_only_what_the_answers_move_is_drawn(runs, answers, tmp_path):
    # Every region answered q3 and q5 alike, and pass_rate is a design constant.
    answers = answers.assign(q3=4.0, q5=2.5)
    runs = runs.assign(pass_rate=0.75)
    fig, axes = plot_regions(runs, answers, metrics=METRICS)
    check_figure(fig, tmp_path, "regions-varying")
    grid = axes[0]
    assert [t.get_text() for t in grid.get_xticklabels()] == ["q1", "q2", "q4", "q6"]
    (mesh,) = [c for c in grid.collections if isinstance(c, QuadMesh)]
    shown = answers[["q1", "q2", "q4", "q6"]].to_numpy(dtype=float)
    np.testing.assert_array_equal(np.asarray(mesh.get_array()).reshape(shown.shape), shown)
    assert [ax.get_xlabel().replace("\n", " ") for ax in axes[1:]] == [
        metric_label(m) for m in METRICS if m != "pass_rate"
    ]
    assert fig.get_supxlabel() == (
        f"The same in every region, not shown: q3 = 4; q5 = 2.5; {metric_label('pass_rate')} = 0.75"
    )
    plt.close(fig)


def test_varying_false_and_a_single_region_draw_everything(runs, answers):
    same = answers.assign(q3=4.0)
    fig, axes = plot_regions(runs.assign(pass_rate=0.75), same, metrics=METRICS, varying=False)
    assert len(axes) == 1 + len(METRICS) and len(axes[0].get_xticklabels()) == 6
    assert fig.get_supxlabel() == ""
    one = answers[answers["region"] == "Africa"]
    fig, axes = plot_regions(runs[runs["region"] == "Africa"], one, metrics=METRICS)
    assert len(axes) == 1 + len(METRICS) and len(axes[0].get_xticklabels()) == 6
    plt.close("all")


def test_answers_alike_everywhere_keep_the_grid_and_given_axes_left_over_are_hidden(runs):
    alike = pd.DataFrame({"region": REGIONS, **{f"q{q}": [3.0] * 5 for q in range(1, 7)}})
    fig, given = plt.subplots(1, 3, figsize=(6.5, 2.6), layout="constrained")
    _, axes = plot_regions(
        runs.assign(pass_rate=0.5), alike, metrics=["welfare", "pass_rate"], axes=given
    )
    assert list(axes) == list(given[:2]) and not given[2].get_visible()
    assert len(axes[0].get_xticklabels()) == 6  # nothing varies: the answers are still shown
    assert fig.get_supxlabel().endswith(f"{metric_label('pass_rate')} = 0.5")
    plt.close(fig)


def test_metrics_default_to_the_comparison_metrics_the_runs_have(runs, answers):
    _, axes = plot_regions(runs, answers)
    wanted = [m for m in COMPARISON_METRICS if m in runs.columns]
    assert [ax.get_xlabel().replace("\n", " ") for ax in axes[1:]] == [
        metric_label(m) for m in wanted
    ]
    plt.close("all")
