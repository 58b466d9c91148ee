"""Scoring the risk-language screen (safety/screening.py) on a labelled set of messages.

A labelled set is a .jsonl file, one message a line:
    {"id", "text", "lang": "en"|"es", "risk": bool,
     "category": "suicide"|"self_harm"|"harm_to_others"|"danger_now"|"none",
     "explicit": bool, "style": "..."}

    python -m caseload.safety.screening_eval tests/safety/screening_corpus/dev.jsonl

prints recall, precision and explicit recall, overall, per language and per category,
then every miss and every false alarm, so a change to the rules can be judged on what
it gains and what it loses.
"""

import argparse
import json
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from caseload.safety.screening import screen

CATEGORIES = ("suicide", "self_harm", "harm_to_others", "danger_now", "none")
LANGUAGES = ("en", "es")


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0
    explicit: int = 0
    explicit_caught: int = 0

    @property
    def recall(self) -> float:
        risky = self.tp + self.fn
        return self.tp / risky if risky else 1.0

    @property
    def precision(self) -> float:
        flagged = self.tp + self.fp
        return self.tp / flagged if flagged else 1.0

    @property
    def explicit_recall(self) -> float:
        return self.explicit_caught / self.explicit if self.explicit else 1.0

    def add(self, *, risk: bool, flagged: bool, explicit: bool) -> None:
        key = ("t" if flagged == risk else "f") + ("p" if flagged else "n")
        setattr(self, key, getattr(self, key) + 1)
        if risk and explicit:
            self.explicit += 1
            self.explicit_caught += flagged

    def line(self) -> str:
        return (
            f"recall {self.recall:.3f}  precision {self.precision:.3f}  "
            f"explicit recall {self.explicit_recall:.3f} ({self.explicit_caught}/"
            f"{self.explicit})  TP {self.tp} FP {self.fp} FN {self.fn} TN {self.tn}"
        )


@dataclass
class Report:
    overall: Counts = field(default_factory=Counts)
    by_language: dict[str, Counts] = field(default_factory=dict)
    by_category: dict[str, Counts] = field(default_factory=dict)
    misses: list[dict] = field(default_factory=list)
    false_alarms: list[dict] = field(default_factory=list)

    @property
    def size(self) -> int:
        c = self.overall
        return c.tp + c.fp + c.fn + c.tn


def load(path: str | Path) -> list[dict]:
    """The labelled messages of a .jsonl file; a malformed line is an error naming it."""
    rows = []
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            if not isinstance(row["text"], str) or not isinstance(row["risk"], bool):
                raise ValueError("text must be a string and risk a boolean")
        except (ValueError, KeyError) as error:
            raise ValueError(f"{path}:{number}: {error}") from None
        rows.append(row)
    return rows


def score(rows: Iterable[dict]) -> Report:
    """Screen every message and count the answers against the labels."""
    report = Report()
    for row in rows:
        result = screen(row["text"])
        risk, flagged = row["risk"], result.flagged
        explicit = bool(row.get("explicit"))
        for counts in (
            report.overall,
            report.by_language.setdefault(row.get("lang", "?"), Counts()),
            report.by_category.setdefault(row.get("category", "?"), Counts()),
        ):
            counts.add(risk=risk, flagged=flagged, explicit=explicit)
        if risk and not flagged:
            report.misses.append(row)
        elif flagged and not risk:
            report.false_alarms.append({**row, "matched": result.matched_words})
    return report


def render(report: Report) -> str:
    lines = [f"{report.size} messages", f"overall      {report.overall.line()}"]
    for name, counts in sorted(report.by_language.items()):
        lines.append(f"lang {name:7} {counts.line()}")
    for name, counts in sorted(report.by_category.items()):
        lines.append(f"{name:12} {counts.line()}")
    lines.append(f"\nmisses ({len(report.misses)}):")
    lines += [
        f"  [{row.get('id')}] {'EXPLICIT ' if row.get('explicit') else ''}{row['text']}"
        for row in report.misses
    ]
    lines.append(f"\nfalse alarms ({len(report.false_alarms)}):")
    lines += [
        f"  [{row.get('id')}] {row['text']}  <- {row['matched']}" for row in report.false_alarms
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("path", nargs="+", help="labelled .jsonl file(s)")
    args = parser.parse_args(argv)
    for path in args.path:
        print(f"== {path}")
        print(render(score(load(path))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
