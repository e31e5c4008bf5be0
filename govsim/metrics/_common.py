"""Input checks and small numeric helpers shared by the metric modules (private)."""

from __future__ import annotations

import warnings
from typing import Any

import numpy as np

from govsim.errors import GovsimError


def _array(values: Any, name: str) -> np.ndarray:
    """``values`` as a float array, or a GovsimError naming ``name``."""
    if type(values) is np.ndarray and values.dtype == np.float64:
        array = values  # the model's own arrays: skip the costly conversion guard
    else:
        array = _converted(values, name)
    if not np.isfinite(array).all():
        raise GovsimError(f"{name} must be finite; found NaN or infinity")
    return array


def _converted(values: Any, name: str) -> np.ndarray:
    """Anything array-like as float, refusing complex numbers."""
    try:
        with warnings.catch_warnings():
            # Complex input would otherwise be truncated with only a warning.
            warnings.simplefilter("error", np.exceptions.ComplexWarning)
            array = np.asarray(values, dtype=float)
    except (TypeError, ValueError, np.exceptions.ComplexWarning):
        raise GovsimError(f"{name} must be an array of real numbers; found {values!r}") from None
    return array


def _points(values: Any, name: str) -> np.ndarray:
    """Points as a float array of shape (n, d) with n, d >= 1; (n,) becomes (n, 1)."""
    x = _array(values, name)
    if x.ndim == 1:
        x = x[:, None]
    if x.ndim != 2 or x.shape[0] == 0 or x.shape[1] == 0:
        raise GovsimError(
            f"{name} must have shape (n,) or (n, d) with n, d >= 1; found shape {x.shape}"
        )
    return x


def _point(value: Any, d: int, name: str) -> np.ndarray:
    """One point of dimension d, shape (d,); a scalar is accepted when d = 1."""
    q = _array(value, name).reshape(-1) if np.ndim(value) == 0 else _array(value, name)
    if q.shape != (d,):
        raise GovsimError(
            f"{name} must be one point of dimension {d} (shape ({d},)"
            f"{' or a scalar' if d == 1 else ''}); found shape {q.shape}"
        )
    return q


def _masses(values: Any, name: str, n: int | None = None) -> np.ndarray:
    """A 1-D array of non-negative numbers (of length n when given)."""
    v = _array(values, name)
    if v.ndim != 1:
        raise GovsimError(f"{name} must be one-dimensional; found shape {v.shape}")
    if n is not None and v.shape[0] != n:
        raise GovsimError(f"{name} must have length {n}; found length {v.shape[0]}")
    if (v < 0).any():
        raise GovsimError(f"{name} must be non-negative; found minimum {v.min()!r}")
    return v


def _shares(values: Any, name: str, n: int | None = None) -> np.ndarray:
    """Non-negative masses normalised to sum to 1; their sum must be positive."""
    v = _masses(values, name, n)
    total = v.sum()
    if not total > 0:
        raise GovsimError(f"{name} must have a positive sum; found {total!r}")
    return v / total


def _norms(diff: np.ndarray) -> np.ndarray:
    """Euclidean norms of the rows of an (n, d) array; abs when d = 1 (cheaper)."""
    if diff.shape[1] == 1:
        return np.abs(diff[:, 0])
    return np.sqrt(np.einsum("ij,ij->i", diff, diff))
