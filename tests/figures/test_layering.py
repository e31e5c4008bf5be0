"""``govsim.figures`` is a leaf: plot functions over tidy frames, nothing that runs.

Whatever needs the model or a sweep to draw builds its frames in :mod:`govsim.app`
and passes them in, so the figures never import the model, :mod:`govsim.simulate`,
the sweep runner, experiments or plans, the power report, the application layer or
the command line. Imports are read from the source (an AST walk), so the check holds
whichever modules some other import happened to load first.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import govsim

PACKAGE = Path(govsim.__file__).parent
FIGURES = sorted((PACKAGE / "figures").glob("*.py"))
#: Nothing under these may be imported by a module of govsim.figures.
FORBIDDEN = (
    "govsim.model",
    "govsim.simulate",
    "govsim.sweeps.runner",
    "govsim.sweeps.experiment",
    "govsim.sweeps.plan",
    "govsim.power.report",
    "govsim.app",
    "govsim.cli",
)
#: Nothing under these may be reached through the figures' govsim imports either.
NEVER_REACHED = ("govsim.model", "govsim.simulate", "govsim.sweeps.runner", "govsim.app")


def imported(path: Path) -> set[str]:
    """Every module ``path`` imports, anywhere in its code (``from a import b`` counts
    as ``a`` and ``a.b``, since ``b`` may be a module)."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names |= {node.module} | {f"{node.module}.{alias.name}" for alias in node.names}
    return names


def module_file(name: str) -> Path | None:
    """The source file of a govsim module, or None (not govsim, or not a module)."""
    if not name.startswith("govsim."):
        return None
    base = PACKAGE.parent.joinpath(*name.split("."))
    for path in (base.with_suffix(".py"), base / "__init__.py"):
        if path.is_file():
            return path
    return None


def under(name: str, prefixes: tuple[str, ...]) -> bool:
    return any(name == p or name.startswith(f"{p}.") for p in prefixes)


@pytest.mark.parametrize("path", FIGURES, ids=lambda p: p.name)
def test_a_figure_module_imports_nothing_that_runs_a_model(path: Path) -> None:
    wrong = sorted(name for name in imported(path) if under(name, FORBIDDEN))
    assert not wrong, f"{path.name} imports {wrong}"


def test_nothing_the_figures_import_runs_a_model() -> None:
    """The modules the figures use (and theirs, transitively) do not reach the model.

    A package's ``__init__`` counts only where it is imported by name: importing
    ``govsim.sweeps.analysis`` reads that module, not every module the package
    ``govsim.sweeps`` re-exports.
    """
    seen: dict[str, str] = {}  # module -> the module that imported it
    todo = [(f"govsim.figures.{p.stem}", p) for p in FIGURES]
    while todo:
        importer, path = todo.pop()
        for name in imported(path):
            found = module_file(name)
            if found is not None and name not in seen:
                seen[name] = importer
                todo.append((name, found))
    reached = {name: by for name, by in seen.items() if under(name, NEVER_REACHED)}
    assert not reached, f"reached (module: imported by): {reached}"
