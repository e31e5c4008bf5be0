"""Checks every figure test shares: files written, vector PDF, no overlapping text."""

from __future__ import annotations

import re
import zlib
from itertools import combinations
from pathlib import Path

from matplotlib.figure import Figure
from matplotlib.text import Text

from govsim import __version__
from govsim.figures import paper_style, save_figure

# Path construction operators of a PDF content stream (PDF 1.7, §8.5.2).
_PATH_OPERATOR = re.compile(rb"(?m)(?:^|\s)(?:m|l|c|re)\s*$")


def pdf_streams(path: Path) -> list[bytes]:
    """Every content stream of a matplotlib PDF, inflated."""
    data = path.read_bytes()
    streams = []
    for match in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", data, re.S):
        raw = match.group(1)
        try:
            streams.append(zlib.decompress(raw))
        except zlib.error:
            streams.append(raw)
    return streams


def assert_vector_pdf(path: Path, min_paths: int = 10) -> None:
    """The PDF draws with paths and embeds no raster image."""
    data = path.read_bytes()
    assert data.startswith(b"%PDF"), path
    assert b"/Subtype /Image" not in data, f"{path} embeds a raster image"
    paths = sum(len(_PATH_OPERATOR.findall(s)) for s in pdf_streams(path))
    assert paths >= min_paths, f"{path} has only {paths} path operators"


def visible_texts(fig: Figure) -> list[Text]:
    """Every non-empty, visible text artist of the figure (titles, labels, ticks, legends)."""
    return [
        t
        for t in fig.findobj(Text)
        if t.get_visible() and t.get_text().strip() and t.figure is not None
    ]


def assert_no_overlapping_text(fig: Figure) -> None:
    """No two visible texts of the drawn figure overlap (1-pixel tolerance)."""
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    boxes = [
        (t, t.get_window_extent(renderer).expanded(1.0, 1.0).shrunk(0.98, 0.9))
        for t in visible_texts(fig)
    ]
    for (a, box_a), (b, box_b) in combinations(boxes, 2):
        assert not box_a.overlaps(box_b), f"text {a.get_text()!r} overlaps {b.get_text()!r}"


def check_figure(fig: Figure, out: Path, name: str = "figure", caption: str = "a caption") -> None:
    """Save under the paper style and run every check on the files and the figure."""
    with paper_style():
        paths = save_figure(fig, out / name, caption=caption)
    for path in paths:
        assert path.stat().st_size > 0, path
    assert_vector_pdf(paths[0])
    assert paths[1].read_bytes().startswith(b"\x89PNG")
    assert paths[2].read_text().strip() == f"{caption}\n\nDrawn with govsim {__version__}."
    assert_no_overlapping_text(fig)
