"""Outcome metrics of a run: welfare, inequality, capture, legitimacy, polarisation.

Every function is pure and vectorised over NumPy arrays. Points (ideals, positions,
cluster centres) are float arrays of shape ``(n, d)``; an array of shape ``(n,)`` is
read as ``d = 1``. The model's policy space is [0, 1]^d; only :func:`esteban_ray_grid`
needs the points to lie in it, the rest only need them finite. Stakeholder i's
utility for the status quo q is ``u_i = -||x_i - q||`` (Euclidean), as in the
reference model's Metrics table.

One concept per module, all re-exported here:

- :mod:`~govsim.metrics.welfare`: :func:`utilities`, :func:`welfare`,
  :func:`sector_welfare`; inequality :func:`gini`, :func:`loss_gini`,
  :func:`signed_gini` (values of either sign, such as gains); capture
  :func:`capture`, :func:`closest_sector`.
- :mod:`~govsim.metrics.median`: the utilitarian optimum :func:`geometric_median`, and
  the median of each coordinate :func:`coordinate_median`.
- :mod:`~govsim.metrics.legitimacy`: input legitimacy, :func:`congruence` and
  :func:`descriptive_representation` (with :func:`total_variation`).
- :mod:`~govsim.metrics.clusters`: :func:`opinion_clusters`, :func:`n_clusters`,
  :func:`major_clusters`.
- :mod:`~govsim.metrics.polarisation`: :func:`esteban_ray_grid` (independent of the
  number of stakeholders), :func:`esteban_ray` (over clusters; depends on it) and
  :func:`esteban_ray_groups` (given groups).

Bad input (wrong shapes, NaN, negative masses, an out-of-range parameter) raises
:class:`~govsim.errors.GovsimError` naming the argument.
"""

from __future__ import annotations

from govsim.metrics.clusters import major_clusters, n_clusters, opinion_clusters
from govsim.metrics.legitimacy import congruence, descriptive_representation, total_variation
from govsim.metrics.median import coordinate_median, geometric_median
from govsim.metrics.polarisation import (
    ALPHA_MAX,
    esteban_ray,
    esteban_ray_grid,
    esteban_ray_groups,
)
from govsim.metrics.welfare import (
    capture,
    closest_sector,
    gini,
    loss_gini,
    sector_welfare,
    signed_gini,
    utilities,
    welfare,
)

__all__ = [
    "ALPHA_MAX",
    "capture",
    "closest_sector",
    "congruence",
    "coordinate_median",
    "descriptive_representation",
    "esteban_ray",
    "esteban_ray_grid",
    "esteban_ray_groups",
    "geometric_median",
    "gini",
    "loss_gini",
    "major_clusters",
    "n_clusters",
    "opinion_clusters",
    "sector_welfare",
    "signed_gini",
    "total_variation",
    "utilities",
    "welfare",
]
