"""Linear opinion dynamics: DeGroot averaging and Friedkin–Johnsen anchoring.

Both kernels repeat a linear map on the positions. The map's weights come from
:func:`influence_matrix`: on the deliberation network, restricted to the stakeholders
taking part in an issue, the influence of j on i is proportional to j's resources.

- :func:`degroot`: x ← W x. Converges to consensus when W is primitive (strongly
  connected and aperiodic).
- :func:`friedkin_johnsen`: p ← Λ W p + (I − Λ) a. Converges to
  :func:`friedkin_johnsen_equilibrium` when every agent reaches a stubborn one.

References
----------
DeGroot, M. H. (1974). Reaching a consensus. *Journal of the American Statistical
    Association* 69(345), 118-121.
Friedkin, N. E. & Johnsen, E. C. (1990). Social influence and opinions. *Journal of
    Mathematical Sociology* 15(3-4), 193-206.
Friedkin, N. E. & Johnsen, E. C. (1999). Social influence networks and opinion change.
    *Advances in Group Processes* 16, 1-29.
Jackson, M. O. (2008). *Social and Economic Networks*, ch. 8. Princeton University
    Press.
Proskurnikov, A. V. & Tempo, R. (2017). A tutorial on modeling and analysis of dynamic
    social networks. Part I. *Annual Reviews in Control* 43, 65-79.
"""

from __future__ import annotations

import importlib
import sys
from types import ModuleType
from typing import Any

import numpy as np
import scipy.sparse as sp
from scipy.sparse import csgraph
from scipy.sparse.linalg import splu

from govsim.dynamics.kernels import (
    Trajectory,
    _active,
    _csr,
    _iterate,
    _largest_move,
    _operator,
    _per_agent,
    _positions,
    _product,
    _square_csr,
    _stopping,
    _with_diagonal,
)
from govsim.errors import GovsimError

#: Up to this many agents (replications times stakeholders in the model) the kernels'
#: rounds, the W rebuild and the model's stances run as one compiled call each
#: (govsim.dynamics.compiled), which saves numpy's and scipy's per-call costs; above
#: it the vector code is as fast, and numba (~0.14 GB resident) is not loaded. Both
#: give the same numbers.
COMPILED_ROWS = 2000

__all__ = [
    "InfluenceNetwork",
    "degroot",
    "friedkin_johnsen",
    "friedkin_johnsen_equilibrium",
    "influence_matrix",
]


def influence_matrix(adjacency: Any, resources: Any = None, active: Any = None) -> sp.csr_array:
    """Row-stochastic influence weights on a network, restricted to the active agents.

    For an active agent i,

        w_ij = A_ij r_j a_j / (r_i + Σ_k A_ik r_k a_k)  (j ≠ i),
        w_ii = r_i / (r_i + Σ_k A_ik r_k a_k),

    with a_j = 1 if j is active, else 0: i listens to its active neighbours in
    proportion to their resources and to itself in proportion to its own. An inactive
    agent's row is the identity row (it keeps its position) and nobody listens to it.

    Parameters
    ----------
    adjacency
        (n, n) non-negative matrix, dense or scipy.sparse. Entries weight the links
        (a 0/1 matrix gives plain neighbours); the diagonal is ignored.
    resources
        r_i > 0, scalar or (n,); default 1.
    active
        Boolean mask (n,); default everyone.

    Returns
    -------
    scipy.sparse.csr_array
        W with the sparsity structure of ``adjacency`` plus the diagonal. Entries of
        inactive rows and columns are stored zeros, so the structure does not depend
        on ``active``.

    Raises
    ------
    GovsimError
        For a non-square or negative adjacency, resources <= 0, or a mask of the wrong
        shape or dtype.

    Notes
    -----
    The engine rebuilds W once per issue as participation changes. The diagonal is
    inserted into the adjacency's CSR structure by index arithmetic in O(nnz) (no
    COO round trip, no sort) and the weights are a handful of vector operations over
    the entries.

    Examples
    --------
    >>> A = np.array([[0, 1, 1], [1, 0, 0], [1, 0, 0]])
    >>> influence_matrix(A, resources=[2, 1, 1]).toarray()
    array([[0.5       , 0.25      , 0.25      ],
           [0.66666667, 0.33333333, 0.        ],
           [0.66666667, 0.        , 0.33333333]])
    >>> influence_matrix(A, active=np.array([True, True, False])).toarray()
    array([[0.5, 0.5, 0. ],
           [0.5, 0.5, 0. ],
           [0. , 0. , 1. ]])
    """
    return InfluenceNetwork(adjacency).weights(resources, active)


class InfluenceNetwork:
    """A network prepared for rebuilding :func:`influence_matrix` many times.

    The engine rebuilds W once per issue as participation changes; preparing the
    structure once (the adjacency plus its diagonal) leaves only a handful of vector
    operations over the entries per rebuild.

    Examples
    --------
    >>> network = InfluenceNetwork(np.array([[0, 1], [1, 0]]))
    >>> network.weights(active=np.array([True, False])).toarray()
    array([[1., 0.],
           [0., 1.]])
    """

    def __init__(self, adjacency: Any) -> None:
        A = _square_csr(adjacency, None)
        self.size = A.shape[0]
        self._structure = _with_diagonal(A) if self.size else None
        self._matrix: sp.csr_array | None = None  # see reweighted

    def weights(self, resources: Any = None, active: Any = None) -> sp.csr_array:
        """W for these resources and active agents; see :func:`influence_matrix`."""
        if self.size == 0:
            _per_agent(resources, 0, "resources", default=1.0, low=0.0, low_open=True)
            _active(active, 0)
            return sp.csr_array((0, 0), dtype=np.float64)
        S = self._structure
        assert S is not None  # prepared for every non-empty network
        return _csr(self._entries(resources, active), S.indices, S.indptr, self.size)

    def reweighted(self, resources: Any = None, active: Any = None) -> sp.csr_array:
        """W as :meth:`weights` gives it, written into one matrix kept by the network.

        For the engine, which rebuilds W once per issue and uses it at once: building
        a fresh scipy matrix costs more than the whole rebuild. The matrix returned
        is overwritten by the next call; use :meth:`weights` to keep W.
        """
        if self.size == 0:
            return self.weights(resources, active)
        if self._matrix is None:
            self._matrix = self.weights(resources, active)
        else:
            self._entries(resources, active, out=self._matrix.data)
        return self._matrix

    def _entries(self, resources: Any, active: Any, out: np.ndarray | None = None) -> np.ndarray:
        """The stored values of W, in the order of the prepared structure."""
        n = self.size
        S = self._structure
        assert S is not None  # prepared for every non-empty network
        if n <= COMPILED_ROWS:
            # Arrays already in the form the compiled pass reads (the model's) skip the
            # vector checks: the pass checks the resources itself.
            if not _plain(resources, (n,)):
                resources = _per_agent(
                    resources, n, "resources", default=1.0, low=0.0, low_open=True
                )
            if not _plain(active, (n,), np.bool_):
                active = _active(active, n)
            everyone = np.ones(n, dtype=bool) if active is None else active
            out = np.empty_like(S.base) if out is None else out
            weights = _compiled().influence_weights
            if weights(S.base, S.indices, S.indptr, S.diag, resources, everyone, out):
                return out
        r = _per_agent(resources, n, "resources", default=1.0, low=0.0, low_open=True)
        act = _active(active, n)
        heard = r if act is None else r * act
        # np.take into a buffer, not fancy indexing: about half the time on a large
        # batch's network. The indices are in range, so "clip" only skips the
        # buffered copy take makes of its output under mode="raise".
        gathered = np.empty_like(S.base)
        data = np.empty_like(S.base) if out is None else out
        np.multiply(S.base, np.take(heard, S.indices, out=gathered, mode="clip"), out=data)
        data[S.diag] = r
        # Every row has its diagonal slot, so no segment of reduceat is empty.
        scale = 1.0 / np.add.reduceat(data, S.indptr[:-1])
        if act is not None:
            scale[~act] = 0.0
        data *= np.take(scale, S.row, out=gathered, mode="clip")
        if act is not None:
            data[S.diag[~act]] = 1.0
        return data


def degroot(
    x: Any,
    W: Any,
    *,
    rounds: int | None = None,
    tol: float = 1e-10,
    max_rounds: int = 10_000,
) -> Trajectory:
    """DeGroot (1974) averaging: every round, x ← W x.

    Parameters
    ----------
    x
        Positions, (n,) or (n, d).
    W
        (n, n) row-stochastic weights, dense or scipy.sparse (e.g. from
        :func:`influence_matrix`).
    rounds, tol, max_rounds
        Stopping rule, as for every kernel (see :mod:`govsim.dynamics.kernels`).

    Returns
    -------
    Trajectory

    Notes
    -----
    If W is primitive (strongly connected and aperiodic; a positive diagonal makes any
    strongly connected W aperiodic) the positions converge to consensus at π·x(0),
    where π is the left eigenvector with π W = π, Σπ = 1: π_i is agent i's social
    influence (DeGroot 1974; Jackson 2008, §8.3). A periodic W such as two agents
    who only listen to each other oscillates forever and never converges.

    Examples
    --------
    >>> W = np.array([[1/3, 1/3, 1/3], [1/2, 1/2, 0], [0, 1/4, 3/4]])
    >>> out = degroot([1.0, 0.0, 0.0], W)  # consensus at pi = (3/11, 4/11, 4/11)
    >>> out.converged, round(float(out.positions[0]), 6), round(3 / 11, 6)
    (True, 0.272727, 0.272727)
    """
    X, shape = _positions(x)
    W = _operator(W, X.shape[0])
    rounds, tol, max_rounds = _stopping(rounds, tol, max_rounds)
    return _iterate(_product(W), X, shape, rounds, tol, max_rounds)


def friedkin_johnsen(
    x: Any,
    W: Any,
    susceptibility: Any,
    *,
    anchor: Any = None,
    rounds: int | None = None,
    tol: float = 1e-10,
    max_rounds: int = 10_000,
) -> Trajectory:
    """Friedkin–Johnsen influence: p ← Λ W p + (I − Λ) a, starting from p = x.

    Each agent mixes its neighbours' current positions, with weight λ_i, and its own
    anchor (its initial position by default), with weight 1 − λ_i (Friedkin & Johnsen
    1990, 1999).

    Parameters
    ----------
    x
        Initial positions, (n,) or (n, d).
    W
        (n, n) row-stochastic weights, dense or scipy.sparse.
    susceptibility
        λ_i in [0, 1], scalar or (n,). 1 − λ_i is stubbornness: λ = 0 never moves,
        λ = 1 is DeGroot.
    anchor
        Positions the agents are anchored to, shape of ``x``; default ``x``.
    rounds, tol, max_rounds
        Stopping rule, as for every kernel (see :mod:`govsim.dynamics.kernels`).

    Returns
    -------
    Trajectory

    Notes
    -----
    When every agent has a path in W to an agent with λ < 1 the spectral radius of ΛW
    is below 1 and the iteration converges geometrically to the unique equilibrium
    (I − ΛW)⁻¹(I − Λ) a, see :func:`friedkin_johnsen_equilibrium` (Friedkin &
    Johnsen 1999; Proskurnikov & Tempo 2017). A closed group of fully susceptible
    agents behaves like DeGroot inside: it may converge, but to a limit that depends
    on the initial positions.

    Examples
    --------
    >>> W = np.array([[0.5, 0.5], [0.5, 0.5]])
    >>> out = friedkin_johnsen([0.0, 1.0], W, susceptibility=0.5)
    >>> out.positions.round(6), out.converged
    (array([0.25, 0.75]), True)
    """
    if rounds is not None and _small_and_plain(
        x, W, susceptibility, anchor, rounds, tol, max_rounds
    ):
        # The model's case: its checks and the pull in one compiled pass; any bad
        # value falls through to the checks below, which name it.
        a = x if anchor is None else anchor
        pull = _compiled().fj_inputs(susceptibility, x, a)
        if pull is not None:
            return _compiled_rounds(W, susceptibility, pull, x, rounds, float(tol))
    X, shape = _positions(x)
    n = X.shape[0]
    W = _operator(W, n)
    lam = _per_agent(susceptibility, n, "susceptibility", low=0.0, high=1.0)[:, None]
    if anchor is None:
        a = X.copy()
    else:
        a, anchor_shape = _positions(anchor, "anchor")
        if anchor_shape != shape:
            raise GovsimError(f"anchor: expected shape {shape} like x, found {anchor_shape}")
    rounds, tol, max_rounds = _stopping(rounds, tol, max_rounds)
    pull = (1.0 - lam) * a
    if rounds and type(W) is sp.csr_array and n <= COMPILED_ROWS:
        traj = _compiled_rounds(W, lam[:, 0], pull, X, rounds, tol)
        return Trajectory(traj.positions.reshape(shape), traj.rounds, traj.converged)
    product = _product(W)

    def step(P: np.ndarray) -> np.ndarray:
        moved = product(P)  # a fresh array: scale and shift it in place
        moved *= lam
        moved += pull
        return moved

    return _iterate(step, X, shape, rounds, tol, max_rounds)


def small_room_friedkin_johnsen(
    network: InfluenceNetwork,
    x: Any,
    resources: Any,
    active: Any,
    susceptibility: Any,
    anchor: Any,
    rounds: Any,
    tol: Any,
    max_rounds: Any,
) -> Trajectory | None:
    """The Friedkin–Johnsen kernel of a small room as one compiled call, or None.

    W rebuilt into the network's kept matrix (:meth:`InfluenceNetwork.reweighted`),
    the openness (susceptibility of the active agents, 1 for the others), the checks
    and the rounds of :func:`friedkin_johnsen`, with the same numbers. None, and
    nothing checked, unless every argument is in the form the compiled pass reads
    (as for :func:`_small_and_plain`, with (n,) float resources and susceptibility
    and a boolean mask or None) and the network has made its matrix (on its first
    rebuild); None too for a bad value, which the usual path then names.
    """
    W = network._matrix
    S = network._structure
    n = network.size
    a = x if anchor is None else anchor
    if (
        W is None
        or S is None
        or rounds is None
        or not _plain(resources, (n,))
        or not (active is None or _plain(active, (n,), np.bool_))
        or not _small_and_plain(x, W, susceptibility, a, rounds, tol, max_rounds)
    ):
        return None
    everyone = np.ones(n, dtype=bool) if active is None else active
    ok, new, old = _compiled().fj_room(
        S.base,
        S.indices,
        S.indptr,
        S.diag,
        resources,
        everyone,
        susceptibility,
        x,
        a,
        rounds,
        W.data,
    )
    if not ok:
        return None
    return Trajectory(new, rounds, _last_move(new, old) <= tol)


def _last_move(new: np.ndarray, old: np.ndarray) -> float:
    """The largest move of the last round, compiled for one policy axis."""
    if new.shape[1] == 1 and new.shape[0] > 0:
        return float(_compiled().largest_move_1d(new, old))
    return float(_largest_move(new, old))


def _compiled() -> ModuleType:
    """:mod:`govsim.dynamics.compiled`, imported on first use.

    Importing govsim does not wait for numba (~0.3 s), and a run that has loaded it
    finds it in ``sys.modules`` at less cost than an import statement.
    """
    module = sys.modules.get("govsim.dynamics.compiled")
    if module is None:
        module = importlib.import_module("govsim.dynamics.compiled")
    return module


def _plain(a: Any, shape: tuple[int, ...], dtype: type = np.float64) -> bool:
    """Whether ``a`` is a C-contiguous array of ``shape`` and ``dtype``, as compiled loops read."""
    return type(a) is np.ndarray and a.dtype == dtype and a.shape == shape and a.flags.c_contiguous


def _compiled_rounds(
    W: sp.csr_array, lam: np.ndarray, pull: np.ndarray, X: np.ndarray, rounds: int, tol: float
) -> Trajectory:
    """``rounds`` (>= 1) Friedkin–Johnsen rounds on a small sparse W as one compiled call.

    One replication in the model: one call instead of scipy's per-round dispatch.
    ``lam`` is (n,), ``pull`` and ``X`` (n, d), all checked.
    """
    new, old = _compiled().fj_rounds(W.indptr, W.indices, W.data, lam, pull, X, rounds)
    return Trajectory(new, rounds, _last_move(new, old) <= tol)


def _small_and_plain(
    x: Any, W: Any, lam: Any, anchor: Any, rounds: Any, tol: Any, max_rounds: Any
) -> bool:
    """Whether friedkin_johnsen's arguments are in the forms its compiled path reads.

    Float C-contiguous (n, d) positions (and anchors, if any), (n,) susceptibility, a
    float CSR W of at most COMPILED_ROWS agents and plain stopping numbers. Only
    types and shapes are looked at here; the values are checked by ``fj_inputs``.
    """
    if not (type(x) is np.ndarray and x.ndim == 2 and 0 < x.shape[0] <= COMPILED_ROWS):
        return False
    n, d = x.shape
    return (
        d > 0
        and _plain(x, (n, d))
        and (anchor is None or _plain(anchor, (n, d)))
        and _plain(lam, (n,))
        and type(W) is sp.csr_array
        and W.dtype == np.float64
        and W.shape == (n, n)
        and type(rounds) is int
        and rounds > 0
        and type(max_rounds) is int
        and max_rounds >= 0
        and type(tol) is float
        and 0.0 <= tol < np.inf
    )


def _closed_agents(W: sp.csr_array, lam: np.ndarray) -> np.ndarray:
    """Agents with no path in ΛW to an agent whose row of ΛW sums below 1."""
    n = W.shape[0]
    leaky = lam * np.asarray(W.sum(axis=1)).ravel() < 1.0
    if leaky.all():
        return np.zeros(n, dtype=bool)
    # Reverse graph of ΛW plus a super-node n pointing to every leaky agent: the agents
    # a breadth-first search from n cannot reach are the closed ones.
    edges = sp.diags_array(lam) @ W
    edges = edges.T.tocoo()
    rows = np.concatenate([edges.row, np.full(int(leaky.sum()), n)])
    cols = np.concatenate([edges.col, np.flatnonzero(leaky)])
    G = sp.csr_array((np.ones(rows.size), (rows, cols)), shape=(n + 1, n + 1))
    reached = np.zeros(n + 1, dtype=bool)
    reached[csgraph.breadth_first_order(G, n, return_predecessors=False)] = True
    return ~reached[:n]


def friedkin_johnsen_equilibrium(W: Any, susceptibility: Any, anchor: Any) -> np.ndarray:
    """The Friedkin–Johnsen fixed point: solve (I − ΛW) p = (I − Λ) a.

    Parameters
    ----------
    W
        (n, n) row-stochastic, non-negative weights, dense or scipy.sparse.
    susceptibility
        λ_i in [0, 1], scalar or (n,).
    anchor
        Anchors a, (n,) or (n, d); the result has the same shape.

    Returns
    -------
    numpy.ndarray
        The equilibrium positions p*.

    Raises
    ------
    GovsimError
        If I − ΛW is singular: some agents are fully susceptible (λ = 1) and form a
        closed group, i.e. have no path in ΛW to an agent with λ < 1. A lone inactive
        agent (identity row) with λ = 1 is such a group. Their limit then depends on
        the initial positions (DeGroot inside the group), not on the anchors alone;
        iterate :func:`friedkin_johnsen` instead.

    Notes
    -----
    The matrix is nonsingular exactly when every agent reaches a stubborn one
    (Proskurnikov & Tempo 2017); this is checked first by a breadth-first
    search. Sparse W is factorised once by SuperLU (COLAMD ordering) and solved for all
    d columns: fast for the engine's block-diagonal stack of small replications, but
    fill-in makes one large well-mixed network (hundreds of thousands of agents in one
    component) expensive; iterate :func:`friedkin_johnsen` to a tolerance there.

    Examples
    --------
    >>> W = np.array([[0.5, 0.5], [0.5, 0.5]])
    >>> friedkin_johnsen_equilibrium(W, 0.5, [0.0, 1.0]).round(6)
    array([0.25, 0.75])
    """
    a, shape = _positions(anchor, "anchor")
    n = a.shape[0]
    W = _operator(W, n)
    lam = _per_agent(susceptibility, n, "susceptibility", low=0.0, high=1.0)
    closed = _closed_agents(sp.csr_array(W), lam)
    if closed.any():
        raise GovsimError(
            f"susceptibility: {int(closed.sum())} agent(s) with susceptibility 1 form a "
            f"closed group with no path to a stubborn agent (first: agent "
            f"{int(np.flatnonzero(closed)[0])}), so I - ΛW is singular and the "
            "equilibrium depends on the initial positions; iterate friedkin_johnsen"
        )
    rhs = (1.0 - lam)[:, None] * a
    if n == 0:
        return a.reshape(shape)
    if isinstance(W, sp.sparray):
        M = (sp.eye_array(n, format="csc") - sp.diags_array(lam) @ W).tocsc()  # type: ignore[operator]  # scipy-stubs: sparse @ sparse
        try:
            p = splu(M).solve(rhs)
        except RuntimeError as err:  # numerically singular despite the structure
            raise GovsimError(f"W: I - ΛW could not be factorised ({err})") from None
    else:
        p = np.linalg.solve(np.eye(n) - lam[:, None] * W, rhs)
    return p.reshape(shape)
