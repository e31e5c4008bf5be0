"""Tests of govsim.power.weighted: published values, the brute-force oracle, big n."""

from __future__ import annotations

import itertools
import math
from collections import Counter
from fractions import Fraction
from functools import cache

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govsim.errors import GovsimError
from govsim.power.weighted import WeightedGame, weighted_power
from tests.power import brute_force

F = Fraction


# --------------------------------------------------------------------------- oracles


@cache
def oracle(weights: tuple[int, ...], quota: int) -> dict:
    """Everything by enumerating all 2^n coalitions (tests/power/brute_force.py)."""
    n = len(weights)
    wins = brute_force.weighted_wins(weights, quota)
    coalitions = brute_force.all_coalitions(n)
    winning = wins(coalitions)
    # Minimal: winning, and dropping any one member makes it lose.
    minimal = winning.copy()
    for i in range(n):
        without_i = coalitions.copy()
        without_i[:, i] = False
        minimal &= ~coalitions[:, i] | ~wins(without_i)
    swings = brute_force.swings(n, wins)
    return {
        "swings": swings,
        "shapley_shubik": brute_force.shapley_shubik(n, wins),
        "veto": [i for i in range(n) if np.all(coalitions[winning, i])],
        "null": [i for i in range(n) if swings[i] == 0],
        "mwc": int(minimal.sum()),
    }


def type_oracle(weights: list[int], quota: int) -> tuple[list[int], list[Fraction]]:
    """Exact swings and Shapley-Shubik for games with few distinct weights.

    Independent of the DP: for one player of weight a, enumerate how many of the other
    players of each distinct weight join (∏(m_c + 1) cases), with C(m_c, k_c) ways each.
    """
    counts = Counter(weights)
    distinct = sorted(counts)
    n = len(weights)
    swings, shapley = {}, {}
    for a in distinct:
        others = [counts[w] - (w == a) for w in distinct]
        swing, numerator = 0, 0
        for joined in itertools.product(*(range(m + 1) for m in others)):
            weight = sum(k * w for k, w in zip(joined, distinct, strict=True))
            if quota - a <= weight < quota:
                ways = math.prod(math.comb(m, k) for m, k in zip(others, joined, strict=True))
                size = sum(joined)
                swing += ways
                numerator += ways * math.factorial(size) * math.factorial(n - 1 - size)
        swings[a] = swing
        shapley[a] = Fraction(numerator, math.factorial(n))
    return [swings[w] for w in weights], [shapley[w] for w in weights]


def assert_matches_oracle(weights: tuple[int, ...], quota: int) -> None:
    game = WeightedGame(weights, quota)
    expected = oracle(weights, quota)
    result = game.power(exact=True)
    n = len(weights)
    total = sum(expected["swings"])
    assert list(game.swings()) == expected["swings"]
    assert list(result.exact["banzhaf"]) == [F(s, total) for s in expected["swings"]]
    assert list(result.exact["banzhaf_absolute"]) == [
        F(s, 2 ** (n - 1)) for s in expected["swings"]
    ]
    assert list(result.exact["shapley_shubik"]) == expected["shapley_shubik"]
    assert game.veto_players() == expected["veto"]
    assert game.null_players() == expected["null"]
    assert game.minimal_winning_coalitions() == expected["mwc"]


# --------------------------------------------------------------------------- published values

UNSC = ((7,) * 5 + (1,) * 10, 39)  # 5 permanent members, 10 elected; 9 votes incl. all 5
EEC_1958 = ((4, 4, 4, 2, 2, 1), 12)  # France, Germany, Italy, Belgium, Netherlands, Lux.
NASSAU_1964 = ((31, 31, 28, 21, 2, 2), 58)  # Hempstead 1, Hempstead 2, N. Hempstead, ...

PUBLISHED = [
    pytest.param(
        *UNSC,
        # Security Council since the 1965 enlargement (15 members, 9 votes including all 5
        # permanent ones): Shapley-Shubik 421/2145 ≈ .1963 per permanent member and
        # 4/2145 ≈ .0019 per elected member; Banzhaf 848 and 84 swings, normalised
        # 848/5080 ≈ .1669 and 84/5080 ≈ .0165 (Felsenthal & Machover 1998, The Measurement
        # of Voting Power). The project brief credits the Shapley-Shubik values to Shapley &
        # Shubik (1954), but that paper predates 1965 and treats the 11-member Council (next).
        [F(421, 2145)] * 5 + [F(4, 2145)] * 10,
        [F(848, 5080)] * 5 + [F(84, 5080)] * 10,
        id="UN-Security-Council-1965",
    ),
    pytest.param(
        (5,) * 5 + (1,) * 6,
        27,
        # Security Council 1945-65 as in Shapley & Shubik (1954), APSR 48(3): 11 members, 7
        # votes including all 5 permanent ones ([27; 5x5, 1x6] is that rule). The five hold
        # 76/77 of the power, 76/385 each; the six others 1/462 each.
        [F(76, 385)] * 5 + [F(1, 462)] * 6,
        None,
        id="UN-Security-Council-1954",
    ),
    pytest.param(
        (4, 3, 2, 1),
        6,
        # Textbook example [6; 4, 3, 2, 1]: both indices 5/12, 1/4, 1/4, 1/12 (Felsenthal &
        # Machover 1998; also the worked example of the Wikipedia "Banzhaf power index").
        [F(5, 12), F(1, 4), F(1, 4), F(1, 12)],
        [F(5, 12), F(1, 4), F(1, 4), F(1, 12)],
        id="6;4,3,2,1",
    ),
    pytest.param(
        *EEC_1958,
        # EEC Council of Ministers 1958-72, qualified majority 12 of 17 (Brams 1975, Game
        # Theory and Politics, ch. 5; Felsenthal & Machover 1998, §5.3): Shapley-Shubik
        # 7/30 for each big three, 3/20 for Belgium and the Netherlands, 0 for Luxembourg.
        [F(7, 30)] * 3 + [F(3, 20)] * 2 + [F(0)],
        # Banzhaf 5/21 (big three), 3/21 (Benelux pair), 0: Luxembourg is a null player.
        [F(5, 21)] * 3 + [F(3, 21)] * 2 + [F(0)],
        id="EEC-1958",
    ),
    pytest.param(
        *NASSAU_1964,
        # Nassau County Board of Supervisors 1964 (Banzhaf 1965, "Weighted voting doesn't
        # work", Rutgers Law Review 19): any two of the three largest members win, so the
        # members with 21, 2 and 2 votes are null players and the others have 1/3 each.
        [F(1, 3)] * 3 + [F(0)] * 3,
        [F(1, 3)] * 3 + [F(0)] * 3,
        id="Nassau-County-1964",
    ),
    pytest.param(
        (3, 2, 1, 1),
        4,
        # Wikipedia, "Shapley-Shubik power index", Examples: A, B, C, D with 3, 2, 1, 1 votes
        # and quota 4 have power 1/2, 1/6, 1/6, 1/6 ("B has no more power than C and D").
        [F(1, 2), F(1, 6), F(1, 6), F(1, 6)],
        None,  # the page gives no Banzhaf values; the oracle check below covers them
        id="wikipedia-3,2,1,1",
    ),
]


@pytest.mark.parametrize(("weights", "quota", "shapley", "banzhaf"), PUBLISHED)
def test_published_values(weights, quota, shapley, banzhaf):
    result = WeightedGame.from_values(weights, quota).power(exact=True)
    assert list(result.exact["shapley_shubik"]) == shapley
    if banzhaf is not None:
        assert list(result.exact["banzhaf"]) == banzhaf
    np.testing.assert_allclose(result.shapley_shubik, [float(v) for v in shapley], atol=1e-15)
    # The published numbers were checked against the enumeration oracle too.
    assert oracle(tuple(weights), quota)["shapley_shubik"] == shapley
    assert_matches_oracle(tuple(weights), quota)


def test_unsc_swing_counts_and_structure():
    # Felsenthal & Machover (1998): 848 and 84 swings. Winning coalitions are the 5
    # permanent members plus 4 or more elected ones, so the minimal ones number C(10, 4).
    game = WeightedGame(*UNSC)
    assert game.swings() == (848,) * 5 + (84,) * 10
    assert game.veto_players() == [0, 1, 2, 3, 4]
    assert game.null_players() == []
    assert game.minimal_winning_coalitions() == math.comb(10, 4)


def test_luxembourg_and_nassau_null_players():
    assert WeightedGame(*EEC_1958).null_players() == [5]
    assert WeightedGame(*NASSAU_1964).null_players() == [3, 4, 5]
    # Nassau: the minimal winning coalitions are the three pairs of the big members.
    assert WeightedGame(*NASSAU_1964).minimal_winning_coalitions() == 3


def test_large_shareholder_wikipedia():
    # Wikipedia, "Shapley-Shubik power index", Examples: 1000 shares, one holder of 400 and
    # 600 holders of one share; the large holder's index is k/(n+1) = 400/601 ≈ .666 and
    # each small holder's is below .0006. Derivation: the large holder is pivotal iff the
    # number r of small holders before it lies in 101..500, 400 of the 601 equally likely
    # values of r. 601 players: far beyond int64 counts and the enumeration oracle.
    weights = [400] + [1] * 600
    result = WeightedGame.from_values(weights, 501).power(exact=True)
    small = (1 - F(400, 601)) / 600
    assert result.exact["shapley_shubik"] == (F(400, 601),) + (small,) * 600
    assert small == F(67, 120200) and small < F(6, 10000)
    assert list(WeightedGame(tuple(weights), 501).swings()) == type_oracle(weights, 501)[0]


# --------------------------------------------------------------------------- property test


@st.composite
def small_games(draw):
    n = draw(st.integers(1, 10))
    weights = draw(st.lists(st.integers(0, 20), min_size=n, max_size=n))
    if sum(weights) == 0:
        weights[draw(st.integers(0, n - 1))] = draw(st.integers(1, 20))
    quota = draw(st.integers(1, sum(weights)))
    return tuple(weights), quota


@settings(max_examples=300, deadline=None)
@given(small_games())
def test_random_games_match_brute_force(game):
    weights, quota = game
    assert_matches_oracle(weights, quota)
    # The quadrature path (floats) agrees too.
    owen = WeightedGame(weights, quota).power(method="owen")
    expected = [float(v) for v in oracle(weights, quota)["shapley_shubik"]]
    np.testing.assert_allclose(owen.shapley_shubik, expected, rtol=0, atol=1e-12)


# --------------------------------------------------------------------------- no overflow


@pytest.mark.parametrize("n", [200, 1000])
def test_equal_voters_exact_at_large_n(n):
    # [n//2 + 1; 1 x n]: a player is decisive iff exactly n//2 of the other n - 1 vote yes,
    # so it has C(n-1, n//2) swings (= C(n-1, floor((n-1)/2)) for even n); absolute
    # Banzhaf C(n-1, n//2)/2^(n-1), and every index is 1/n by symmetry.
    quota = n // 2 + 1
    game = WeightedGame((1,) * n, quota)
    result = game.power()  # exact=False still takes the exact route here
    swing = math.comb(n - 1, n // 2)
    assert swing > 2**63
    assert game.swings() == (swing,) * n
    assert result.exact["shapley_shubik"] == (F(1, n),) * n
    assert result.exact["banzhaf"] == (F(1, n),) * n
    assert result.exact["banzhaf_absolute"] == (F(swing, 2 ** (n - 1)),) * n
    assert np.all(np.isfinite(result.banzhaf_absolute))
    assert result.banzhaf_absolute[0] == pytest.approx(float(F(swing, 2 ** (n - 1))), rel=1e-15)
    assert game.minimal_winning_coalitions() == math.comb(n, quota)


@pytest.mark.parametrize(
    "weights",
    [
        pytest.param([1] * 60 + [2] * 8 + [5] * 2, id="70-players"),
        pytest.param([1] * 50 + [3] * 12, id="62-players-int64-limit"),
        pytest.param([1] * 51 + [3] * 12, id="63-players-big-int"),
        pytest.param([1] * 150 + [4] * 30 + [9] * 20 + [30] * 2, id="202-players"),
    ],
)
def test_counts_beyond_int64_match_type_enumeration(weights):
    quota = sum(weights) // 2 + 1
    game = WeightedGame(tuple(weights), quota)
    swings, shapley = type_oracle(weights, quota)
    assert list(game.swings()) == swings
    result = game.power(exact=True)
    assert list(result.exact["shapley_shubik"]) == shapley
    assert sum(result.exact["shapley_shubik"]) == 1
    if len(weights) > 63:
        assert max(swings) > 2**63  # would wrap around in int64


# --------------------------------------------------------------------------- float path


def _random_game(n: int, high: int, seed: int, share: float) -> WeightedGame:
    weights = np.random.default_rng(seed).integers(1, high + 1, n).tolist()
    return WeightedGame(tuple(weights), int(sum(weights) * share) + 1)


@pytest.mark.parametrize(
    "game",
    [
        pytest.param(_random_game(80, 20, 1, 0.5), id="80-players-majority"),
        pytest.param(_random_game(100, 50, 2, 2 / 3), id="100-players-two-thirds"),
        pytest.param(_random_game(150, 30, 3, 0.5), id="150-players-majority"),
        pytest.param(WeightedGame(tuple(-(-300 // r) for r in range(1, 121)), 700), id="120-zipf"),
    ],
)
def test_quadrature_agrees_with_exact_dp(game):
    # docs/rules.md states agreement within 1e-14; observed errors are about 1e-16.
    exact = game.power(exact=True)
    owen = game.power(method="owen")
    assert owen.method == "exact-dp+owen-quadrature" and owen.exact is None
    np.testing.assert_allclose(owen.shapley_shubik, exact.shapley_shubik, rtol=0, atol=1e-14)
    np.testing.assert_array_equal(owen.banzhaf, exact.banzhaf)  # Banzhaf is always exact
    assert owen.shapley_shubik.sum() == pytest.approx(1.0, abs=1e-12)


@pytest.mark.slow
def test_thousand_players_float_path():
    weights = np.random.default_rng(2024).integers(1, 101, 1000).tolist()
    game = WeightedGame(tuple(weights), sum(weights) // 2 + 1)
    result = game.power()
    assert result.method == "exact-dp+owen-quadrature"
    assert result.shapley_shubik.sum() == pytest.approx(1.0, abs=1e-12)
    assert result.banzhaf.sum() == pytest.approx(1.0, abs=1e-12)
    # Heavier players never have less power in a weighted game.
    order = np.argsort(weights, kind="stable")
    assert np.all(np.diff(result.shapley_shubik[order]) >= -1e-12)
    assert np.all(np.diff(np.array(game.swings())[order]) >= 0)


# --------------------------------------------------------------------------- US Electoral College

# 2024 and 2028 elections: 2020 Census apportionment + 2 per state, DC 3 (see bench/power.py).
ELECTORAL_COLLEGE = (
    9, 3, 11, 6, 54, 10, 7, 3, 3, 30, 16, 4, 4, 19, 11, 6, 6, 8, 8, 4, 10, 11, 15, 10, 6, 10,
    4, 5, 6, 4, 14, 5, 28, 16, 3, 17, 7, 8, 19, 4, 9, 3, 11, 40, 6, 3, 13, 12, 4, 10, 3,
)  # fmt: skip


def test_electoral_college_exact_and_quadrature_agree():
    game = WeightedGame(ELECTORAL_COLLEGE, 270)
    assert sum(ELECTORAL_COLLEGE) == 538 and game.n_players == 51
    result = game.power()
    assert result.method == "exact-dp"  # cheap enough to be exact under exact=False
    assert sum(result.exact["shapley_shubik"]) == 1
    assert sum(result.exact["banzhaf"]) == 1
    owen = game.power(method="owen")
    np.testing.assert_allclose(owen.shapley_shubik, result.shapley_shubik, rtol=0, atol=1e-12)
    california = ELECTORAL_COLLEGE.index(54)
    assert result.shapley_shubik.argmax() == california
    assert game.veto_players() == [] and game.null_players() == []


# --------------------------------------------------------------------------- input handling


@pytest.mark.parametrize(
    ("weights", "quota", "message"),
    [
        ([], 1, "expected at least one weight, found none"),
        ("", 1, "expected at least one weight, found none"),
        ([3, -1], 2, "weights[1]: expected a weight >= 0, found -1"),
        ([3, "abc"], 2, "weights[1]: expected a number, found 'abc'"),
        ([3, None], 2, "weights[1]: expected a number, found None"),
        ([3, True], 2, "weights[1]: expected a number, found the boolean True"),
        ([3, float("nan")], 2, "weights[1]: expected a finite number, found nan"),
        ([3, "NaN"], 2, "weights[1]: expected a finite number, found 'NaN'"),
        ([math.inf, 3], 2, "weights[0]: expected a finite number, found inf"),
        ([3, 2], 0, "quota: expected a quota > 0, found 0"),
        ([3, 2], -1.5, "quota: expected a quota > 0, found -1.5"),
        ([3, 2], "x", "quota: expected a number, found 'x'"),
        ([3, 2], 6, "quota: expected at most the total weight 5, found 6"),
        (["0.5", "0.25"], 1, "quota: expected at most the total weight 0.75, found 1"),
    ],
)
def test_bad_input_raises_govsim_error(weights, quota, message):
    with pytest.raises(GovsimError) as info:
        WeightedGame.from_values(weights, quota)
    assert message in str(info.value)
    assert "\n" not in str(info.value)
    with pytest.raises(GovsimError, match=r"^--weights: "):
        WeightedGame.from_values(weights, quota, source="--weights")


@pytest.mark.parametrize(
    ("weights", "quota", "message"),
    [
        ((1.5, 2), 2, "weights[0]: expected an integer (use WeightedGame.from_values"),
        ((), 1, "expected at least one weight"),
        ((2, -2), 1, "weights[1]: expected a weight >= 0, found -2"),
        ((2, 2), 5, "quota: expected at most the total weight 4, found 5"),
        ((2, 2), 0, "quota: expected a quota > 0, found 0"),
    ],
)
def test_direct_construction_is_validated(weights, quota, message):
    with pytest.raises(GovsimError) as info:
        WeightedGame(weights, quota)
    assert message in str(info.value)


def test_bad_method_arguments():
    game = WeightedGame((2, 1), 2)
    with pytest.raises(GovsimError, match="method: expected 'auto', 'dp' or 'owen'"):
        game.power(method="magic")
    with pytest.raises(GovsimError, match="with exact=True, found 'owen'"):
        game.power(exact=True, method="owen")


def test_oversized_game_is_refused_with_a_message():
    # US population weights would need a DP over hundreds of millions of cells.
    game = WeightedGame((39_538_223, 29_145_505, 21_538_187), 45_000_000)
    with pytest.raises(GovsimError, match="expected weights in fewer units"):
        game.swings()
    # Exact Shapley-Shubik for 1,000 players with a quota of ~25,000 is refused up front.
    weights = np.random.default_rng(2024).integers(1, 101, 1000).tolist()
    big = WeightedGame(tuple(weights), sum(weights) // 2 + 1)
    with pytest.raises(GovsimError, match=r"exact Shapley-Shubik DP \(try exact=False\)"):
        big.power(exact=True)


@pytest.mark.parametrize(
    ("weights", "quota", "scaled", "scaled_quota"),
    [
        (["0.5", 1.5, "1/4"], "1.25", (2, 6, 1), 5),
        ([0.1, 0.2, 0.3], 0.35, (2, 4, 6), 7),  # floats read as written: 0.1 is 1/10
        ("4, 3, 2, 1", 6, (4, 3, 2, 1), 6),
        (np.array([4, 3, 2, 1]), np.int64(6), (4, 3, 2, 1), 6),
        ([F(1, 3), F(2, 3)], F(1, 2), (2, 4), 3),
    ],
)
def test_from_values_scales_exactly(weights, quota, scaled, scaled_quota):
    game = WeightedGame.from_values(weights, quota)
    assert (game.weights, game.quota) == (scaled, scaled_quota)
    assert all(type(w) is int for w in game.weights)


def test_fractional_quota_game():
    # [10.5; 5, 5, 6, 3]: a coalition needs 11 votes; Shapley-Shubik 1/4, 1/4, 5/12, 1/12
    # (checked with the enumeration oracle on the scaled game [21; 10, 10, 12, 6]).
    result = WeightedGame.from_values([5, 5, 6, 3], 10.5).power(exact=True)
    assert list(result.exact["shapley_shubik"]) == [F(1, 4), F(1, 4), F(5, 12), F(1, 12)]
    assert oracle((10, 10, 12, 6), 21)["shapley_shubik"] == [F(1, 4), F(1, 4), F(5, 12), F(1, 12)]


def test_common_factor_does_not_change_the_game():
    doubled = WeightedGame((8, 6, 4, 2), 11).power(exact=True)  # = [6; 4, 3, 2, 1]
    assert doubled.exact == WeightedGame((4, 3, 2, 1), 6).power(exact=True).exact


def test_zero_weight_players_are_null_and_harmless():
    with_dummies = WeightedGame((4, 3, 2, 1, 0, 0), 6).power(exact=True)
    plain = WeightedGame((4, 3, 2, 1), 6).power(exact=True)
    assert with_dummies.exact["shapley_shubik"] == plain.exact["shapley_shubik"] + (0, 0)
    assert with_dummies.exact["banzhaf"] == plain.exact["banzhaf"] + (0, 0)
    assert WeightedGame((4, 3, 2, 1, 0, 0), 6).null_players() == [4, 5]


def test_weighted_power_convenience():
    result = weighted_power([7] * 5 + [1] * 10, 39, exact=True)
    assert result.exact["shapley_shubik"][0] == F(421, 2145)
    assert result.method == "exact-dp"
    frame = result.to_frame()
    assert list(frame.columns) == ["player", "banzhaf", "banzhaf_absolute", "shapley_shubik"]
