"""One contract for every kernel: shapes, the stopping rule, input checks, purity."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.sparse as sp

from govsim.dynamics import (
    Trajectory,
    block_model,
    deffuant,
    degroot,
    friedkin_johnsen,
    hegselmann_krause,
    influence_matrix,
)
from govsim.errors import GovsimError

N = 60
ADJACENCY = block_model(np.arange(N) % 3, 0.3, 8, seed=1)
W = influence_matrix(ADJACENCY)

KERNELS = {
    "degroot": lambda x, **kw: degroot(x, W, **kw),
    "friedkin_johnsen": lambda x, **kw: friedkin_johnsen(x, W, 0.6, **kw),
    "hk_complete": lambda x, **kw: hegselmann_krause(x, 0.2, **kw),
    "hk_network": lambda x, **kw: hegselmann_krause(x, 0.2, adjacency=ADJACENCY, **kw),
    "deffuant_complete": lambda x, **kw: deffuant(x, 0.3, 0.5, seed=1, **kw),
    "deffuant_network": lambda x, **kw: deffuant(x, 0.3, 0.5, seed=1, adjacency=ADJACENCY, **kw),
}


@pytest.fixture(params=sorted(KERNELS))
def kernel(request):
    return KERNELS[request.param]


@pytest.mark.parametrize("shape", [(N,), (N, 1), (N, 2)])
def test_positions_keep_their_shape_and_input_is_not_modified(kernel, shape):
    x = np.random.default_rng(0).random(shape)
    before = x.copy()
    out = kernel(x, rounds=3)
    assert isinstance(out, Trajectory)
    assert out.positions.shape == shape
    assert out.positions.dtype == np.float64
    np.testing.assert_array_equal(x, before)


def test_a_fixed_number_of_rounds_runs_exactly(kernel):
    x = np.random.default_rng(1).random(N)
    out = kernel(x, rounds=4)
    assert out.rounds == 4
    assert out.converged is False or out.converged is True
    zero = kernel(x, rounds=0)
    assert zero.rounds == 0 and zero.converged is False
    np.testing.assert_array_equal(zero.positions, x)


def test_rounds_none_stops_at_tol_or_max_rounds(kernel):
    x = np.random.default_rng(2).random(N)
    out = kernel(x, tol=1e-9)
    assert out.converged
    assert out.rounds < 10_000
    capped = kernel(x, tol=0.0, max_rounds=2)
    assert capped.rounds <= 2
    # A converged run reports the rounds it took: asking for exactly that many again
    # gives the same positions.
    fixed = kernel(x, rounds=out.rounds, tol=1e-9)
    np.testing.assert_array_equal(fixed.positions, out.positions)
    assert fixed.converged


def test_the_same_call_gives_the_same_result(kernel):
    x = np.random.default_rng(3).random((N, 2))
    np.testing.assert_array_equal(kernel(x, rounds=5).positions, kernel(x, rounds=5).positions)


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"rounds": -1}, "rounds"),
        ({"rounds": 2.5}, "rounds"),
        ({"rounds": True}, "rounds"),
        ({"tol": -1e-3}, "tol"),
        ({"tol": float("nan")}, "tol"),
        ({"tol": "small"}, "tol"),
        ({"max_rounds": -5}, "max_rounds"),
    ],
)
def test_bad_stopping_arguments_raise(kernel, kwargs, match):
    with pytest.raises(GovsimError, match=match):
        kernel(np.zeros(N), **kwargs)


@pytest.mark.parametrize(
    ("x", "match"),
    [
        (np.zeros((N, 2, 2)), "shape"),
        (np.full(N, np.inf), "finite"),
        (["a"] * N, "numbers"),
    ],
)
def test_bad_positions_raise(kernel, x, match):
    with pytest.raises(GovsimError, match=match):
        kernel(x, rounds=1)


@pytest.mark.parametrize("name", ["degroot", "friedkin_johnsen", "hk_network", "deffuant_network"])
def test_positions_must_match_the_matrix(name):
    with pytest.raises(GovsimError, match=r"\(60, 60\)"):
        KERNELS[name](np.zeros(N + 1), rounds=1)


def test_sparse_matrix_types_are_accepted():
    x = np.random.default_rng(4).random(N)
    reference = degroot(x, W, rounds=3).positions
    for matrix in (sp.csr_matrix(W), sp.csc_array(W), W.toarray()):
        np.testing.assert_allclose(degroot(x, matrix, rounds=3).positions, reference, atol=1e-15)
