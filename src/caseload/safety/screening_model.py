"""A second reader under the rules: a small naive Bayes model over the words of a
message, for risk said in words no rule lists.

Why: rules written from one set of sentences miss much of what other people write (on a
batch of new messages written after the rules, the rules alone caught about 4 in 10 of
the risky ones; with this reader, about 8 in 10). The model is counts of words, word
pairs and word stems in the labelled development set, nothing else: no download, no
service, the weights are a JSON file in this package, rebuilt with

    python -m caseload.safety.screening_model tests/safety/screening_corpus/dev.jsonl

and a test checks that the shipped file is what that command gives.

It only adds, and only where the rules saw nothing: a message in which no rule matched
and no rule set a phrase aside (negated, supposed, someone else's, an idiom) is flagged
when it scores above THRESHOLD (moderate, category "second_reader"), with the words
that weighed most marked.
"""

import json
import math
import re
import sys
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from pathlib import Path

WEIGHTS = Path(__file__).with_name("screening_model.json")
MODEL_VERSION = "nb-2026.1"
# Log-odds above which a message is flagged. Chosen on five-fold cross-validation of the
# development set (with the older check-in sentences, 1,624 messages) together with the
# rules, the model asked only when no rule matched or set anything aside: at 2.0 recall
# 0.987 and precision 0.921; 3.0 and 4.0 traded a little recall for precision. Recall
# comes first.
THRESHOLD = 2.0
SMOOTHING = 0.5
MIN_COUNT = 2  # a feature seen once is noise, and would make the file large
_WORD = re.compile(r"[a-z0-9']+|[\U0001F300-\U0001FAFF]")
# Words too common to show as the reason for a flag (they still count in the score).
# fmt: off
_PLAIN = frozenset((
    "i", "i'm", "im", "i've", "ive", "i'll", "i'd", "me", "my", "myself", "a", "an", "the",
    "to", "of", "and", "or", "but", "so", "just", "want", "been", "have", "has", "had", "is",
    "am", "are", "was", "be", "it", "it's", "this", "that", "in", "on", "at", "for", "with",
    "all", "no", "not", "don't", "dont", "do", "did", "didn't", "didnt", "does", "feel",
    "felt", "get", "got", "know", "think", "like", "really", "very", "too", "can", "can't",
    "cant", "will", "would", "could", "should", "there", "what", "when", "where", "who",
    "how", "why", "today", "tonight", "now", "go", "going", "gonna", "wanna", "anymore",
    "more", "much", "some", "any", "one", "you", "your", "he", "she", "they", "we", "our",
    "us", "yo", "mi", "de", "la", "el", "que", "y", "en", "ya", "lo", "las", "los", "un",
    "una", "es", "por", "con", "se", "mas", "muy", "si",
))
# fmt: on


@dataclass(frozen=True)
class Reading:
    score: float
    # (start, end) of the words that weighed most towards risk, heaviest first.
    spans: tuple[tuple[int, int], ...]
    # Some word other than a function word weighs clearly towards risk on its own.
    explained: bool = False

    @property
    def flagged(self) -> bool:
        # A flag near the threshold must be explained by a word that weighs on its own,
        # not by common function words ("I did", "to be"); a high score flags anyway.
        return self.score > THRESHOLD and (self.explained or self.score > THRESHOLD + 3)


def features(norm: str) -> dict[str, list[tuple[int, int]]]:
    """Words, word pairs and five-letter stems of `norm` (already normalised), each
    with where it stands in the text."""
    tokens = [(m.group(), m.start(), m.end()) for m in _WORD.finditer(norm)]
    found: dict[str, list[tuple[int, int]]] = {}
    for word, start, end in tokens:
        found.setdefault(word, []).append((start, end))
        if len(word) > 5:
            found.setdefault("~" + word[:5], []).append((start, end))
    for (first, start, _), (second, _, end) in zip(tokens, tokens[1:], strict=False):
        found.setdefault(f"{first} {second}", []).append((start, end))
    return found


def train(rows, normalise) -> dict:
    """Naive Bayes log-likelihood ratios from labelled rows ({"text", "risk"})."""
    counts = {True: Counter(), False: Counter()}
    documents: Counter = Counter()
    for row in rows:
        documents[row["risk"]] += 1
        counts[row["risk"]].update(features(normalise(row["text"])).keys())
    weights = {}
    for feature in sorted(set(counts[True]) | set(counts[False])):
        risky, safe = counts[True][feature], counts[False][feature]
        if risky + safe < MIN_COUNT:
            continue
        p_risky = (risky + SMOOTHING) / (documents[True] + 2 * SMOOTHING)
        p_safe = (safe + SMOOTHING) / (documents[False] + 2 * SMOOTHING)
        weights[feature] = round(math.log(p_risky / p_safe), 4)
    bias = round(math.log(documents[True] / documents[False]), 4)
    return {"version": MODEL_VERSION, "bias": bias, "weights": weights}


@cache
def _shipped() -> dict:
    return json.loads(WEIGHTS.read_text(encoding="utf-8"))


# A model put in place of the shipped one while scoring held-out authors (see
# `trained_on`); None in service.
_standing_in: dict | None = None


def _model() -> dict:
    return _standing_in if _standing_in is not None else _shipped()


@contextmanager
def trained_on(model: dict):
    """Screen with `model` instead of the shipped weights inside the block: how a set of
    messages is scored by a reader that never saw it (screening_eval --leave-one-out)."""
    global _standing_in
    previous, _standing_in = _standing_in, model
    try:
        yield model
    finally:
        _standing_in = previous


def read(norm: str) -> Reading:
    """The model's score for a normalised message and the words that weighed most."""
    model = _model()
    weights = model["weights"]
    found = features(norm)
    score = model["bias"] + sum(weights.get(feature, 0.0) for feature in found)
    heavy = sorted(
        (
            (weights[feature], span)
            for feature, spans in found.items()
            if weights.get(feature, 0) > 0 and not set(feature.lstrip("~").split()) <= _PLAIN
            for span in spans
        ),
        reverse=True,
    )
    return Reading(
        score=score,
        spans=tuple(span for _, span in heavy[:3]),
        explained=bool(heavy) and heavy[0][0] > 1.0,
    )


def main(argv: list[str] | None = None) -> int:
    from caseload.safety.screening import normalise
    from caseload.safety.screening_eval import load

    paths = argv if argv is not None else sys.argv[1:]
    rows = [row for path in paths for row in load(path)]
    model = train(rows, normalise)
    WEIGHTS.write_text(json.dumps(model, ensure_ascii=False, sort_keys=True, indent=0) + "\n")
    print(f"{len(model['weights'])} features from {len(rows)} messages -> {WEIGHTS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
