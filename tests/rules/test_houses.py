"""GNSO Council thresholds against the bylaw seat counts, and the threshold language."""

from __future__ import annotations

import dataclasses
from fractions import Fraction

import numpy as np
import pytest

from govsim.errors import GovsimError
from govsim.rules import THRESHOLDS, Stance, get_rule, parse_threshold
from govsim.rules.houses import And, Atom, Or
from tests.rules.bodies import GNSO_COUNCIL, body, stances

YES, NO, ABSTAIN, ABSENT = Stance.SUPPORT, Stance.OPPOSE, Stance.ABSTAIN, Stance.ABSENT

# Seats needed, written from the reference table (CPH a of 7, NCPH b of 13), not from
# the fractions in THRESHOLDS.
SEAT_COUNTS = {
    "gnso-default": lambda a, b: (a >= 4) & (b >= 7),
    "gnso-issues-report": lambda a, b: ((a >= 2) & (b >= 4)) | (a >= 4) | (b >= 7),
    "gnso-pdp-in-scope": lambda a, b: ((a >= 3) & (b >= 5)) | (a >= 5) | (b >= 9),
    "gnso-supermajority": lambda a, b: (
        ((a >= 5) & (b >= 9)) | ((a >= 6) & (b >= 7)) | ((b >= 10) & (a >= 4))
    ),
    "gnso-supermajority-2009": lambda a, b: ((a >= 6) & (b >= 7)) | ((b >= 10) & (a >= 4)),
}

# The non-voting appointee in a house of its own (as in GNSO_COUNCIL) or seated in the
# CPH with weight 0: neither placement may change a result.
COUNCILS = {
    "appointee-apart": GNSO_COUNCIL,
    "appointee-in-cph": body([1] * 7 + [0] + [1] * 13, [0] * 8 + [1] * 13),
}


def council_ballots(council, filler: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """All 8 x 14 (CPH yes, NCPH yes) tallies; other voting seats take ``filler``."""
    a, b = (x.ravel() for x in np.meshgrid(np.arange(8), np.arange(14), indexing="ij"))
    voting = council.weights > 0
    cph = np.flatnonzero(voting & (council.houses == 0))
    ncph = np.flatnonzero(voting & (council.houses == 1))
    profile = np.tile(filler, (len(a), 1)).astype(np.int8)
    profile[:, cph] = np.where(np.arange(7) < a[:, None], YES, profile[:, cph])
    profile[:, ncph] = np.where(np.arange(13) < b[:, None], YES, profile[:, ncph])
    profile[:, ~voting] = YES  # the non-voting appointee's stance never counts
    return profile, a, b


FILLERS = {
    "oppose": NO,
    "abstain": ABSTAIN,
    "absent": ABSENT,
    "mixed": None,
}


@pytest.mark.parametrize("council_name", COUNCILS)
@pytest.mark.parametrize("filler_name", FILLERS)
@pytest.mark.parametrize("threshold", SEAT_COUNTS)
def test_gnso_thresholds_match_bylaw_seat_counts(threshold, filler_name, council_name):
    council = COUNCILS[council_name]
    stance = FILLERS[filler_name]
    # Abstention and absence count as No (GNSO Operating Procedures §4.5.3).
    filler = (
        np.resize([NO, ABSTAIN, ABSENT], council.n)
        if stance is None
        else np.full(council.n, stance)
    )
    profile, a, b = council_ballots(council, filler)
    decision = get_rule("houses", threshold=threshold)(profile, council.weights, council.houses)
    expected = SEAT_COUNTS[threshold](a, b)
    wrong = np.flatnonzero(decision.passed != expected)
    assert not wrong.size, f"CPH {a[wrong[0]]} / NCPH {b[wrong[0]]} decided wrongly"
    np.testing.assert_array_equal(decision.fraction[:, 0] * 7, a)


def test_seven_votes_win_over_fourteen():
    # All 7 CPH against; all 13 NCPH and the non-voting appointee for: 7 over 14.
    ballot = stances((7, NO), (13, YES), (1, YES))
    w, h = GNSO_COUNCIL.weights, GNSO_COUNCIL.houses
    assert not get_rule("houses", threshold="gnso-default")(ballot, w, h).passed
    assert get_rule("majority")(ballot, w, h).passed


def test_every_gnso_threshold_is_shipped():
    assert set(SEAT_COUNTS) <= set(THRESHOLDS)


# CA/Browser Forum: house 0 Certificate Issuers (10), house 1 Certificate Consumers (4).
CABF = body([1] * 14, [0] * 10 + [1] * 4)
CABF_RULE = "h0 >= 2/3 of cast and h1 > 1/2 of cast and h0 >= 1 votes and h1 >= 1 votes"


@pytest.mark.parametrize(
    ("issuers", "consumers", "passes"),
    [
        # 6 of 9 issuer votes cast is exactly 2/3; 2 of 3 consumer votes is over half.
        (((6, YES), (3, NO), (1, ABSTAIN)), ((2, YES), (1, NO), (1, ABSENT)), True),
        (((5, YES), (3, NO), (2, ABSTAIN)), ((2, YES), (1, NO), (1, ABSENT)), False),
        (((6, YES), (3, NO), (1, ABSTAIN)), ((1, YES), (1, NO), (2, ABSTAIN)), False),
        # Every consumer abstains: no consumer yes, no votes cast.
        (((10, YES),), ((4, ABSTAIN),), False),
        (((10, NO),), ((4, YES),), False),
    ],
)
def test_cabforum_ballot_rule(issuers, consumers, passes):
    ballot = stances(*issuers, *consumers)
    for threshold in (CABF_RULE, "cabforum-ballot"):
        decision = get_rule("houses", threshold=threshold)(ballot, CABF.weights, CABF.houses)
        assert bool(decision.passed) is passes
    assert THRESHOLDS["cabforum-ballot"] == CABF_RULE + " and body present > 1/2"


def test_cabforum_quorum_and_reported_base():
    # 3 issuers and 1 consumer vote yes, everyone else is absent: 4 of 14 took part.
    ballot = stances((3, YES), (7, ABSENT), (1, YES), (3, ABSENT))
    w, h = CABF.weights, CABF.houses
    assert get_rule("houses", threshold=CABF_RULE)(ballot, w, h).passed
    decision = get_rule("houses", threshold="cabforum-ballot")(ballot, w, h)
    assert not decision.passed
    np.testing.assert_array_equal(decision.fraction, [1, 1])  # support over votes cast


def test_precedence_and_parentheses():
    h0, h1 = Atom("h0", "share", False, Fraction(1, 2)), Atom("h1", "share", False, Fraction(1, 2))
    one_yes = Atom("h0", "votes", True, Fraction(1))
    assert parse_threshold("h0 > 1/2 or h1 > 1/2 and h0 >= 1 votes") == Or((h0, And((h1, one_yes))))
    grouped = parse_threshold("(h0 > 1/2 or h1 > 1/2) and h0 >= 1 vote")
    assert grouped == And((Or((h0, h1)), one_yes))
    assert str(grouped) == "(h0 > 1/2 of seats or h1 > 1/2 of seats) and h0 >= 1 votes"


@pytest.mark.parametrize(
    "expr",
    [
        *THRESHOLDS,
        "H0 >= 60% OF CAST",
        "body present > 1/2 and any >= 0.75 of present",
        "((h2 > 1/3))",
    ],
)
def test_canonical_form_parses_back(expr):
    parsed = parse_threshold(expr)
    assert parse_threshold(str(parsed)) == parsed


def test_numbers_are_read_exactly():
    assert len({parse_threshold(f"h0 >= {x}") for x in ("3/5", "60%", "0.6", "6/10")}) == 1
    assert parse_threshold("h0 >= 18 votes").value == 18


def test_parsed_thresholds_are_frozen_and_hashable():
    parsed = parse_threshold("gnso-supermajority")
    assert {parsed: "ok"}[parse_threshold(THRESHOLDS["gnso-supermajority"])] == "ok"
    with pytest.raises(dataclasses.FrozenInstanceError):
        parsed.terms = ()


@pytest.mark.parametrize(
    ("expr", "message"),
    [
        ("", "expected a house"),
        ("h0", "expected '>' or '>='"),
        ("h0 >", "expected a number"),
        ("h0 < 1/2", "unexpected character '<'"),
        ("h0 = 1/2", "unexpected character '='"),
        ("x0 > 1/2", "expected a house"),
        ("h0 > half", "expected a number"),
        ("h0 > 3/2", "must be a number in \\[0, 1\\]"),
        ("h0 > 1/0", "must be a number"),
        ("h0 > 2/3 of members", "expected a base"),
        ("h0 > 1/2 h1 > 1/2", "expected 'and', 'or' or the end"),
        ("h0 > 1/2 and", "expected a house"),
        ("(h0 > 1/2", "expected '\\)'"),
        ("h0 > 1/2)", "expected 'and', 'or' or the end"),
        ("h0 present > 1/2 votes", "expected 'and', 'or' or the end"),
        ("h0 > 1/2 or gnso-default", "unexpected character '-'"),
        ("gnso-nonexistent", "unknown threshold name 'gnso-nonexistent'"),
    ],
)
def test_bad_expressions_raise_one_line_errors(expr, message):
    with pytest.raises(GovsimError, match=message) as error:
        parse_threshold(expr)
    assert "\n" not in str(error.value)


def test_threshold_must_be_a_string_and_fit_the_body():
    with pytest.raises(GovsimError, match="threshold must be a name or an expression"):
        parse_threshold(0.5)
    two_houses = body([1] * 4, [0, 0, 1, 1])
    with pytest.raises(GovsimError, match="refers to house 2, but the body has 2 house"):
        get_rule("houses", threshold="h2 > 1/2")([YES] * 4, two_houses.weights, two_houses.houses)


def test_quantifiers_and_whole_body():
    # Three houses; house 2 has no seat weight and is left out of "each" and "any".
    council = body([1, 1, 1, 1, 0], [0, 0, 1, 1, 2])
    decide = get_rule("houses", threshold="each > 1/2")
    assert decide([YES, YES, YES, YES, NO], council.weights, council.houses).passed
    ballot = np.array([[YES, YES, YES, NO, YES], [YES, NO, YES, NO, YES]])
    np.testing.assert_array_equal(
        decide(ballot, council.weights, council.houses).passed, [False, False]
    )
    some = get_rule("houses", threshold="any > 1/2")(ballot, council.weights, council.houses)
    np.testing.assert_array_equal(some.passed, [True, False])
    whole = get_rule("houses", threshold="body >= 1/2")(ballot, council.weights, council.houses)
    np.testing.assert_array_equal(whole.passed, [True, True])
    quorum = get_rule("houses", threshold="h1 present >= 1/2 and body >= 2 votes")
    np.testing.assert_array_equal(
        quorum(ballot, council.weights, council.houses).passed, [True, True]
    )


def test_rule_accepts_a_parsed_threshold():
    parsed = parse_threshold("gnso-pdp-in-scope")
    ballot = stances((3, YES), (4, NO), (5, YES), (8, ABSTAIN), (1, NO))
    w, h = GNSO_COUNCIL.weights, GNSO_COUNCIL.houses
    assert get_rule("houses", threshold=parsed)(ballot, w, h).passed
    assert not get_rule("houses", threshold="gnso-default")(ballot, w, h).passed
