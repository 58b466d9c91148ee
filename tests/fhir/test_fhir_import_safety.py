"""POST /fhir: what the import reads, what it refuses, and how it refuses. Hazards
H-070 (an unreadable answer read as unanswered), H-071 (an item given twice), H-072 (a
response for an unknown questionnaire dropped inside a 200), H-073 (wrong JSON types,
deep nesting or a large body answered with a 500 or an HTML page), H-074 (a stated total
that differs from the answers), H-075 (a total without items), H-078 (a batch that
splits one result)."""

import json

import pytest
from fhir.resources.R4B.bundle import Bundle
from fhir.resources.R4B.operationoutcome import OperationOutcome
from fhir_bundles import LOINC, PHQ9_ITEMS, WHEN, bundle, observation, patient, score, valid
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from caseload.fhir import views
from caseload.fhir.codes import ANSWER_SYSTEM, ORDINAL_VALUE
from caseload.measures.models import MeasureResponse
from caseload.safety.models import Alert

PHQ9 = [1, 1, 1, 1, 1, 1, 1, 1, 2]  # total 10, item 9 "More than half the days"
SUBJECT = {"reference": "urn:uuid:p-1"}


def questionnaire_response(items, *, questionnaire="http://example.org/Questionnaire/phq9"):
    resource = {
        "resourceType": "QuestionnaireResponse",
        "status": "completed",
        "subject": SUBJECT,
        "authored": WHEN,
        "item": items,
    }
    if questionnaire is not None:
        resource["questionnaire"] = questionnaire
    return {"resource": resource}


def answered(link, **value):
    return {"linkId": str(link), "answer": [value]}


def phq9_items(answers=PHQ9, *, item9=None):
    """PHQ-9 items 1-8 as valueInteger; item 9 as given (`item9`: its answer dict)."""
    items = [answered(n, valueInteger=v) for n, v in enumerate(answers[:8], start=1)]
    items.append(
        {"linkId": "9", "answer": [{"valueInteger": answers[8]} if item9 is None else item9]}
    )
    return items


def post(fhir, clinician, *entries, kind="transaction"):
    return fhir(clinician, "post", "/fhir/", bundle(patient(), *entries, kind=kind))


def refused(response, status=422) -> list[str]:
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/fhir+json"
    OperationOutcome.model_validate(response.json())
    return [issue["diagnostics"] for issue in response.json()["issue"]]


def nothing_stored():
    return not MeasureResponse.objects.exists() and not Alert.objects.exists()


# H-070: every answer that is not a valid option is refused, naming entry, item, value.


@pytest.mark.parametrize(
    "value,shown",
    [
        ({"valueString": "Nearly every day"}, 'valueString "Nearly every day"'),
        ({"valueString": "3"}, 'valueString "3"'),
        ({"valueBoolean": True}, "valueBoolean true"),
        ({"valueInteger": True}, "valueInteger true"),
        ({"valueInteger": "123"}, 'valueInteger "123"'),
        ({"valueInteger": "2"}, 'valueInteger "2"'),
        ({"valueDate": "2025-01-01"}, 'valueDate "2025-01-01"'),
    ],
)
def test_h070_an_unreadable_item9_is_refused_not_read_as_unanswered(fhir, clinician, value, shown):
    """H-070: LHC-Forms and hand-made responses send item 9 as a string or boolean; read
    as unanswered it prorated the total and raised no alert. It is refused, naming the
    entry, the item and the value as sent."""
    messages = refused(post(fhir, clinician, questionnaire_response(phq9_items(item9=value))))
    assert len(messages) == 1
    assert messages[0].startswith(f"entry 1: PHQ-9 item 9: {shown} is not a readable answer")
    assert nothing_stored()


@pytest.mark.parametrize(
    "value,message",
    [
        ({"valueInteger": 4}, "valueInteger 4 is not one of its answer values (0, 1, 2, 3)"),
        ({"valueInteger": -1}, "valueInteger -1 is not one of its answer values"),
        ({"valueDecimal": 2.5}, "valueDecimal 2.5 is not one of its answer values"),
        (
            {"valueCoding": {"system": "http://snomed.info/sct", "code": "12345"}},
            "is not one of its answers",
        ),
        ({"valueCoding": {"system": ANSWER_SYSTEM, "code": "7"}}, "is not one of its answers"),
        (
            {"valueCoding": {"system": LOINC, "code": "LA6571-9", "display": "Not at all"}},
            "names more than one of its answers",
        ),
        ({}, "an answer with no value is not a readable answer"),
    ],
)
def test_h070_an_answer_naming_no_option_is_refused(fhir, clinician, value, message):
    messages = refused(post(fhir, clinician, questionnaire_response(phq9_items(item9=value))))
    assert len(messages) == 1 and messages[0].startswith("entry 1: PHQ-9 item 9: ")
    assert message in messages[0]
    assert nothing_stored()


@pytest.mark.parametrize(
    "value",
    [
        {"valueInteger": 2},
        {"valueDecimal": 2.0},
        {"valueDecimal": 2},
        {"valueCoding": {"system": ANSWER_SYSTEM, "code": "2"}},
        {"valueCoding": {"code": "2"}},
        {"valueCoding": {"system": LOINC, "code": "LA6570-1"}},
        {"valueCoding": {"code": "LA6570-1", "display": "More than half the days"}},
        {"valueCoding": {"display": "more than half the days"}},
        {"valueCoding": {"extension": [{"url": ORDINAL_VALUE, "valueDecimal": 2}]}},
    ],
)
def test_readable_encodings_of_item9_are_stored_with_the_alert(fhir, clinician, value):
    """The encodings docs/guide-fhir.md lists as readable: the answer is 2, and the
    result is stored with its high alert."""
    response = post(fhir, clinician, questionnaire_response(phq9_items(item9=value)))
    assert response.status_code == 200, response.content
    result = MeasureResponse.objects.get()
    assert (result.answers[8], result.total, result.band) == (2, 10, "moderate")
    assert Alert.objects.get().severity == "high"


def test_h070_an_unreadable_item_observation_names_its_own_entry(fhir, clinician):
    entries = [
        observation(code, "urn:uuid:p-1", valueInteger=value)
        for code, value in zip(PHQ9_ITEMS, PHQ9, strict=True)
    ]
    entries[8]["resource"].pop("valueInteger")
    entries[8]["resource"]["valueString"] = "Nearly every day"
    messages = refused(post(fhir, clinician, *entries))
    assert messages == [
        'entry 9: PHQ-9 item 9: valueString "Nearly every day" is not a readable answer '
        "(send valueCoding, or valueInteger with one of its answer values: 0, 1, 2, 3)"
    ]


def test_an_item_without_any_value_is_unanswered_and_item9_unanswered_alerts(fhir, clinician):
    """An Observation with no value[x] (a dataAbsentReason) is an unanswered item; an
    unanswered item 9 raises the moderate "ask in person" alert (H-076)."""
    entries = [
        observation(code, "urn:uuid:p-1", valueInteger=value)
        for code, value in zip(PHQ9_ITEMS, PHQ9, strict=True)
    ]
    entries[8]["resource"].pop("valueInteger")
    entries[8]["resource"]["dataAbsentReason"] = {"text": "asked but declined"}
    assert post(fhir, clinician, *entries).status_code == 200
    result = MeasureResponse.objects.get()
    assert (result.answers[8], result.total, result.prorated) == (None, 9, True)
    alert = Alert.objects.get()
    assert alert.severity == "moderate"
    assert "item 9 (thoughts of death or self-harm) was not answered" in alert.reason
    assert "not answered" in alert.evidence


# H-071: an item given twice is refused on both paths.


def test_h071_item9_twice_in_a_response_is_refused(fhir, clinician):
    """H-071: item 9 sent as 2 then 0 kept the 0, and no alert was raised."""
    items = [*phq9_items(), answered(9, valueInteger=0)]
    messages = refused(post(fhir, clinician, questionnaire_response(items)))
    assert messages == ["entry 1: PHQ-9 item 9 is given twice (linkId '9')"]
    assert nothing_stored()


def test_h071_item9_twice_by_number_and_loinc_code_is_refused(fhir, clinician):
    items = [*phq9_items(), answered("44260-8", valueInteger=2)]
    messages = refused(post(fhir, clinician, questionnaire_response(items)))
    assert messages == ["entry 1: PHQ-9 item 9 is given twice (linkId '44260-8')"]


@pytest.mark.parametrize("second", [0, 2])
def test_h071_item9_twice_in_observations_is_refused(fhir, clinician, second):
    """Even the same answer twice: which one the sender meant is not ours to pick."""
    entries = [
        observation(code, "urn:uuid:p-1", valueInteger=value)
        for code, value in zip(PHQ9_ITEMS, PHQ9, strict=True)
    ]
    entries.append(observation(PHQ9_ITEMS[8], "urn:uuid:p-1", valueInteger=second))
    messages = refused(post(fhir, clinician, *entries))
    assert messages == ["entry 10: item 44260-8 is given twice in one result (entries 9, 10)"]
    assert nothing_stored()


def test_h071_item9_twice_in_a_panels_components_is_refused(fhir, clinician):
    components = [
        {"code": {"coding": [{"system": LOINC, "code": code}]}, "valueInteger": value}
        for code, value in zip([*PHQ9_ITEMS, PHQ9_ITEMS[8]], [*PHQ9, 0], strict=True)
    ]
    panel = observation("44249-1", "urn:uuid:p-1", component=components)
    assert "given twice" in refused(post(fhir, clinician, panel))[0]


# H-072: a response for an unknown or missing questionnaire fails, named.


@pytest.mark.parametrize(
    "questionnaire,message",
    [
        (
            "http://example.org/Questionnaire/mystery",
            "entry 1: questionnaire 'http://example.org/Questionnaire/mystery' is not one "
            "caseload imports",
        ),
        (None, "entry 1: QuestionnaireResponse has no 'questionnaire'"),
        ("http://example.org/Questionnaire/cssrs", "entry 1: questionnaire"),
    ],
)
def test_h072_an_unknown_or_missing_questionnaire_fails_the_transaction(
    fhir, clinician, questionnaire, message
):
    """H-072: it was dropped with an informational issue inside a 200."""
    entry = questionnaire_response(phq9_items(), questionnaire=questionnaire)
    messages = refused(post(fhir, clinician, entry))
    assert len(messages) == 1 and messages[0].startswith(message)
    assert nothing_stored()


def test_h072_a_cssrs_observation_is_refused_not_ignored(fhir, clinician):
    entry = observation("93246-7", "urn:uuid:p-1", valueCodeableConcept={"text": "Yes"})
    assert refused(post(fhir, clinician, entry)) == [
        "entry 1: C-SSRS results are not imported (only PHQ-2, PHQ-9, GAD-7 and AUDIT-C): "
        "enter them in caseload"
    ]


# Batch Bundles: each entry stands or falls on its own.


def test_h072_in_a_batch_the_unknown_questionnaire_fails_alone(fhir, clinician):
    unknown = questionnaire_response(phq9_items(), questionnaire="Questionnaire/mystery")
    good = questionnaire_response(phq9_items())
    answer = post(fhir, clinician, unknown, good, kind="batch")
    assert answer.status_code == 200, answer.content
    result = valid(answer.json())
    assert Bundle.model_validate(result).type == "batch-response"
    statuses = [entry["response"]["status"] for entry in result["entry"]]
    assert statuses == ["201 Created", "422 Unprocessable Entity", "201 Created"]
    issue = result["entry"][1]["response"]["outcome"]["issue"][0]
    assert issue["severity"] == "error" and "'Questionnaire/mystery'" in issue["diagnostics"]
    assert MeasureResponse.objects.count() == 1 and Alert.objects.count() == 1


def test_h078_in_a_batch_a_refused_item_fails_every_entry_of_its_result(fhir, clinician):
    """H-078: item 9's Observation refused alone would leave the other eight stored as a
    prorated result with item 9 "unanswered"; the whole result fails instead."""
    entries = [
        observation(code, "urn:uuid:p-1", valueInteger=value)
        for code, value in zip(PHQ9_ITEMS, PHQ9, strict=True)
    ]
    entries[8]["resource"]["status"] = "preliminary"
    answer = post(fhir, clinician, *entries, kind="batch")
    statuses = [entry["response"]["status"] for entry in answer.json()["entry"]]
    assert statuses == ["201 Created", *["422 Unprocessable Entity"] * 9]
    assert "entry 9, part of the same result, failed" in json.dumps(answer.json()["entry"][1])
    assert not MeasureResponse.objects.exists()


def test_in_a_batch_a_refused_patient_fails_its_results_and_others_import(fhir, clinician):
    bad = patient("p-2", born="1984-13-40")
    theirs = questionnaire_response(phq9_items())
    theirs["resource"]["subject"] = {"reference": "urn:uuid:p-2"}
    body = bundle(patient(), bad, theirs, questionnaire_response(phq9_items()), kind="batch")
    result = fhir(clinician, "post", "/fhir/", body).json()
    statuses = [entry["response"]["status"] for entry in result["entry"]]
    assert statuses == ["201 Created", *["422 Unprocessable Entity"] * 2, "201 Created"]
    assert MeasureResponse.objects.count() == 1


def test_in_a_batch_a_client_not_yours_is_404_for_its_entry(
    fhir, clinician, outsider, client_record
):
    own = {"identifier": {"system": "http://testserver/fhir/Patient", "value": "1"}}
    theirs = questionnaire_response(phq9_items())
    theirs["resource"]["subject"] = {
        "identifier": {**own["identifier"], "value": str(client_record.pk)}
    }
    result = post(fhir, outsider, theirs, kind="batch").json()
    assert [entry["response"]["status"] for entry in result["entry"]] == [
        "201 Created",
        "404 Not Found",
    ]
    assert not client_record.measure_responses.exists()


# H-074: a stated total is checked against the answers whatever its encoding.


@pytest.mark.parametrize(
    "total",
    [
        {"valueInteger": 11},
        {"valueDecimal": 11.0},
        {"valueQuantity": {"value": 11}},
        {"valueString": "11"},
    ],
)
def test_h074_a_stated_total_that_differs_is_refused(fhir, clinician, total):
    items = [*phq9_items(), {"linkId": "44261-6", "answer": [total]}]
    messages = refused(post(fhir, clinician, questionnaire_response(items)))
    assert messages == [
        "entry 1: the PHQ-9 total given (11) does not match the total of its item answers (10)"
    ]


@pytest.mark.parametrize("total", [{"valueDecimal": 10.0}, {"valueString": "10"}])
def test_a_stated_total_that_matches_is_accepted(fhir, clinician, total):
    items = [*phq9_items(), {"linkId": "44261-6", "answer": [total]}]
    assert post(fhir, clinician, questionnaire_response(items)).status_code == 200
    assert MeasureResponse.objects.get().total == 10


@pytest.mark.parametrize("total", [{"valueBoolean": True}, {"valueString": "ten"}])
def test_h074_an_unreadable_total_is_refused(fhir, clinician, total):
    entry = observation("44261-6", "urn:uuid:p-1", **total)
    messages = refused(post(fhir, clinician, entry))
    assert messages[0].startswith("entry 1: the total 44261-6 has no readable number")


# H-075: a total without item answers is a reported total.


def test_h075_a_phq9_total_alone_in_a_response_is_a_reported_total_with_an_alert(fhir, clinician):
    entry = questionnaire_response([{"linkId": "44261-6", "answer": [{"valueInteger": 11}]}])
    assert post(fhir, clinician, entry).status_code == 200
    result = MeasureResponse.objects.get()
    assert (result.items_known, result.total, result.band, result.answers) == (
        False,
        11,
        "moderate",
        [],
    )
    assert result.flags[0]["code"] == "risk_item_unknown"
    alert = Alert.objects.get()
    assert alert.severity == "moderate" and "not known \N{EM DASH} ask in person" in alert.reason


def test_h075_a_phq2_total_alone_is_recorded_without_an_alert(fhir, clinician):
    """PHQ-2 has no risk item: its reported total is banded and raises nothing."""
    assert post(fhir, clinician, observation("55758-7", "urn:uuid:p-1", **score(4))).status_code
    result = MeasureResponse.objects.get()
    assert (result.instrument, result.band, result.items_known) == ("phq2", "positive", False)
    assert not Alert.objects.exists()


@pytest.mark.parametrize(
    "code,total,message",
    [
        ("44261-6", 9.5, "PHQ-9: 9.5 is not a possible total"),
        ("44261-6", 28, "PHQ-9: 28 is not a possible total"),
        ("75626-2", 4, "AUDIT-C is only recorded with its item answers"),
    ],
)
def test_h075_an_impossible_or_unbanded_reported_total_is_refused(
    fhir, clinician, code, total, message
):
    entry = observation(code, "urn:uuid:p-1", valueQuantity={"value": total})
    messages = refused(post(fhir, clinician, entry))
    assert messages[0].startswith(f"entry 1: {message}")
    assert nothing_stored()


def test_h075_a_reported_total_sent_twice_is_recorded_once(fhir, clinician):
    body = bundle(patient(), observation("44261-6", "urn:uuid:p-1", **score(11)))
    fhir(clinician, "post", "/fhir/", body)
    again = fhir(clinician, "post", "/fhir/", body).json()
    assert again["entry"][1]["response"]["status"] == "200 OK"
    assert MeasureResponse.objects.count() == 1 and Alert.objects.count() == 1


def test_h077_a_reported_total_exports_without_invented_items_and_reimports(
    fhir, clinician, new_client
):
    """H-077: the export sends the total, never item answers it does not have; the
    QuestionnaireResponse it sends imports back as a reported total."""
    post(fhir, clinician, observation("44261-6", "urn:uuid:p-1", **score(11)))
    client_id = MeasureResponse.objects.get().client_id
    found = fhir(clinician, "get", f"/fhir/QuestionnaireResponse?patient={client_id}").json()
    response = found["entry"][0]["resource"]
    assert response["item"] == [
        {
            "linkId": "44261-6",
            "text": "PHQ-9 total score, reported without its item answers",
            "answer": [{"valueDecimal": 11}],
        }
    ]
    observations = fhir(clinician, "get", f"/fhir/Observation?patient={client_id}").json()
    exported = observations["entry"][0]["resource"]
    assert "component" not in exported and exported["valueQuantity"]["value"] == 11
    assert "items not known" in exported["note"][0]["text"]
    other = new_client(primary=clinician)
    response["subject"] = {
        "identifier": {"system": "http://testserver/fhir/Patient", "value": str(other.pk)}
    }
    assert fhir(clinician, "post", "/fhir/", bundle({"resource": response})).status_code == 200
    copied = other.measure_responses.get()
    assert (copied.items_known, copied.total) == (False, 11)
    assert Alert.objects.filter(client=other).count() == 1


# H-073: wrong JSON types, deep nesting and large bodies answer an OperationOutcome.


def test_h073_deeply_nested_json_is_400(fhir, clinician):
    deep = "[" * 100_000 + "]" * 100_000
    assert refused(fhir(clinician, "post", "/fhir/", deep), status=400) == [
        "The body is JSON nested too deeply to read."
    ]


@pytest.mark.parametrize("depth", [300, 2000])
def test_h073_deeply_nested_items_are_400_or_422_never_500(fhir, clinician, depth):
    """Nested items deep enough to exhaust a recursive reader (300 levels parse as JSON
    and reach the reading; 2000 do not parse)."""
    inner = json.dumps({"linkId": "9", "answer": [{"valueInteger": 2}]})
    items = '{"linkId": "g", "item": [' * depth + inner + "]}" * depth
    entry = questionnaire_response([])
    text = json.dumps(bundle(patient(), entry)).replace('"item": []', f'"item": [{items}]')
    response = fhir(clinician, "post", "/fhir/", text)
    assert response.status_code in (400, 422), response.content[:300]
    OperationOutcome.model_validate(response.json())
    assert nothing_stored()


@pytest.mark.parametrize(
    "body",
    [
        [],
        {"resourceType": "Bundle", "type": "transaction", "entry": {"resource": {}}},
        {"resourceType": "Bundle", "type": ["transaction"], "entry": []},
        {"resourceType": "Bundle", "type": "transaction", "entry": "NaN"},
        "NaN",
    ],
)
def test_h073_a_body_of_the_wrong_shape_is_400(fhir, clinician, body):
    response = fhir(clinician, "post", "/fhir/", body)
    assert refused(response, status=400)


def test_h073_a_body_over_the_general_upload_limit_is_imported(fhir, clinician, settings):
    """Django's 2.5 MB DATA_UPLOAD_MAX_MEMORY_SIZE no longer answers first."""
    padding = {"resource": {"resourceType": "Basic", "text": "x" * 3_000_000}}
    body = json.dumps(bundle(patient(), padding, questionnaire_response(phq9_items())))
    assert len(body) > settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    assert fhir(clinician, "post", "/fhir/", body).status_code == 200
    assert MeasureResponse.objects.count() == 1


def test_h073_a_body_over_the_import_limit_is_413(fhir, clinician, monkeypatch):
    monkeypatch.setattr(views, "MAX_BODY", 1_000_000)
    padding = {"resource": {"resourceType": "Basic", "text": "x" * 1_000_000}}
    response = fhir(clinician, "post", "/fhir/", bundle(patient(), padding))
    assert refused(response, status=413) == [views.TOO_LARGE]


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=5),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=5), children, max_size=3)
    ),
    max_leaves=6,
)


def _paths(value, path=()):
    yield path
    if isinstance(value, dict):
        for key, child in value.items():
            yield from _paths(child, (*path, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from _paths(child, (*path, index))


def _replaced(value, path, new):
    if not path:
        return new
    copy = dict(value) if isinstance(value, dict) else list(value)
    copy[path[0]] = _replaced(value[path[0]], path[1:], new)
    return copy


_SAMPLE = bundle(
    patient(),
    questionnaire_response(
        [*phq9_items(), {"linkId": "44261-6", "answer": [{"valueInteger": 10}]}]
    ),
    observation("44261-6", "urn:uuid:p-1", **score(10)),
)
_SAMPLE_PATHS = list(_paths(_SAMPLE))


@settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(where=st.sampled_from(_SAMPLE_PATHS), new=_JSON)
def test_h073_any_value_of_any_json_type_anywhere_never_answers_500(fhir, clinician, where, new):
    """H-073: a value of any JSON type at any place in a Bundle answers 200, 400 or 422
    with a FHIR resource; never a server error (the test client raises on one)."""
    response = fhir(clinician, "post", "/fhir/", _replaced(_SAMPLE, where, new))
    assert response.status_code in (200, 400, 422), response.content
    assert response["Content-Type"] == "application/fhir+json"
