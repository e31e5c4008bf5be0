"""Total variation, descriptive representation and congruence against worked values."""

from __future__ import annotations

import numpy as np
import pytest

from govsim.errors import GovsimError
from govsim.metrics import congruence, descriptive_representation, total_variation

# --- total variation and descriptive representation -------------------------------


def test_descriptive_representation_worked_values():
    assert descriptive_representation([2, 2, 2, 2, 2], [30, 30, 30, 30, 30]) == pytest.approx(1.0)
    # All weight in one of five equal sectors: TV = (0.8 + 4 * 0.2) / 2 = 0.8.
    assert descriptive_representation([1, 0, 0, 0, 0], [1, 1, 1, 1, 1]) == pytest.approx(
        0.2, abs=1e-15
    )
    # GNSO-like: a 7-seat house and a 13-seat house for sectors of 50 and 950 members.
    assert descriptive_representation([7, 13], [50, 950]) == pytest.approx(
        1 - (0.35 - 0.05), abs=1e-15
    )


def test_total_variation_properties():
    rng = np.random.default_rng(12)
    assert total_variation([1, 0, 0], [0, 0.5, 0.5]) == 1.0
    for _ in range(50):
        p, r = rng.random(6), rng.random(6)
        tv = total_variation(p, r)
        assert tv == pytest.approx(total_variation(r, p), abs=1e-15)
        assert tv == pytest.approx(0.5 * np.abs(p / p.sum() - r / r.sum()).sum(), abs=1e-15)
        # The equivalent form max over events A of P(A) - R(A) (Levin, Peres & Wilmer §4.1).
        a = p / p.sum() > r / r.sum()
        assert tv == pytest.approx((p / p.sum() - r / r.sum())[a].sum(), abs=1e-15)
        assert total_variation(3 * p, r) == pytest.approx(tv, abs=1e-15)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: total_variation([1, 2], [1, 2, 3]), "r must have length 2"),
        (lambda: total_variation([0, 0], [1, 2]), "p must have a positive sum"),
        (
            lambda: descriptive_representation([1, -1], [1, 1]),
            "decision_weight_by_sector must be non-neg",
        ),
        (
            lambda: descriptive_representation([1, 1], [1]),
            "population_by_sector must have length 2",
        ),
        (lambda: congruence([[0.1, 0.2]], [1], [0.1, 0.2]), "voter_ideals must have the dim"),
        (lambda: congruence([0.1, 0.2], [0, 0], [0.1]), "power must have a positive sum"),
    ],
)
def test_bad_input_names_the_argument(call, message):
    with pytest.raises(GovsimError, match=f"^{message}"):
        call()


# --- congruence (Golder & Stramski 2010) -------------------------------------------------


def test_congruence_of_a_median_voter_at_the_median_citizen_is_one():
    # Five citizens with median 0.4; three voters with median 0.4.
    assert congruence([0.1, 0.4, 0.9], [1, 1, 1], [0.0, 0.2, 0.4, 0.6, 1.0]) == 1.0


def test_congruence_weights_voters_by_power():
    citizens = [0.1, 0.3, 0.5, 0.7, 0.9]  # median 0.5
    voters = [0.2, 0.5, 0.8]
    # Equal power: the median voter sits at 0.5.
    assert congruence(voters, [1, 1, 1], citizens) == 1.0
    # Voter at 0.8 holds 3/5 of the power: the weighted median is 0.8, 0.3 from 0.5.
    assert congruence(voters, [1, 1, 3], citizens) == pytest.approx(0.7, abs=1e-15)
    # A powerless voter does not count: 0.2 and 0.5 with equal power give the midpoint.
    assert congruence(voters, [1, 1, 0], citizens) == pytest.approx(1 - 0.15, abs=1e-15)


def test_congruence_in_two_dimensions_is_scaled_by_the_diagonal():
    # Citizens' coordinate medians (0.5, 0.5); a dictator at the corner (1, 1) sits
    # sqrt(0.5) away, half the diagonal sqrt(2), so congruence is 1/2; at (0, 0) too.
    citizens = [[0.5, 0.5], [0.0, 1.0], [1.0, 0.0]]
    assert congruence([[1.0, 1.0], [0.5, 0.5]], [1, 0], citizens) == pytest.approx(0.5)
    assert congruence([[0.0, 0.0]], [1], [[1.0, 1.0]]) == pytest.approx(0.0, abs=1e-15)
