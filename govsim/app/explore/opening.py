"""Opening a design file the user chose in the page.

The browser sends the file's bytes; they are kept under the file's own name in a
private temporary folder, and read from there by the same code as ``govsim run FILE``.
Messages name the file as the user knows it (``my.toml: design.rule: ...``), not by
its temporary path, so the page shows the line ``govsim run my.toml`` prints. A file
can therefore not reach files beside the original (a relative ``design.extends`` or
``design.scenario``): the page reads only the file the user chose.
"""

from __future__ import annotations

import atexit
import re
import shutil
import tempfile
from pathlib import Path

from govsim.designs import resolve
from govsim.errors import GovsimError

__all__ = ["MAX_BYTES", "name_of", "open_design", "plain"]

#: The largest file the page opens: a design file is a few kilobytes.
MAX_BYTES = 1_000_000

_folder: Path | None = None


def _opened() -> Path:
    """The folder that holds opened files (made on first use, removed at exit)."""
    global _folder
    if _folder is None:
        _folder = Path(tempfile.mkdtemp(prefix="govsim-explore-"))
        atexit.register(shutil.rmtree, _folder, ignore_errors=True)
    return _folder


def open_design(name: str, data: bytes) -> str:
    """Keep an opened file and check it as ``govsim run FILE`` would; return its path.

    Parameters
    ----------
    name
        The file's name in the browser (its folder is not sent).
    data
        Its bytes.

    Raises
    ------
    GovsimError
        The file is too large, or not a design that runs (the message of ``govsim run``,
        naming the file by ``name``).
    """
    name = Path(name).name or "design.toml"
    if len(data) > MAX_BYTES:
        raise GovsimError(
            f"expected a design file of at most 1 MB; found {len(data):,} bytes", source=name
        )
    path = Path(tempfile.mkdtemp(dir=_opened())) / name
    path.write_bytes(data)
    try:
        resolve(str(path))
    except GovsimError as error:
        shutil.rmtree(path.parent, ignore_errors=True)
        raise GovsimError(plain(str(error))) from None
    return str(path)


def plain(text: str) -> str:
    """``text`` with each opened file's temporary path replaced by the file's name.

    Examples
    --------
    >>> plain("no file opened: unchanged")
    'no file opened: unchanged'
    """
    if _folder is None:
        return text
    return re.sub(re.escape(str(_folder)) + r"[/\\][^/\\]+[/\\]", "", text)


def name_of(design: str) -> str:
    """How the page names a design: an opened file by its name, others as given."""
    return plain(design) + (" (opened)" if plain(design) != design else "")
