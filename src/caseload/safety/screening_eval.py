"""Scoring the risk-language screen (safety/screening.py) on a labelled set of messages.

A labelled set is a .jsonl file, one message a line:
    {"id", "text", "lang": "en"|"es", "risk": bool,
     "category": "suicide"|"self_harm"|"harm_to_others"|"danger_now"|"none",
     "explicit": bool, "style": "..."}

    python -m caseload.safety.screening_eval tests/safety/screening_corpus/dev.jsonl

prints recall, precision and explicit recall, overall, per language and per category,
then every miss and every false alarm, so a change to the rules can be judged on what
it gains and what it loses.

Each file in the corpus is written by one author. Scored on the file the second reader
was built from, the figures flatter the screen; what matters is how it reads people it
has never seen, so

    python -m caseload.safety.screening_eval --leave-one-out tests/safety/screening_corpus/

holds each file out in turn, rebuilds the second reader from the others, and scores
the rules and that reader on the held-out file, then all of them pooled (add --detail
for its misses and false alarms). The rules were written from the files present, so a
held-out file the rules were tuned on still flatters them; the newest authors are the
honest test.
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


# Never read for development: scored only by whoever holds it.
SEALED_NAME = "sealed.jsonl"


def author_files(directory: str | Path) -> list[Path]:
    """The labelled sets in `directory`, one author a file, the sealed set excepted."""
    return sorted(p for p in Path(directory).glob("*.jsonl") if p.name != SEALED_NAME)


def leave_one_out(paths: Iterable[str | Path]) -> dict[str, Report]:
    """Each file scored by the rules and a second reader rebuilt without it."""
    from caseload.safety import screening_model
    from caseload.safety.screening import normalise

    sets = {Path(path).name: load(path) for path in paths}
    reports = {}
    for held_out, rows in sets.items():
        others = [row for name, other in sets.items() if name != held_out for row in other]
        with screening_model.trained_on(screening_model.train(others, normalise)):
            reports[held_out] = score(rows)
    return reports


def pooled(reports: dict[str, Report]) -> Report:
    """Every held-out author's counts added up: the screen read by one reader that never
    saw the writer, over every message."""
    total = Report()
    for report in reports.values():
        pairs = [(total.overall, report.overall)]
        for mine, theirs in (
            (total.by_language, report.by_language),
            (total.by_category, report.by_category),
        ):
            pairs += [(mine.setdefault(key, Counts()), counts) for key, counts in theirs.items()]
        for into, counts in pairs:
            for name in ("tp", "fp", "fn", "tn", "explicit", "explicit_caught"):
                setattr(into, name, getattr(into, name) + getattr(counts, name))
        total.misses += report.misses
        total.false_alarms += report.false_alarms
    return total


def render_table(reports: dict[str, Report]) -> str:
    lines = [
        f"{'held out':14} {'n':>5} {'recall':>7} {'precision':>9} {'explicit':>8} "
        f"{'es recall':>9} {'es prec':>7} {'en recall':>9} {'en prec':>7}"
    ]
    rows = dict(reports)
    if len(reports) > 1:
        rows["pooled"] = pooled(reports)
    for name, report in rows.items():
        c = report.overall
        es = report.by_language.get("es", Counts())
        en = report.by_language.get("en", Counts())
        lines.append(
            f"{name:14} {report.size:5} {c.recall:7.3f} {c.precision:9.3f} "
            f"{c.explicit_recall:8.3f} {es.recall:9.3f} {es.precision:7.3f} "
            f"{en.recall:9.3f} {en.precision:7.3f}"
        )
    return "\n".join(lines)


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
    parser.add_argument(
        "--leave-one-out",
        action="store_true",
        help="hold each file (or each file of a directory) out in turn; the second reader "
        "is rebuilt from the others",
    )
    parser.add_argument("--detail", action="store_true", help="with --leave-one-out: misses")
    args = parser.parse_args(argv)
    if args.leave_one_out:
        paths = [
            p
            for path in args.path
            for p in (author_files(path) if Path(path).is_dir() else [Path(path)])
        ]
        reports = leave_one_out(paths)
        print(render_table(reports))
        if args.detail:
            for name, report in reports.items():
                print(f"\n== {name} (held out)\n{render(report)}")
        return 0
    for path in args.path:
        print(f"== {path}")
        print(render(score(load(path))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
