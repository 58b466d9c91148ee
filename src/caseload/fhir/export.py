"""caseload's instruments and results as FHIR R4 resources (plain dicts, each checked
against the fhir.resources R4B model by `codes.validated`). Mapping tables:
docs/guide-fhir.md."""

from caseload.fhir.codes import (
    ANSWER_SYSTEM,
    BAND_SYSTEM,
    INSTRUMENT_SYSTEM,
    LOINC,
    OBSERVATION_CATEGORY,
    ORDINAL_VALUE,
    UCUM,
    validated,
)
from caseload.measures.instruments.base import Instrument, Item, Option
from caseload.measures.models import ITEMS_NOT_KNOWN, MeasureResponse


def item_text(instrument: Instrument, item: Item) -> str:
    """The wording, or a label saying it is licensed and not shipped. C-SSRS items carry
    their LOINC display names as their text already (instruments/cssrs.py)."""
    if item.text:
        return item.text
    return f"{instrument.name} item {item.number} (wording licensed, not shipped)"


def answer_coding(option: Option) -> dict:
    return {
        "extension": [{"url": ORDINAL_VALUE, "valueDecimal": option.value}],
        "system": ANSWER_SYSTEM,
        "code": str(option.value),
        "display": option.label,
    }


def _copyright(instrument: Instrument) -> str:
    lines = [instrument.licence, instrument.copyright, f"Citation: {instrument.citation}"]
    return "\n\n".join(line for line in lines if line and line != "Citation: ")


def questionnaire(instrument: Instrument, url: str) -> dict:
    """The instrument as a Questionnaire: one choice item per question, linkId the item
    number, LOINC codes where caseload has them, every answer with its value."""
    resource = {
        "resourceType": "Questionnaire",
        "id": instrument.code,
        "url": url,
        "version": instrument.rules_version,
        "name": instrument.name.replace("-", "").replace(" ", ""),
        "title": instrument.title,
        "status": "active",
        "description": instrument.instructions,
        "copyright": _copyright(instrument),
        "item": [_questionnaire_item(instrument, item) for item in instrument.items],
    }
    if instrument.loinc_panel:
        resource["code"] = [{"system": LOINC, "code": instrument.loinc_panel}]
    return validated(resource)


def _questionnaire_item(instrument: Instrument, item: Item) -> dict:
    entry = {
        "linkId": str(item.number),
        "text": item_text(instrument, item),
        "type": "choice",
        "required": item.scored,
        "answerOption": [{"valueCoding": answer_coding(option)} for option in item.options],
    }
    if item.loinc:
        entry["code"] = [{"system": LOINC, "code": item.loinc}]
    return entry


def patient_reference(client_id: int, client_system: str) -> dict:
    """The subject of every exported resource: caseload's client number as the reference
    and as an identifier in this installation's own system, so that a Bundle built from
    it can be imported back into the right client (the importing package)."""
    return {
        "reference": f"Patient/{client_id}",
        "identifier": {"system": client_system, "value": str(client_id)},
    }


def questionnaire_response(
    response: MeasureResponse, instrument: Instrument, questionnaire_url: str, subject: dict
) -> dict:
    """A result as a completed QuestionnaireResponse; an unanswered item has no answer."""
    items = []
    for item, value in zip(instrument.items, response.answers, strict=False):
        entry = {"linkId": str(item.number), "text": item_text(instrument, item)}
        option = next((o for o in item.options if o.value == value), None)
        if option is not None:
            entry["answer"] = [{"valueCoding": answer_coding(option)}]
        items.append(entry)
    resource = {
        "resourceType": "QuestionnaireResponse",
        "id": str(response.pk),
        "questionnaire": f"{questionnaire_url}|{response.rules_version}",
        "status": "completed",
        "subject": subject,
        "authored": response.completed_at.isoformat(),
        "item": items,
    }
    if not response.items_known:
        # A reported total: no item is invented; the total is sent under its LOINC code
        # (or as caseload's own "total" item), which the import reads back as a total.
        resource["item"] = [_reported_total_item(response, instrument)]
    return validated(resource)


def _reported_total_item(response: MeasureResponse, instrument: Instrument) -> dict:
    return {
        "linkId": instrument.loinc_total or "total",
        "text": f"{instrument.name} total score, reported without its item answers",
        "answer": [{"valueDecimal": _number(response.total)}],
    }


def _number(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value


def _score_quantity(value: float) -> dict:
    return {"value": _number(value), "unit": "{score}", "system": UCUM, "code": "{score}"}


def observation(response: MeasureResponse, instrument: Instrument, subject: dict) -> dict:
    """A result as one Observation: the total (LOINC total code where there is one) as a
    valueQuantity, the band as the interpretation, and each answered item and subscale as
    a component. Derived from the QuestionnaireResponse of the same id."""
    coding = [{"system": INSTRUMENT_SYSTEM, "code": instrument.code, "display": instrument.name}]
    if instrument.loinc_total:
        coding.insert(0, {"system": LOINC, "code": instrument.loinc_total})
    resource = {
        "resourceType": "Observation",
        "id": str(response.pk),
        "status": "final",
        "category": [{"coding": [{"system": OBSERVATION_CATEGORY, "code": "survey"}]}],
        "code": {"coding": coding, "text": f"{instrument.name} total score"},
        "subject": subject,
        "effectiveDateTime": response.completed_at.isoformat(),
        "derivedFrom": [{"reference": f"QuestionnaireResponse/{response.pk}"}],
        "component": _item_components(response, instrument) + _subscale_components(response),
    }
    if response.total is not None:
        resource["valueQuantity"] = _score_quantity(response.total)
    else:
        resource["dataAbsentReason"] = {"text": f"{instrument.name} has no total score"}
    if response.band:
        resource["interpretation"] = [
            {
                "coding": [
                    {"system": BAND_SYSTEM, "code": response.band, "display": response.band_label}
                ],
                "text": response.band_label,
            }
        ]
    if not resource["component"]:
        del resource["component"]
    if not response.items_known:
        resource["note"] = [{"text": f"{ITEMS_NOT_KNOWN}: reported without its item answers"}]
    return validated(resource)


def _item_components(response: MeasureResponse, instrument: Instrument) -> list[dict]:
    components = []
    for item, value in zip(instrument.items, response.answers, strict=False):
        if value is None:
            continue
        code = {"system": INSTRUMENT_SYSTEM, "code": f"{instrument.code}/{item.number}"}
        codings = [{"system": LOINC, "code": item.loinc}, code] if item.loinc else [code]
        components.append(
            {
                "code": {"coding": codings, "text": item_text(instrument, item)},
                "valueInteger": value,
            }
        )
    return components


def _subscale_components(response: MeasureResponse) -> list[dict]:
    return [
        {
            "code": {
                "coding": [{"system": INSTRUMENT_SYSTEM, "code": f"{response.instrument}/{name}"}],
                "text": name.replace("_", " "),
            },
            "valueQuantity": _score_quantity(value),
        }
        for name, value in sorted(response.subscales.items())
    ]


def searchset(resources: list[tuple[str, dict]], self_url: str) -> dict:
    """A searchset Bundle of (full URL, resource) pairs, all matches."""
    return validated(
        {
            "resourceType": "Bundle",
            "type": "searchset",
            "total": len(resources),
            "link": [{"relation": "self", "url": self_url}],
            "entry": [
                {"fullUrl": url, "resource": resource, "search": {"mode": "match"}}
                for url, resource in resources
            ],
        }
    )


def operation_outcome(issues: list[dict]) -> dict:
    """issues: dicts with severity, code, diagnostics and optionally expression."""
    return validated({"resourceType": "OperationOutcome", "issue": issues})


def issue(diagnostics: str, *, code: str = "invalid", severity: str = "error", where=None):
    found = {"severity": severity, "code": code, "diagnostics": diagnostics}
    if where:
        found["expression"] = [where]
    return found
