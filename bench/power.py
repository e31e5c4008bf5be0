"""Timings of govsim's weighted-game power indices, with ``powerindex`` side by side.

Run from the repository root::

    .venv/bin/python bench/power.py                  # all cases
    .venv/bin/python bench/power.py --only electoral  # cases whose name contains a word
    .venv/bin/python bench/power.py --timeout 30     # give powerindex less time per index

This prints timings; it is not a test. Our time is the best of ``--repeat`` runs of
``WeightedGame(...).power()`` (both Banzhaf indices and Shapley-Shubik, a fresh game each
run so that no cache helps). When the ``powerindex`` package is importable, each of its
indices is timed once in a child process, killed after ``--timeout`` seconds, and its
output is compared with ours (largest absolute difference). Results are recorded in
``bench/README.md``.

Cases are a list of :class:`Case`; add one by appending to the list in ``build_cases``.
"""

from __future__ import annotations

import argparse
import math
import multiprocessing as mp
import platform
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from govsim.power.indices import PowerIndices
from govsim.power.seat_game import SeatGame
from govsim.power.weighted import WeightedGame
from govsim.rules import get_rule

try:
    import powerindex  # noqa: F401

    HAVE_POWERINDEX = True
except ImportError:  # optional: pip install govsim[bench]
    HAVE_POWERINDEX = False


MEMORY_LIMIT_GB = 4  # per powerindex child process


@dataclass
class Case:
    """One timed game: how to compute it with govsim and, optionally, with powerindex."""

    name: str
    n_players: int
    run_ours: Callable[[], PowerIndices]
    # Weighted games only: (weights, quota) handed to powerindex.Game; None to skip it.
    powerindex_game: tuple[list[int], int] | None = None
    notes: str = ""
    run_ours_exact: Callable[[], PowerIndices] | None = None
    # Banzhaf alone (for a like-for-like ratio when powerindex's Shapley-Shubik fails).
    run_ours_banzhaf: Callable[[], object] | None = None


def weighted_case(name: str, weights: list[int], quota: int, notes: str = "") -> Case:
    """A weighted game [quota; weights], timed with and without exact=True."""
    # exact=True costs O(n^2 q) big-integer operations: hours at n = 1,000, so skip it there.
    exact_ok = len(weights) <= 300
    return Case(
        name=name,
        n_players=len(weights),
        run_ours=lambda: WeightedGame(tuple(weights), quota).power(),
        run_ours_exact=(
            (lambda: WeightedGame(tuple(weights), quota).power(exact=True)) if exact_ok else None
        ),
        run_ours_banzhaf=lambda: WeightedGame(tuple(weights), quota).swings(),
        powerindex_game=(list(weights), quota),
        notes=notes,
    )


# US Electoral College for the 2024 and 2028 elections: House seats from the 2020 Census
# apportionment (U.S. Census Bureau, "2020 Census Apportionment Results", Table 1, released
# 26 April 2021) plus 2 senators per state; DC has 3 (23rd Amendment). 538 votes, 270 to
# win. Maine and Nebraska, which split their votes by district, are treated as units.
ELECTORAL_VOTES_2024 = {
    "AL": 9, "AK": 3, "AZ": 11, "AR": 6, "CA": 54, "CO": 10, "CT": 7, "DE": 3, "DC": 3,
    "FL": 30, "GA": 16, "HI": 4, "ID": 4, "IL": 19, "IN": 11, "IA": 6, "KS": 6, "KY": 8,
    "LA": 8, "ME": 4, "MD": 10, "MA": 11, "MI": 15, "MN": 10, "MS": 6, "MO": 10, "MT": 4,
    "NE": 5, "NV": 6, "NH": 4, "NJ": 14, "NM": 5, "NY": 28, "NC": 16, "ND": 3, "OH": 17,
    "OK": 7, "OR": 8, "PA": 19, "RI": 4, "SC": 9, "SD": 3, "TN": 11, "TX": 40, "UT": 6,
    "VT": 3, "VA": 13, "WA": 12, "WV": 4, "WI": 10, "WY": 3,
}  # fmt: skip
assert len(ELECTORAL_VOTES_2024) == 51 and sum(ELECTORAL_VOTES_2024.values()) == 538


def uniform_weights(n: int = 1000, low: int = 1, high: int = 100, seed: int = 2024) -> list[int]:
    """n integer weights drawn uniformly from low..high with a fixed seed."""
    return np.random.default_rng(seed).integers(low, high + 1, n).tolist()


def zipf_weights(n: int = 1000, scale: int = 10_000) -> list[int]:
    """Shareholdings by a rank-size (Zipf, exponent 1) law: holder r owns ceil(scale / r).

    Firm and holding sizes are close to Zipf-distributed (Axtell 2001, Science 293,
    1818-1820); deterministic, so no seed is needed.
    """
    return [-(-scale // r) for r in range(1, n + 1)]


def majority(weights: list[int]) -> int:
    """Simple majority of the total weight: floor(W/2) + 1."""
    return sum(weights) // 2 + 1


def build_cases() -> list[Case]:
    ec = list(ELECTORAL_VOTES_2024.values())
    uniform = uniform_weights()
    zipf = zipf_weights()
    cases = [
        weighted_case(
            "UN Security Council [39; 7x5, 1x10]",
            [7] * 5 + [1] * 10,
            39,
            "published values (Felsenthal & Machover 1998)",
        ),
        weighted_case(
            "GNSO Council before 2009, consensus policy [18; 2x6, 1x15]",
            [2] * 6 + [1] * 15,
            18,
            "2/3 of 27 weighted votes (ICANN Bylaws 2003, Art. X §3; docs/sources.md)",
        ),
        weighted_case(
            "a dictator [50; 60, 30, 10]",
            [60, 30, 10],
            50,
            "powerindex's calc() special-cases weights >= quota; calc_* alone do not",
        ),
        weighted_case(
            "US Electoral College 2024-28 [270; 51 units]",
            ec,
            270,
            "2020 Census apportionment, 538 votes",
        ),
        weighted_case(
            "200 equal voters [101; 1x200]",
            [1] * 200,
            101,
            "SS exactly 1/200; powerindex SS needs float(200!)",
        ),
        weighted_case(
            "1,000 players, weights U{1..100} seed 2024, majority",
            uniform,
            majority(uniform),
            f"W = {sum(uniform):,}",
        ),
        weighted_case(
            "1,000 shareholders, Zipf ceil(10000/r), majority",
            zipf,
            majority(zipf),
            f"W = {sum(zipf):,}, largest holder {zipf[0] / sum(zipf):.1%}",
        ),
    ]
    # The GNSO Council since 2009 is not a weighted game; SeatGame counts over seat types.
    # 7 CPH + 13 NCPH voting seats and the non-voting NomCom appointee (weight 0).
    weights, houses = np.r_[np.ones(20), 0.0], np.r_[np.repeat([0, 1], [7, 13]), 0]
    for threshold in ("gnso-default", "gnso-supermajority"):
        rule = get_rule("houses", threshold=threshold)
        cases.append(
            Case(
                f"GNSO Council since 2009, {threshold} (two houses, 7 + 13 + 1)",
                n_players=21,
                run_ours=lambda rule=rule: SeatGame(rule, weights, houses).power(),
                notes="exact by seat types; not a weighted game, so no powerindex",
            )
        )
    return cases


def best_time(func: Callable[[], object], repeat: int) -> tuple[float, object]:
    """Best wall time of `repeat` calls, and the last result."""
    best, result = math.inf, None
    for _ in range(repeat):
        start = time.perf_counter()
        result = func()
        best = min(best, time.perf_counter() - start)
    return best, result


def _powerindex_child(weights: list[int], quota: int, which: str, conn) -> None:
    import resource

    import powerindex as px

    # powerindex keeps its whole O(n^2 q) Shapley-Shubik table in Python lists: cap the
    # child's memory so that a large game fails with MemoryError instead of taking the
    # machine down.
    limit = MEMORY_LIMIT_GB * 2**30
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    start = time.perf_counter()
    try:
        game = px.Game(quota, weights=weights)
        start = time.perf_counter()
        if which == "banzhaf":
            game.calc_banzhaf()
            values = game.banzhaf
        else:
            game.calc_shapley_shubik()
            values = game.shapley_shubik
        conn.send(("ok", time.perf_counter() - start, list(values)))
    except Exception as exc:  # report every failure mode of the other library
        message = f"{type(exc).__name__}: {exc}".rstrip(": ")
        conn.send(("error", time.perf_counter() - start, message))


def run_powerindex(weights: list[int], quota: int, which: str, timeout: float):
    """(status, seconds, values-or-message) from powerindex in a killable child process."""
    ctx = mp.get_context("fork")
    parent, child = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_powerindex_child, args=(weights, quota, which, child))
    proc.start()
    if parent.poll(timeout):
        result = parent.recv()
    else:
        result = ("timeout", timeout, f"no result after {timeout:.0f} s")
    proc.kill()
    proc.join()
    return result


def fmt_seconds(seconds: float) -> str:
    if seconds < 1e-3:
        return f"{seconds * 1e6:.0f} µs"
    if seconds < 1:
        return f"{seconds * 1e3:.1f} ms"
    return f"{seconds:.2f} s"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="runs of ours; best is kept")
    parser.add_argument("--timeout", type=float, default=120.0, help="s per powerindex index")
    parser.add_argument("--only", default="", help="run cases whose name contains this")
    parser.add_argument("--no-powerindex", action="store_true", help="skip powerindex")
    args = parser.parse_args(argv)

    print(f"python {platform.python_version()}, numpy {np.__version__}, ", end="")
    print(f"{mp.cpu_count()} cores, {platform.processor() or platform.machine()}")
    use_pi = HAVE_POWERINDEX and not args.no_powerindex
    if not HAVE_POWERINDEX:
        print("powerindex is not importable: its columns are skipped")

    for case in build_cases():
        if args.only.lower() not in case.name.lower():
            continue
        print(f"\n== {case.name}  (n = {case.n_players}; {case.notes})")
        ours_t, ours = best_time(case.run_ours, args.repeat)
        print(f"   govsim power():           {fmt_seconds(ours_t):>10}   method {ours.method}")
        if case.run_ours_exact is not None:
            exact_t, _ = best_time(case.run_ours_exact, max(1, args.repeat // 2))
            print(f"   govsim power(exact=True): {fmt_seconds(exact_t):>10}")
        banzhaf_t = None
        if case.run_ours_banzhaf is not None:
            banzhaf_t, _ = best_time(case.run_ours_banzhaf, args.repeat)
            print(f"   govsim Banzhaf only:      {fmt_seconds(banzhaf_t):>10}")
        if not use_pi or case.powerindex_game is None:
            continue
        weights, quota = case.powerindex_game
        seconds_by_index = {}
        for which, ours_values in (
            ("banzhaf", ours.banzhaf),
            ("shapley_shubik", ours.shapley_shubik),
        ):
            status, seconds, payload = run_powerindex(weights, quota, which, args.timeout)
            if status == "ok":
                diff = float(np.max(np.abs(np.asarray(payload) - ours_values)))
                seconds_by_index[which] = seconds
                print(
                    f"   powerindex {which:<15}{fmt_seconds(seconds):>10}   "
                    f"max |diff| vs govsim {diff:.1e}"
                )
            else:
                print(
                    f"   powerindex {which:<15}{status:>10}   {payload} "
                    f"(after {fmt_seconds(seconds)})"
                )
        if len(seconds_by_index) == 2:
            ratio = sum(seconds_by_index.values()) / ours_t
            print(f"   ratio powerindex / govsim, both indices: {ratio:,.0f}x")
        if "banzhaf" in seconds_by_index and banzhaf_t:
            ratio = seconds_by_index["banzhaf"] / banzhaf_t
            print(f"   ratio powerindex / govsim, Banzhaf only:  {ratio:,.0f}x")


if __name__ == "__main__":
    main()
