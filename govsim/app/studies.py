"""A study: one experiment file in, its sweep, tables and figures out.

``govsim study experiments/rules.toml --out results`` runs the sweep into
``results/rules/`` (resuming it if it was interrupted), writes the analysis tables to
``results/rules/analysis/`` and the figures that fit the data to
``results/rules/figures/``. ``make run`` runs the flagship studies this way.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from govsim.app.sweep_figures import render
from govsim.errors import GovsimError
from govsim.sweeps import SweepMismatch, analyze, load_experiment, sweep
from govsim.sweeps.experiment import Experiment
from govsim.sweeps.store import Store

__all__ = ["StudyFolderTaken", "StudyReport", "load_studies", "study"]


class StudyFolderTaken(SweepMismatch):
    """The study's folder holds a sweep of a different experiment (``fresh`` replaces it)."""


@dataclass(frozen=True)
class StudyReport:
    """What :func:`study` made.

    Attributes
    ----------
    folder
        The study's folder: the sweep, ``analysis/`` and ``figures/``.
    runs, done, failed
        Runs in the sweep, runs this call computed, runs recorded as failed.
    seconds
        Wall time of the sweep in this call.
    tables, figures
        The files written to ``analysis/`` and ``figures/``.
    """

    folder: Path
    runs: int
    done: int
    failed: int
    seconds: float
    tables: list[Path]
    figures: list[Path]

    def __str__(self) -> str:
        figures = sorted({p.stem for p in self.figures})
        return (
            f"{self.folder}: {self.runs} runs ({self.done} run now, {self.failed} failed, "
            f"{self.seconds:.1f} s); {len(self.tables)} tables in {self.folder / 'analysis'}; "
            f"{len(figures)} figures (pdf, png, caption) in {self.folder / 'figures'}"
        )


def study(
    spec: str | Path | Experiment,
    out: str | Path = "results",
    *,
    full: bool = False,
    fresh: bool = False,
    backend_name: str = "process",
    workers: int | None = None,
    progress: bool = True,
) -> StudyReport:
    """Sweep an experiment file, then write its tables and figures.

    Parameters
    ----------
    spec
        An experiment file (see ``docs/sweeps.md``), or an experiment already loaded.
    out
        The parent folder; the study goes to ``out/<experiment name>``.
    full
        Use the file's ``[full]`` (paper-size) settings.
    fresh
        Delete an earlier sweep in the study's folder first. Without it, an earlier
        sweep of the same experiment is resumed (nothing is run twice) and one of a
        changed experiment is an error.
    backend_name, workers, progress
        As for :func:`govsim.sweep`.

    Returns
    -------
    StudyReport
        A function sweep (``experiment.function``) gets tables but no figures: there is
        no governance model to draw.

    Raises
    ------
    StudyFolderTaken
        Without ``fresh``: the folder holds a sweep of a different experiment.
    GovsimError
        The experiment file is invalid.
    """
    experiment = load_experiment(spec, full=full)
    folder = Path(out) / experiment.name
    try:
        report = sweep(
            experiment,
            folder,
            backend_name=backend_name,
            workers=workers,
            resume=Store(folder).exists(),
            fresh=fresh,
            progress=progress,
        )
    except SweepMismatch as error:
        raise StudyFolderTaken(str(error)) from None
    tables = analyze(folder)
    written = [folder / "analysis" / f"{name}.{kind}" for name in tables for kind in ("csv", "md")]
    figures = [] if experiment.function else render(folder, experiment=experiment)
    return StudyReport(
        folder, report.runs, report.done, report.failed, report.seconds, written, figures
    )


def load_studies(specs: Sequence[str | Path], *, full: bool = False) -> list[Experiment]:
    """Every experiment file of a batch, read and checked before anything runs.

    Raises
    ------
    GovsimError
        A file is invalid, or two experiments share a name (so one folder).
    """
    experiments = [load_experiment(spec, full=full) for spec in specs]
    seen: dict[str, str | None] = {}
    for experiment in experiments:
        if experiment.name in seen:
            raise GovsimError(
                f"experiments {seen[experiment.name]} and {experiment.source} are both named "
                f"{experiment.name!r}, so both would write to one folder; rename one "
                "([experiment] name)"
            )
        seen[experiment.name] = experiment.source
    return experiments
