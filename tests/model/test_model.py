"""The Mesa model, the run boundary, reproducibility, and the 7-over-14 case."""

from __future__ import annotations

import json
from dataclasses import replace

import mesa
import numpy as np
import pandas as pd
import pytest

from govsim.designs import BUILTIN_DESIGNS, Ideal, load_design, resolve
from govsim.model import GovernanceModel, IssueCycle, Layout
from govsim.simulate import run, run_batch


def with_ideals(scenario, ideal: np.ndarray):
    """The scenario with each stakeholder's ideal point fixed to ``ideal[i]``."""
    groups, start = [], 0
    for group in scenario.groups:
        points = tuple((float(v),) for v in ideal[start : start + group.count])
        groups.append(replace(group, ideal=Ideal(distribution="points", points=points)))
        start += group.count
    return replace(scenario, groups=tuple(groups))


def test_seven_votes_beat_fourteen_in_the_gnso_council() -> None:
    """All 7 Contracted Parties House seats against, the 13 others for: the motion fails.

    ICANN Bylaws §11.3(i): a majority of each house. Counted over the whole Council
    (the 13 plus the non-voting NomCom appointee), 7 votes beat 14.
    """
    design, scenario = resolve("gnso-council")
    layout = Layout(design, scenario)
    contracted = layout.voters[layout.houses == 0]
    assert contracted.size == 7 and (layout.houses == 1).sum() == 14  # 13 + non-voting
    ideal = np.ones(scenario.size)
    ideal[contracted] = 0.0
    # Without deliberation, proposals sit at 1 or at the status quo 0.
    design = replace(design, deliberation=replace(design.deliberation, kernel="none"))
    scenario = replace(with_ideals(scenario, ideal), status_quo=(0.0,), learning_rate=0.0)
    cycle = IssueCycle(design, scenario, [1])
    for _ in range(10):
        cycle.step()
    issues = pd.DataFrame({k: [r[k][0] for r in cycle.records] for k in cycle.records[0]})
    voted = issues[issues["proposal"] == 1.0]
    assert len(voted) > 0
    assert (voted["support"] == 13).all() and (voted["oppose"] == 7).all()
    assert not voted["passed"].any()
    assert voted["seat_counter_majoritarian"].all()
    assert voted["counter_majoritarian"].all()  # the engaged public is also for it


def test_the_model_is_a_mesa_model_with_agent_views() -> None:
    model = GovernanceModel("icann-board-alac", seed=3)
    assert isinstance(model, mesa.Model)
    assert len(model.agents) == model.scenario.size
    for _ in range(4):
        model.step()
    assert model.steps == 4
    frame = model.datacollector.get_model_vars_dataframe()
    assert list(frame.columns) == ["status_quo", "pass_rate", "welfare", "engagement"]
    assert len(frame) == 4
    agent = model.agents.select(lambda a: a.seat is not None)[0]
    assert agent.seat[0] in ("board", "alac")
    np.testing.assert_array_equal(agent.position, model.cycle.position[0, agent.index])
    agent.position = np.array([0.123])
    assert model.cycle.position[0, agent.index, 0] == 0.123
    sectors = set(model.agents.get("sector"))
    assert sectors == set(model.scenario.sectors)
    graph = model.network()
    assert graph.number_of_nodes() == len(model.agents)
    assert graph.number_of_edges() == model.cycle.network.nnz // 2


def test_mesa_batch_run_drives_the_model() -> None:
    results = mesa.batch_run(
        GovernanceModel,
        parameters={"design": ["ietf-wg"], "seed": [1, 2]},
        iterations=1,
        max_steps=3,
        number_processes=1,
        display_progress=False,
    )
    assert {row["seed"] for row in results} == {1, 2}
    assert all("welfare" in row for row in results)


def test_same_seed_same_result_and_different_seeds_differ() -> None:
    first = run("gnso-council", steps=30, seed=11)
    again = run("gnso-council", steps=30, seed=11)
    other = run("gnso-council", steps=30, seed=12)
    pd.testing.assert_frame_equal(first.issues, again.issues, check_exact=True)
    pd.testing.assert_frame_equal(first.summary, again.summary, check_exact=True)
    assert not first.issues["proposal"].equals(other.issues["proposal"])


@pytest.mark.parametrize("name", ["ietf-wg", "icann-board-alac", "regional"])
def test_a_batch_gives_each_replication_exactly_what_a_single_run_gives(name: str) -> None:
    seeds = [5, np.random.SeedSequence(9).spawn(2)[1], 7]
    alone = [run(name, steps=30, seed=seed) for seed in seeds]
    assert any(r.metrics["pass_rate"] > 0 for r in alone)  # q moves: the sums matter
    for size in (1, 2, 3):
        batch = run_batch(name, steps=30, seeds=seeds[:size])
        for single, result in zip(alone, batch, strict=False):
            pd.testing.assert_frame_equal(result.issues, single.issues, check_exact=True)
            pd.testing.assert_frame_equal(result.summary, single.summary, check_exact=True)


@pytest.mark.parametrize("name", sorted(BUILTIN_DESIGNS))
def test_every_builtin_design_runs(name: str) -> None:
    result = run(name, steps=25, seed=2)
    metrics = result.metrics
    assert len(result.issues) == 25 and metrics["issues"] == 25
    assert 0 <= metrics["pass_rate"] <= 1
    assert metrics["pass_rate"] + metrics["gridlock_rate"] == pytest.approx(1)
    assert metrics["welfare"] <= 0 and 0 < metrics["legitimacy_output"] <= 1 + 1e-12
    assert 0 <= metrics["legitimacy_input"] <= 1
    json.dumps(result.spec())  # the resolved spec is JSON


def test_runs_in_two_dimensions() -> None:
    result = run("ietf-wg", steps=10, seed=1, overrides=["scenario.dimensions=2"])
    assert {"proposal_1", "proposal_2", "status_quo_1", "status_quo_2"} <= set(result.issues)


def test_crisis_shock_raises_engagement_of_the_mobilised_sectors() -> None:
    design, scenario = resolve("crisis-mobilisation")
    shock = scenario.shocks[0]
    cycle = IssueCycle(design, scenario, [0])
    hit = np.isin(cycle.layout.sector, [scenario.sectors.index(s) for s in shock.sectors])
    for _ in range(shock.issue):
        cycle.step()
    assert (cycle.engagement[0, hit] < shock.engagement).any()
    cycle.step()  # the shock applies at the start of this issue, then learning moves it
    eta = scenario.learning_rate
    assert (cycle.engagement[0, hit] >= (1 - eta) * shock.engagement - 1e-12).all()


def test_coopted_seats_hold_government_interests() -> None:
    design, scenario = resolve("authoritarian-coopted")
    layout = Layout(design, scenario)
    cycle = IssueCycle(design, scenario, list(range(20)))
    coopted = np.array([s is not None for s in layout.seats.coopted_by])
    holders = layout.voters[coopted]
    sectors = scenario.sectors
    government = cycle.ideal[:, layout.sector == sectors.index("government")].mean()
    civil = cycle.ideal[:, layout.sector == sectors.index("civil-society")].mean()
    assert abs(cycle.ideal[:, holders].mean() - government) < abs(
        cycle.ideal[:, holders].mean() - civil
    )
    assert set(layout.sector[holders]) == {sectors.index("civil-society")}


def test_save_writes_parquet_and_a_reproducible_spec(tmp_path) -> None:
    result = run("gnso-council-2003", steps=12, seed=4)
    paths = result.save(tmp_path)
    assert [p.name for p in paths] == ["issues.parquet", "summary.parquet", "run.json"]
    pd.testing.assert_frame_equal(pd.read_parquet(paths[0]), result.issues)
    record = json.loads(paths[2].read_text())
    assert record["seed"] == 4 and record["steps"] == 12
    assert record["provenance"]["versions"]["mesa"] == mesa.__version__
    rerun = run(load_design(record["design"]), record["scenario"]["scenario"], steps=12, seed=4)
    pd.testing.assert_frame_equal(rerun.issues, result.issues)


def test_without_agenda_access_no_issue_reaches_a_vote() -> None:
    result = run("gnso-council", steps=6, seed=1, overrides=['inclusion.default="consult"'])
    issues, metrics = result.issues, result.metrics
    assert not issues["has_proposal"].any() and not issues["passed"].any()
    assert issues["proposal"].isna().all() and (issues["rounds"] == 0).all()
    assert metrics["gridlock_rate"] == 1.0
    assert metrics["decision_rounds"] is None  # NaN: no issue was decided
    assert metrics["counter_majoritarian_rate"] is None
