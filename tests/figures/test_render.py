"""``govsim figures``: every flagship experiment, at a tiny size, gets the figures that
fit its data, each as a vector PDF, a PNG and a caption that says where it came from."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from govsim import __version__
from govsim.figures.render import render
from govsim.sweeps import load_experiment, sweep
from tests.figures.checks import assert_vector_pdf

EXPERIMENTS = Path(__file__).resolve().parents[2] / "experiments"
SINGLE_RUN = {"positions-over-issues", "positions-over-rounds", "network"}
EXPECTED = {
    "rules": {"comparison", "sector-power"} | SINGLE_RUN,
    "gnso_7_over_14": {"comparison", "sector-power", "over-factor", "seven-over-fourteen"}
    | SINGLE_RUN,
    "tutorial": {"comparison", "sector-power", "over-factor", "seven-over-fourteen"} | SINGLE_RUN,
    "inclusion": {
        f"heatmap-{metric}-segregation-{level}"
        for metric in ("welfare", "minority_loss")
        for level in (0, 1)
    }
    | SINGLE_RUN,
    "regions": {"comparison", "regions"} | SINGLE_RUN,
    "crisis": {"comparison", "over-issues-engagement", "over-issues-welfare"} | SINGLE_RUN,
    "sensitivity": {"sensitivity"} | SINGLE_RUN,
}


def tiny_sweep(name: str, out: Path) -> Path:
    experiment = load_experiment(EXPERIMENTS / f"{name}.toml")
    sampler = experiment.sampler
    if sampler.samples:
        sampler = replace(sampler, samples=4)
    tiny = replace(experiment, steps=12, replications=2, sampler=sampler)
    sweep(tiny, out, backend_name="serial", progress=False)
    return out


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_figure_that_fits_is_drawn_with_its_caption(name: str, tmp_path: Path) -> None:
    folder = tiny_sweep(name, tmp_path / name)
    written = render(folder)
    stems = {path.stem for path in written}
    assert stems == EXPECTED[name]
    manifest = json.loads((folder / "manifest.json").read_text())
    for stem in stems:
        pdf, png, txt = (folder / "figures" / f"{stem}.{kind}" for kind in ("pdf", "png", "txt"))
        assert_vector_pdf(pdf)
        assert png.stat().st_size > 1000
        text = txt.read_text()
        assert f"Experiment: {name} " in text
        assert f"of {manifest['runs']} (" in text
        assert f"SeedSequence({manifest['experiment']['seed']}, spawn_key=(1, r))" in text
        assert f"govsim {__version__}" in text
    # Rendering again gives the same files: figures are a function of the data.
    pdfs = {p: p.read_bytes() for p in written if p.suffix == ".pdf"}
    render(folder)
    assert all(p.read_bytes() == data for p, data in pdfs.items())
