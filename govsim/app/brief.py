"""``govsim brief``: a policy brief from one or more study folders, as HTML and PDF.

A study folder is what ``govsim study`` writes (``manifest.json``, ``analysis/``,
``figures/``, and ``discovery/`` where ``govsim discover`` ran); the raw runs are not
needed. For each study the brief gives the question (the first paragraph of the
experiment file's leading comment, else its description), the designs compared with
their sources, the key figures, the comparison table with 95% intervals in plain
words, the scenario-discovery boxes, the method, limitations and provenance.

The page is a Jinja2 template (``govsim/app/templates/brief.html.j2`` and its
stylesheet), rendered to ``OUT/brief.html`` with its images linked where they are,
then to ``OUT/brief.pdf`` by WeasyPrint from the same HTML.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from govsim.errors import GovsimError
from govsim.figures.compare import COMPARISON_METRICS
from govsim.figures.labels import METRIC_LABELS, factor_label, metric_label
from govsim.model import METRICS
from govsim.provenance import provenance
from govsim.sweeps.experiment import experiment_from_record
from govsim.sweeps.store import Store, write_atomic

__all__ = ["BriefReport", "Study", "brief", "number", "read_study"]

#: The figures a brief shows per study, in order of preference (glob patterns of
#: ``figures/<stem>.png``), and how many at most.
KEY_FIGURES = (
    "seven-over-fourteen",
    "regions",
    "comparison",
    "over-factor",
    "heatmap-*",
    "over-issues-*",
    "sensitivity*",
)
MAX_FIGURES = 3
#: Metrics a comparison table shows by default, at most.
MAX_METRICS = 6
#: The comparison table's confidence level (``govsim analyze``'s default).
CONFIDENCE = "95%"


def number(value: Any) -> str:
    """A number as the brief prints it: three significant digits.

    Examples
    --------
    >>> number(0.27433), number(-0.0017512), number(1234.5), number(float("nan"))
    ('0.274', '-0.00175', '1.23e+03', 'n/a')
    """
    value = float(value)
    return "n/a" if not np.isfinite(value) else f"{value:.3g}"


def _locate(recorded: str | None) -> Path | None:
    """A recorded path, or the longest tail of it that exists from here.

    Manifests keep the absolute paths of the machine that ran the sweep; in a fresh
    clone the same files lie under another root.
    """
    if not recorded:
        return None
    path = Path(recorded)
    for k in range(len(path.parts)):
        candidate = Path(*path.parts[k:])
        if candidate.is_file():
            return candidate
    return None


def _question(source: str | None, description: str) -> str:
    """The experiment file's first comment paragraph, else its description."""
    path = _locate(source)
    if path is None:
        return description
    lines = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("#") or not line.strip("# "):
            break
        lines.append(line.lstrip("#").strip())
    return " ".join(lines) or description


def _design(name: str, source: str) -> dict[str, str]:
    """A design's description, source and rule, as far as its file can still be read."""
    from govsim.designs import resolve

    where = source if "/" not in source and not source.endswith(".toml") else _locate(source)
    if where is None:
        return {"name": name, "where": source, "description": "", "source": "", "rule": ""}
    try:
        design, _ = resolve(str(where))
    except GovsimError:
        return {"name": name, "where": str(where), "description": "", "source": "", "rule": ""}
    params = ", ".join(f"{k} = {v}" for k, v in design.rule.params)
    return {
        "name": name,
        "where": "built-in" if where == source and "/" not in source else str(where),
        "description": design.description,
        "source": design.source,
        "rule": design.rule.name + (f" ({params})" if params else ""),
    }


def _words(row: pd.Series) -> str:
    """A paired difference and its interval in plain words."""
    a, b = row["design_a"], row["design_b"]
    low, high, d = row["ci_low"], row["ci_high"], row["difference"]
    if not (np.isfinite(low) and np.isfinite(high)):
        return f"{b} and {a}: no interval (too few replications, or every difference equal)"
    interval = f"{CONFIDENCE} interval {number(low)} to {number(high)}"
    if low > 0 or high < 0:
        side = "higher" if low > 0 else "lower"
        return f"{b} is {side} than {a} by {number(abs(d))} ({interval})"
    return f"no clear difference between {b} and {a} ({interval}, which includes 0)"


def _comparison(folder: Path, metrics: Sequence[str]) -> tuple[list[dict[str, str]], str]:
    """The comparison table's rows, and a note when there is none."""
    path = folder / "analysis" / "comparison.csv"
    if not path.is_file():
        return [], "One design only: no paired comparison (see the figures)."
    table = pd.read_csv(path)
    table = table[table["metric"].isin(metrics)] if metrics else table
    rows = [
        {
            "metric": metric_label(str(row["metric"])),
            "a": str(row["design_a"]),
            "mean_a": number(row["mean_a"]),
            "b": str(row["design_b"]),
            "mean_b": number(row["mean_b"]),
            "difference": number(row["difference"]),
            "low": number(row["ci_low"]),
            "high": number(row["ci_high"]),
            "n": str(int(row["n"])),
            "words": _words(row),
        }
        for _, row in table.iterrows()
    ]
    return rows, "" if rows else "None of the chosen metrics is in the comparison table."


def _figures(folder: Path, out: Path) -> list[dict[str, str]]:
    """The key figures: image paths relative to ``out``, and each caption's first part."""
    found: list[Path] = []
    for pattern in KEY_FIGURES:
        found += [p for p in sorted((folder / "figures").glob(f"{pattern}.png")) if p not in found]
    return [_figure(path, out) for path in found[:MAX_FIGURES]]


def _figure(png: Path, out: Path) -> dict[str, str]:
    caption = png.with_suffix(".txt")
    text = caption.read_text(encoding="utf-8").split("\n\n")[0] if caption.is_file() else ""
    return {"src": Path(_relative(png, out)).as_posix(), "caption": text.strip()}


def _relative(path: Path, start: Path) -> str:
    import os

    return os.path.relpath(path.resolve(), start.resolve())


def _limits_text(limits: dict[str, list[Any]], ranges: dict[str, list[Any]]) -> list[str]:
    texts = []
    for factor, limit in limits.items():
        full = ranges.get(factor, [])
        name = factor_label(factor)
        if len(limit) == 2 and all(isinstance(v, int | float) for v in limit):
            low, high = limit
            if full and low == full[0]:
                texts.append(f"{name} at most {number(high)}")
            elif full and high == full[1]:
                texts.append(f"{name} at least {number(low)}")
            else:
                texts.append(f"{name} from {number(low)} to {number(high)}")
        else:
            texts.append(f"{name} is {' or '.join(map(str, limit))}")
    return texts or ["no restriction"]


def _discoveries(folder: Path, out: Path) -> list[dict[str, Any]]:
    """Every ``discovery/*/discovery.json`` of the study, ready for the template."""
    found = []
    for record_path in sorted((folder / "discovery").glob("*/discovery.json")):
        record = json.loads(record_path.read_text(encoding="utf-8"))
        boxes = [
            {
                "limits": _limits_text(box["limits"], record.get("ranges", {})),
                "coverage": number(box["coverage"]),
                "density": number(box["density"]),
                "mass": number(box["mass"]),
                "low_density": box["low_density"],
            }
            for box in record["boxes"]
        ]
        pictures = [
            _figure(record_path.parent / f"{stem}.png", out)
            for stem in ("box-limits", "peeling-trajectory")
            if (record_path.parent / f"{stem}.png").is_file()
        ]
        found.append(
            {
                "question": record["question"],
                "units": record["units"],
                "cases": record["cases"],
                "threshold": number(record["threshold_density"]),
                "boxes": boxes,
                "scores": [
                    {"factor": factor_label(f), "score": number(s)}
                    for f, s in list(record["scores"].items())[:5]
                ],
                "figures": pictures,
            }
        )
    return found


@dataclass(frozen=True)
class Study:
    """What a brief says about one study folder (see :func:`read_study`)."""

    name: str
    folder: str
    question: str
    description: str
    designs: list[dict[str, str]]
    figures: list[dict[str, str]]
    comparison: list[dict[str, str]]
    comparison_note: str
    discoveries: list[dict[str, Any]]
    method: str
    limitations: list[str]
    provenance: dict[str, Any] = field(default_factory=dict)


def _method(manifest: dict[str, Any], designs: list[dict[str, str]]) -> str:
    e = manifest["experiment"]
    rules = "; ".join(f"{d['name']}: {d['rule'] or 'rule not readable'}" for d in designs)
    points = manifest["points"]
    what = (
        "runs of a Python function"
        if e.get("function")
        else (f"runs of the govsim agent-based model, {e['steps']} issues each")
    )
    return (
        f"{manifest['runs']} {what}: {points} point{'s' if points != 1 else ''} of the "
        f"factor space ({e['sampler']['method']} sampler) x {len(designs)} design"
        f"{'s' if len(designs) != 1 else ''} x {manifest['replications']} replications "
        f"({manifest.get('ok', '?')} ok, {manifest.get('failed', '?')} failed). Decision "
        f"rules: {rules}. Replicate r has the same seed under every design and at every "
        f"point (common random numbers; base seed {e['seed']}, replicate r seeded by "
        f"numpy SeedSequence({e['seed']}, spawn_key=(1, r))), so designs are compared "
        "pair by pair on the same seeds: each replicate's difference is averaged over "
        f"the points, and the {CONFIDENCE} interval is Student's t over the replicates."
    )


def read_study(folder: str | Path, out: str | Path, metrics: Sequence[str] = ()) -> Study:
    """Everything the brief shows about one study folder.

    Parameters
    ----------
    folder
        A study folder (``govsim study``): ``manifest.json``, ``analysis/``,
        ``figures/``, and ``discovery/`` if ``govsim discover`` ran.
    out
        The brief's folder: image paths are relative to it.
    metrics
        Metrics of the comparison table; empty: the first :data:`MAX_METRICS` of the
        experiment's own list (else of the main ones,
        :data:`govsim.figures.compare.COMPARISON_METRICS`) that are outcomes of the
        whole body (per-sector columns such as ``power_nomcom`` left out).

    Raises
    ------
    GovsimError
        ``folder`` is not a sweep folder.
    """
    folder, out = Path(folder), Path(out)
    manifest = Store(folder).manifest()
    experiment = experiment_from_record(manifest["experiment"])
    designs = [_design(name, source) for name, source in manifest["designs"].items()]
    # Numbers only: a label such as minority_group has no mean to compare.
    numeric = {m.label for m in METRICS.values() if m.per == "run" and m.kind is not str}
    whole = [
        m for m in experiment.metrics or COMPARISON_METRICS if m in METRIC_LABELS and m in numeric
    ]
    chosen = list(metrics) or whole[:MAX_METRICS]
    rows, note = _comparison(folder, chosen)
    limitations = []
    sample_file = Path(experiment.sampler.file or "").name
    if "illustrative" in sample_file:
        limitations.append(
            f"The inputs in {sample_file} are illustrative, not data: the results show "
            "what the model does with them, not what the places they name would do."
        )
    recorded = manifest.get("provenance", {})
    return Study(
        name=experiment.name,
        folder=str(folder),
        question=_question(experiment.source, experiment.description),
        description=experiment.description,
        designs=designs,
        figures=_figures(folder, out),
        comparison=rows,
        comparison_note=note,
        discoveries=_discoveries(folder, out),
        method=_method(manifest, designs),
        limitations=limitations,
        provenance={
            "govsim": recorded.get("versions", {}).get("govsim"),
            "commit": recorded.get("git_commit"),
            "python": recorded.get("python"),
            "versions": ", ".join(f"{k} {v}" for k, v in recorded.get("versions", {}).items() if v),
            "command": " ".join(recorded.get("command", [])),
            "created": recorded.get("created"),
            "seed": experiment.seed,
            "source": experiment.source,
        },
    )


@dataclass(frozen=True)
class BriefReport:
    """The files :func:`brief` wrote: ``brief.html`` and ``brief.pdf``."""

    html: Path
    pdf: Path
    studies: list[Study]

    def __str__(self) -> str:
        names = ", ".join(s.name for s in self.studies)
        return f"wrote {self.html} and {self.pdf} ({len(self.studies)} studies: {names})"


def _render(studies: list[Study], title: str) -> str:
    from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

    templates = files("govsim.app").joinpath("templates")
    environment = Environment(
        loader=FileSystemLoader(str(templates)),
        autoescape=select_autoescape(["html", "j2"]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return environment.get_template("brief.html.j2").render(
        title=title, studies=studies, made=provenance(), confidence=CONFIDENCE
    )


def _pdf(html: Path, pdf: Path) -> None:
    try:
        from weasyprint import HTML  # type: ignore[import-untyped]
    except OSError as error:  # WeasyPrint is installed, but not the Pango it loads
        raise GovsimError(
            f"{pdf}: expected WeasyPrint's system libraries (Pango 1.44 or later) to write "
            f"the PDF; found {str(error).splitlines()[0]} ({html} was written)"
        ) from None
    write_atomic(pdf, lambda p: HTML(filename=str(html)).write_pdf(str(p)))


def brief(
    studies: Sequence[str | Path],
    out: str | Path,
    *,
    title: str | None = None,
    metrics: Sequence[str] = (),
) -> BriefReport:
    """Write ``out/brief.html`` and ``out/brief.pdf`` for the study folders.

    Parameters
    ----------
    studies
        Study folders, in the order the brief shows them.
    out
        The brief's folder (created). The HTML links its images where they are (by
        paths relative to ``out``), so keep it beside the studies; the PDF holds them.
    title
        The brief's title; None: one naming the studies.
    metrics
        Metrics of the comparison tables (see :func:`read_study`).

    Returns
    -------
    BriefReport

    Raises
    ------
    GovsimError
        No study, a folder that is not a study, or the PDF cannot be written.
    """
    if not studies:
        raise GovsimError("studies: expected at least one study folder; found none")
    target = Path(out)
    target.mkdir(parents=True, exist_ok=True)
    read = [read_study(folder, target, metrics) for folder in studies]
    heading = title or "govsim policy brief: " + ", ".join(s.name for s in read)
    text = _render(read, heading)
    html, pdf = target / "brief.html", target / "brief.pdf"
    write_atomic(html, lambda p: p.write_text(text, encoding="utf-8"))
    _pdf(html, pdf)
    return BriefReport(html, pdf, read)
