"""What several commands share: their argument types and the backend options."""

from __future__ import annotations

import argparse
from typing import Any

from govsim.check import int_arg

__all__ = ["backend_arguments", "overrides", "overrides_argument", "split"]


def split(text: str | None) -> list[str]:
    """``"a, b,"`` -> ``["a", "b"]``; None -> ``[]``."""
    return [] if text is None else [part.strip() for part in text.split(",") if part.strip()]


def overrides_argument(parser: argparse.ArgumentParser, help: str) -> None:
    """``--set KEY.PATH=VALUE``, repeatable; :func:`overrides` types what it collects."""
    parser.add_argument("--set", action="append", default=[], metavar="KEY.PATH=VALUE", help=help)


def overrides(texts: list[str]) -> list[tuple[str, Any]]:
    """``--set`` texts as typed ``(key path, value)`` pairs: the only place they are read."""
    from govsim.designs.resolve import parse_override

    return [parse_override(text) for text in texts]


def backend_arguments(parser: argparse.ArgumentParser) -> None:
    """``--workers`` and ``--backend``, the same for every command that sweeps."""
    parser.add_argument(
        "--workers", type=int_arg(low=1), help="worker processes (default: every available core)"
    )
    parser.add_argument(
        "--backend",
        choices=("serial", "process", "dask"),  # govsim.sweeps.backends.BACKENDS, unimported
        default="process",
        help="serial (this process), process (a local pool; default) or dask",
    )
