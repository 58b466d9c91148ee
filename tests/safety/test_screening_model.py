"""The second reader under the rules (safety/screening_model.py): a logistic regression
over words, word pairs and letter groups that flags risk said in words no rule lists,
read in plain Python from exported weights. Hazards H-089 (a risk message in free text
is not flagged) and H-091 (setting one phrase aside hides risk said elsewhere in the
message)."""

import json
import math
from pathlib import Path

from caseload.safety import screening_model
from caseload.safety.screening import SECOND_READER, normalise, screen
from caseload.safety.screening_eval import author_files, load
from safety.test_screening_corpus import CORPUS


def test_the_shipped_weights_are_what_the_development_sets_give():
    """Anyone can rebuild the model and get the same file: nothing hidden, nothing
    downloaded, the same data gives the same weights."""
    rows = [row for path in author_files(CORPUS) for row in load(path)]
    rebuilt = screening_model.train(rows, normalise)
    shipped = json.loads(screening_model.WEIGHTS.read_text(encoding="utf-8"))
    assert shipped == json.loads(json.dumps(rebuilt))
    assert shipped["version"] == screening_model.MODEL_VERSION


def test_the_weights_file_stays_small_and_serving_needs_no_numerical_library():
    assert screening_model.WEIGHTS.stat().st_size < 2_000_000
    source = Path(screening_model.__file__).read_text(encoding="utf-8")
    top_level = [line for line in source.splitlines() if line.startswith(("import ", "from "))]
    assert not [
        line for line in top_level if "numpy" in line or "sklearn" in line or "scipy" in line
    ]


def test_a_reading_is_the_sum_of_the_weights_of_its_features():
    """Inference is a lookup and a sum: the score is the bias plus each feature's weight,
    scaled to the message's length as in training."""
    norm = normalise("I can't see a way out of this")
    model = screening_model._model()
    found = screening_model.features(norm)
    expected = model["bias"] + sum(model["weights"].get(f, 0.0) for f in found) / math.sqrt(
        len(found)
    )
    assert math.isclose(screening_model.read(norm).score, expected, abs_tol=1e-9)
    assert {"w:way", "b:way out", "c: wa", "c:out "} <= set(found)


def test_letter_groups_carry_misspellings_the_word_list_never_saw():
    found = screening_model.features(normalise("cortandome"))
    assert "c: cort" in found and "c:cort" in found


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


def test_h091_a_phrase_set_aside_does_not_silence_risk_said_elsewhere(monkeypatch):
    """When a rule set one phrase aside, the reader is still asked about the whole
    message, only with a higher bar (SET_ASIDE_MARGIN)."""
    asked = []
    real = screening_model.read

    def spy(norm):
        asked.append(norm)
        return real(norm)

    monkeypatch.setattr(screening_model, "read", spy)
    screen("I'm not suicidal. But nobody would even look for me and I've stopped caring.")
    assert asked
    monkeypatch.setattr(
        screening_model,
        "read",
        lambda norm: screening_model.Reading(score=screening_model.THRESHOLD + 0.5, spans=()),
    )
    assert not screen("I'm not suicidal, just tired.").flagged
    monkeypatch.setattr(
        screening_model,
        "read",
        lambda norm: screening_model.Reading(
            score=screening_model.THRESHOLD + screening_model.SET_ASIDE_MARGIN + 0.5, spans=()
        ),
    )
    assert screen("I'm not suicidal, just tired.").flagged


def test_the_second_reader_is_quiet_on_ordinary_check_ins():
    for text in ("Good week, slept well.", "Tengo mucho trabajo.", "Can we move Thursday?"):
        assert not screening_model.read(normalise(text)).flagged, text
