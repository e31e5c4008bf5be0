"""One paper style for every govsim figure: Okabe–Ito colours, PDF plus PNG."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import matplotlib as mpl
from matplotlib.figure import Figure

__all__ = ["HATCHES", "OKABE_ITO", "paper_style", "save_figure"]

# Okabe & Ito (2008), "Color Universal Design": distinguishable with every common
# colour-vision deficiency. Black is left out: it is reserved for reference lines.
OKABE_ITO = (
    "#E69F00",  # orange
    "#56B4E9",  # sky blue
    "#009E73",  # bluish green
    "#F0E442",  # yellow
    "#0072B2",  # blue
    "#D55E00",  # vermillion
    "#CC79A7",  # reddish purple
)
# Hatches keep series apart in greyscale print, where some Okabe–Ito pairs merge.
HATCHES = ("", "//", "..", "xx", "\\\\", "++", "oo")

_RC = {
    "figure.dpi": 100,
    "savefig.dpi": 300,
    "savefig.bbox": "tight",
    "font.size": 9,
    "axes.titlesize": 10,
    "axes.labelsize": 9,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.prop_cycle": mpl.cycler(color=OKABE_ITO),
    "legend.frameon": False,
    "pdf.fonttype": 42,  # embed TrueType so text stays text in the PDF
    "hatch.linewidth": 0.6,
}


@contextmanager
def paper_style() -> Iterator[None]:
    """Apply the govsim paper style inside a ``with`` block."""
    with mpl.rc_context(_RC):
        yield


def save_figure(fig: Figure, stem: Path | str) -> list[Path]:
    """Write ``stem.pdf`` (vector) and ``stem.png`` (300 dpi); return both paths."""
    stem = Path(stem)
    stem.parent.mkdir(parents=True, exist_ok=True)
    paths = [stem.with_suffix(".pdf"), stem.with_suffix(".png")]
    # No creation date in the PDF, so the same data gives byte-identical files.
    fig.savefig(paths[0], metadata={"Creator": "govsim", "CreationDate": None})
    fig.savefig(paths[1], dpi=300)
    return paths
