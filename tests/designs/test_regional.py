"""Regional presets from the ATLAS II survey (London, 22 June 2014)."""

import pytest

from govsim.designs import LEVELS, Inclusion, likert, load_design, regional_design, resolve
from govsim.errors import GovsimError


@pytest.mark.parametrize(
    ("answer", "dial"), [(0, 0.0), (1, 0.0), (2, 0.25), (3, 0.5), (4, 0.75), (5, 1.0), (2.5, 0.375)]
)
def test_likert_maps_1_to_5_onto_0_to_1_and_reads_0_as_1(answer, dial):
    assert likert(answer) == dial


def test_latin_america_gave_2_to_question_1_so_dialogue_is_a_quarter():
    design = load_design("regional")
    outside = design.dials("civil-society", "civil-society")
    assert outside.agenda == outside.dialogue == 0.25  # q1 = 2, the answer on record
    assert outside.decision == 0.5  # q2 = 3, a placeholder
    assert design.deliberation.segregation == 0.5  # q5 = q6 = 3, placeholders
    assert design.dials("government", "government") == LEVELS["empower"]
    assert "placeholder" in design.description


def test_government_process_uses_questions_1_2_5_6():
    design = regional_design([5, 1, 2, 2, 1, 5], name="x")
    assert design.default_inclusion == Inclusion(agenda=1.0, dialogue=1.0, decision=0.0)
    assert design.deliberation.segregation == 0.5
    assert dict(design.inclusion) == {"government": LEVELS["empower"]}
    assert not design.seats and design.rule.name == "majority"


def test_cctld_process_uses_questions_3_4_and_empowers_the_technical_community():
    design = regional_design([1, 1, 4, 2, 2, 2], body="cctld")
    assert design.default_inclusion == Inclusion(agenda=0.75, dialogue=0.75, decision=0.25)
    assert dict(design.inclusion) == {"technical-community": LEVELS["empower"]}
    assert design.name == "regional-cctld" and design.deliberation.segregation == 0.25


def test_toml_form_builds_the_preset_and_lets_other_keys_override_it():
    data = {
        "name": "apac",
        "regional": {"answers": [4, 2, 4, 3, 2, 2], "body": "government"},
        "deliberation": {"kernel": "degroot"},
        "inclusion": {"academia": "involve"},
    }
    design, scenario = resolve(data)
    assert design.name == "apac" and scenario.name == "five-sectors"
    assert design.deliberation.kernel == "degroot"
    assert design.deliberation.segregation == 0.25
    assert design.dials("academia", "academia") == LEVELS["involve"]
    assert design.dials("civil-society", "civil-society").dialogue == 0.75
    preset = regional_design([4, 2, 4, 3, 2, 2], name="apac")
    assert (design.rule, design.source) == (preset.rule, preset.source)


@pytest.mark.parametrize(
    ("regional", "message"),
    [
        ({"answers": [2, 3]}, "design.regional.answers: expected six answers"),
        ({"answers": [2, 3, 3, 3, 3, 6]}, "design.regional.answers[5]: expected a number in"),
        ({"answers": [2, 3, 3, 3, 3, True]}, "found the boolean true"),
        ({"answers": "2,3"}, "design.regional.answers: expected a list of six answers"),
        ({"answers": [2] * 6, "body": "cctlds"}, "did you mean 'cctld'?"),
        ({"body": "cctld"}, "design.regional.answers: missing required key"),
        ({"answers": [2] * 6, "bdy": "x"}, "design.regional.bdy: unknown key"),
    ],
)
def test_bad_answers_are_one_line_errors(regional, message):
    with pytest.raises(GovsimError) as caught:
        load_design({"name": "x", "regional": regional})
    assert message in str(caught.value) and str(caught.value).startswith("<dict>: design.")
