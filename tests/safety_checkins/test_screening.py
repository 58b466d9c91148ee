"""The check-in risk-language screen (safety/screening.py), on single sentences and on
the labelled set of check-in sentences.

Hazard guarded: a risk statement in a check-in is not flagged (every explicit statement
of suicidal thoughts, a plan or intent in the labelled set must be caught). The figures
printed here are the ones docs/guide-safety-plans.md reports; a test keeps them equal."""

import re
from pathlib import Path

import pytest

from caseload.safety.screening import HIGH, MODERATE, highlight_parts, normalise, screen
from safety_checkins.checkin_sentences import SENTENCES

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
    # Floors, not targets: a change to the rules that loses recall fails here. Precision
    # was 0.95 here until rules 2026.2, which flag more (hopelessness, danger now, the
    # second reader) on purpose; its floor is now the screen's target, 0.85.
    assert result["recall"] >= 0.95
    assert result["precision"] >= 0.85


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
    """False negatives are listed in the guide, word for word (none are left on this
    set since rules 2026.2; any that come back must be listed)."""
    missed = [s.text for s in SENTENCES if s.risk and not screen(s.text).flagged]
    text = GUIDE.read_text()
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


# --- client text in both languages, harm to others and danger now (rules 2026.2) -----


@pytest.mark.parametrize(
    "text",
    [
        "Standing on the bridge yesterday I thought about jumping.",
        "no quiero seguir viviendo, pienso en matarme todos los días",
        "I'm giving my things away, I won't need them.",
        "I can't do this anymore, I want it all to end.",
        "I don't see the point in going on.",
        "me quiero morir",
        "ya no aguanto más",
        "me corto",
        "tomé todas las pastillas",
        "no quiero despertar",
        "le voy a hacer daño",
        "back to old habits with the blade",
        "kms fr",
        "sewerslide thoughts again",
        "i want to kil my slef",
    ],
)
def test_h089_h090_what_clients_actually_write_is_flagged(text):
    """H-089, H-090: explicit and classic indirect statements, in English and Spanish,
    with slang and misspellings."""
    assert screen(text).flagged, text


@pytest.mark.parametrize(
    "text,category",
    [
        ("I'm going to stab him if he comes near me", "harm_to_others"),
        ("Lo voy a matar.", "harm_to_others"),
        ("I just took 30 paracetamol", "danger_now"),
        ("he's hitting me right now", "danger_now"),
        ("Estoy en el puente ahora mismo.", "danger_now"),
    ],
)
def test_h092_threats_and_danger_now_are_high(text, category):
    """H-092: a threat to someone else or danger under way is a high alert, and a
    condition ("if he comes near me") does not set it aside."""
    result = screen(text)
    assert result.severity == HIGH
    assert category in {match.category for match in result.matches}


def test_h088_spanish_is_read_without_accents_but_marked_in_the_clients_words():
    """H-088: "tomé" and "tome" are the same word to the rules; the offsets still point
    into the original text, accents included."""
    for text in ("Ayer tomé todas las pastillas", "ayer tome todas las pastillas"):
        (match,) = [m for m in screen(text).matches if m.category == "danger_now"]
        assert text[match.start : match.end] == match.text
        assert match.text.lower().startswith("tom")
    assert len(normalise("Ñandú ÉXITO")) == len("Ñandú ÉXITO")
    assert normalise("Ñandú ÉXITO") == "nandu exito"


@pytest.mark.parametrize(
    "text",
    [
        "My friend wants to die and honestly so do I, I want to die too.",
        "We watched a film about suicide. I keep thinking about killing myself.",
        "I used to cut years ago, but last night I cut again.",
        "No quiero morir, pero pienso en matarme.",
    ],
)
def test_h091_setting_one_phrase_aside_never_hides_another(text):
    """H-091: a third-person, media, negated or past phrase is set aside on its own;
    a first-person statement elsewhere in the message is still flagged."""
    assert screen(text).flagged, text


@pytest.mark.parametrize(
    "text,reason",
    [
        ("Mi prima intentó suicidarse el año pasado.", "third_person"),
        ("I'm writing an essay on self-harm for my class.", "media"),
        ("Years ago I tried to kill myself but I'm in a good place now.", "history"),
        ("No tengo pensamientos de suicidio.", "negated"),
        ("Me muero de risa.", "idiom"),
    ],
)
def test_hard_negatives_are_set_aside_with_the_reason(text, reason):
    result = screen(text)
    assert not result.flagged, result
    assert reason in {item.reason for item in result.suppressed} or reason == "idiom"


def test_the_rules_version_names_the_new_rules():
    from caseload.safety.screening import RULES_VERSION

    assert screen("I want to die").rules_version == RULES_VERSION != "checkin-rules-2026.1"
