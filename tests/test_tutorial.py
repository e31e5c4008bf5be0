"""docs/tutorial.md works as written on a copy of the project, and leaves it unchanged.

Its blocks run in order (``tests/docs_commands.py``): each ``$`` command must succeed
and print every line of output the tutorial shows (table rows exactly, other lines up
to timings), and each Python block must run. The copy is a git repository of the
project's files, so ``git status`` shows anything the tutorial changed or left behind
outside its ignored folder.
"""

from __future__ import annotations

from pathlib import Path

from tests.docs_commands import ROOT, project_copy, run_document, steps

TUTORIAL = ROOT / "docs" / "tutorial.md"


def test_the_console_blocks_are_what_the_tutorial_runs() -> None:
    commands = [step.code for step in steps(TUTORIAL) if step.kind == "shell"]
    assert commands[0].startswith("govsim validate experiments/tutorial.toml")
    assert any(c.startswith("govsim sweep ") for c in commands)
    assert commands[-1].startswith("govsim figures ")
    assert [step.kind for step in steps(TUTORIAL)].count("python") == 2


def test_the_tutorial_runs_as_written_and_changes_no_committed_file(tmp_path: Path) -> None:
    copy = project_copy(tmp_path)
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    assert run_document(TUTORIAL, copy, scratch) == "", "committed files changed"
    assert (copy / "results" / "tutorial" / "figures" / "civil-society.pdf").is_file()
