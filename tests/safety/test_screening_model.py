"""The second reader under the rules (safety/screening_model.py): a word-count model
that flags risk said in words no rule lists, and never overrules what the rules set
aside. Hazard H-089 (a risk message in free text is not flagged)."""

import json

from caseload.safety import screening_model
from caseload.safety.screening import SECOND_READER, normalise, screen
from caseload.safety.screening_eval import load
from safety.test_screening_corpus import DEV


def test_the_shipped_weights_are_what_the_development_set_gives():
    """Anyone can rebuild the model and get the same file: nothing hidden, nothing
    downloaded."""
    rebuilt = screening_model.train(load(DEV), normalise)
    shipped = json.loads(screening_model.WEIGHTS.read_text(encoding="utf-8"))
    assert shipped == json.loads(json.dumps(rebuilt))
    assert shipped["version"] == screening_model.MODEL_VERSION


def test_h089_the_second_reader_flags_risk_no_rule_names():
    text = "everyone is going to be free of me soon"
    result = screen(text)
    assert result.flagged and result.severity == "moderate"
    assert {m.rule for m in result.matches} == {SECOND_READER}
    for match in result.matches:
        assert text[match.start : match.end] == match.text


def test_the_second_reader_does_not_overrule_a_phrase_the_rules_set_aside():
    for text in (
        "I never wanted to die, I just wanted a break.",
        "If I ever felt suicidal I would call the crisis line.",
        "my friend said she wants to die",
    ):
        assert not screen(text).flagged, text


def test_the_second_reader_is_quiet_on_ordinary_check_ins():
    for text in ("Good week, slept well.", "Tengo mucho trabajo.", "Can we move Thursday?"):
        assert not screening_model.read(normalise(text)).flagged, text
