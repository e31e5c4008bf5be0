"""One paper style for every govsim figure: Okabe–Ito colours, PDF plus PNG."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import matplotlib as mpl
import numpy as np
from matplotlib import pyplot as plt
from matplotlib.axes import Axes
from matplotlib.figure import Figure

__all__ = [
    "HATCHES",
    "OKABE_ITO",
    "SECTOR_COLOURS",
    "SECTOR_MARKERS",
    "new_axes",
    "new_panels",
    "paper_style",
    "save_figure",
    "sector_colour",
]

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
#: One fixed colour per sector in every figure: the five NETmundial sectors, then the
#: GNSO's NomCom appointees. Other sectors take the remaining colours in name order.
SECTOR_COLOURS = {
    "government": OKABE_ITO[4],  # blue
    "private-sector": OKABE_ITO[0],  # orange
    "civil-society": OKABE_ITO[2],  # bluish green
    "technical-community": OKABE_ITO[5],  # vermillion
    "academia": OKABE_ITO[6],  # reddish purple
    "nomcom": OKABE_ITO[1],  # sky blue
}
#: Markers that keep sectors apart in greyscale, in the order of SECTOR_COLOURS.
SECTOR_MARKERS = dict(zip(SECTOR_COLOURS, "osD^vP", strict=True))


def sector_colour(sector: str) -> str:
    """The fixed colour of ``sector`` (yellow for any sector govsim does not name).

    Examples
    --------
    >>> sector_colour("government"), sector_colour("my-own-sector")
    ('#0072B2', '#F0E442')
    """
    return SECTOR_COLOURS.get(sector, OKABE_ITO[3])


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


def save_figure(fig: Figure, stem: Path | str, caption: str | None = None) -> list[Path]:
    """Write ``stem.pdf`` (vector) and ``stem.png`` (300 dpi); return the paths.

    With ``caption``, also write it to ``stem.txt`` beside the figure.
    """
    stem = Path(stem)
    stem.parent.mkdir(parents=True, exist_ok=True)
    paths = [stem.with_suffix(".pdf"), stem.with_suffix(".png")]
    if caption is not None:
        paths.append(stem.with_suffix(".txt"))
        paths[2].write_text(caption.rstrip() + "\n")
    # No creation date in the PDF, so the same data gives byte-identical files.
    fig.savefig(paths[0], metadata={"Creator": "govsim", "CreationDate": None})
    fig.savefig(paths[1], dpi=300)
    return paths


def new_axes(ax: Axes | None, height: float, width: float = 6.5) -> tuple[Figure, Axes]:
    """``ax`` and its figure, or a new constrained-layout figure of ``width`` x ``height``
    inches (6.5 in: the text width of a journal page)."""
    if ax is not None:
        return ax.figure, ax
    fig, ax = plt.subplots(figsize=(width, height), layout="constrained")
    return fig, ax


def new_panels(
    axes: Sequence[Axes] | None,
    count: int,
    *,
    columns: int = 3,
    height: float = 2.2,
    width: float = 6.5,
    sharex: bool = False,
) -> tuple[Figure, np.ndarray]:
    """``count`` panels: the given ``axes`` (at least ``count``), or a new grid of
    ``columns`` per row, each row ``height`` inches; unused grid cells are hidden."""
    if axes is not None:
        axes = np.asarray(axes, dtype=object).ravel()
        if len(axes) < count:
            raise ValueError(f"expected at least {count} axes; found {len(axes)}")
        return axes[0].figure, axes[:count]
    columns = min(columns, count)
    rows = -(-count // columns)
    fig, grid = plt.subplots(
        rows,
        columns,
        figsize=(width, height * rows),
        layout="constrained",
        squeeze=False,
        sharex=sharex,
    )
    for extra in grid.ravel()[count:]:
        extra.set_visible(False)
    return fig, grid.ravel()[:count]
