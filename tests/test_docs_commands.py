"""Every command of README.md and docs/*.md works as written on a fresh copy of the project.

Each document's blocks run in the order shown, in a copy of the project that is a
fresh git repository with ``.venv/bin`` the test's interpreter (so ``govsim`` and
``.venv/bin/govsim`` both work). Each command must exit 0 (or 2 where the block is
marked ``<!-- docs: exit 2 -->``) and print the lines a ``console`` block shows under
it; afterwards ``git status`` must be empty: no committed file changed, and anything
new lies where ``.gitignore`` sends it. ``tests/docs_commands.py`` reads the blocks
and documents the markers; ``docs/architecture.md`` tells writers about them.

How each kind of command is treated:

- ``govsim ...`` and other shell lines (``sh``, ``bash``, ``shell``, ``console``
  blocks): run, exit code and shown output checked.
- ``python`` blocks: each is run as a script, in order (so a block must import what it
  uses); ``>>>`` blocks are a session whose shown results or errors are compared.
- ``make ...``, ``.ci/run``, ``pip install ...``: not run here (CI runs them itself, and
  they install or take minutes); ``make -n`` must know the target, ``.ci/run`` must be
  executable, the extras must be declared.
- ``govsim explore``: a server; started as written (on a free port if its own is
  taken), its page must answer HTTP 200, then it is stopped.
- blocks marked ``<!-- docs: template -->`` (synopses, signatures, placeholders such
  as a Dask scheduler's address): not run; ``template WORD`` leaves out only the
  commands containing WORD. An unlabelled block that starts like a command must be
  labelled or marked, so none slips through unchecked.
- a block marked ``<!-- docs: slow -->`` (full sweeps and studies) and the rest of its
  document run only under the ``slow`` marker, which CI runs too; the fast suite runs
  the steps before it (and skips a document whose first block is slow).

``docs/tutorial.md`` is run the same way by ``tests/test_tutorial.py``, which also
checks what the tutorial leaves behind.

The example at the end of each ``govsim COMMAND --help`` runs the same way, in the order
of work ``govsim --help`` gives, on one fresh copy (slow): it is what a newcomer
copies next.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.docs_commands import (
    DOCUMENTS,
    ROOT,
    before_slow,
    blocks,
    git,
    help_examples,
    project_copy,
    run_document,
    run_step,
    steps,
)

TUTORIAL = ROOT / "docs" / "tutorial.md"


RUN = [p for p in DOCUMENTS if p != TUTORIAL and steps(p)]
PARTLY_SLOW = [p for p in RUN if before_slow(p) != steps(p)]


def _run_in_a_copy(path: Path, tmp_path: Path, *, slow: bool) -> str:
    """``git status --porcelain`` of a copy of the project after ``path``'s commands."""
    copy = project_copy(tmp_path)
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    return run_document(path, copy, scratch, slow=slow)


@pytest.mark.parametrize("path", [p for p in RUN if before_slow(p)], ids=lambda p: p.name)
def test_the_commands_run_as_written_and_change_no_committed_file(
    path: Path, tmp_path: Path
) -> None:
    assert _run_in_a_copy(path, tmp_path, slow=False) == "", "committed files changed"


@pytest.mark.slow
@pytest.mark.parametrize("path", PARTLY_SLOW, ids=lambda p: p.name)
def test_the_slow_commands_too(path: Path, tmp_path: Path) -> None:
    assert _run_in_a_copy(path, tmp_path, slow=True) == "", "committed files changed"


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: p.name)
def test_every_command_block_is_read(path: Path) -> None:
    """Each shell or Python block gives steps, and each marker is one the reader knows."""
    for block in blocks(path):
        assert set(block.markers) <= {"template", "exit", "slow"}, block.where
        assert block.markers.get("exit", ("2",)) == ("2",), block.where
        assert block.markers.get("slow", ()) == (), block.where
    read = {step.block.line for step in steps(path)}
    for block in blocks(path):
        if block.lang in {"sh", "bash", "shell", "console", "python"}:
            assert block.line in read, block.where


def test_the_help_examples_are_read_in_the_order_of_work() -> None:
    commands = [step.code.split()[1] for step in help_examples()]
    assert commands.index("sweep") < commands.index("analyze") < commands.index("discover")
    assert {"run", "validate", "figures", "study", "brief", "explore"} <= set(commands)


@pytest.mark.slow
def test_the_help_examples_run_in_the_order_of_work_and_change_no_committed_file(
    tmp_path: Path,
) -> None:
    """What ``govsim COMMAND --help`` shows as an example works on a fresh copy."""
    copy = project_copy(tmp_path)
    for step in help_examples():
        run_step(step, copy, tmp_path)
    assert git(copy, "status", "--porcelain", "--untracked-files=all") == ""


def test_the_readme_and_the_docs_are_read() -> None:
    kinds = {step.kind for path in DOCUMENTS for step in steps(path)}
    assert {"shell", "python", "session", "ci", "server", "template"} <= kinds
    assert ROOT / "README.md" in DOCUMENTS


def _document(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "doc.md"
    path.write_text(text)
    return path


def _run(path: Path, cwd: Path) -> None:
    for step in steps(path):
        run_step(step, cwd, cwd)


def test_a_shown_line_the_command_does_not_print_fails(tmp_path: Path) -> None:
    path = _document(tmp_path, "```console\n$ govsim rules\nno rule prints this\n```\n")
    with pytest.raises(AssertionError, match="no rule prints this"):
        _run(path, tmp_path)


MISTAKE = """```console
$ govsim run gnso-councl
govsim run: error: design: ...; did you mean 'gnso-council'?
```
"""


def test_a_mistake_shown_on_purpose_exits_2_with_the_line_shown(tmp_path: Path) -> None:
    _run(_document(tmp_path, "<!-- docs: exit 2 -->\n" + MISTAKE), tmp_path)
    with pytest.raises(AssertionError):
        _run(_document(tmp_path, MISTAKE), tmp_path)
    wrong = MISTAKE.replace("gnso-council'", "ietf-wg'")
    with pytest.raises(AssertionError, match="ietf-wg"):
        _run(_document(tmp_path, "<!-- docs: exit 2 -->\n" + wrong), tmp_path)


def test_a_template_word_leaves_out_only_the_commands_with_it(tmp_path: Path) -> None:
    path = _document(
        tmp_path, "<!-- docs: template FILE -->\n```sh\ngovsim rules\ngovsim validate FILE\n```\n"
    )
    assert [step.kind for step in steps(path)] == ["shell", "template"]


def test_an_unlabelled_command_block_must_be_labelled_or_marked(tmp_path: Path) -> None:
    with pytest.raises(AssertionError, match="label the block"):
        steps(_document(tmp_path, "```\ngovsim run gnso-council\n```\n"))
    marked = _document(tmp_path, "<!-- docs: template -->\n```\ngovsim run DESIGN\n```\n")
    assert [step.kind for step in steps(marked)] == ["template"]


def test_install_and_ci_lines_are_checked_not_run(tmp_path: Path) -> None:
    lines = ["make test", "make .venv/.installed", "pip install 'govsim[explore,dask]'"]
    ok = _document(tmp_path, "```sh\n" + "\n".join(lines) + "\n```\n")
    assert {step.kind for step in steps(ok)} == {"ci"}
    project = tmp_path / "project"  # a fresh clone's Makefile: nothing installed yet
    (project / "tests").mkdir(parents=True)
    for name in ["Makefile", "pyproject.toml"]:
        shutil.copy2(ROOT / name, project / name)
    _run(ok, project)
    for wrong in ["make tests", "pip install 'govsim[explorer]'", "pip install govsym"]:
        with pytest.raises(AssertionError):
            _run(_document(tmp_path, f"```sh\n{wrong}\n```\n"), project)
