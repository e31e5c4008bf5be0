"""Opening a design file the user chose in the page.

The browser sends the file's bytes; they are kept under the file's own name in a
private temporary folder, and read from there by the same code as ``govsim run FILE``.
Messages name the file as the user knows it (``my.toml: design.rule: ...``), not by
its temporary path, so the page shows the line ``govsim run my.toml`` prints.

The page reads only the file the user chose: before the file is resolved, its
``design.extends`` and ``design.scenario`` must be built-in names. A path there would
make the server read (and echo in its error messages) any file it can reach, since the
loader follows a path relative to the file, or the server's working folder, or an
absolute one. A ``design.scenario`` is not read when the file has its own
``[scenario]`` table, so it may then be anything; scenarios extend nothing.
"""

from __future__ import annotations

import atexit
import re
import shutil
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from govsim.check import describe, suggest
from govsim.designs import resolve
from govsim.designs.library import builtin_designs, builtin_scenarios
from govsim.designs.load import read_toml
from govsim.errors import GovsimError, SpecError

__all__ = ["MAX_BYTES", "menu", "name_of", "open_design", "plain", "reopened", "safe_name"]

#: The largest file the page opens: a design file is a few kilobytes.
MAX_BYTES = 1_000_000

_folder: Path | None = None
_UNSAFE = re.compile(r"[^\w.-]")


def _opened() -> Path:
    """The folder that holds opened files (made on first use, removed at exit)."""
    global _folder
    if _folder is None:
        _folder = Path(tempfile.mkdtemp(prefix="govsim-explore-"))
        atexit.register(shutil.rmtree, _folder, ignore_errors=True)
    return _folder


def safe_name(name: str) -> str:
    r"""The name an opened file is kept under: no folder, and only safe characters.

    The last part of ``name``, with each character but a word character, ``.`` and
    ``-`` made ``_`` (so a ``.toml`` suffix stays); ``design.toml`` if nothing is left
    but dots.

    Examples
    --------
    >>> safe_name("../../my design.toml"), safe_name(".."), safe_name(r"C:\me\b.toml")
    ('my_design.toml', 'design.toml', 'b.toml')
    """
    kept = _UNSAFE.sub("_", name.replace("\\", "/").rsplit("/", 1)[-1])
    return kept if kept.strip(".") else "design.toml"


def open_design(name: str, data: bytes) -> str:
    """Keep an opened file and check it as ``govsim run FILE`` would; return its path.

    Parameters
    ----------
    name
        The file's name in the browser (its folder is not sent); kept as
        :func:`safe_name` makes it.
    data
        Its bytes.

    Raises
    ------
    GovsimError
        The file is too large, cannot be kept, names a file in ``design.extends`` or
        ``design.scenario`` (see the module's notes), or is not a design that runs
        (the message of ``govsim run``, naming the file by its kept name).
    """
    name = safe_name(name)
    if len(data) > MAX_BYTES:
        raise GovsimError(
            f"expected a design file of at most 1 MB; found {len(data):,} bytes", source=name
        )
    try:
        path = Path(tempfile.mkdtemp(dir=_opened())) / name
        path.write_bytes(data)
    except OSError as error:  # a full disk, a removed folder
        raise GovsimError(f"cannot keep the file: {error.strerror}", source=name) from None
    try:
        _only_builtins(read_toml(path, name), name)
        resolve(str(path))
    except GovsimError as error:
        shutil.rmtree(path.parent, ignore_errors=True)
        raise GovsimError(plain(str(error))) from None
    return str(path)


def _only_builtins(data: Mapping[str, Any], name: str) -> None:
    """Refuse a ``design.extends`` or a read ``design.scenario`` that is not a built-in."""
    design = data.get("design")
    if not isinstance(design, Mapping):
        return  # not a design: resolve says so
    checked = {"extends": ("design", builtin_designs())}
    if "scenario" not in data:  # else the file's own [scenario] is read instead
        checked["scenario"] = ("scenario", builtin_scenarios())
    for key, (kind, names) in checked.items():
        value = design.get(key)
        if value is not None and not (isinstance(value, str) and value in names):
            close = suggest(value, list(names)) if isinstance(value, str) else ""
            raise SpecError(
                f"design.{key}",
                f"expected a built-in {kind} name (an opened file cannot read other files); "
                f"found {describe(value)}{close}",
                source=name,
            )


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


def menu(designs: Iterable[str]) -> dict[str, str]:
    """A design menu: each design as the page names it (:func:`name_of`) -> the design.

    Examples
    --------
    >>> menu(["gnso-council", "ietf-wg"])
    {'gnso-council': 'gnso-council', 'ietf-wg': 'ietf-wg'}
    """
    return {name_of(design): design for design in designs}


def reopened(opened: tuple[str, ...], path: str) -> tuple[str, ...]:
    """The files opened so far, then ``path``: it replaces an older file of its name.

    Otherwise the menu would show two entries of one name and reach only the last.
    """
    return (*(p for p in opened if name_of(p) != name_of(path)), path)
