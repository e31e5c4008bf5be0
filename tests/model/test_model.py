"""The Mesa model, the run boundary, reproducibility, and the 7-over-14 case."""

from __future__ import annotations

import json
from dataclasses import replace

import mesa
import numpy as np
import pandas as pd
import pytest

from govsim.designs import BUILTIN_DESIGNS, Ideal, load_design, resolve
from govsim.model import GovernanceModel, IssueCycle, Layout, Stakeholder
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
    assert metrics["welfare"] <= 0 and metrics["attained_gain"] <= 1 + 1e-12
    assert 0 <= metrics["descriptive_representation"] <= 1 and 0 <= metrics["heard"] <= 1
    assert 0 <= metrics["congruence"] <= 1 and metrics["minority_loss"] >= 0
    json.dumps(result.spec())  # the resolved spec is JSON


def test_runs_in_two_dimensions() -> None:
    result = run("ietf-wg", steps=10, seed=1, overrides=["scenario.dimensions=2"])
    columns = {f"{name}_{k}" for name in ("reversion", "proposal", "outcome") for k in (1, 2)}
    assert columns <= set(result.issues)


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


#: `govsim run gnso-council --steps 200 --seed 1` as computed when reversion points,
#: proposers and the split majority rates came in (issue 12), with the metrics of
#: issue 13: exact values, in column order. A change that is meant to keep the model's
#: behaviour keeps these.
GNSO_SEED_1 = {
    "issues": 200,
    "pass_rate": 0.495,
    "gridlock_rate": 0.505,
    "decision_rounds": 1.0,
    "welfare": -0.24233338010597766,
    "welfare_gain": 0.06402210624178259,
    "attained_gain": 0.5903633203669695,
    "minority_loss": 0.42718293225972764,
    "minority_group": "ipc",
    "gain_sd": 0.11528678915836028,
    "gain_gini": 0.5388413947813747,
    "blocked_majority_rate": 0.145,
    "imposed_majority_rate": 0.0,
    "seat_blocked_majority_rate": 0.155,
    "seat_imposed_majority_rate": 0.0,
    "counter_majoritarian_rate": 0.145,
    "seat_counter_majoritarian_rate": 0.155,
    "agenda_free_blocked_rate": 0.13488552383832686,
    "agenda_free_imposed_rate": 0.0,
    "informed_rate": None,
    "heard": 0.7056204407904633,
    "congruence": 0.8414998006110389,
    "descriptive_representation": 0.9191489361702128,
    "captured_by": "civil-society",
    "polarisation_ideal": 0.013108197972267697,
    "polarisation": 0.012870545243044467,
    "clusters": 1,
    "engagement": 0.6676861512823185,
    "status_quo": 0.7075483969495618,
    "welfare_nomcom": -0.1865209137348112,
    "welfare_gain_nomcom": 0.05763033145409892,
    "capture_nomcom": -0.5242169749715888,
    "power_nomcom": 0.10509250429143621,
    "welfare_private_sector": -0.27121921764272516,
    "welfare_gain_private_sector": 0.04710055636736235,
    "capture_private_sector": -0.5877767220594621,
    "power_private_sector": 0.6305550257486171,
    "welfare_civil_society": -0.1792575966007761,
    "welfare_gain_civil_society": 0.11074418293715751,
    "capture_civil_society": 0.5046147729700066,
    "power_civil_society": 0.2643524699599466,
}


def test_the_gnso_run_gives_exactly_the_pinned_numbers() -> None:
    result = run("gnso-council", steps=200, seed=1)
    assert list(result.metrics.items()) == list(GNSO_SEED_1.items())
    issues = result.issues
    assert issues["welfare"].sum() == -48.466676021195525
    assert issues["proposal"].sum() == 125.69574572661134
    assert issues["passed"].sum() == 99 and issues["objections"].sum() == 1451
    assert issues["heard"].sum() == 136.89036551334988 and issues["heard"].isna().sum() == 6


def test_a_fixed_question_with_everyone_proposing_is_the_model_before_issue_12() -> None:
    """The numbers of `govsim run gnso-council --steps 200 --seed 1` before issue 12."""
    old = ['scenario.issues.process="fixed"', 'agenda.proposers="all"']
    result = run("gnso-council", steps=200, seed=1, overrides=old)
    issues, metrics = result.issues, result.metrics
    assert issues["welfare"].sum() == -39.84297864308925
    assert issues["proposal"].sum() == 110.42564690755312
    assert issues["passed"].sum() == 4 and issues["objections"].sum() == 2343
    assert (issues["reversion"].iloc[1:].to_numpy() == issues["outcome"].iloc[:-1].to_numpy()).all()
    assert metrics["pass_rate"] == 0.02 and metrics["status_quo"] == 0.6175437003786408
    assert metrics["counter_majoritarian_rate"] == 0.035
    assert metrics["seat_counter_majoritarian_rate"] == 0.12
    assert metrics["engagement"] == 0.6050318323901646 and metrics["clusters"] == 2


def test_built_in_specs_are_parsed_once_and_files_every_time(tmp_path) -> None:
    from govsim.model.model import resolve_specs

    first = resolve_specs("ietf-wg", None, ["scenario.indifference=0.02"])
    assert resolve_specs("ietf-wg", None, ("scenario.indifference=0.02",)) is first
    assert first == resolve("ietf-wg", overrides=["scenario.indifference=0.02"])
    path = tmp_path / "mine.toml"
    path.write_text('[design]\nname = "mine"\nextends = "ietf-wg"\n')
    assert resolve_specs(str(path), None)[0].name == "mine"
    path.write_text('[design]\nname = "changed"\nextends = "ietf-wg"\n')
    assert resolve_specs(str(path), None)[0].name == "changed"


def test_agents_are_made_on_first_use_and_seen_by_mesa_tools() -> None:
    model = GovernanceModel("ietf-wg", seed=1, agent_reporters={"e": "engagement"})
    model.step()  # the agent reporter asks for the agents
    frame = model.datacollector.get_agent_vars_dataframe()
    assert len(frame) == model.scenario.size
    assert sorted(a.unique_id for a in model.agents) == list(range(1, model.scenario.size + 1))
    assert list(model.agents_by_type) == [Stakeholder] and model.agent_types == [Stakeholder]
