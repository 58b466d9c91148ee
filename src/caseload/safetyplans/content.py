"""What a safety plan holds, in our own words, and how one version differs from the last.

The steps follow the established order of safety planning (warning signs first, then
what the client can do alone, then other people, then professionals, then making
their surroundings safer, and what they live for). The wording is ours. Pure Python, no
Django, so the rules are easy to test.

A plan is a dict of step key -> list of entries:
- "text" steps: each entry is a string;
- "contact" steps: {"name": ..., "phone": ...} (phone may be empty);
- "means" steps: {"method": ..., "agreed": ...}: a way the client might harm themselves
  and what was agreed to make it safer.

In the browser each step is a box with one entry a line; a contact line is
"Name: phone" and a means line is "What: what we agreed" (the same convention as the
practice's crisis lines).
"""

import json
import re
from dataclasses import dataclass

TEXT, CONTACT, MEANS = "text", "contact", "means"
MAX_ENTRIES = 30
MAX_LENGTH = 500
PHONE = re.compile(r"^\+?[\d\s().\-/]{3,30}$")


@dataclass(frozen=True)
class Step:
    key: str
    number: int
    title: str
    prompt: str
    kind: str


STEPS: tuple[Step, ...] = (
    Step(
        "warning_signs",
        1,
        "Signs that a hard time may be coming",
        "Thoughts, feelings, situations or things I do that tell me a crisis may be building.",
        TEXT,
    ),
    Step(
        "coping_alone",
        2,
        "Things I can do by myself to get through it",
        "What helps me on my own, even a little: activities, places in my head, ways to calm.",
        TEXT,
    ),
    Step(
        "distractions",
        3,
        "People and places that take my mind off things",
        "Who I can be around, and where I can go, without having to talk about how I feel. "
        "One a line; add a phone number after a colon.",
        CONTACT,
    ),
    Step(
        "people_to_ask",
        4,
        "People I can ask for help",
        "People I trust to tell that I am struggling. One a line: 'Name: phone'.",
        CONTACT,
    ),
    Step(
        "services",
        5,
        "Professionals and services I can contact",
        "My clinician, my doctor, services that answer at night. One a line: 'Name: phone'. "
        "The practice's crisis lines are always added.",
        CONTACT,
    ),
    Step(
        "safer_surroundings",
        6,
        "Making my surroundings safer",
        "For each thing I might use to hurt myself, what we agreed to keep me safe. "
        "One a line: 'What: what we agreed'.",
        MEANS,
    ),
    Step(
        "reasons_for_living",
        7,
        "What matters most to me",
        "The people, plans and things that are worth living for.",
        TEXT,
    ),
)
STEP_KEYS = tuple(step.key for step in STEPS)
BY_KEY = {step.key: step for step in STEPS}


class PlanError(ValueError):
    """The plan is malformed; the message says where, in plain words."""


def empty() -> dict:
    return {key: [] for key in STEP_KEYS}


def load(document: str) -> dict:
    """A stored plan, with every step present (steps added later read as empty)."""
    data = json.loads(document) if document else {}
    return {key: data.get(key, []) for key in STEP_KEYS}


def dump(plan: dict) -> str:
    return json.dumps(plan, sort_keys=True, ensure_ascii=False)


def _text(value, where: str) -> str:
    if not isinstance(value, str):
        raise PlanError(f"{where}: expected text.")
    value = " ".join(value.split())
    if len(value) > MAX_LENGTH:
        raise PlanError(f"{where}: keep each entry under {MAX_LENGTH} characters.")
    return value


def _entry(step: Step, value, where: str):
    if step.kind == TEXT:
        return _text(value, where)
    if not isinstance(value, dict):
        raise PlanError(f"{where}: expected an object.")
    names = ("name", "phone") if step.kind == CONTACT else ("method", "agreed")
    unknown = set(value) - set(names)
    if unknown:
        raise PlanError(f"{where}: unknown field {sorted(unknown)[0]!r}.")
    entry = {name: _text(value.get(name, ""), f"{where}.{name}") for name in names}
    if not entry[names[0]]:
        raise PlanError(f"{where}: the {names[0]} is missing.")
    if step.kind == CONTACT and entry["phone"] and not PHONE.match(entry["phone"]):
        raise PlanError(f"{where}: {entry['phone']!r} does not look like a phone number.")
    return entry


def validate(plan) -> dict:
    """A clean copy of `plan` (whitespace tidied, blank text entries dropped), or
    PlanError naming the first problem."""
    if not isinstance(plan, dict):
        raise PlanError("A safety plan is an object with one list per step.")
    unknown = set(plan) - set(STEP_KEYS)
    if unknown:
        raise PlanError(f"Unknown step {sorted(unknown)[0]!r}.")
    clean = {}
    for step in STEPS:
        entries = plan.get(step.key, [])
        if not isinstance(entries, list):
            raise PlanError(f"{step.key}: expected a list.")
        if len(entries) > MAX_ENTRIES:
            raise PlanError(f"{step.key}: at most {MAX_ENTRIES} entries.")
        cleaned = [
            _entry(step, value, f"{step.key}[{index}]") for index, value in enumerate(entries)
        ]
        clean[step.key] = [entry for entry in cleaned if entry != ""]
    if not any(clean.values()):
        raise PlanError("The plan is empty: write at least one entry.")
    return clean


# --- the browser's one-entry-a-line boxes -------------------------------------------


def parse_lines(step: Step, text: str) -> list:
    """The entries of one step's box. A contact line's phone is what follows the last
    colon when it looks like a number ("Aunt Rosa: 555 0101"); otherwise the whole line
    is the name ("The library on Elm Street"). A means line splits at the first colon."""
    entries = []
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            continue
        if step.kind == TEXT:
            entries.append(line)
        elif step.kind == CONTACT:
            name, sep, phone = line.rpartition(":")
            if sep and PHONE.match(phone.strip()) and name.strip():
                entries.append({"name": name.strip(), "phone": phone.strip()})
            else:
                entries.append({"name": line, "phone": ""})
        else:
            method, sep, agreed = line.partition(":")
            entries.append({"method": method.strip(), "agreed": agreed.strip() if sep else ""})
    return entries


def to_lines(step: Step, entries: list) -> str:
    if step.kind == TEXT:
        return "\n".join(entries)
    if step.kind == CONTACT:
        return "\n".join(
            f"{entry['name']}: {entry['phone']}" if entry["phone"] else entry["name"]
            for entry in entries
        )
    return "\n".join(
        f"{entry['method']}: {entry['agreed']}" if entry["agreed"] else entry["method"]
        for entry in entries
    )


# --- what changed --------------------------------------------------------------------


def entry_key(entry) -> str:
    """A comparable form of an entry (text or object)."""
    return entry if isinstance(entry, str) else json.dumps(entry, sort_keys=True)


def changes(previous: dict | None, current: dict) -> dict[str, dict]:
    """Per step: {"added": [entries], "removed": [entries], "changed": bool}, comparing
    `current` with `previous` (None for the first version: everything is added)."""
    before = previous or empty()
    result = {}
    for key in STEP_KEYS:
        old_keys = {entry_key(entry) for entry in before.get(key, [])}
        new_keys = {entry_key(entry) for entry in current.get(key, [])}
        added = [entry for entry in current.get(key, []) if entry_key(entry) not in old_keys]
        removed = [entry for entry in before.get(key, []) if entry_key(entry) not in new_keys]
        order_changed = [entry_key(e) for e in before.get(key, [])] != [
            entry_key(e) for e in current.get(key, [])
        ]
        result[key] = {
            "added": added,
            "removed": removed,
            "changed": bool(added or removed or order_changed),
        }
    return result


def changed_steps(previous: dict | None, current: dict) -> list[str]:
    return [key for key, change in changes(previous, current).items() if change["changed"]]
