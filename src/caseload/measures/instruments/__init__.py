"""The instruments caseload ships. `get(code)` and `all_instruments()` are the only ways
in; each instrument's module defines one `INSTRUMENT` (see base.py) and its scoring `rule`.

Instruments whose wording is licensed (`wording_shipped=False`) come without item text; a
practice that holds the licence puts the wording in `<licensed dir>/<code>.json` (format:
src/caseload/measures/licensed/README.md) and `get()` returns the instrument with it."""

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from caseload.measures.instruments import (
    asq,
    audit,
    auditc,
    core10,
    cssrs,
    dass21,
    epds,
    gad2,
    gad7,
    k6,
    k10,
    pcl5,
    phq2,
    phq9,
    proqol5,
    who5,
)
from caseload.measures.instruments.base import Band, Instrument, Item, Option  # noqa: F401
from caseload.measures.instruments.common import Answers, Context, with_wording
from caseload.measures.result import Score


class InstrumentModule(Protocol):
    """What each instrument's module provides: its data and its scoring rule."""

    INSTRUMENT: Instrument

    def rule(self, instrument: Instrument, answers: Answers, context: Context) -> Score: ...


_MODULES: tuple[InstrumentModule, ...] = (
    phq9,
    phq2,
    gad7,
    gad2,
    pcl5,
    who5,
    k10,
    k6,
    audit,
    auditc,
    dass21,
    asq,
    cssrs,
    core10,
    proqol5,
    epds,
)
_BY_CODE = {module.INSTRUMENT.code: module for module in _MODULES}

LICENSED_DIR_SETTING = "CASELOAD_LICENSED_DIR"
_DEFAULT_LICENSED_DIR = Path(__file__).resolve().parent.parent / "licensed"


@dataclass(frozen=True)
class LicensedWording:
    items: tuple[str, ...]
    copyright: str
    # Per item, the answer labels in printed order; empty keeps caseload's own labels.
    options: tuple[tuple[str, ...], ...] = ()


def module_for(code: str) -> InstrumentModule:
    """The module holding the instrument's data and rule; KeyError for an unknown code."""
    return _BY_CODE[code]


def get(code: str) -> Instrument:
    """The instrument, with a practice's licensed wording when it has loaded one."""
    instrument = module_for(code).INSTRUMENT
    if instrument.wording_shipped:
        return instrument
    wording = load_licensed_wording(code)
    if wording is None:
        return instrument
    return with_wording(instrument, wording.items, wording.copyright, wording.options)


def all_instruments() -> list[Instrument]:
    return [get(code) for code in _BY_CODE]


def licensed_dir() -> Path:
    return Path(os.environ.get(LICENSED_DIR_SETTING) or _DEFAULT_LICENSED_DIR)


def load_licensed_wording(code: str) -> LicensedWording | None:
    """The wording in `<licensed dir>/<code>.json`, or None when there is no such file. A
    file that is there but wrong fails loudly (ValueError): showing a client a licensed
    questionnaire with missing or shifted items would be worse than not showing it."""
    instrument = module_for(code).INSTRUMENT
    path = licensed_dir() / f"{code}.json"
    if not path.is_file():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ValueError(f"{path}: not readable JSON ({error})") from error
    return _checked_wording(path, instrument, data)


def _checked_wording(path: Path, instrument: Instrument, data: object) -> LicensedWording:
    if not isinstance(data, dict):
        raise ValueError(f"{path}: expected an object with 'items' and 'copyright'")
    texts = data.get("items")
    copyright_line = data.get("copyright")
    expected = len(instrument.items)
    if not isinstance(texts, list) or len(texts) != expected:
        raise ValueError(f"{path}: 'items' must be a list of {expected} item texts")
    if not all(isinstance(text, str) and text.strip() for text in texts):
        raise ValueError(f"{path}: every item text must be a non-empty string")
    if not isinstance(copyright_line, str) or not copyright_line.strip():
        raise ValueError(f"{path}: 'copyright' must be the copyright line, shown with it")
    options = _checked_options(path, instrument, data.get("options", []))
    return LicensedWording(items=tuple(texts), copyright=copyright_line, options=options)


def _checked_options(
    path: Path, instrument: Instrument, options: object
) -> tuple[tuple[str, ...], ...]:
    if options == []:
        return ()
    if not isinstance(options, list) or len(options) != len(instrument.items):
        raise ValueError(f"{path}: 'options' must list the answer labels of every item")
    for item, labels in zip(instrument.items, options, strict=True):
        if not isinstance(labels, list) or len(labels) != len(item.options):
            raise ValueError(f"{path}: item {item.number} needs {len(item.options)} answer labels")
        if not all(isinstance(label, str) and label.strip() for label in labels):
            raise ValueError(f"{path}: item {item.number} has an empty answer label")
    return tuple(tuple(labels) for labels in options)
