"""The one boundary in front of the model: ``run(design, scenario, *, steps, seed)``.

Sweeps, tests, the CLI and notebooks all go through :func:`run` (one replication,
as a Mesa model) or :func:`run_batch` (many replications as one array program; each
replication gives exactly what :func:`run` gives for its seed).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from tqdm import tqdm

from govsim import DEFAULT_STEPS
from govsim.designs import resolve, to_dict
from govsim.designs.spec import Design, Scenario
from govsim.errors import GovsimError
from govsim.model import GovernanceModel, IssueCycle, issue_frame, summarise
from govsim.provenance import provenance
from govsim.rng import SeedLike

__all__ = ["RunResult", "run", "run_batch"]


def _seed_label(seed: SeedLike) -> Any:
    """A JSON-able record of a seed: the int, or a SeedSequence's entropy and spawn key."""
    if isinstance(seed, np.random.SeedSequence):
        return {"entropy": seed.entropy, "spawn_key": list(seed.spawn_key)}
    return seed


@dataclass(frozen=True)
class RunResult:
    """What one replication produced, with the spec and seed that produced it.

    Attributes
    ----------
    summary
        One row: design, scenario, seed, steps and every run-level metric.
    issues
        One row per issue (see ``docs/model.md`` for the columns).
    design, scenario, seed
        The fully resolved specs and the seed.
    """

    summary: pd.DataFrame
    issues: pd.DataFrame
    design: Design
    scenario: Scenario
    seed: Any

    @property
    def metrics(self) -> dict[str, Any]:
        """The summary's metrics as a plain dict (no identification columns)."""
        row = self.summary.iloc[0].to_dict()
        return {str(k): _plain(v) for k, v in row.items() if k not in _IDENTITY}

    def spec(self) -> dict[str, Any]:
        """Resolved design, scenario and seed, JSON-serialisable."""
        return {
            "design": to_dict(self.design),
            "scenario": to_dict(self.scenario),
            "seed": _seed_label(self.seed),
            "steps": int(self.summary["steps"].iloc[0]),
        }

    def save(self, out: Path | str) -> list[Path]:
        """Write ``issues.parquet``, ``summary.parquet`` and ``run.json`` to ``out``.

        ``run.json`` holds the resolved spec, the seed, the metrics and the package
        versions, so the run can be reproduced from it.
        """
        out = Path(out)
        try:
            out.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise GovsimError(f"cannot create output directory: {error.strerror}") from None
        paths = [out / "issues.parquet", out / "summary.parquet", out / "run.json"]
        content = self.spec() | {"metrics": self.metrics, "provenance": provenance()}
        try:
            self.issues.to_parquet(paths[0], index=False)
            self.summary.to_parquet(paths[1], index=False)
            paths[2].write_text(json.dumps(content, indent=2, default=_plain) + "\n")
        except OSError as error:
            raise GovsimError(f"cannot write results to {out}: {error}") from None
        return paths


_IDENTITY = ("design", "scenario", "seed", "steps")


def _plain(value: Any) -> Any:
    """Numpy scalars and NaN as JSON-friendly Python values."""
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and not np.isfinite(value):
        return None
    return value


def _result(cycle: IssueCycle, b: int, seed: SeedLike, steps: int) -> RunResult:
    identity = {
        "design": cycle.design.name,
        "scenario": cycle.scenario.name,
        "seed": json.dumps(_seed_label(seed)) if not isinstance(seed, int) else seed,
        "steps": steps,
    }
    issues = issue_frame(cycle, b)
    summary = pd.DataFrame([identity | summarise(cycle, b, issues)])
    return RunResult(summary, issues, cycle.design, cycle.scenario, seed)


def _check_steps(steps: int) -> int:
    if isinstance(steps, bool) or not isinstance(steps, int | np.integer) or steps < 1:
        raise GovsimError(f"steps must be a whole number of issues >= 1; found {steps!r}")
    return int(steps)


def _check_seed(seed: SeedLike) -> int | np.random.SeedSequence:
    """An int >= 0 or a SeedSequence; numpy integers become ints."""
    if isinstance(seed, np.random.SeedSequence):
        return seed
    if isinstance(seed, bool) or not isinstance(seed, int | np.integer):
        raise GovsimError(f"seed must be an integer >= 0 or a SeedSequence; found {seed!r}")
    if seed < 0:
        raise GovsimError(f"seed must be an integer >= 0; found {seed}")
    return int(seed)


def run(
    design: Design | str,
    scenario: Scenario | str | None = None,
    *,
    steps: int = DEFAULT_STEPS,
    seed: SeedLike = 0,
    overrides: Sequence[str | tuple[str, Any]] = (),
    progress: bool = False,
) -> RunResult:
    """Run one replication of ``design`` in ``scenario`` for ``steps`` issues.

    Parameters
    ----------
    design
        A :class:`~govsim.designs.Design`, a built-in name (``govsim designs``) or a
        path to a TOML file.
    scenario
        A :class:`~govsim.designs.Scenario`, name or path; None: the design's own.
    steps
        Number of issues.
    seed
        An int or :class:`numpy.random.SeedSequence`. The same spec and seed give
        identical results; different seeds differ.
    overrides
        ``"key.path=value"`` changes, as the CLI's ``--set``.
    progress
        Show a progress bar on stderr (only when it is a terminal).

    Returns
    -------
    RunResult
        ``summary`` (one row) and ``issues`` (one row per issue).

    Examples
    --------
    >>> result = run("gnso-council", steps=20, seed=1)
    >>> result.metrics["issues"], result.seed
    (20, 1)
    >>> len(result.issues)
    20
    """
    steps, seed = _check_steps(steps), _check_seed(seed)
    model = GovernanceModel(design, scenario, seed=seed, overrides=overrides)
    bar = tqdm(
        total=steps, unit="issue", desc=model.design.name, disable=None if progress else True
    )
    with bar:
        for _ in range(steps):
            # The cycle alone: the result is built from its records, so the model's
            # DataCollector table (about a tenth of a run) would be thrown away.
            model.cycle.step()
            bar.update()
    return _result(model.cycle, 0, seed, steps)


def run_batch(
    design: Design | str,
    scenario: Scenario | str | None = None,
    *,
    steps: int = DEFAULT_STEPS,
    seeds: Sequence[SeedLike],
    overrides: Sequence[str | tuple[str, Any]] = (),
) -> list[RunResult]:
    """Run one replication per seed as one array program.

    Each result equals ``run(design, scenario, steps=steps, seed=seed)`` for its seed,
    whatever the batch; batching only amortises the per-issue overhead.
    """
    steps = _check_steps(steps)
    seeds = [_check_seed(seed) for seed in seeds]
    if not seeds:
        raise GovsimError("run_batch needs at least one seed")
    design, scenario = resolve(design, scenario, overrides)
    cycle = IssueCycle(design, scenario, list(seeds))
    for _ in range(steps):
        cycle.step()
    return [_result(cycle, b, seed, steps) for b, seed in enumerate(seeds)]
