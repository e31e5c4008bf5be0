"""What several commands share: their argument types and the backend options."""

from __future__ import annotations

import argparse
from collections.abc import Callable

__all__ = ["backend_arguments", "count", "split"]


def split(text: str | None) -> list[str]:
    """``"a, b,"`` -> ``["a", "b"]``; None -> ``[]``."""
    return [] if text is None else [part.strip() for part in text.split(",") if part.strip()]


def count(low: int) -> Callable[[str], int]:
    """An argparse type: a whole number >= ``low``."""

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            value = low - 1
        if value < low:
            raise argparse.ArgumentTypeError(f"expected a whole number >= {low}; found {text!r}")
        return value

    return parse


def backend_arguments(parser: argparse.ArgumentParser) -> None:
    """``--workers`` and ``--backend``, the same for every command that sweeps."""
    parser.add_argument(
        "--workers", type=count(1), help="worker processes (default: every available core)"
    )
    parser.add_argument(
        "--backend",
        choices=("serial", "process", "dask"),  # govsim.sweeps.backends.BACKENDS, unimported
        default="process",
        help="serial (this process), process (a local pool; default) or dask",
    )
