"""The layers of ``docs/architecture.md``: what each part of govsim may import.

Every ``govsim`` import in the package is read from the source (``ast``) and checked
against the table below, so a change that makes the library depend on the
application, or the figures on the model, fails here with the offending line.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "govsim"

FOUNDATION = {"errors", "check", "rng", "exact", "provenance", "top"}
DOMAIN = FOUNDATION | {"rules", "dynamics", "metrics"}
SPECS = DOMAIN | {"designs"}
ENGINE = SPECS | {"power", "model", "simulate"}

#: For each part of govsim (a top-level module or subpackage), the parts it may import.
ALLOWED: dict[str, set[str]] = {
    "errors": set(),
    "top": set(),
    "check": {"errors"},
    "rng": {"errors"},
    "exact": {"errors"},
    "provenance": {"errors", "top"},
    "rules": FOUNDATION,
    "dynamics": FOUNDATION,
    "metrics": FOUNDATION,
    "designs": DOMAIN,
    "power": SPECS,
    "model": SPECS | {"power"},
    "simulate": SPECS | {"power", "model"},
    "sweeps": ENGINE,
    "figures": FOUNDATION | {"sweeps.analysis", "sweeps.plan"},
    "app": ENGINE | {"sweeps", "figures"},
    "cli": ENGINE | {"sweeps", "figures", "app"},
    "__main__": {"cli"},
    "__init__": set(),  # the top level loads its entry points lazily
}


def _part(module: str) -> str:
    """``govsim.sweeps.analysis`` -> ``sweeps``; ``govsim`` (the top level) -> ``top``."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "top"


def _imports(path: Path) -> list[tuple[int, str]]:
    """``(line, module)`` for every govsim import in a file, modules resolved."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if (
            isinstance(node, ast.ImportFrom)
            and node.module
            and node.module.split(".")[0] == "govsim"
        ):
            if node.module == "govsim":  # from govsim import metrics / __version__ / DEFAULT_STEPS
                for alias in node.names:
                    name = alias.name
                    module = f"govsim.{name}" if (PACKAGE / name).exists() else "govsim"
                    found.append((node.lineno, module))
            else:
                found.append((node.lineno, node.module))
        elif isinstance(node, ast.Import):
            found += [(node.lineno, a.name) for a in node.names if a.name.startswith("govsim")]
    return found


def _allowed(owner: str, module: str) -> bool:
    target = _part(module)
    if target == owner:
        return True
    allowed = ALLOWED[owner]
    dotted = ".".join(module.split(".")[1:3])
    return target in allowed or dotted in allowed


FILES = sorted(PACKAGE.rglob("*.py"))


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_each_module_imports_only_the_layers_below_it(path):
    relative = path.relative_to(PACKAGE)
    owner = relative.parts[0].removesuffix(".py")
    assert owner in ALLOWED, f"{relative}: add its part to ALLOWED and docs/architecture.md"
    wrong = [
        f"line {line}: {module}" for line, module in _imports(path) if not _allowed(owner, module)
    ]
    assert not wrong, f"{relative} ({owner}) imports above its layer: {wrong}"


def test_the_table_is_a_hierarchy():
    """No two parts may import each other: the allowed graph has no cycle."""
    graph = {owner: {a.split(".")[0] for a in allowed} for owner, allowed in ALLOWED.items()}
    seen: set[str] = set()

    def visit(node: str, path: tuple[str, ...]) -> None:
        assert node not in path, f"cycle: {' -> '.join((*path, node))}"
        if node in seen:
            return
        for child in graph.get(node, ()):
            visit(child, (*path, node))
        seen.add(node)

    for owner in graph:
        visit(owner, ())


def test_the_checker_sees_a_violation(tmp_path):
    """The check can fail: a figures module importing the model is refused."""
    assert not _allowed("figures", "govsim.model.cycle")
    assert not _allowed("figures", "govsim.sweeps.runner")
    assert not _allowed("model", "govsim.sweeps")
    assert not _allowed("rules", "govsim.designs.spec")
    assert _allowed("figures", "govsim.sweeps.analysis")
    bad = tmp_path / "bad.py"
    bad.write_text("from govsim.model import GovernanceModel\nfrom govsim import metrics\n")
    assert [m for _, m in _imports(bad)] == ["govsim.model", "govsim.metrics"]


def _limit(path: Path) -> int:
    """Lines a module may have: a command module stays thin, a library module focused."""
    return 300 if path.relative_to(PACKAGE).parts[0] == "cli" else 600


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_each_module_stays_short(path):
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= _limit(path), f"{path.relative_to(PACKAGE)}: {lines} lines; split it"
