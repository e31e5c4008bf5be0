"""``govsim analyze``: the tables a sweep folder supports, written beside it.

- ``summary``: mean, sd, confidence interval and n per design and factor setting;
- ``sensitivity``: Sobol or Morris indices, when the sweep used that sampler;
- ``comparison``: every other design against the first, paired on common seeds.

Each table is written to ``FOLDER/analysis/<name>.csv`` and ``<name>.md``. Tables of
chosen metrics add to the tables already written: rows of other metrics are kept.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from govsim.sweeps.analysis import (
    compare_designs,
    markdown,
    metric_columns,
    summary_table,
    sweep_factors,
)
from govsim.sweeps.experiment import experiment_from_record
from govsim.sweeps.sensitivity import sensitivity
from govsim.sweeps.store import load, write_atomic

__all__ = ["analyze"]


def analyze(
    folder: Path | str, *, metrics: Sequence[str] | None = None, confidence: float = 0.95
) -> dict[str, pd.DataFrame]:
    """Compute and write every table that fits the sweep in ``folder``.

    Parameters
    ----------
    folder
        A sweep folder.
    metrics
        Metrics to include (default: every numeric metric). Rows of other metrics in
        the tables written before are kept, so a second call adds to the first (at
        the confidence level each row was computed at).
    confidence
        Level of the confidence intervals.

    Returns
    -------
    dict
        Table name -> tidy DataFrame (``summary``, and ``sensitivity`` and
        ``comparison`` where they apply) of the metrics asked for; the files hold
        these rows and the earlier ones of other metrics.
    """
    runs = load(folder)
    experiment = experiment_from_record(runs.attrs["manifest"]["experiment"])
    factors = sweep_factors(runs)
    metrics = list(metrics) if metrics else metric_columns(runs, factors)
    tables = {"summary": summary_table(runs, metrics=metrics, confidence=confidence)}
    if experiment.sampler.method in ("sobol", "morris"):
        tables["sensitivity"] = sensitivity(runs, experiment, metrics)
    designs = list(runs.attrs["manifest"]["designs"])
    if len(designs) > 1:
        pairs = [
            compare_designs(runs, designs[0], other, metrics, confidence, factors=factors).assign(
                design_a=designs[0], design_b=other
            )
            for other in designs[1:]
        ]
        table = pd.concat(pairs, ignore_index=True)
        first = ["design_a", "design_b"]
        tables["comparison"] = table[first + [c for c in table.columns if c not in first]]
    out = Path(folder) / "analysis"
    out.mkdir(exist_ok=True)
    for name, table in tables.items():
        kept = _earlier_rows(out / f"{name}.csv", metrics)
        whole = pd.concat([kept, table], ignore_index=True) if len(kept) else table
        write_atomic(out / f"{name}.csv", lambda p, t=whole: t.to_csv(p, index=False))
        text = markdown(whole) + "\n"
        write_atomic(out / f"{name}.md", lambda p, s=text: p.write_text(s))
    return tables


def _earlier_rows(path: Path, metrics: Sequence[str]) -> pd.DataFrame:
    """The rows of the table at ``path`` (if any) for metrics not in ``metrics``."""
    if not path.is_file():
        return pd.DataFrame()
    earlier = pd.read_csv(path)
    if "metric" not in earlier.columns:
        return pd.DataFrame()
    return earlier[~earlier["metric"].isin(metrics)]
