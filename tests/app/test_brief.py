"""``govsim brief``: the committed study folders (and a discovery) as HTML and PDF.

The HTML is loaded in headless Chromium (Debian's ``chromium``, driven by Playwright)
to check that every image loads; the PDF's text (``pdftotext``, from poppler-utils)
must hold every number of the comparison tables. CI installs both (``.ci/run``); on a
machine without them those checks are skipped, and in CI (``CI`` set) they fail.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections import Counter
from html import unescape
from pathlib import Path

import pandas as pd
import pytest

from govsim.app.brief import MAX_METRICS, brief, number
from govsim.app.discover import discover_sweep
from govsim.cli import main
from govsim.sweeps import experiment_from_dict, sweep

ROOT = Path(__file__).resolve().parents[2]
STUDIES = [ROOT / "results" / "rules", ROOT / "results" / "gnso_7_over_14"]


def _need(tool: str) -> str:
    found = shutil.which(tool)
    if found is None:
        message = f"{tool} is not installed (apt-get install chromium poppler-utils)"
        if os.environ.get("CI"):
            pytest.fail(message + "; CI must install it")
        pytest.skip(message)
    return found


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory, monkeypatch_module):
    """A brief of the two committed studies and a function sweep with a discovery."""
    monkeypatch_module.chdir(ROOT)  # manifests name the experiment files from here
    planted = tmp_path_factory.mktemp("planted")
    experiment = experiment_from_dict(
        {
            "experiment": {"function": "tests.app.planted:box", "replications": 1, "seed": 3},
            "sampler": {"method": "latin-hypercube", "samples": 600},
            "factors": {f"x{k}": {"range": [0.0, 1.0]} for k in (1, 2, 3)},
        },
        name="planted",
    )
    sweep(experiment, planted, backend_name="serial", progress=False)
    discover_sweep(planted, "y", above=0.5, threshold_density=0.9, max_boxes=1)
    out = tmp_path_factory.mktemp("brief")
    return brief([*STUDIES, planted], out), out


@pytest.fixture(scope="module")
def monkeypatch_module():
    with pytest.MonkeyPatch.context() as patch:
        yield patch


def test_the_brief_has_every_part(made) -> None:
    report, out = made
    assert report.html == out / "brief.html" and report.pdf.read_bytes().startswith(b"%PDF")
    html = unescape(report.html.read_text())
    rules, gnso, planted = report.studies
    # The question is the experiment file's first comment paragraph.
    for study in (rules, gnso):
        first = (ROOT / "experiments" / f"{study.name}.toml").read_text().splitlines()[0]
        assert study.question.startswith(first.lstrip("# ")), study.question
    for study in (rules, gnso):
        assert study.question in html
        assert len(study.figures) >= 1 and all(f["caption"] for f in study.figures)
        # Every design is named with its source (its file is read from experiments/).
        assert all(d["source"] and d["rule"] for d in study.designs), study.designs
    assert "ICANN Bylaws §11.3(h)-(i)" in html
    assert planted.discoveries and planted.discoveries[0]["boxes"][0]["limits"][0].startswith(
        "x1 from 0.2"
    )
    for part in ("Method", "Limitations", "Provenance", "common random numbers", "base seed"):
        assert part in html
    assert "One design only" in html  # the function sweep has no comparison


def test_the_comparison_rows_are_the_analysis_tables(made) -> None:
    report, _ = made
    for study, folder in zip(report.studies, STUDIES, strict=False):
        table = pd.read_csv(folder / "analysis" / "comparison.csv")
        metrics = list(dict.fromkeys(table["metric"]))
        shown = table[table["metric"].isin(metrics[:MAX_METRICS])]
        assert len(study.comparison) == len(shown) > 0
        for row, (_, expected) in zip(study.comparison, shown.iterrows(), strict=True):
            assert (row["a"], row["b"]) == (expected["design_a"], expected["design_b"])
            assert row["difference"] == number(expected["difference"])
            assert (row["low"], row["high"]) == (
                number(expected["ci_low"]),
                number(expected["ci_high"]),
            )
            side = (
                "higher" if expected["ci_low"] > 0 else "lower" if expected["ci_high"] < 0 else None
            )
            assert (side in row["words"]) if side else "no clear difference" in row["words"]


def test_every_image_loads_in_headless_chromium(made) -> None:
    chromium = _need("chromium")  # the one found is the one launched
    sync_playwright = pytest.importorskip("playwright.sync_api").sync_playwright
    report, _ = made
    expected = len(re.findall(r"<img ", report.html.read_text()))
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        page = browser.new_page()
        page.goto(report.html.as_uri(), wait_until="load")
        images = page.evaluate(
            "Array.from(document.images).map(i => [i.getAttribute('src'), i.complete, "
            "i.naturalWidth])"
        )
        browser.close()
    assert len(images) == expected >= 5
    missing = [src for src, complete, width in images if not (complete and width > 0)]
    assert not missing, f"images that did not load: {missing}"


def test_the_pdf_text_has_every_number_of_the_comparison_tables(made) -> None:
    pdftotext = _need("pdftotext")
    report, _ = made
    text = subprocess.run(
        [pdftotext, str(report.pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    found = Counter(re.findall(r"-?\d[\d.e+-]*", text))
    wanted = Counter(
        row[key]
        for study in report.studies
        for row in study.comparison
        for key in ("mean_a", "mean_b", "difference", "low", "high")
    )
    assert sum(wanted.values()) > 50
    short = {n: c for n, c in wanted.items() if found[n] < c}
    assert not short, f"numbers missing from the PDF (number: times wanted): {short}"


def test_words_and_numbers() -> None:
    assert number(-0.0017512) == "-0.00175" and number(float("inf")) == "n/a"


def test_bad_input_is_one_line(tmp_path: Path, capsys) -> None:
    assert main(["brief", str(tmp_path), "--out", str(tmp_path / "b")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "not a sweep folder" in err
    with pytest.raises(SystemExit) as exit_:
        main(["brief", str(tmp_path)])
    assert exit_.value.code == 2
    assert "the following arguments are required: --out" in capsys.readouterr().err
