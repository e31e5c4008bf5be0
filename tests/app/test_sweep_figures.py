"""``govsim figures``: every flagship experiment, at a tiny size, gets the figures that
fit its data, each as a vector PDF, a PNG and a caption that says where it came from."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pandas as pd
import pytest

from govsim import __version__
from govsim.app import sweep_figures as render_module
from govsim.app.sweep_figures import FigureSkipped, render
from govsim.cli import main
from govsim.figures.style import save_figure
from govsim.sweeps import load_experiment, sweep
from tests.figures.checks import assert_no_overlapping_text, assert_vector_pdf

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
def test_every_figure_that_fits_is_drawn_with_its_caption(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tiny_sweep(name, tmp_path / name)

    def checked_save(fig, stem, caption=None):
        assert_no_overlapping_text(fig)
        return save_figure(fig, stem, caption=caption)

    monkeypatch.setattr(render_module, "save_figure", checked_save)
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


def test_an_unfinished_sweep_is_drawn_and_says_so(tmp_path: Path) -> None:
    folder = tiny_sweep("crisis", tmp_path / "crisis")
    manifest = json.loads((folder / "manifest.json").read_text())
    for key in ("finished", "ok", "failed"):
        manifest.pop(key)  # as a sweep killed before its end leaves it
    (folder / "manifest.json").write_text(json.dumps(manifest))
    written = render(folder)
    caption = (folder / "figures" / "comparison.txt").read_text()
    assert "The sweep is unfinished: rerun it with --resume." in caption
    assert any(p.name == "network.pdf" for p in written)


def test_single_run_figures_show_a_design_with_an_ok_run(tmp_path: Path) -> None:
    folder = tiny_sweep("crisis", tmp_path / "crisis")
    for chunk in (folder / "runs").glob("chunk-*.parquet"):
        table = pd.read_parquet(chunk)
        first = table["design"] == "crisis-mobilisation"
        table.loc[first, "status"] = "failed"
        table.to_parquet(chunk, index=False)
    render(folder)
    caption = (folder / "figures" / "network.txt").read_text()
    assert "top-down-ministry, seed" in caption.splitlines()[0]


def test_single_run_figures_are_skipped_when_a_design_changed(tmp_path: Path) -> None:
    design = tmp_path / "mine.toml"
    design.write_text('[design]\nextends = "ietf-wg"\nname = "mine"\n')
    spec = tmp_path / "x.toml"
    spec.write_text(
        '[experiment]\ndesigns = ["mine.toml", "ietf-wg"]\nsteps = 4\nreplications = 2\n'
    )
    sweep(load_experiment(spec), tmp_path / "out", backend_name="serial", progress=False)
    design.write_text('[design]\nextends = "ietf-wg"\nname = "mine"\nattendance = 0.5\n')
    with pytest.warns(FigureSkipped, match="changed since the sweep ran") as skipped:
        stems = {p.stem for p in render(tmp_path / "out", experiment=load_experiment(spec))}
    assert "comparison" in stems and not stems & SINGLE_RUN
    assert {str(w.message).split(":")[0] for w in skipped} == {
        "skipped positions",
        "skipped network",
    }


def test_the_command_prints_each_skipped_figure_on_one_line(tmp_path: Path, capsys) -> None:
    design = tmp_path / "mine.toml"
    design.write_text('[design]\nextends = "ietf-wg"\nname = "mine"\n')
    spec = tmp_path / "x.toml"
    spec.write_text('[experiment]\ndesigns = ["mine.toml"]\nsteps = 4\nreplications = 2\n')
    sweep(load_experiment(spec), tmp_path / "out", backend_name="serial", progress=False)
    design.unlink()  # the single runs cannot be re-run
    assert main(["figures", str(tmp_path / "out"), "--quiet"]) == 0
    err = capsys.readouterr().err.splitlines()
    assert [line.split(":")[:2] for line in err] == [
        ["govsim figures", " skipped positions"],
        ["govsim figures", " skipped network"],
    ]


def test_a_sensitivity_sweep_of_two_designs_gets_a_figure_each(tmp_path: Path) -> None:
    spec = tmp_path / "s.toml"
    spec.write_text(
        '[experiment]\ndesigns = ["gnso-council", "netmundial"]\nsteps = 4\nreplications = 1\n'
        'metrics = ["welfare"]\n[sampler]\nmethod = "sobol"\nsamples = 4\n[factors]\n'
        '"scenario.polarisation" = { range = [0.0, 1.0] }\n'
        '"deliberation.segregation" = { range = [0.0, 1.0] }\n'
    )
    sweep(load_experiment(spec), tmp_path / "out", backend_name="serial", progress=False)
    stems = {p.stem for p in render(tmp_path / "out")}
    assert {"sensitivity-gnso-council", "sensitivity-netmundial"} <= stems


def test_an_open_assembly_beside_the_gnso_council_has_no_power_row(tmp_path: Path) -> None:
    spec = tmp_path / "open.toml"
    spec.write_text(
        '[experiment]\ndesigns = ["gnso-council", "ietf-wg"]\nsteps = 4\nreplications = 2\n'
        'metrics = ["welfare", "seat_counter_majoritarian_rate"]\n'
    )
    sweep(load_experiment(spec), tmp_path / "out", backend_name="serial", progress=False)
    assert "seven-over-fourteen" in {p.stem for p in render(tmp_path / "out")}


def test_a_sweep_without_an_ok_run_is_one_line(tmp_path: Path, capsys) -> None:
    folder = tiny_sweep("crisis", tmp_path / "crisis")
    for chunk in (folder / "runs").glob("chunk-*.parquet"):
        pd.read_parquet(chunk).assign(status="failed").to_parquet(chunk, index=False)
    assert main(["figures", str(folder)]) == 2
    err = capsys.readouterr().err
    assert "no run of the sweep is ok" in err and err.count("\n") == 1


def test_the_outcome_figures_draw_every_metric_the_experiment_lists(tmp_path: Path) -> None:
    folder = tiny_sweep("rules", tmp_path / "rules")
    experiment = load_experiment(EXPERIMENTS / "rules.toml")
    render(folder)
    text = (folder / "figures" / "comparison.txt").read_text()
    drawn = text.split("Metrics drawn: ", 1)[1].split(".", 1)[0].split(", ")
    labels = ["minority_group", "captured_by"]  # no mean to draw, and the caption says so
    assert drawn == [m for m in experiment.metrics if m not in labels]  # in the file's order
    assert f"Not drawn (labels, not numbers): {', '.join(labels)}." in text


def test_figures_metrics_chooses_the_panels_and_rejects_unknown_ones(
    tmp_path: Path, capsys
) -> None:
    folder = tiny_sweep("gnso_7_over_14", tmp_path / "seven")
    render(folder, metrics=["pass_rate", "minority_group", "welfare"])
    text = (folder / "figures" / "comparison.txt").read_text()
    assert "Metrics drawn: pass_rate, welfare." in text
    assert "Not drawn (labels, not numbers): minority_group." in text
    assert main(["figures", str(folder), "--metrics", "pass_rate,nonsense"]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "nonsense" in err and "--metrics" in err
