"""The power report over real councils, checked against independent counts."""

import re
import zlib
from fractions import Fraction
from math import comb

import numpy as np
import pytest

from govsim.cli import main
from govsim.power import WeightedGame
from govsim.power.report import counter_majoritarian_table, report_councils, seat_power_table


@pytest.fixture(scope="module")
def counter_majoritarian():
    return counter_majoritarian_table().set_index(["council", "rule"])


def test_gnso_default_counter_majoritarian_share_by_direct_count(counter_majoritarian):
    # Over all yes/no splits of 7 CPH and 13 NCPH seats: how often does "majority of
    # each house" (>=4 and >=7) disagree with a majority of the 20 seats (>=11)?
    differ = sum(
        comb(7, a) * comb(13, b)
        for a in range(8)
        for b in range(14)
        if (a >= 4 and b >= 7) != (a + b >= 11)
    )
    row = counter_majoritarian.loc[("gnso-council", "gnso-default")]
    assert Fraction(row["counter_majoritarian_exact"]) == Fraction(differ, 2**20)
    # Every winning coalition (>=4 of 7 and >=7 of 13) is a majority of 20 seats, so the
    # two-house rule only ever blocks majorities; it never lets a minority win.
    assert row["blocked_majority"] == float(Fraction(differ, 2**20))
    assert row["minority_wins"] == 0


def test_seven_against_beat_thirteen_for_in_the_gnso_council():
    games = report_councils()[0].games()
    # Groups: RySG 3, RrSG 3, CPH NomCom 1 | CSG 6, NCSG 6, NCPH NomCom 1 | non-voting 1.
    all_cph_against_all_ncph_for = (0, 0, 0, 6, 6, 1, 0)
    assert not games["gnso-default"].profile_wins[all_cph_against_all_ncph_for]
    assert games["one seat, one vote"].profile_wins[all_cph_against_all_ncph_for]


def test_weighted_2003_council_matches_the_weighted_game():
    # 27 votes: registry and registrar councillors cast 2 (reference, section 2).
    table = seat_power_table()
    rows = table[
        (table.council == "gnso-council-2003") & (table.rule == "majority of 27 weighted votes")
    ]
    game = WeightedGame.from_values([2] * 6 + [1] * 15, 14).power(exact=True)
    assert rows["banzhaf"].tolist() == pytest.approx(
        [game.banzhaf[i] for i in (0, 3, 6, 9, 12, 15, 18)]
    )
    assert sum(c.weights.sum() for c in report_councils() if c.name == "gnso-council-2003") == 27


def test_every_group_of_a_council_gets_a_row_per_rule():
    table = seat_power_table()
    for council in report_councils():
        rows = table[table.council == council.name]
        assert len(rows) == len(council.groups) * (len(council.rules) + 1)
        voting = rows[rows.weight > 0]
        seats_per_rule = voting.groupby("rule")["seats"].sum()
        share = (voting["banzhaf"] * voting["seats"]).groupby(voting["rule"]).sum()
        assert np.allclose(share, 1.0) and (seats_per_rule == seats_per_rule.iloc[0]).all()


def assert_vector_pdf(path):
    """The PDF draws paths and embeds no raster image."""
    pdf = path.read_bytes()
    assert b"/Subtype /Image" not in pdf, "figures must be vector, not an embedded raster"
    streams = re.findall(rb"stream\r?\n(.*?)\r?\nendstream", pdf, flags=re.S)
    content = b"".join(zlib.decompress(s) for s in streams if s[:1] == b"x")
    assert re.search(rb"\bre\b|\bl\b", content), "no vector path operators found"


def test_report_command_writes_tables_figures_and_manifest(tmp_path):
    assert main(["report", "--out", str(tmp_path), "--quiet"]) == 0
    out = tmp_path / "power"
    for name in ("seat_power", "counter_majoritarian"):
        for suffix in (".csv", ".parquet", ".png"):
            assert (out / f"{name}{suffix}").stat().st_size > 0
        assert_vector_pdf(out / f"{name}.pdf")
    assert '"versions"' in (out / "manifest.json").read_text()


def test_report_is_byte_identical_when_run_again(tmp_path):
    for run in ("first", "again"):
        assert main(["report", "--out", str(tmp_path / run), "--quiet"]) == 0
    files = sorted(p.name for p in (tmp_path / "first" / "power").iterdir())
    assert len(files) == 9
    for name in files:
        if name != "manifest.json":  # it records the time of the run
            first = (tmp_path / "first" / "power" / name).read_bytes()
            assert first == (tmp_path / "again" / "power" / name).read_bytes(), name


def test_a_design_seats_the_council_of_the_power_report():
    """A design's council under its own labels and rule has the report's per-seat
    power, which the tests above check against independent counts."""
    from govsim.designs import load_design
    from govsim.power.report import council_from_design

    report = seat_power_table().set_index(["council", "rule"])
    for name, rule in (
        ("gnso-council", "gnso-default"),
        ("gnso-council-2003", "majority of 27 weighted votes"),
    ):
        mine = seat_power_table((council_from_design(load_design(name)),))
        mine = mine[(mine["rule"] != "one seat, one vote") & (mine["weight"] > 0)]
        theirs = report.loc[(name, rule)]
        theirs = theirs[theirs["weight"] > 0]
        # The report merges the design's seat blocks into its groups; each seat agrees.
        assert sorted(mine["banzhaf"].round(12).unique()) == sorted(
            theirs["banzhaf"].round(12).unique()
        )
        voting = 20 if name == "gnso-council" else 21
        assert mine["seats"].sum() == theirs["seats"].sum() == voting


def test_an_open_assembly_seats_no_council():
    from govsim.designs import load_design
    from govsim.errors import GovsimError
    from govsim.power.report import council_from_design

    with pytest.raises(GovsimError, match="open assembly"):
        council_from_design(load_design("ietf-wg"))


def test_the_report_seats_its_councils_from_the_design_files():
    from govsim.designs import load_design
    from govsim.power.report import REPORTED

    for reported, council in zip(REPORTED, report_councils(), strict=True):
        design = load_design(reported.design)
        assert council.name == design.name
        assert council.rules[0][1:] == (design.rule.name, dict(design.rule.params))
        assert sorted(council.weights) == sorted(
            w for s in design.seats for w in [s.weight] * s.count
        )
