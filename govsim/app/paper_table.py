"""Paper tables: each metric's "mean [95% CI]", one row per design and factor setting.

``govsim analyze FOLDER --paper`` turns the long ``summary`` table into the wide table a
paper shows, and writes it as CSV, Markdown and LaTeX (booktabs) to
``FOLDER/analysis/paper.*``, with its caption and provenance in ``paper.txt`` (and as
the LaTeX table's caption and comments).
"""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd

from govsim.app.sweep_figures import Sweep, caption, sweep_of
from govsim.sweeps import markdown
from govsim.sweeps.store import write_atomic

__all__ = ["paper_table", "write_paper_tables"]

_STATS = ("metric", "n", "mean", "sd", "ci_low", "ci_high")
_LATEX = {c: f"\\{c}" for c in "&%$#_{}"} | {"~": r"\textasciitilde{}", "^": r"\^{}"}


def _cell(mean: float, low: float, high: float, digits: int) -> str:
    if math.isnan(mean):
        return ""
    if math.isnan(low) or math.isnan(high):  # fewer than two values: no interval
        return f"{mean:.{digits}f}"
    return f"{mean:.{digits}f} [{low:.{digits}f}, {high:.{digits}f}]"


def paper_table(summary: pd.DataFrame, digits: int = 3) -> pd.DataFrame:
    """The wide "mean [CI]" table of a long summary table.

    Parameters
    ----------
    summary
        A :func:`govsim.sweeps.summary_table`: ``design, *factors, metric, n, mean, sd,
        ci_low, ci_high``.
    digits
        Decimals of every number.

    Returns
    -------
    pandas.DataFrame
        One row per design and factor setting (in the summary's order), then one
        column per metric holding ``"mean [ci_low, ci_high]"`` as text; only the mean
        where the interval is undefined, empty where the mean is.

    Examples
    --------
    >>> summary = pd.DataFrame({"design": ["a", "a"], "metric": ["welfare", "pass_rate"],
    ...     "n": [50, 50], "mean": [-0.2533, 0.6], "sd": [0.1, 0.1],
    ...     "ci_low": [-0.26, 0.55], "ci_high": [-0.247, 0.65]})
    >>> paper_table(summary).to_dict("records")
    [{'design': 'a', 'welfare': '-0.253 [-0.260, -0.247]', 'pass_rate': '0.600 [0.550, 0.650]'}]
    """
    keys = [c for c in summary.columns if c not in _STATS]
    cells = summary.assign(
        cell=[
            _cell(m, lo, hi, digits)
            for m, lo, hi in zip(
                summary["mean"], summary["ci_low"], summary["ci_high"], strict=True
            )
        ]
    )
    table = summary[keys].drop_duplicates().reset_index(drop=True)
    for metric in dict.fromkeys(summary["metric"]):
        column = cells.loc[cells["metric"] == metric, [*keys, "cell"]]
        table = table.merge(column.rename(columns={"cell": metric}), on=keys, how="left")
    return table.fillna("")


def _latex_text(value: object) -> str:
    text = "".join(_LATEX.get(c, c) for c in str(value))
    return text.replace("-", "$-$") if text[:1] in "-0123456789" else text


def latex(table: pd.DataFrame, caption_text: str, provenance: str) -> str:
    r"""``table`` as a LaTeX booktabs table (needs ``\usepackage{booktabs}``)."""
    lines = [f"% {line}".rstrip() for line in provenance.splitlines()]
    lines += [
        r"\begin{table}",
        r"\centering",
        rf"\caption{{{_latex_text(caption_text)}}}",
        rf"\begin{{tabular}}{{{'l' * len(table.columns)}}}",
        r"\toprule",
        " & ".join(_latex_text(c) for c in table.columns) + r" \\",
        r"\midrule",
    ]
    lines += [" & ".join(_latex_text(v) for v in row) + r" \\" for row in table.itertuples(False)]
    lines += [r"\bottomrule", r"\end{tabular}", r"\end{table}"]
    return "\n".join(lines) + "\n"


def write_paper_tables(
    folder: Path | str, summary: pd.DataFrame, confidence: float = 0.95, digits: int = 3
) -> list[Path]:
    """Write the paper table of ``summary`` beside the sweep in ``folder``.

    Returns
    -------
    list of Path
        ``analysis/paper.csv``, ``paper.md``, ``paper.tex`` and the caption ``paper.txt``
        (what the table shows, then the experiment, runs, seeds and versions).
    """
    sweep: Sweep = sweep_of(folder)
    table = paper_table(summary, digits)
    what = (
        f"Mean [{confidence:.0%} confidence interval] of each metric over the replications, "
        "per design and factor setting."
    )
    text = caption(sweep, what)
    provenance = text.split("\n", 2)[2]
    out = Path(folder) / "analysis"
    out.mkdir(exist_ok=True)
    contents = {
        "csv": table.to_csv(index=False),
        "md": markdown(table) + "\n",
        "tex": latex(table, what, provenance),
        "txt": text + "\n",
    }
    paths = []
    for kind, content in contents.items():
        path = out / f"paper.{kind}"
        write_atomic(path, lambda p, c=content: p.write_text(c))
        paths.append(path)
    return paths
