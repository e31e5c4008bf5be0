"""The extension examples of ``docs/architecture.md`` run as written.

Each Python block runs in a fresh interpreter (registering an example must not leak
into the other tests' registries); then a model run uses what it registered.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

DOC = Path(__file__).resolve().parent.parent / "docs" / "architecture.md"
BLOCKS = re.findall(r"```python\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S)

#: Appended to each example: a run that uses what it registered.
USE = {
    "rule": 'import govsim\nr = govsim.run("netmundial", steps=10, seed=1, '
    'overrides=[("rule", {"name": "majority-of-present"})])\n'
    'assert r.design.rule.name == "majority-of-present", r.design.rule',
    "kernel": 'import govsim\nr = govsim.run("netmundial", steps=10, seed=1, '
    'overrides=[("deliberation.kernel", "halfway")])\n'
    'assert r.design.deliberation.kernel == "halfway"',
    "metric": 'import govsim\nr = govsim.run("gnso-council", steps=10, seed=1)\n'
    'assert 0 <= r.metrics["first_round_pass_rate"] <= 1, r.metrics',
}


def _run(code: str) -> subprocess.CompletedProcess[str]:
    root = DOC.parent.parent
    return subprocess.run(
        [sys.executable, "-c", code], cwd=root, capture_output=True, text=True, timeout=120
    )


def test_the_document_has_an_example_per_registry():
    assert len(BLOCKS) == 3
    assert [b for b in BLOCKS if "@register(" in b and "rules" in b]
    assert [b for b in BLOCKS if "@register_kernel(" in b]
    assert [b for b in BLOCKS if "from govsim.model import" in b]


@pytest.mark.parametrize(
    ("block", "use"), list(zip(BLOCKS, USE.values(), strict=True)), ids=list(USE)
)
def test_each_example_runs_and_a_model_uses_it(block, use):
    done = _run(block + "\n" + use)
    assert done.returncode == 0, done.stderr
