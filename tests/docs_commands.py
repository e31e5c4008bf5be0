"""Read the commands of the project's Markdown and run them as a reader would.

A fenced block is a *step list*: ``sh``/``bash``/``shell`` blocks give one shell
command a line (a trailing backslash continues it); ``console`` blocks give the
``$`` lines as commands and the lines under each as its output; ``python`` blocks are
one script each (``>>>`` blocks are a session whose shown lines are each statement's
``repr`` or ``Error: message``). Other blocks (``toml``, ``text``, diagrams, the
result store's layout) are not run.

An HTML comment on a line right before a block changes how it is read
(``<!-- docs: WORD ... -->``, one a line; a block can have several):

- ``template``: a synopsis, a signature or a command with placeholders; not run.
  ``template WORD ...`` leaves out only the commands that contain one of the words.
- ``exit 2``: the commands are mistakes shown on purpose; each must exit 2 with one
  line on stderr, which must hold the lines the block shows.
- ``slow``: from this block on, the document takes minutes: the fast suite runs the
  steps before it, and a test under the ``slow`` marker runs the whole document.

Commands are classed by what they start with: ``make``, ``.ci/run`` and ``pip
install`` are what CI and installation run themselves, so they are checked (``make
-n`` knows the target, the file exists, the extras are declared), not run;
``govsim explore`` is a server, started, asked for its page and stopped.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import time
import tomllib
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOCUMENTS = (ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md")))
FENCE = re.compile(
    r"^(?P<indent>[ \t]*)```(?P<lang>[\w-]*)[^\n]*\n(?P<body>.*?)^(?P=indent)```[ \t]*$",
    re.MULTILINE | re.DOTALL,
)
MARKER = re.compile(r"<!--\s*docs:\s*(?P<what>[^>]*?)\s*-->")
SHELL = {"sh", "bash", "shell"}
# An unlabelled block that starts like this is a command and must be labelled or marked.
LOOKS_LIKE_A_COMMAND = re.compile(r"^(\$ |govsim |\.venv/|make |python )")
DURATION = r"\d+(?:\.\d+)? s\b"
TIMEOUT = 900


@dataclass(frozen=True)
class Block:
    """One fenced block: where it is, its language, its text and its markers (each
    marker's first word and the words after it)."""

    path: Path
    line: int
    lang: str
    body: str
    markers: dict[str, tuple[str, ...]]

    @property
    def where(self) -> str:
        name = self.path.relative_to(ROOT) if self.path.is_relative_to(ROOT) else self.path
        return f"{name}:{self.line}"


@dataclass(frozen=True)
class Step:
    """One thing a reader does: a shell command, a Python script or a session."""

    block: Block
    kind: str  # shell, python, session, ci, server or template
    code: str
    shown: tuple[str, ...] = ()
    exit: int = 0


def blocks(path: Path) -> list[Block]:
    """The fenced blocks of a Markdown file, each with the markers on the lines before it."""
    text = path.read_text()
    found = []
    for match in FENCE.finditer(text):
        markers = {}
        for line in reversed(text[: match.start()].splitlines()):
            marker = MARKER.fullmatch(line.strip())
            if not marker:
                break
            first, *words = marker["what"].split()
            markers[first] = tuple(words)
        line = text.count("\n", 0, match.start()) + 1
        found.append(Block(path, line, match["lang"], match["body"], markers))
    return found


def _joined(lines: list[str]) -> list[str]:
    """Lines with their backslash continuations joined (kept as the shell reads them)."""
    joined: list[str] = []
    for line in lines:
        if joined and joined[-1].endswith("\\"):
            joined[-1] += "\n" + line
        else:
            joined.append(line)
    return joined


def _console(body: str) -> list[tuple[str, list[str]]]:
    """Each ``$`` command of a console block with the output lines shown under it."""
    commands: list[tuple[str, list[str]]] = []
    for line in body.splitlines():
        if commands and commands[-1][0].endswith("\\") and not commands[-1][1]:
            commands[-1] = (commands[-1][0] + "\n" + line, [])
        elif line.startswith("$ "):
            commands.append((line[2:], []))
        elif commands and line.strip() and line != "...":
            commands[-1][1].append(line)
    return commands


def _session(body: str) -> list[tuple[str, str | None]]:
    """The ``>>>`` statements of a block, each with the text shown under it (or None)."""
    session: list[tuple[str, list[str]]] = []
    for line in body.splitlines():
        if line.startswith(">>> "):
            session.append((line[4:], []))
        elif line.startswith("... ") and session:
            session[-1] = (session[-1][0] + "\n" + line[4:], session[-1][1])
        elif line.strip() and session:
            session[-1][1].append(line)
    return [(code, "\n".join(shown) or None) for code, shown in session]


def _kind(command: str) -> str:
    words = command.split()
    if words[0] in {"make", ".ci/run"} or words[:2] == ["pip", "install"]:
        return "ci"
    if [Path(words[0]).name, *words[1:2]] == ["govsim", "explore"]:
        return "server"
    return "shell"


def steps(path: Path) -> list[Step]:
    """What a reader of ``path`` runs, in order."""
    found: list[Step] = []
    for block in blocks(path):
        words = block.markers.get("template")
        whole_template = words == ()
        expected = 2 if block.markers.get("exit") == ("2",) else 0
        if block.lang == "python":
            if whole_template:
                found.append(Step(block, "template", block.body))
            elif any(line.startswith(">>> ") for line in block.body.splitlines()):
                found.append(Step(block, "session", json.dumps(_session(block.body))))
            else:
                found.append(Step(block, "python", block.body))
            continue
        if block.lang == "console" or (
            not block.lang and any(line.startswith("$ ") for line in block.body.splitlines())
        ):
            commands = _console(block.body)
        elif block.lang in SHELL:
            lines = [line for line in block.body.splitlines() if line.strip()]
            commands = [(c, []) for c in _joined(lines) if not c.lstrip().startswith("#")]
        elif not block.lang and LOOKS_LIKE_A_COMMAND.match(block.body):
            commands = [(block.body, [])]
            if not whole_template:
                raise AssertionError(f"{block.where}: label the block or mark it as a template")
        else:
            continue
        for command, shown in commands:
            template = words is not None and (
                whole_template or any(word in command for word in words)
            )
            kind = "template" if template else _kind(command)
            found.append(Step(block, kind, command, tuple(shown), expected))
    return found


def help_examples() -> list[Step]:
    """The ``example:`` commands of each ``govsim COMMAND --help``, in the order of work
    that ``govsim --help`` ends with (the commands it does not name after them)."""
    from govsim.cli import COMMANDS, ORDER_OF_WORK

    def place(name: str) -> tuple[bool, int]:
        at = ORDER_OF_WORK.find(f"govsim {name}")
        return at < 0, at

    found = []
    for name in sorted(COMMANDS, key=place):
        module = COMMANDS[name]
        example = re.search(r"examples?: (.*)$", getattr(module, "EPILOG", None) or "")
        for part in example[1].split("; ") if example else ():
            command = part.split(" (")[0].strip()
            block = Block(Path(str(module.__file__)), 0, "sh", command, {})
            found.append(Step(block, _kind(command), command))
    return found


def shown_as_pattern(line: str) -> re.Pattern[str]:
    """A shown output line as a pattern: a duration differs from run to run, ``...`` is
    whatever the document left out."""
    parts = [re.escape(part) for part in re.split(DURATION, line)]
    return re.compile(DURATION.join(parts).replace(re.escape("..."), ".*"))


def git(copy: Path, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=copy, capture_output=True, text=True, check=True)
    return done.stdout


def project_copy(into: Path) -> Path:
    """The project's files (tracked and not ignored) as a fresh one-commit repository,
    with ``.venv/bin`` the running interpreter's ``bin`` (git ignores ``.venv``)."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout.decode()
    copy = into / "project"
    for name in filter(None, listed.split("\0")):
        source = ROOT / name
        if source.is_file():
            (copy / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, copy / name)
    (copy / ".venv").mkdir()
    (copy / ".venv" / "bin").symlink_to(Path(sys.executable).parent)
    git(copy, "init", "-q")
    git(copy, "add", "-A")
    git(copy, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-m", "copy")
    return copy


def reader_environment() -> dict[str, str]:
    """The shell of a reader who activated ``.venv``; a browser asked to open is ``true``."""
    path = f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"
    return os.environ | {"PATH": path, "BROWSER": "true", "MPLBACKEND": "Agg"}


def check_ci(step: Step, copy: Path) -> None:
    """A ``make``, ``.ci/run`` or ``pip install`` line names what exists (not run)."""
    words = shlex.split(step.code.split("#")[0])
    if words[0] == "make":
        dry = subprocess.run(["make", "-n", *words[1:]], cwd=copy, capture_output=True, text=True)
        # A name with no rule that is a file or folder (`make tests`) has nothing to do.
        acts = dry.returncode == 0 and not re.search("up to date|Nothing to be done", dry.stdout)
        assert acts, (step.block.where, step.code, dry.stdout, dry.stderr)
    elif words[0] == ".ci/run":
        assert os.access(copy / ".ci" / "run", os.X_OK), step.block.where
    else:
        project = tomllib.loads((copy / "pyproject.toml").read_text())["project"]
        for word in words[2:]:
            name, _, wanted = word.partition("[")
            assert name in {project["name"], "-e", "."}, (step.block.where, word)
            for extra in filter(None, wanted.rstrip("]").split(",")):
                assert extra in project["optional-dependencies"], (step.block.where, extra)


def free_port() -> int:
    """A loopback port nobody listens on."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_for_page(url: str, server: subprocess.Popen, seconds: float) -> str | None:
    """Wait until ``server`` answers ``url`` with 200: None, else why not.

    Fails fast: a server that stopped or a page that answers an HTTP error (urllib's
    HTTPError is an OSError, like a refused connection) ends the wait at once.
    """
    deadline = time.monotonic() + seconds
    while server.poll() is None:
        try:
            with urllib.request.urlopen(url, timeout=5) as page:
                return None if page.status == 200 else f"the page answered HTTP {page.status}"
        except urllib.error.HTTPError as error:
            return f"the page answered HTTP {error.code}"
        except OSError:  # not listening yet
            if time.monotonic() > deadline:
                return f"no answer from {url} in {seconds:g} s"
            time.sleep(0.5)
    return f"the server stopped with exit code {server.returncode}"


def _port_taken(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) == 0


def serve(step: Step, copy: Path, env: dict[str, str], log: Path) -> None:
    """Start a server command, wait until its page answers, then stop it.

    It runs as written unless its port (``--port``, else 8765) is taken, when it gets a
    free one.
    """
    command = step.code.split("#")[0].strip()
    given = re.search(r"--port[ =](\d+)", command)
    port = int(given[1]) if given else 8765
    if _port_taken(port):
        port = free_port()
        command = (
            command.replace(given[0], f"--port {port}") if given else f"{command} --port {port}"
        )
    with log.open("w") as output:
        server = subprocess.Popen(
            command,
            shell=True,
            cwd=copy,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        failure = wait_for_page(f"http://127.0.0.1:{port}/", server, 180)
        assert failure is None, (step.block.where, command, failure, log.read_text())
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=60)


SESSION = """
import json, sys
scope = {}
for source, shown in json.loads(sys.argv[1]):
    try:
        try:
            code = compile(source, "<doc>", "eval")
        except SyntaxError:
            exec(compile(source, "<doc>", "exec"), scope)
            got = None
        else:
            value = eval(code, scope)
            got = None if value is None else repr(value)
    except Exception as error:
        got = f"{type(error).__name__}: {error}"
    if got != shown:
        sys.exit(f"{source}\\nshown: {shown}\\ngot:   {got}")
"""


def run_step(step: Step, copy: Path, scratch: Path) -> subprocess.CompletedProcess[str] | None:
    """Do one step in the copy and check it; the finished process, if one ran."""
    env = reader_environment()
    where = f"{step.block.where}: {step.code}"
    if step.kind == "template":
        return None
    if step.kind == "ci":
        check_ci(step, copy)
        return None
    if step.kind == "server":
        serve(step, copy, env, scratch / f"server-{step.block.line}.log")
        return None
    if step.kind == "python":
        script = scratch / f"block-{step.block.path.stem}-{step.block.line}.py"
        script.write_text(step.code)
        argv: list[str] | str = [sys.executable, str(script)]
    elif step.kind == "session":
        argv = [sys.executable, "-c", SESSION, step.code]
    else:
        argv = step.code
    done = subprocess.run(
        argv,
        shell=step.kind == "shell",
        cwd=copy,
        env=env,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
    )
    assert done.returncode == step.exit, (where, done.returncode, done.stderr[-3000:])
    printed = (done.stderr if step.exit else done.stdout).splitlines()
    if step.exit:
        assert len(printed) == 1, (where, done.stderr)
    for line in step.shown:
        pattern = shown_as_pattern(line)
        assert any(pattern.fullmatch(out) for out in printed), (where, line, printed[:40])
    return done


def before_slow(path: Path) -> list[Step]:
    """The steps of ``path`` before its first block marked ``slow``."""
    slow = [block.line for block in blocks(path) if "slow" in block.markers]
    return [step for step in steps(path) if not slow or step.block.line < slow[0]]


def run_document(path: Path, copy: Path, scratch: Path, *, slow: bool = True) -> str:
    """Run the steps of ``path`` in order in ``copy`` (only those before a ``slow`` block
    unless ``slow``); return ``git status --porcelain`` of the copy afterwards.

    Each step checks itself (exit code, output shown); the caller checks the status:
    empty when no committed file changed and nothing new lies outside what git ignores.
    """
    for step in steps(path) if slow else before_slow(path):
        run_step(step, copy, scratch)
    return git(copy, "status", "--porcelain", "--untracked-files=all")
