"""The risk-language screen scored on labelled sets of client messages (safety/
screening_eval.py): the development set written for it, and, when it is present, a
sealed set written by someone else that the rules were never tuned on.

Hazards: H-089 (a risk message in free text is not flagged), H-090 (Spanish or mixed
language risk messages are not flagged)."""

from pathlib import Path

import pytest

from caseload.safety.screening_eval import CATEGORIES, load, score

CORPUS = Path(__file__).parent / "screening_corpus"
DEV = CORPUS / "dev.jsonl"
SEALED = CORPUS / "sealed.jsonl"

RECALL, PRECISION = 0.95, 0.85


def _assert_targets(report, name: str) -> None:
    overall = report.overall
    assert overall.recall >= RECALL, (name, overall.line(), report.misses[:20])
    assert overall.explicit_recall == 1.0, (
        name,
        [row["text"] for row in report.misses if row.get("explicit")],
    )
    assert overall.precision >= PRECISION, (name, overall.line(), report.false_alarms[:20])
    spanish = report.by_language["es"]
    assert spanish.recall >= RECALL, (name, spanish.line())
    assert spanish.explicit_recall == 1.0, (name, spanish.line())
    assert spanish.precision >= PRECISION, (name, spanish.line())


def test_the_development_set_is_large_varied_and_well_formed():
    rows = load(DEV)
    assert len(rows) >= 700
    assert len({row["id"] for row in rows}) == len(rows)
    assert len({row["text"] for row in rows}) == len(rows)
    risky = sum(row["risk"] for row in rows)
    assert 0.40 <= risky / len(rows) <= 0.55
    assert sum(row["lang"] == "es" for row in rows) / len(rows) >= 0.15
    assert {row["category"] for row in rows} == set(CATEGORIES)
    for row in rows:
        assert row["risk"] == (row["category"] != "none"), row["id"]
        assert not row["explicit"] or row["risk"], row["id"]


def test_h089_h090_the_development_set_meets_the_targets(capsys):
    """H-089, H-090: recall >= 0.95 with every explicit statement caught, precision
    >= 0.85, overall and for Spanish on its own."""
    report = score(load(DEV))
    with capsys.disabled():
        print(f"\ndev set: {report.overall.line()}")
    _assert_targets(report, "dev")


@pytest.mark.skipif(not SEALED.exists(), reason="the sealed set is scored by whoever holds it")
def test_h089_h090_the_sealed_set_meets_the_targets(capsys):
    """H-089, H-090 on messages written by someone else, never seen by the rules' authors."""
    report = score(load(SEALED))
    with capsys.disabled():
        print(f"\nsealed set: {report.overall.line()}")
        for language, counts in sorted(report.by_language.items()):
            print(f"  {language}: {counts.line()}")
    _assert_targets(report, "sealed")
