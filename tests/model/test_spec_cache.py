"""The per-process cache of built-in specs takes every override a sweep can send."""

from __future__ import annotations

import govsim


def test_table_and_list_overrides_resolve_past_the_cache():
    shocks = [{"issue": 2, "sectors": ["civil-society"], "engagement": 0.95}]
    result = govsim.run("netmundial", steps=3, seed=1, overrides=[("scenario.shocks", shocks)])
    assert [s.issue for s in result.scenario.shocks] == [2]
    plain = govsim.run("netmundial", steps=3, seed=1, overrides=[("scenario.shocks", [])])
    assert plain.scenario.shocks == ()
