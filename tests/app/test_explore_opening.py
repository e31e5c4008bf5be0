"""Opening a file in the explore page: it reads that file and no other.

A design file's ``design.extends`` and ``design.scenario`` may name files; the page
refuses both unless they are built-in names, so an opened file cannot make the server
read (and echo) another file. Each test plants a readable file where the loader would
look, so it fails if the refusal goes.
"""

from __future__ import annotations

import errno
from dataclasses import replace
from pathlib import Path

import pytest

from govsim import run
from govsim.app.explore import opening
from govsim.app.explore.compare_panel import compare_dials, comparison_caption
from govsim.app.explore.opening import menu, name_of, open_design, reopened, safe_name
from govsim.app.explore.page import run_heading
from govsim.app.explore.session import Dials, Session
from govsim.cli import main
from govsim.errors import GovsimError
from tests.app.explore_checks import run_line

#: A design the loader would accept as a base: what a planted file holds.
BASE = '[design]\nextends = "gnso-council"\nname = "secret-base"\n'
#: A scenario the loader would accept.
SCENARIO = '[scenario]\nname = "secret"\n[scenario.sectors.a]\ncount = 5\n'
REFUSED = "(an opened file cannot read other files)"


@pytest.fixture
def kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Opened files kept under ``tmp_path/opened``: ``../..`` from a file is ``tmp_path``."""
    folder = tmp_path / "opened"
    folder.mkdir()
    monkeypatch.setattr(opening, "_folder", folder)
    return tmp_path


def _refused(name: str, text: str) -> str:
    with pytest.raises(GovsimError) as refused:
        open_design(name, text.encode())
    message = str(refused.value)
    assert "\n" not in message and "secret" not in message.split("found")[0]
    return message


def test_an_absolute_extends_is_refused(kept: Path) -> None:
    base = kept / "base.toml"
    base.write_text(BASE)
    assert run(base, steps=2).metrics  # the loader would read it
    message = _refused("mine.toml", f'[design]\nextends = "{base}"\nname = "mine"\n')
    # describe() shortens a long value: the start of the path is shown.
    assert message.startswith(
        f"mine.toml: design.extends: expected a built-in design name {REFUSED}; "
        f"found the string '{str(base)[:20]}"
    )


def test_a_dot_dot_extends_is_refused(kept: Path) -> None:
    (kept / "base.toml").write_text(BASE)
    message = _refused("mine.toml", '[design]\nextends = "../../base.toml"\nname = "mine"\n')
    assert message.startswith(
        f"mine.toml: design.extends: expected a built-in design name {REFUSED}"
    )
    assert message.endswith("found the string '../../base.toml'")


@pytest.mark.parametrize("absolute", [False, True])
def test_a_scenario_path_is_refused(kept: Path, monkeypatch, absolute: bool) -> None:
    (kept / "secret.toml").write_text(SCENARIO)
    monkeypatch.chdir(kept)  # a relative path falls back to the server's working folder
    where = str(kept / "secret.toml") if absolute else "secret.toml"
    text = f'[design]\nname = "mine"\nscenario = "{where}"\n'
    (kept / "mine.toml").write_text(text)
    assert main(["validate", str(kept / "mine.toml")]) == 0  # the loader would read it
    message = _refused("mine.toml", text)
    assert message.startswith(
        f"mine.toml: design.scenario: expected a built-in scenario name {REFUSED}; "
        f"found the string '{where[:20]}"
    )


def test_a_value_that_is_no_name_is_refused_too(kept: Path) -> None:
    message = _refused("mine.toml", '[design]\nextends = ["gnso-council"]\nname = "mine"\n')
    assert message.endswith(f"{REFUSED}; found the list ['gnso-council']")
    assert "did you mean 'gnso-council'" in _refused(
        "mine.toml", '[design]\nextends = "gnso-counsil"\nname = "mine"\n'
    )


def test_built_in_names_and_an_own_scenario_work(kept: Path) -> None:
    text = '[design]\nextends = "gnso-council"\nname = "mine"\nscenario = "gnso"\n'
    path = open_design("mine.toml", text.encode())
    (kept / "copy.toml").write_text(text)
    assert run(path, steps=10, seed=1).metrics == run(kept / "copy.toml", steps=10, seed=1).metrics
    # With its own [scenario], design.scenario is not read: any value is harmless.
    own = f'[design]\nname = "own"\nscenario = "{kept / "nowhere.toml"}"\n{SCENARIO}'
    assert run(open_design("own.toml", own.encode()), steps=2).scenario.name == "secret"


def test_a_toml_error_is_govsim_runs_line(kept: Path, capsys, monkeypatch) -> None:
    text = b'[design]\nname = "b"\nrule = \n'
    line = run_line(kept, "b.toml", text, capsys, monkeypatch)
    with pytest.raises(GovsimError) as bad:
        open_design("b.toml", text)
    assert str(bad.value) == line and line.startswith("b.toml: line 3, column 8: invalid TOML")


def test_a_name_that_is_no_file_name_is_made_safe(kept: Path) -> None:
    text = b'[design]\nextends = "gnso-council"\nname = "x"\n'
    for name, safe in [
        ("..", "design.toml"),
        (".", "design.toml"),
        ("", "design.toml"),
        ("a\x00b.toml", "a_b.toml"),
        ("../../x y.toml", "x_y.toml"),
        ("C:\\Users\\me\\x.toml", "x.toml"),
    ]:
        assert safe_name(name) == safe
        path = Path(open_design(name, text))
        assert path.name == safe and path.parent.parent == kept / "opened"
        assert name_of(str(path)) == f"{safe} (opened)"


def test_a_file_that_cannot_be_kept_is_one_line(kept: Path, monkeypatch) -> None:
    def full(self, data):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(Path, "write_bytes", full)
    with pytest.raises(GovsimError) as bad:
        open_design("mine.toml", b'[design]\nextends = "gnso-council"\n')
    assert str(bad.value) == "mine.toml: cannot keep the file: No space left on device"


def test_the_page_names_an_opened_file_by_its_name(kept: Path) -> None:
    path = open_design("mine.toml", b'[design]\nextends = "gnso-council"\nname = "mine"\n')
    session = Session(Dials(design=path, seed=3))
    session.step(2)
    assert run_heading(session) == "mine.toml (opened), seed 3: 2 issues"
    # A comparison whose run failed in the opened file: its error names the file too.
    result = compare_dials(Dials(design=path, steps=5), "gnso-council-2003", 2)
    failed = replace(result, failed=1, first_error=f"{path}: design.rule: bad")
    caption = comparison_caption(failed, seed=0)
    assert str(kept) not in caption
    assert caption.startswith("A = mine, B = gnso-council-2003: 2 paired")  # design names
    assert caption.endswith("; 1 runs failed, e.g. mine.toml: design.rule: bad")
    assert "failed" not in comparison_caption(result, seed=0)


def test_a_file_opened_again_replaces_the_older_one_in_the_menu(kept: Path) -> None:
    text = '[design]\nextends = "gnso-council"\nname = "{}"\n'
    first = open_design("x.toml", text.format("first").encode())
    other = open_design("y.toml", text.format("other").encode())
    again = open_design("x.toml", text.format("again").encode())
    assert first != again and name_of(first) == name_of(again) == "x.toml (opened)"
    opened = reopened(reopened(reopened((), first), other), again)
    assert opened == (other, again)
    names = menu(["gnso-council", *opened])
    assert list(names) == ["gnso-council", "y.toml (opened)", "x.toml (opened)"]
    assert run(names["x.toml (opened)"], steps=1).design.name == "again"
