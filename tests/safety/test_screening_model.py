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

    def spy(norm, signals=()):
        asked.append(norm)
        return real(norm, signals)

    monkeypatch.setattr(screening_model, "read", spy)
    screen("I'm not suicidal. But nobody would even look for me and I've stopped caring.")
    assert asked
    monkeypatch.setattr(
        screening_model,
        "read",
        lambda norm, signals=(): screening_model.Reading(
            score=screening_model.THRESHOLD + 0.5, spans=()
        ),
    )
    assert not screen("I'm not suicidal, just tired.").flagged
    monkeypatch.setattr(
        screening_model,
        "read",
        lambda norm, signals=(): screening_model.Reading(
            score=screening_model.THRESHOLD + screening_model.SET_ASIDE_MARGIN + 0.5, spans=()
        ),
    )
    assert screen("I'm not suicidal, just tired.").flagged


def test_the_second_reader_is_quiet_on_ordinary_check_ins():
    for text in ("Good week, slept well.", "Tengo mucho trabajo.", "Can we move Thursday?"):
        assert not screening_model.read(normalise(text)).flagged, text


def test_the_reader_is_told_what_the_rules_saw(monkeypatch):
    """Each rule matched or set aside, and why, reaches the reader as a feature."""
    given = []
    real = screening_model.read

    def spy(norm, signals=()):
        given.append(set(signals))
        return real(norm, signals)

    monkeypatch.setattr(screening_model, "read", spy)
    screen("I'm not suicidal, just tired of the commute.")
    assert given and {"x:negated", "xr:suicide_word"} <= given[-1]
    norm = normalise("I'm not suicidal, just tired of the commute.")
    model = screening_model._model()
    plain = screening_model.read(norm).score
    told = screening_model.read(norm, ("x:negated",)).score
    scale = 1 / math.sqrt(len(screening_model.features(norm)))
    assert math.isclose(told - plain, model["weights"]["x:negated"] * scale, abs_tol=1e-9)


def test_h126_a_reader_only_phrase_flags_through_the_reader_and_shows_that_phrase(
    monkeypatch,
):
    """H-126: a phrase of a family the reader weighs (READER_ONLY_RULES) flags when the
    reader, with its lower bar (LEAD_MARGIN), says so, and the flag marks that phrase;
    when the reader does not, the phrase is kept as set aside, never dropped unseen."""
    text = "I picture my own funeral a lot lately"
    bar = screening_model.THRESHOLD + screening_model.LEAD_MARGIN
    monkeypatch.setattr(
        screening_model,
        "read",
        lambda norm, signals=(): screening_model.Reading(score=bar + 0.1, spans=()),
    )
    result = screen(text)
    assert result.flagged and result.severity == "moderate"
    assert [m.rule for m in result.matches] == ["death_word_first_person"]
    assert [m.text for m in result.matches] == ["funeral"]
    monkeypatch.setattr(
        screening_model,
        "read",
        lambda norm, signals=(): screening_model.Reading(score=bar - 0.1, spans=()),
    )
    result = screen(text)
    assert not result.flagged
    assert [(s.match.text, s.reason) for s in result.suppressed] == [
        ("funeral", "weighed_by_reader")
    ]


def test_h126_a_reader_only_phrase_in_a_message_too_short_to_read_still_flags():
    """H-126: the reader does not read one- or two-word messages, so there the family
    flags as a rule, as it did before it became the reader's to weigh."""
    for text in ("my death", "mi muerte", "my funeral"):
        result = screen(text)
        assert result.flagged, text
        assert {m.rule for m in result.matches} == {"death_word_first_person"}, text


def test_h126_only_the_reader_only_families_are_weighed_instead_of_flagged():
    """H-126: explicit families stay flags of their own; the reader weighs only families
    whose held-out flags were mostly wrong, and those are moderate thoughts."""
    from caseload.safety.screening import READER_ONLY_RULES, RULES

    by_name = {rule.name: rule for rule in RULES}
    assert set(by_name) >= READER_ONLY_RULES
    for name in READER_ONLY_RULES:
        assert by_name[name].severity == "moderate"
        assert by_name[name].category == "thoughts"


def test_a_reader_only_phrase_is_marked_beside_a_rules_flag():
    """Beside a flag of its own, a reader-only phrase is marked as any phrase found, so
    the clinician sees every word of death the rules read."""
    result = screen("I want to kill myself, I think about my funeral")
    assert result.flagged
    assert {m.rule for m in result.matches} >= {"death_word_first_person"}
    assert "funeral" in result.matched_words
