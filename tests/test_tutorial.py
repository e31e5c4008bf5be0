"""docs/tutorial.md works as written on a copy of the project, and leaves it unchanged.

Its console blocks' ``$`` commands run in order, each must succeed, and every line of
output the tutorial shows (table rows exactly, other lines up to timings) must be what
the command prints; its Python blocks then run in order too. The copy is a git
repository of the project's files, so ``git status`` shows anything the tutorial
changed or left behind outside its ignored folder.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
TUTORIAL = ROOT / "docs" / "tutorial.md"
BLOCK = re.compile(r"^```(\w+)\n(.*?)^```", re.MULTILINE | re.DOTALL)


def console_commands(text: str) -> list[tuple[str, list[str]]]:
    """Each ``$`` command of the console blocks with the output lines shown under it."""
    commands: list[tuple[str, list[str]]] = []
    for kind, body in BLOCK.findall(text):
        if kind != "console":
            continue
        for line in body.splitlines():
            if line.startswith("$ "):
                commands.append((line[2:], []))
            elif commands and line.strip() and line != "...":
                commands[-1][1].append(line)
    return commands


def shown_as_pattern(line: str) -> re.Pattern[str]:
    """A shown output line as a pattern; a duration ("8.9 s") differs from run to run."""
    parts = re.split(r"\d+(?:\.\d+)? s\b", line)
    return re.compile(r"\d+(?:\.\d+)? s\b".join(re.escape(part) for part in parts))


def git(copy: Path, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=copy, capture_output=True, text=True, check=True)
    return done.stdout


@pytest.fixture
def project_copy(tmp_path: Path) -> Path:
    """The project's files (tracked and not ignored) as a fresh one-commit repository."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout.decode()
    copy = tmp_path / "project"
    for name in filter(None, listed.split("\0")):
        source = ROOT / name
        if source.is_file():
            (copy / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, copy / name)
    git(copy, "init", "-q")
    git(copy, "add", "-A")
    git(copy, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-m", "copy")
    return copy


def test_the_console_blocks_are_what_the_tutorial_runs() -> None:
    commands = [command for command, _ in console_commands(TUTORIAL.read_text())]
    assert commands[0].startswith("govsim validate experiments/tutorial.toml")
    assert any(c.startswith("govsim sweep ") for c in commands)
    assert commands[-1].startswith("govsim figures ")


def test_the_tutorial_runs_as_written_and_changes_no_committed_file(project_copy: Path) -> None:
    text = TUTORIAL.read_text()
    env = os.environ | {"PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    for command, shown in console_commands(text):
        done = subprocess.run(
            command, shell=True, cwd=project_copy, env=env, capture_output=True, text=True
        )
        assert done.returncode == 0, (command, done.stderr)
        printed = done.stdout.splitlines()
        for line in shown:
            pattern = shown_as_pattern(line)
            assert any(pattern.fullmatch(out) for out in printed), (command, line)
    for kind, body in BLOCK.findall(text):
        if kind == "python":
            done = subprocess.run(
                [sys.executable, "-c", body], cwd=project_copy, capture_output=True, text=True
            )
            assert done.returncode == 0, (body, done.stderr)
    assert git(project_copy, "status", "--porcelain", "--untracked-files=all") == ""
    assert (project_copy / "results" / "tutorial" / "figures" / "civil-society.pdf").is_file()
