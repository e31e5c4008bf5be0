"""Total variation and input legitimacy against worked values."""

from __future__ import annotations

import numpy as np
import pytest

from govsim.errors import GovsimError
from govsim.metrics import input_legitimacy, total_variation

# --- total variation and input legitimacy -------------------------------------------------


def test_input_legitimacy_worked_values():
    assert input_legitimacy([2, 2, 2, 2, 2], [30, 30, 30, 30, 30]) == pytest.approx(1.0)
    # All weight in one of five equal sectors: TV = (0.8 + 4 * 0.2) / 2 = 0.8.
    assert input_legitimacy([1, 0, 0, 0, 0], [1, 1, 1, 1, 1]) == pytest.approx(0.2, abs=1e-15)
    # GNSO-like: a 7-seat house and a 13-seat house for sectors of 50 and 950 members.
    assert input_legitimacy([7, 13], [50, 950]) == pytest.approx(1 - (0.35 - 0.05), abs=1e-15)


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
        (lambda: input_legitimacy([1, -1], [1, 1]), "decision_weight_by_sector must be non-neg"),
        (lambda: input_legitimacy([1, 1], [1]), "population_by_sector must have length 2"),
    ],
)
def test_bad_input_names_the_argument(call, message):
    with pytest.raises(GovsimError, match=f"^{message}"):
        call()
