"""Users have only the repository: nothing in it may point to files outside it, and the
sources page it points to instead covers the rules the built-ins encode."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# A path into the project's private notes; a quoted "shared/" is a check like this one.
OUTSIDE = re.compile(r"(?<![\"'\w])(?:\.\./)*shared/")


def tracked_text_files() -> list[Path]:
    listed = subprocess.run(
        ["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True
    ).stdout.decode()
    return [ROOT / name for name in filter(None, listed.split("\0")) if (ROOT / name).is_file()]


def test_no_file_refers_to_the_shared_notes_users_do_not_have() -> None:
    found = []
    for path in tracked_text_files():
        if path == Path(__file__).resolve():
            continue  # this test's own examples of what it looks for
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue  # a binary file: a figure, a Parquet table
        for number, line in enumerate(text.splitlines(), 1):
            if OUTSIDE.search(line):
                found.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert not found, "\n".join(found)


def test_the_pattern_catches_the_references_it_is_for() -> None:
    assert OUTSIDE.search("see `shared/reference/governance-rules.md`")
    assert OUTSIDE.search("(../shared/reference/empirical-facts.md)")
    assert not OUTSIDE.search('assert "shared/" not in text')


def test_the_sources_page_cites_each_rule_and_case() -> None:
    text = " ".join((ROOT / "docs" / "sources.md").read_text().split())
    for citation in (
        "ICANN Bylaws §11.3",
        "GNSO Operating Procedures §4.5.3",
        "GNSO Working Group Guidelines §3.6",
        "RFC 7282",
        "RFC 2418",
        "§12.2(a)(x)",
        "Article X §3",
        "NETmundial Multistakeholder Statement",
        "CGI.br",
        "#InternetNecesario",
        "ATLAS II",
    ):
        assert citation in text, citation
