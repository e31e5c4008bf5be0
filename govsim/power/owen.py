"""Float Shapley-Shubik values of a weighted game by Owen's multilinear extension.

Owen (1972): SS_i = ∫_0^1 Pr(q - w_i <= S_{-i}(p) < q) dp, where S_{-i}(p) is the
weight of a coalition that every other player joins independently with probability p.
The integrand is a polynomial of degree n-1 in p, so Gauss-Legendre quadrature with
⌈n/2⌉ (rounded up to even) nodes integrates it exactly up to rounding. At each node the
pmf of S(p) comes from an inverse FFT of its characteristic function, grouped by
distinct weight; one player of weight w is divided out by the stable series
1/(1-p+p x^w) = Σ_j (-r)^j x^{jw}/(1-p), r = p/(1-p) < 1 (nodes p > 1/2 use the
complementary game). Nodes where Hoeffding's (1963) inequality bounds the integrand
below 1e-16 are skipped. :class:`~govsim.power.weighted.WeightedGame` uses this when the
exact dynamic programme would cost more.

References
----------
Owen, G. (1972). Multilinear extensions of games. *Management Science* 18(5), P64-P79.
Hoeffding, W. (1963). Probability inequalities for sums of bounded random variables.
    *Journal of the American Statistical Association* 58, 13-30.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

import numpy as np
from scipy.fft import irfft, next_fast_len
from scipy.special import roots_legendre

__all__ = ["fft_length", "owen_cost", "shapley_shubik_owen"]

# Quadrature nodes whose integrand is provably below this (Hoeffding) are skipped.
_OWEN_SKIP_TOL = 1e-16


def fft_length(total: int) -> int:
    """Length of the FFT circle for coalition weights 0..total (> total: no wrap-around)."""
    return next_fast_len(total + 1, real=True)


def owen_cost(classes: Sequence[tuple[int, int]], quota: int) -> float:
    """Rough nanosecond cost of :func:`shapley_shubik_owen` (before the Hoeffding cut).

    ``classes`` holds (weight, multiplicity) pairs of the game reduced by its common
    factor, ``quota`` its reduced quota.
    """
    q = quota
    classes = [(w, m) for w, m in classes if w > 0]
    n_pos = sum(m for _, m in classes)
    total = sum(w * m for w, m in classes)
    blocks = sum(-(-q // w) + -(-(total - q + 1) // w) for w, _ in classes)
    per_node = len(classes) * (total / 2 + 1) * 2 + total * 80 + blocks * 4
    # About half the node pairs survive the Hoeffding cut in balanced games.
    return (n_pos / 4 + 1) * per_node


def shapley_shubik_owen(classes: Sequence[tuple[int, int]], quota: int) -> dict[int, float]:
    """Shapley-Shubik value of one player of each distinct weight, by quadrature.

    Parameters
    ----------
    classes
        (weight, multiplicity) pairs of a weighted game with at least one positive
        weight, reduced by the weights' common factor.
    quota
        The reduced quota, 1 <= quota <= total weight.

    Returns
    -------
    dict
        Float value per weight (0.0 for weight 0). Observed absolute errors against the
        exact DP are below 2e-15 (60-300 players).
    """
    q = quota
    classes = [(w, m) for w, m in classes if w > 0]
    n_classes = len(classes)
    ws = np.array([w for w, _ in classes], dtype=np.int64)
    ms = np.array([m for _, m in classes], dtype=np.float64)
    total = int(sum(w * m for w, m in classes))
    n_pos = int(ms.sum())
    w_max = int(ws.max())
    sum_sq = float((ms * ws.astype(np.float64) ** 2).sum())

    # The integrand is a polynomial of degree n_pos - 1 in p; Gauss-Legendre with
    # m nodes is exact up to degree 2m - 1. An even m keeps p = 1/2 off the nodes and
    # pairs every node p < 1/2 with 1 - p, which shares its pmf (see below).
    n_nodes = max(2, -(-n_pos // 2))
    n_nodes += n_nodes % 2
    x, gl_w = roots_legendre(n_nodes)
    order = np.argsort(x)
    nodes = (1.0 + x[order][: n_nodes // 2]) / 2.0
    node_w = gl_w[order][: n_nodes // 2] / 2.0

    # At node 1 - p the game [q; w] equals, by complementing every coalition, the
    # game with quota q' = W - q + 1 at node p (S_{-a}(1-p) ~ W - w_a - S_{-a}(p)).
    quotas = (q, total - q + 1)

    def tail_bound(p: float, Q: int) -> float:
        # Integrand <= P(S >= Q - w_max) and <= P(S <= Q - 1 + w_max), S = S(p);
        # Hoeffding: P(|S - pW| >= d) <= exp(-2 d^2 / Σ w^2) on each side.
        d = max(Q - w_max - p * total, p * total - (Q - 1 + w_max))
        return math.exp(-2.0 * d * d / sum_sq) if d > 0 else 1.0

    kept = []
    for p, weight in zip(nodes.tolist(), node_w.tolist(), strict=True):
        bounds = [tail_bound(p, Q) for Q in quotas]
        if max(bounds) > _OWEN_SKIP_TOL:
            r = p / (1.0 - p)
            # Terms of the log series below for a truncation error n·r^l/(l(1-r)) < 1e-17.
            n_terms = math.ceil((17 + math.log10(n_pos / (1.0 - r))) / -math.log10(r))
            kept.append((p, weight, bounds, n_terms))

    L = fft_length(total)
    half = L // 2 + 1
    angle = 2.0 * np.pi * np.arange(half) / L
    cos_t, sin_t = np.cos(angle), np.sin(angle)

    # Per node, log φ(θ) = Σ_c m_c log(1 - p + p e^{-iθ w_c}) (rfft sign convention)
    # comes either from a table of log(1 - p + p e^{-iθ}) gathered at θ·w_c mod L, one
    # gather per weight class plus the table (worth ~15 gathers), or from the series
    # log(1 - p + p z) = log(1 - p) + Σ_l (-1)^{l+1} (r z)^l / l, r = p/(1-p) < 1,
    # i.e. log φ(θ) = n log(1 - p) + Σ_l (-1)^{l+1} r^l/l · H(lθ) with H the DFT of
    # the weight histogram: one gather per term, few when p is small.
    table_cost = 15
    use_series = [n_terms < n_classes + table_cost for *_, n_terms in kept]
    n_series = max(
        [n_terms for (*_, n_terms), s in zip(kept, use_series, strict=True) if s], default=0
    )
    hist = np.zeros(L)
    hist[ws] = ms
    hist_dft = np.fft.fft(hist)
    series_idx = class_idx = None
    if n_series * half <= 10_000_000:
        series_idx = _index_rows(range(1, n_series + 1), half, L)
    if not all(use_series) and n_classes * half <= 10_000_000:
        class_idx = _index_rows(ws.tolist(), half, L)

    # Block plan for the leave-one-out sums of every class at both quotas.
    plans = []
    for Q in quotas:
        parts = [np.arange(-(-Q // w)) for w in ws.tolist()]
        j = np.concatenate(parts)
        w_of = np.repeat(ws, [part.size for part in parts])
        seg = np.repeat(np.arange(n_classes), [part.size for part in parts])
        # Sorted by j, so that the blocks with (-r)^j above 1e-18 form a prefix.
        by_j = np.argsort(j, kind="stable")
        j, w_of, seg = j[by_j], w_of[by_j], seg[by_j]
        plans.append((np.maximum(Q - (j + 1) * w_of, 0), Q - j * w_of, j, seg))
    max_blocks = max(int(plan[2][-1]) for plan in plans) + 1

    values = np.zeros(n_classes)
    for (p, weight, bounds, n_terms), series in zip(kept, use_series, strict=True):
        r = p / (1.0 - p)
        if series:
            log_phi = np.full(half, n_pos * math.log1p(-p), dtype=np.complex128)
            coef = r
            for term in range(1, n_terms + 1):
                if series_idx is not None:
                    idx = series_idx[term - 1]
                else:
                    idx = _index_rows([term], half, L)[0]
                log_phi += (coef / term) * hist_dft[idx]
                coef *= -r
        else:
            # log(1 - p + p e^{-iθ}) in real arithmetic (NumPy's complex log is slow),
            # on the first half of the circle; the rest is its complex conjugate.
            re, im = (1.0 - p) + p * cos_t, -p * sin_t
            table = np.empty(L, dtype=np.complex128)
            table.real[:half] = 0.5 * np.log(re * re + im * im)
            table.imag[:half] = np.arctan2(im, re)
            table[half:] = np.conj(table[L - half : 0 : -1])
            log_phi = np.zeros(half, dtype=np.complex128)
            for a, (w, m) in enumerate(classes):
                idx = class_idx[a] if class_idx is not None else _index_rows([w], half, L)[0]
                log_phi += m * table[idx]
        pmf = irfft(np.exp(log_phi), n=L)[: total + 1]
        prefix = np.concatenate([[0.0], np.cumsum(pmf)])
        # (-r)^j for every block index j, once per node (a table beats np.power); blocks
        # with r^j < 1e-18 cannot matter (each block sum is at most 1).
        n_powers = min(max_blocks, math.ceil(-41.5 / math.log(r)) + 1)
        power_table = np.exp(math.log(r) * np.arange(n_powers))
        power_table[1::2] *= -1.0
        for (starts, ends, powers, seg), bound in zip(plans, bounds, strict=True):
            if bound <= _OWEN_SKIP_TOL:
                continue
            # pmf_{-a} = pmf / (1 - p + p x^{w_a}) = pmf/(1-p) Σ_j (-r)^j x^{j w_a}: the
            # window sum of pmf_{-a} is an alternating sum of block sums of pmf, with
            # r < 1 here, so the series decays and the recursion is stable.
            k = int(np.searchsorted(powers, n_powers))
            terms = (prefix[ends[:k]] - prefix[starts[:k]]) * power_table[powers[:k]]
            values += weight * np.bincount(seg[:k], terms, minlength=n_classes) / (1.0 - p)
    return {int(w): float(v) for w, v in zip(ws.tolist(), values, strict=True)} | {0: 0.0}


def _index_rows(multipliers: Iterable[int], half: int, L: int) -> np.ndarray:
    """Rows (m·j mod L for j < half), int32: frequency j·m folded onto the FFT circle."""
    multipliers = list(multipliers)
    out = np.empty((len(multipliers), half), dtype=np.int32)
    j32 = np.arange(half, dtype=np.int32)
    j64 = np.arange(half, dtype=np.int64)
    for row, m in enumerate(multipliers):
        m %= L
        # int32 remainder by a scalar is several times faster than int64 in NumPy.
        out[row] = j32 * m % L if m * (half - 1) < 2**31 else j64 * m % L
    return out
