"""The risk-language screen scored on labelled sets of client messages (safety/
screening_eval.py): the development sets (one author a file), held out one author at a
time with the second reader rebuilt without that author, and, when it is present, a
sealed set written by someone else that the rules were never tuned on.

Hazards: H-089 (a risk message in free text is not flagged), H-090 (Spanish or mixed
language risk messages are not flagged)."""

from pathlib import Path

import pytest

from caseload.safety.screening_eval import (
    CATEGORIES,
    author_files,
    leave_one_out,
    load,
    pooled,
    score,
)

CORPUS = Path(__file__).parent / "screening_corpus"
DEV = CORPUS / "dev.jsonl"
SEALED = CORPUS / "sealed.jsonl"

RECALL, PRECISION = 0.95, 0.85
# What each author's held-out messages scored when these rules and this reader were
# shipped (recall, precision, explicit recall, Spanish recall), less a point of slack:
# a change that makes any of them worse must say why. The targets above are asserted
# separately and are not yet met by every author (docs/guide-safety-plans.md).
HELD_OUT_FLOORS = {
    # Since rules 2026.7 and reader lr-2026.6 (refitted on fourteen authors; C 10 and
    # threshold -0.2 checked again by leave-one-author-out: -0.25 gained 0.1 of recall
    # on the five newest for 0.6 of precision): dev_l and dev_m added; refitting with
    # them moved a few older authors by up to a point and a half (dev_b recall 0.991 ->
    # 0.986, dev_e precision 0.746 -> 0.738, dev_g precision 0.868 -> 0.862, dev_s1
    # recall 0.946 -> 0.943 and precision 0.807 -> 0.791) and raised others (dev_c,
    # dev_d, dev_f, dev_h precision; dev_g recall). Pooled over all fourteen: recall
    # 0.975, precision 0.858, explicit 1.000 (1,210 of 1,210), Spanish 0.982 / 0.874.
    "dev.jsonl": (0.982, 0.874, 1.0, 0.984),
    "dev_b.jsonl": (0.976, 0.937, 1.0, 0.990),
    "dev_c.jsonl": (0.952, 0.856, 1.0, 0.976),
    "dev_d.jsonl": (0.953, 0.851, 1.0, 0.977),
    "dev_e.jsonl": (0.966, 0.728, 1.0, 0.975),
    "dev_f.jsonl": (0.970, 0.879, 1.0, 0.974),
    "dev_g.jsonl": (0.975, 0.851, 1.0, 0.982),
    "dev_h.jsonl": (0.973, 0.733, 1.0, 0.973),
    "dev_i.jsonl": (0.990, 0.964, 1.0, 0.990),
    "dev_j.jsonl": (0.976, 0.883, 1.0, 0.979),
    "dev_k.jsonl": (0.968, 0.890, 1.0, 0.967),
    "dev_l.jsonl": (0.941, 0.880, 1.0, 0.941),
    "dev_m.jsonl": (0.942, 0.854, 1.0, 0.937),
    "dev_s1.jsonl": (0.932, 0.780, 1.0, 0.961),
}


@pytest.fixture(scope="module")
def held_out():
    return leave_one_out(author_files(CORPUS))


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


def test_every_development_set_is_one_well_formed_author_file():
    files = author_files(CORPUS)
    assert {path.name for path in files} >= set(HELD_OUT_FLOORS)
    assert SEALED not in files
    ids = [row["id"] for path in files for row in load(path)]
    assert len(ids) == len(set(ids))
    for path in files:
        for row in load(path):
            assert row["risk"] == (row["category"] != "none"), (path.name, row["id"])
            assert row["lang"] in {"en", "es"}, (path.name, row["id"])


def test_h089_h090_no_held_out_author_scores_worse_than_when_shipped(held_out, capsys):
    """H-089, H-090 on writers the second reader never saw: each author held out in turn
    (the rules were written with these files in view, so this guards against regression;
    the sealed set is the honest test)."""
    with capsys.disabled():
        print()
        for name, report in held_out.items():
            print(f"held out {name}: {report.overall.line()}")
    for name, (recall, precision, explicit, spanish) in HELD_OUT_FLOORS.items():
        report = held_out[name]
        assert report.overall.recall >= recall, (name, report.overall.line(), report.misses[:10])
        assert report.overall.precision >= precision, (name, report.overall.line())
        assert report.overall.explicit_recall >= explicit, (
            name,
            [row["text"] for row in report.misses if row.get("explicit")],
        )
        assert report.by_language["es"].recall >= spanish, (name, report.by_language["es"].line())


def test_h089_h090_every_author_held_out_and_pooled_meets_the_targets(held_out, capsys):
    """H-089, H-090: the targets on every message of every author, each read by a
    second reader that never saw its writer (leave-one-author-out, pooled)."""
    report = pooled(held_out)
    with capsys.disabled():
        print(f"\nheld out, pooled: {report.overall.line()}")
        print(f"held out, pooled, es: {report.by_language['es'].line()}")
    _assert_targets(report, "pooled held out")


@pytest.mark.xfail(
    strict=True,
    reason="not yet met on every held-out author: precision 0.85 on dev_e (0.74), dev_h "
    "(0.74), dev_s1 (0.79); recall 0.95 on dev_s1 (0.943), and in Spanish "
    "on dev_m (0.947): docs/guide-safety-plans.md",
)
def test_h089_h090_every_held_out_author_meets_the_targets(held_out):
    """H-089, H-090: the targets on writers never seen, for every author held out."""
    for name, report in held_out.items():
        _assert_targets(report, f"{name} held out")


# The sealed set, when one is present: what it scored when this screen was shipped
# (recall, precision, explicit recall, Spanish recall), rounded down. Scored, never tuned
# on: a failure here prints counts only, never the sealed messages, so that nobody tunes
# on them. The figures belong to one sealed set: a set that has been scored three times
# is retired into the development sets (dev_s1.jsonl was one) and a new one, with its
# own floors, takes its place. With no sealed.jsonl present these tests are skipped.
# The set now in use (727 messages by two authors) was scored once, by whoever holds it,
# with the previous rules and reader (`client-text-rules-2026.5+lr-2026.4`): recall
# 0.873, precision 0.815, 129 of 139 explicit statements, Spanish recall 0.852; then
# with `2026.6+lr-2026.5` (0.916, 0.813, 135 of 139, 0.893); then with this release's
# (`2026.7+lr-2026.6`), which the floors below hold. It has now been scored three times:
# the next round retires it into the development sets and brings a new one.
SEALED_FLOORS = (0.92, 0.82, 0.98, 0.91)
sealed_only = pytest.mark.skipif(
    not SEALED.exists(), reason="no sealed set present: it is scored by whoever holds it"
)


@pytest.fixture(scope="module")
def sealed():
    return score(load(SEALED))


def _counts_only(report) -> str:
    lines = [f"overall {report.overall.line()}"]
    lines += [f"{lang} {counts.line()}" for lang, counts in sorted(report.by_language.items())]
    return "; ".join(lines)


@sealed_only
def test_h089_h090_the_sealed_set_scores_no_worse_than_when_shipped(sealed, capsys):
    """H-089, H-090 on messages written by someone else, never seen by the rules' or
    the reader's authors: no change may make the screen worse on them."""
    with capsys.disabled():
        print(f"\nsealed set: {_counts_only(sealed)}")
    figures = (
        sealed.overall.recall,
        sealed.overall.precision,
        sealed.overall.explicit_recall,
        sealed.by_language["es"].recall,
    )
    assert all(got >= floor for got, floor in zip(figures, SEALED_FLOORS, strict=True)), (
        _counts_only(sealed)
    )


@sealed_only
@pytest.mark.xfail(
    strict=True,
    reason="not yet met on the sealed set (recall 0.928, precision 0.824, 2 of 139 explicit "
    "statements missed): docs/guide-safety-plans.md",
)
def test_h089_h090_the_sealed_set_meets_the_targets(sealed):
    """H-089, H-090: recall >= 0.95 with every explicit statement caught and precision
    >= 0.85, overall and in Spanish, on the sealed set. Strict: when it passes, the mark
    must go."""
    overall, spanish = sealed.overall, sealed.by_language["es"]
    assert overall.recall >= RECALL and overall.precision >= PRECISION, _counts_only(sealed)
    assert overall.explicit_recall == 1.0, _counts_only(sealed)
    assert spanish.recall >= RECALL and spanish.precision >= PRECISION, _counts_only(sealed)
    assert spanish.explicit_recall == 1.0, _counts_only(sealed)
