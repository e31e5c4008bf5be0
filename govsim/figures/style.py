"""One paper style for every govsim figure: Okabe–Ito colours, PDF plus PNG."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import matplotlib as mpl
from matplotlib.figure import Figure
from matplotlib.rcsetup import cycler

from govsim import __version__

if TYPE_CHECKING:
    from matplotlib.typing import RcKeyType

__all__ = [
    "HATCHES",
    "OKABE_ITO",
    "SECTOR_COLOURS",
    "SECTOR_MARKERS",
    "paper_style",
    "save_figure",
    "sector_colour",
    "series_style",
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

_RC: dict[RcKeyType, Any] = {
    "figure.dpi": 100,
    "savefig.dpi": 300,
    "savefig.bbox": "tight",
    "font.size": 9,
    "axes.titlesize": 10,
    "axes.labelsize": 9,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.prop_cycle": cycler(color=OKABE_ITO),
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

    With ``caption``, also write it to ``stem.txt`` beside the figure, ending with the
    govsim version that drew it unless the caption names it already. A figure knows
    only its frames, so the experiment, runs and seeds are the caller's to say:
    ``govsim figures`` (:func:`govsim.app.render`) writes them into every caption.
    """
    stem = Path(stem)
    stem.parent.mkdir(parents=True, exist_ok=True)
    # Not with_suffix: a stem such as "heatmap-q=0.5" already has a "suffix".
    paths = [stem.parent / f"{stem.name}.{kind}" for kind in ("pdf", "png")]
    if caption is not None:
        text = caption.rstrip()
        if f"govsim {__version__}" not in text:
            text += f"\n\nDrawn with govsim {__version__}."
        paths.append(stem.parent / f"{stem.name}.txt")
        paths[2].write_text(text + "\n")
    # No creation date in the PDF, so the same data gives byte-identical files.
    fig.savefig(paths[0], metadata={"Creator": "govsim", "CreationDate": None})
    fig.savefig(paths[1], dpi=300)
    return paths


# Markers and dash patterns that keep up to seven series apart in greyscale print.
_MARKERS = ("o", "s", "D", "^", "v", "P", "X")
_LINESTYLES = ("-", "--", ":", "-.", (0, (5, 1, 1, 1)), (0, (3, 1, 1, 1, 1, 1)), (0, (1, 3)))


def series_style(k: int) -> dict[str, Any]:
    """Colour, marker, line style and hatch of the ``k``-th series of a figure.

    Colours follow the Okabe–Ito order (Okabe & Ito 2008, "Color Universal Design");
    the marker, dash pattern and hatch change with them so that series stay apart in
    greyscale.

    Examples
    --------
    >>> series_style(1)["color"], series_style(1)["marker"], series_style(8)["marker"]
    ('#56B4E9', 's', 's')
    """
    return {
        "color": OKABE_ITO[k % len(OKABE_ITO)],
        "marker": _MARKERS[k % len(_MARKERS)],
        "linestyle": _LINESTYLES[k % len(_LINESTYLES)],
        "hatch": HATCHES[k % len(HATCHES)],
    }
