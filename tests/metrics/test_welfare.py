"""Utilities, welfare, Gini and capture against closed forms and brute force."""

from __future__ import annotations

import math

import numpy as np
import pytest

from govsim.errors import GovsimError
from govsim.metrics import (
    capture,
    closest_sector,
    gini,
    loss_gini,
    sector_welfare,
    signed_gini,
    utilities,
    welfare,
)
from tests.metrics.oracles import gini_brute

# --- utilities and welfare ---------------------------------------------------------------


def test_utilities_are_negative_euclidean_distances():
    ideals = np.array([[0.0, 0.0], [0.3, 0.4], [1.0, 1.0]])
    assert np.allclose(utilities(ideals, [0.0, 0.0]), [0.0, -0.5, -math.sqrt(2)])
    assert np.allclose(utilities([0.2, 0.9], 0.5), [-0.3, -0.4])
    assert np.allclose(utilities([[0.2], [0.9]], [0.5]), [-0.3, -0.4])


def test_welfare_is_the_mean_utility_and_sector_welfare_its_sector_means():
    rng = np.random.default_rng(1)
    ideals, q = rng.random((200, 2)), rng.random(2)
    sectors = rng.integers(0, 4, 200)
    sectors[sectors == 2] = 3  # sector 2 is empty
    u = -np.linalg.norm(ideals - q, axis=1)
    assert welfare(ideals, q) == pytest.approx(u.mean(), abs=1e-15)
    by_sector = sector_welfare(ideals, q, sectors, 5)
    for s in (0, 1, 3):
        assert by_sector[s] == pytest.approx(u[sectors == s].mean(), abs=1e-14)
    assert np.isnan(by_sector[[2, 4]]).all()
    assert np.nanmin(by_sector) == pytest.approx(min(u[sectors == s].mean() for s in (0, 1, 3)))


# --- Gini ----------------------------------------------------------------------------------


@pytest.mark.parametrize("n", [1, 2, 3, 10, 1000, 100_001])
def test_gini_of_one_to_n(n):
    # sum_i sum_j |i - j| = (n^3 - n) / 3 and mean = (n + 1) / 2, so G = (n - 1) / (3n).
    assert gini(np.arange(1, n + 1)) == pytest.approx((n - 1) / (3 * n), abs=1e-12)


@pytest.mark.parametrize("n", [1, 2, 5, 1000])
def test_gini_when_one_holds_everything(n):
    values = np.zeros(n)
    values[n // 2] = 7.0
    assert gini(values) == pytest.approx((n - 1) / n, abs=1e-15)


@pytest.mark.parametrize("values", [[0.0], [3.0], [2, 2, 2], [0, 0, 0, 0]])
def test_gini_of_equal_values_is_zero(values):
    assert gini(values) == 0.0


def test_gini_of_exponential_and_uniform_samples():
    # Population values: exponential 1/2 and uniform on (0, 1) 1/3 (G = E|X - Y| / 2E[X]);
    # a sample of 10^6 is within a few 10^-4 of them.
    rng = np.random.default_rng(3)
    assert gini(rng.exponential(2.0, 1_000_000)) == pytest.approx(0.5, abs=3e-3)
    assert gini(rng.random(1_000_000)) == pytest.approx(1 / 3, abs=3e-3)


def test_gini_against_the_double_sum():
    rng = np.random.default_rng(4)
    for trial in range(200):
        n = int(rng.integers(1, 60))
        values = rng.random(n) * 10.0 ** rng.integers(-3, 4)
        if trial % 3 == 0:
            values = rng.integers(0, 4, n).astype(float)  # ties and zeros
        assert gini(values) == pytest.approx(gini_brute(values), abs=1e-12)


def test_gini_is_scale_and_order_invariant():
    rng = np.random.default_rng(5)
    values = rng.random(500)
    assert gini(values * 37.5) == pytest.approx(gini(values), abs=1e-14)
    assert gini(rng.permutation(values)) == pytest.approx(gini(values), abs=1e-14)


def test_loss_gini_is_the_gini_of_distances():
    rng = np.random.default_rng(6)
    ideals, q = rng.random((300, 3)), rng.random(3)
    assert loss_gini(ideals, q) == pytest.approx(
        gini_brute(np.linalg.norm(ideals - q, axis=1)), abs=1e-12
    )
    assert loss_gini([0.25, 0.75], 0.5) == 0.0  # everyone equally far from q
    assert loss_gini([0.4, 0.4], 0.4) == 0.0  # q is everyone's ideal


# --- capture ----------------------------------------------------------------------------


@pytest.fixture
def sectors_2d():
    """Three sectors in the plane, plus an empty sector 3."""
    rng = np.random.default_rng(10)
    ideals = np.concatenate(
        [rng.random((10, 2)) * 0.2, 0.8 + rng.random((20, 2)) * 0.2, rng.random((5, 2))]
    )
    return ideals, np.repeat([0, 1, 2], [10, 20, 5])


def test_capture_is_one_at_the_sectors_mean_and_minus_one_at_the_overall_mean(sectors_2d):
    ideals, sectors = sectors_2d
    for s in range(3):
        assert capture(ideals, sectors, 4, ideals[sectors == s].mean(axis=0))[s] == pytest.approx(
            1.0, abs=1e-12
        )
    # The reference formula at q = overall mean: (0 - ||mean_all - mean_S||) / same = -1.
    at_mean = capture(ideals, sectors, 4, ideals.mean(axis=0))
    assert np.allclose(at_mean[:3], -1.0, atol=1e-12)
    assert np.isnan(at_mean[3])


def test_capture_is_zero_midway_and_positive_nearer_the_sector(sectors_2d):
    ideals, sectors = sectors_2d
    overall, mean_0 = ideals.mean(axis=0), ideals[sectors == 0].mean(axis=0)
    assert capture(ideals, sectors, 4, (overall + mean_0) / 2)[0] == pytest.approx(0, abs=1e-12)
    assert capture(ideals, sectors, 4, overall + 0.75 * (mean_0 - overall))[0] == pytest.approx(
        0.5, abs=1e-12
    )
    assert capture(ideals, sectors, 4, overall + 0.25 * (mean_0 - overall))[0] == pytest.approx(
        -0.5, abs=1e-12
    )


def test_capture_is_bounded_and_matches_the_formula(sectors_2d):
    ideals, sectors = sectors_2d
    overall = ideals.mean(axis=0)
    for q in np.random.default_rng(11).random((50, 2)):
        values = capture(ideals, sectors, 4, q)
        for s in range(3):
            mean_s = ideals[sectors == s].mean(axis=0)
            expected = (np.linalg.norm(q - overall) - np.linalg.norm(q - mean_s)) / np.linalg.norm(
                overall - mean_s
            )
            assert values[s] == pytest.approx(expected, abs=1e-12)
        assert (np.abs(values[:3]) <= 1 + 1e-12).all()


def test_capture_is_nan_when_a_sectors_mean_is_the_overall_mean():
    values = capture([0.0, 1.0, 0.5, 0.5], [0, 0, 1, 1], 2, 0.2)
    assert np.isnan(values).all()  # both sector means are 0.5, the overall mean


def test_closest_sector(sectors_2d):
    ideals, sectors = sectors_2d
    assert closest_sector(ideals, sectors, 4, [0.05, 0.05]) == 0
    assert closest_sector(ideals, sectors, 4, [0.95, 0.9]) == 1
    assert closest_sector([0.0, 1.0], [0, 1], 2, 0.5) == 0  # a tie goes to the lowest code


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: gini([1.0, -0.5]), "values must be non-negative"),
        (lambda: gini([]), "values must have at least one entry"),
        (lambda: gini([[1.0, 2.0]]), "values must be one-dimensional"),
        (lambda: gini([1.0, np.nan]), "values must be finite"),
        (lambda: gini(["a"]), "values must be an array of real numbers"),
        (lambda: utilities([[0.1, 0.2]], 0.5), r"q must be one point of dimension 2"),
        (lambda: utilities([[0.1, 0.2]], [0.5, 0.5, 0.5]), r"q must be one point"),
        (lambda: utilities(np.zeros((2, 2, 2)), [0, 0]), r"ideals must have shape \(n,\)"),
        (lambda: utilities([], 0.5), r"ideals must have shape"),
        (lambda: welfare([0.1, np.inf], 0.5), "ideals must be finite"),
        (lambda: sector_welfare([0.1, 0.2], 0.5, [0], 2), r"sectors must have shape \(2,\)"),
        (lambda: sector_welfare([0.1, 0.2], 0.5, [0, 2], 2), r"sectors must be codes in \[0, 1\]"),
        (lambda: sector_welfare([0.1, 0.2], 0.5, [0.0, 1.0], 2), "sectors must be integer"),
        (lambda: sector_welfare([0.1, 0.2], 0.5, [0, 1], 0), "n_sectors must be a positive"),
        (lambda: capture([0.1, 0.2], [0, -1], 2, 0.5), "sectors must be codes"),
        (lambda: closest_sector([0.1, 0.2], [0, 1], 2.0, 0.5), "n_sectors must be"),
    ],
)
def test_bad_input_names_the_argument(call, message):
    with pytest.raises(GovsimError, match=f"^{message}"):
        call()


# --- Gini of values of either sign (Raffinetti, Siletti & Vernizzi 2015) --------------------


def test_signed_gini_is_the_gini_for_non_negative_values():
    rng = np.random.default_rng(3)
    for _ in range(20):
        values = rng.random(rng.integers(1, 40))
        assert signed_gini(values) == pytest.approx(gini(values), abs=1e-14)


def test_signed_gini_by_hand():
    # sum_i sum_j |v_i - v_j| over ordered pairs, over 2 n (T+ + T-).
    assert signed_gini([-1.0, 1.0]) == 0.5  # 4 / (2 * 2 * 2)
    # (-2, 0, 1): pairs 2 + 3 + 1 = 6, doubled 12; T+ + T- = 3; 12 / (2 * 3 * 3) = 2/3.
    assert signed_gini([-2.0, 0.0, 1.0]) == pytest.approx(2 / 3, abs=1e-15)
    # Mean zero, where the plain Gini is undefined: (-1, -1, 2): 2 * (3 + 3) / (2 * 3 * 4).
    assert signed_gini([-1.0, -1.0, 2.0]) == pytest.approx(0.5, abs=1e-15)
    assert signed_gini([-0.3, -0.3, -0.3]) == 0.0 and signed_gini([0.0]) == 0.0


def test_signed_gini_equals_the_double_sum_and_stays_in_zero_one():
    rng = np.random.default_rng(4)
    for _ in range(50):
        v = rng.normal(size=rng.integers(2, 30))
        brute = np.abs(v[:, None] - v[None, :]).sum() / (2 * len(v) * np.abs(v).sum())
        assert signed_gini(v) == pytest.approx(brute, abs=1e-14)
        assert 0 <= signed_gini(v) <= 1
