"""What an incoming answer or total says, read from its FHIR value[x] exactly as sent.

An answer is readable only in the encodings below, and only when it names one of its
item's answers; every other encoding is refused with the item and the value named, never
read as "unanswered" (an unreadable PHQ-9 item 9 stored as missing would prorate the
total and hide a risk answer: H-070). docs/guide-fhir.md has the table.

Readable answers:
- valueCoding, or valueCodeableConcept's codings and text, where any of these names an
  option: an ordinalValue extension with the option's value; caseload's answer code
  (urn:caseload:fhir:answer-value, or the bare code with no system); a LOINC answer code
  (with the LOINC system or no system) whose words are the option's; a display or text
  that is the option's label. Codings that name different options are refused.
- valueInteger (a JSON whole number, not true/false or a string), valueDecimal and
  valueQuantity.value equal to an option's value.
- No value[x] at all (an item without an answer, an Observation with a dataAbsentReason):
  unanswered, which the scoring rules handle (a risk item unanswered raises an alert).

Readable totals: valueInteger, valueDecimal, valueQuantity.value, or valueString of
digits."""

import json
import re
from dataclasses import dataclass

from caseload.fhir.codes import ANSWER_SYSTEM, LOINC, LOINC_ANSWERS, ORDINAL_VALUE
from caseload.measures.instruments.base import Item

_DIGITS = re.compile(r"\s*\d{1,6}(\.\d{1,6})?\s*")


@dataclass(frozen=True)
class Given:
    """One answer as sent: a number, codings (with a text), or an encoding caseload
    does not read. `shown` names it for messages: 'valueString "Nearly every day"'."""

    kind: str  # "number", "codings" or "unreadable"
    shown: str
    number: float | None = None
    codings: tuple[dict, ...] = ()
    text: str = ""


def _is_number(value) -> bool:
    # bool is an int subclass in Python: JSON true must not read as 1.
    return isinstance(value, int | float) and not isinstance(value, bool)


def _shown(key: str, value) -> str:
    try:
        text = json.dumps(value, ensure_ascii=False)
    except (TypeError, ValueError):
        text = repr(value)
    return f"{key} {text if len(text) <= 200 else text[:197] + '...'}"


def value_keys(holder: dict) -> list[str]:
    return [key for key in holder if isinstance(key, str) and key.startswith("value")]


def given(holder: dict) -> Given | None:
    """The answer an Observation, component or QuestionnaireResponse answer holds; None
    when it holds no value[x] at all."""
    keys = value_keys(holder)
    if not keys:
        return None
    if len(keys) > 1:
        return Given("unreadable", "more than one value (" + ", ".join(keys) + ")")
    key = keys[0]
    value = holder[key]
    shown = _shown(key, value)
    if key in ("valueInteger", "valueDecimal"):
        if key == "valueInteger" and not isinstance(value, int):
            return Given("unreadable", shown)
        return Given("number", shown, number=value) if _is_number(value) else _unreadable(shown)
    if key == "valueQuantity":
        number = value.get("value") if isinstance(value, dict) else None
        return Given("number", shown, number=number) if _is_number(number) else _unreadable(shown)
    if key == "valueCoding" and isinstance(value, dict):
        return Given("codings", shown, codings=(value,))
    if key == "valueCodeableConcept" and isinstance(value, dict):
        codings = value.get("coding") or []
        text = value.get("text") or ""
        readable = isinstance(codings, list) and all(isinstance(c, dict) for c in codings)
        if readable and isinstance(text, str) and (codings or text):
            return Given("codings", shown, codings=tuple(codings), text=text)
    return _unreadable(shown)


def _unreadable(shown: str) -> Given:
    return Given("unreadable", shown)


def option_value(item: Item, answer: Given | None) -> int | None:
    """The item's option value for an answer; None when unanswered. ValueError, naming
    the value as sent, when it is not readable or names no option (or several)."""
    if answer is None:
        return None
    values = [option.value for option in item.options]
    listed = ", ".join(str(value) for value in values)
    if answer.kind == "number":
        number = answer.number
        if number is not None and float(number).is_integer() and int(number) in values:
            return int(number)
        raise ValueError(f"{answer.shown} is not one of its answer values ({listed})")
    if answer.kind == "unreadable":
        raise ValueError(
            f"{answer.shown} is not a readable answer (send valueCoding, or valueInteger "
            f"with one of its answer values: {listed})"
        )
    found = _named_values(item, answer)
    if len(found) == 1:
        return found.pop()
    if found:
        raise ValueError(f"{answer.shown} names more than one of its answers")
    raise ValueError(f"{answer.shown} is not one of its answers")


def _named_values(item: Item, answer: Given) -> set[int]:
    found: set[int] = set()
    for coding in answer.codings:
        found |= _coding_values(item, coding)
    if answer.text:
        found |= _label_values(item, answer.text)
    return found


def _coding_values(item: Item, coding: dict) -> set[int]:
    labels = {option.value: option.label.lower() for option in item.options}
    found: set[int] = set()
    for extension in coding.get("extension") or []:
        if not isinstance(extension, dict) or extension.get("url") != ORDINAL_VALUE:
            continue
        weight = extension.get("valueDecimal")
        if _is_number(weight) and weight in labels:
            found.add(int(weight))
    system, code = coding.get("system"), coding.get("code")
    if isinstance(code, str):
        if system in (ANSWER_SYSTEM, None) and code.isdigit() and int(code) in labels:
            found.add(int(code))
        if system in (LOINC, None) and code in LOINC_ANSWERS:
            value, label = LOINC_ANSWERS[code]
            # Only where the item's answer with that value has the same words: the LA
            # code belongs to the PHQ/GAD frequency list, not to every 0-3 answer.
            if labels.get(value) == label.lower():
                found.add(value)
    display = coding.get("display")
    if isinstance(display, str):
        found |= _label_values(item, display)
    return found


def _label_values(item: Item, label: str) -> set[int]:
    wanted = label.strip().lower()
    return {option.value for option in item.options if wanted and option.label.lower() == wanted}


def total_number(holder: dict) -> float | None:
    """A stated total: valueInteger, valueDecimal, valueQuantity.value or valueString
    of digits; None when it holds no readable number."""
    keys = value_keys(holder)
    if len(keys) != 1:
        return None
    value = holder[keys[0]]
    if keys[0] == "valueQuantity":
        value = value.get("value") if isinstance(value, dict) else None
    elif keys[0] == "valueString":
        return float(value) if isinstance(value, str) and _DIGITS.fullmatch(value) else None
    elif keys[0] not in ("valueInteger", "valueDecimal"):
        return None
    if keys[0] == "valueInteger" and not isinstance(value, int):
        return None
    return value if _is_number(value) else None


def shown_value(holder: dict) -> str:
    """The value[x] as sent, for a message about a total."""
    keys = value_keys(holder)
    return ", ".join(_shown(key, holder[key]) for key in keys) or "no value"
