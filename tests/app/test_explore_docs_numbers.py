"""The numbers docs/explore.md quotes for reproducing "7 over 14" are what the page shows.

Each value is read from the document and recomputed with the page's own code (the
session behind the cards, the comparison behind the Compare table), so the walk-through
cannot drift from the model.
"""

from __future__ import annotations

import re
from pathlib import Path

from govsim import run
from govsim.app.explore.compare_panel import compare_dials
from govsim.app.explore.session import Dials, Session, card_text

SECTION = Path(__file__).resolve().parents[2] / "docs" / "explore.md"


def _walkthrough() -> str:
    text = SECTION.read_text(encoding="utf-8")
    start = text.index("## Reproducing 7 over 14")
    return " ".join(text[start : text.index("\n## ", start + 1)].split())


def _cards(split: float) -> tuple[str, str]:
    session = Session(Dials(split=split, steps=200))
    session.step(200)
    summary = session.summary()
    return card_text(summary["seat_blocked_majority_rate"]), card_text(summary["pass_rate"])


def test_the_cards_quoted_at_split_0_and_0_4() -> None:
    text = _walkthrough()
    at_0 = re.search(r"reads (\d\.\d{4}) at seed 0, and `pass_rate` (\d\.\d{4})", text)
    at_04 = re.search(
        r"`seat_blocked_majority_rate` reads (\d\.\d{4}) and `pass_rate` (\d\.\d{4})", text
    )
    assert at_0 and at_04, "the walk-through no longer quotes the cards"
    assert _cards(0.0) == at_0.groups()
    assert _cards(0.4) == at_04.groups()


def test_the_comparison_quoted_against_the_2003_council() -> None:
    quoted = re.search(
        r"reads (\d\.\d{4}) for the two houses and (\d\.\d{4}) for the weighted council of "
        r"2003, a difference of (−?\d\.\d{4}) with 95% interval \[(−?\d\.\d{4}), (−?\d\.\d{4})\]",
        _walkthrough(),
    )
    assert quoted, "the walk-through no longer quotes the comparison"
    row = compare_dials(Dials(split=0.4, steps=200), "gnso-council-2003", 20).table
    row = row.set_index("metric").loc["seat_blocked_majority_rate"]
    shown = [card_text(row[k]) for k in ("mean_a", "mean_b", "difference", "ci_low", "ci_high")]
    assert shown == [q.replace("−", "-") for q in quoted.groups()]


def test_the_seeds_quoted() -> None:
    quoted = re.search(
        r"over seeds 0 to 19 \(200 issues each\) the rate averages (\d\.\d+) at split 0\.4 "
        r"\(from (\d\.\d+) to (\d\.\d+)\) and (\d\.\d+) at split 0;",
        _walkthrough(),
    )
    assert quoted, "the walk-through no longer quotes the seeds"
    rates = {}
    for split in (0.0, 0.4):
        overrides = Dials(split=split).overrides()
        rates[split] = [
            run("gnso-council", steps=200, seed=s, overrides=overrides).metrics[
                "seat_blocked_majority_rate"
            ]
            for s in range(20)
        ]
    mean, low, high, calm = (float(q) for q in quoted.groups())
    digits = {q: len(q.split(".")[1]) for q in quoted.groups()}
    shown = [
        round(sum(rates[0.4]) / 20, digits[quoted.group(1)]),
        round(min(rates[0.4]), digits[quoted.group(2)]),
        round(max(rates[0.4]), digits[quoted.group(3)]),
        round(sum(rates[0.0]) / 20, digits[quoted.group(4)]),
    ]
    assert shown == [mean, low, high, calm]
