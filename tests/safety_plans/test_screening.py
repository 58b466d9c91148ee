"""The check-in risk-language screen (safety/screening.py), on single sentences and on
the labelled set of check-in sentences.

Hazard guarded: a risk statement in a check-in is not flagged (every explicit statement
of suicidal thoughts, a plan or intent in the labelled set must be caught). The figures
printed here are the ones docs/guide-safety-plans.md reports; a test keeps them equal."""

import re
from pathlib import Path

import pytest

from caseload.safety.screening import HIGH, MODERATE, highlight_parts, normalise, screen
from safety_plans.checkin_sentences import SENTENCES

GUIDE = Path(__file__).parents[2] / "docs" / "guide-safety-plans.md"


def figures() -> dict:
    counts = {"tp": 0, "fp": 0, "fn": 0, "tn": 0}
    for sentence in SENTENCES:
        flagged = screen(sentence.text).flagged
        key = ("t" if flagged == sentence.risk else "f") + ("p" if flagged else "n")
        counts[key] += 1
    precision = counts["tp"] / (counts["tp"] + counts["fp"])
    recall = counts["tp"] / (counts["tp"] + counts["fn"])
    return {**counts, "precision": round(precision, 3), "recall": round(recall, 3)}


def test_the_labelled_set_is_large_and_varied():
    assert len(SENTENCES) >= 300
    kinds = {sentence.kind for sentence in SENTENCES}
    assert {"explicit", "negated", "third_person", "hypothetical", "idiom", "everyday"} <= kinds
    assert len({sentence.text for sentence in SENTENCES}) == len(SENTENCES)


def test_every_explicit_statement_of_suicidal_thoughts_plans_or_intent_is_flagged():
    """Hazard: a risk statement in a check-in is not flagged."""
    explicit = [s for s in SENTENCES if s.kind == "explicit"]
    assert len(explicit) >= 60
    missed = [s.text for s in explicit if not screen(s.text).flagged]
    assert missed == []


def test_every_plain_self_harm_and_mixed_statement_is_flagged():
    """Hazard: a risk statement in a check-in is not flagged (self-harm, and risk said
    beside something negated: "I'm not sleeping and I want to die")."""
    for kind in ("self_harm", "mixed"):
        missed = [s.text for s in SENTENCES if s.kind == kind and not screen(s.text).flagged]
        assert missed == [], kind


def test_precision_and_recall_on_the_labelled_set(capsys):
    result = figures()
    with capsys.disabled():
        print(f"\ncheck-in screen on {len(SENTENCES)} sentences: {result}")
    # Floors, not targets: a change to the rules that loses ground fails here.
    assert result["recall"] >= 0.95
    assert result["precision"] >= 0.95


def test_the_guide_reports_the_figures_the_rules_give():
    """The documentation states what the code does (README: honest figures)."""
    result = figures()
    text = GUIDE.read_text()
    assert f"{len(SENTENCES)} sentences" in text
    assert f"precision **{result['precision']:.3f}**" in text
    assert f"recall **{result['recall']:.3f}**" in text
    for key in ("tp", "fp", "fn", "tn"):
        assert re.search(rf"\b{key.upper()} {result[key]}\b", text), key


def test_the_known_misses_are_documented():
    """False negatives are listed in the guide, word for word."""
    missed = [s.text for s in SENTENCES if s.risk and not screen(s.text).flagged]
    text = GUIDE.read_text()
    assert missed, "no misses left: update the guide's list"
    for sentence in missed:
        assert sentence in text


@pytest.mark.parametrize(
    "text,severity",
    [
        ("I'm going to kill myself tonight", HIGH),
        ("I have a plan to end my life", HIGH),
        ("I've been stockpiling my pills", HIGH),
        ("This is goodbye.", HIGH),
        ("I took an overdose last night", HIGH),
        ("I want to die", MODERATE),
        ("I wish I was dead", MODERATE),
        ("I cut myself again", MODERATE),
        ("I feel suicidal", MODERATE),
    ],
)
def test_severity_is_high_for_intent_plans_preparation_and_attempts(text, severity):
    assert screen(text).severity == severity


@pytest.mark.parametrize(
    "text,reason",
    [
        ("I'm not suicidal", "negated"),
        ("no thoughts of hurting myself", "negated"),
        ("my friend said she wants to die", "third_person"),
        ("if I ever felt suicidal I would call", "hypothetical"),
        ("I cut myself shaving", "idiom"),
        ("We did suicide prevention training", "idiom"),
    ],
)
def test_risk_words_that_are_not_a_risk_statement_are_set_aside_with_the_reason(text, reason):
    result = screen(text)
    assert not result.flagged
    assert [s.reason for s in result.suppressed] == [reason]


@pytest.mark.parametrize(
    "text", ["this job is killing me", "I could murder a pizza", "dying to see the film"]
)
def test_idioms_match_nothing(text):
    assert not screen(text).flagged


def test_a_negation_does_not_reach_past_other_words():
    """Hazard: a risk statement in a check-in is not flagged ("not ok" is not "not
    suicidal")."""
    assert screen("im not ok i want to die").flagged
    assert screen("I'm not sleeping, I want to kill myself").flagged
    assert screen("I don't know why but I want to die").flagged


def test_matches_carry_offsets_into_the_original_text():
    text = "Bad day. I WANT TO DIE honestly"
    (match,) = screen(text).matches
    assert text[match.start : match.end] == match.text == "WANT TO DIE"
    assert match.rule == "wants_to_die" and match.category == "thoughts"


def test_normalising_keeps_every_offset():
    text = "I’m İstanbul-born and I DON’T want to live"
    assert len(normalise(text)) == len(text)
    assert screen(text).flagged


def test_empty_text_is_not_flagged():
    assert not screen("").flagged and not screen("   ").flagged
    assert screen("").severity is None


def test_highlight_parts_cut_the_text_at_the_matches():
    text = "<b>hi</b> I want to die"
    parts = highlight_parts(text, screen(text).matches)
    assert "".join(part.text for part in parts) == text
    assert [part.text for part in parts if part.marked] == ["want to die"]
