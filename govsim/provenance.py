"""What produced a result: package versions, git commit, time, command."""

from __future__ import annotations

import json
import platform
import subprocess
import sys
from datetime import UTC, datetime
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

__all__ = ["provenance", "write_manifest"]

_PACKAGES = (
    "govsim",
    "numpy",
    "scipy",
    "pandas",
    "pyarrow",
    "mesa",
    "networkx",
    "matplotlib",
    "SALib",
)


def _version(package: str) -> str | None:
    try:
        return version(package)
    except PackageNotFoundError:
        return None


def _git_commit() -> str | None:
    try:
        done = subprocess.run(
            ["git", "rev-parse", "HEAD"],
            capture_output=True,
            text=True,
            check=True,
            cwd=Path(__file__).parent,
            timeout=5,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout.strip() or None


def provenance() -> dict[str, Any]:
    """Versions of Python and the scientific stack, the git commit and the time (UTC)."""
    return {
        "created": datetime.now(UTC).isoformat(timespec="seconds"),
        "command": sys.argv,
        "python": platform.python_version(),
        "platform": platform.platform(),
        "versions": {package: _version(package) for package in _PACKAGES},
        "git_commit": _git_commit(),
    }


def write_manifest(path: Path, **content: Any) -> Path:
    """Write ``content`` plus :func:`provenance` as indented JSON to ``path``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        json.dumps(content | {"provenance": provenance()}, indent=2, default=str) + "\n"
    )
    return path
