"""SeatGame and Monte Carlo power against the brute-force oracle and known values."""

from fractions import Fraction

import numpy as np
import pytest

from govsim.errors import GovsimError
from govsim.power import SeatGame, monte_carlo_power
from govsim.rules import Decision, get_rule, tally
from tests.power import brute_force


def quota_rule(quota):
    """A weighted game as a rule: passes iff supporting weight >= quota."""

    def rule(stances, weights, houses, *, addressed=None):
        counts = tally(stances, weights, houses)
        support = counts.support.sum(axis=-1)
        return Decision(
            passed=support >= quota, tally=counts, fraction=counts.support / counts.seats
        )

    return rule


def two_house_majority(stances, weights, houses, *, addressed=None):
    """A majority of each house's seats: the GNSO default, written independently."""
    counts = tally(stances, weights, houses)
    return Decision(
        passed=(2 * counts.support > counts.seats).all(axis=-1),
        tally=counts,
        fraction=counts.support / counts.seats,
    )


GNSO_HOUSES = np.repeat([0, 1], [7, 13])


def oracle(game):
    return brute_force.swings(game.n_players, game.wins), brute_force.shapley_shubik(
        game.n_players, game.wins
    )


@pytest.mark.parametrize(
    ("weights", "houses", "rule"),
    [
        ([4, 3, 2, 1], [0, 0, 0, 0], quota_rule(6)),
        ([1] * 3 + [1] * 5, [0] * 3 + [1] * 5, two_house_majority),
        ([2, 2, 1, 1, 1, 0], [0, 0, 0, 1, 1, 1], two_house_majority),
        ([3, 3, 1, 1, 1, 1, 1], [0] * 7, quota_rule(7)),
    ],
)
def test_exact_power_matches_enumeration(weights, houses, rule):
    game = SeatGame(rule, np.array(weights, float), np.array(houses))
    swings, shapley = oracle(game)
    power = game.power(method="exact")
    total = sum(swings)
    assert power.exact["banzhaf"] == tuple(Fraction(s, total) for s in swings)
    assert power.exact["banzhaf_absolute"] == tuple(
        Fraction(s, 2 ** (game.n_players - 1)) for s in swings
    )
    assert power.exact["shapley_shubik"] == tuple(shapley)
    assert game.minimal_winning_coalitions() == brute_force.minimal_winning_count(
        game.n_players, game.wins
    )


def test_gnso_council_against_enumeration_of_all_two_to_the_twenty_coalitions():
    game = SeatGame(get_rule("houses", threshold="gnso-default"), np.ones(20), GNSO_HOUSES)
    swings = brute_force.swings(20, game.wins)
    power = game.power()
    assert power.method == "exact-seat-types"
    assert power.exact["banzhaf"] == tuple(Fraction(s, sum(swings)) for s in swings)


def test_gnso_default_seat_power_follows_from_binomials():
    # A CPH seat is decisive when the other six split 3-3 and the NCPH passes on its
    # own (7+ of 13): C(6,3) * sum_{k>=7} C(13,k) = 20 * 2^12 coalitions.
    game = SeatGame(get_rule("houses", threshold="gnso-default"), np.ones(20), GNSO_HOUSES)
    power = game.power()
    assert power.exact["banzhaf_absolute"][0] == Fraction(20 * 2**12, 2**19)
    # An NCPH seat: the other twelve split 6-6 and the CPH passes (4+ of 7).
    assert power.exact["banzhaf_absolute"][-1] == Fraction(924 * 2**6, 2**19)
    assert game.veto_players() == []
    assert game.null_players() == []


def test_non_voting_seat_is_null_and_changes_nobody_elses_power():
    rule = get_rule("houses", threshold="gnso-default")
    voting = SeatGame(rule, np.ones(20), GNSO_HOUSES).power()
    with_observer = SeatGame(rule, np.r_[np.ones(20), 0.0], np.r_[GNSO_HOUSES, 0]).power()
    assert with_observer.exact["banzhaf_absolute"][-1] == 0
    assert with_observer.exact["shapley_shubik"][:20] == voting.exact["shapley_shubik"]
    assert with_observer.exact["banzhaf_absolute"][:20] == voting.exact["banzhaf_absolute"]


def test_unanimity_makes_everyone_a_veto_player():
    game = SeatGame(get_rule("unanimity"), np.ones(5), np.zeros(5, int))
    assert game.veto_players() == [0, 1, 2, 3, 4]
    assert game.minimal_winning_coalitions() == 1
    assert game.power().exact["shapley_shubik"] == (Fraction(1, 5),) * 5


def test_non_monotone_rule_is_refused():
    def parity(stances, weights, houses, *, addressed=None):
        counts = tally(stances, weights, houses)
        return Decision(counts.support.sum(axis=-1) % 2 == 1, counts, counts.support)

    with pytest.raises(GovsimError, match="not monotone"):
        SeatGame(parity, np.ones(3), np.zeros(3, int)).power()


def test_mismatched_lengths_are_refused():
    with pytest.raises(GovsimError, match="one value per seat"):
        SeatGame(two_house_majority, np.ones(3), np.zeros(4, int))


def test_monte_carlo_agrees_with_exact_within_four_standard_errors():
    game = SeatGame(get_rule("houses", threshold="gnso-supermajority"), np.ones(20), GNSO_HOUSES)
    exact = game.power(method="exact")
    estimate = game.power(method="monte-carlo", samples=20_000, seed=7)
    for key in ("banzhaf", "banzhaf_absolute", "shapley_shubik"):
        error = np.abs(getattr(estimate, key) - getattr(exact, key))
        assert (error <= 4 * estimate.standard_error[key] + 1e-12).all(), key
        assert (estimate.standard_error[key] > 0).all()


def test_monte_carlo_is_reproducible_from_its_seed():
    wins = brute_force.weighted_wins([4, 3, 2, 1], 6)
    first = monte_carlo_power(4, wins, samples=500, seed=3)
    again = monte_carlo_power(4, wins, samples=500, seed=3)
    other = monte_carlo_power(4, wins, samples=500, seed=4)
    assert np.array_equal(first.shapley_shubik, again.shapley_shubik)
    assert not np.array_equal(first.banzhaf_absolute, other.banzhaf_absolute)


def test_wins_maps_coalitions_to_outcomes():
    game = SeatGame(two_house_majority, np.ones(2), np.array([0, 1]))
    assert game.wins(np.array([[True, True], [True, False]])).tolist() == [True, False]
