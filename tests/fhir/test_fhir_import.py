"""POST /fhir: Bundles of Patients with PHQ-2 / PHQ-9 / GAD-7 / AUDIT-C results, imported
through the measures recording service; refused whole, with a message per bad entry."""

import copy

import pytest
from fhir.resources.R4B.bundle import Bundle
from fhir.resources.R4B.operationoutcome import OperationOutcome
from fhir_bundles import (
    GAD7_ITEMS,
    LOINC,
    PHQ9_ITEMS,
    SYNTHEA,
    WHEN,
    bundle,
    gad7_panel,
    item_observations,
    observation,
    patient,
    phq9_panel,
    score,
    valid,
)

from caseload.audit.models import AuditEvent
from caseload.clients.models import CareTeamMember, CareTeamRole, Client
from caseload.fhir.models import PatientIdentifier
from caseload.measures.models import MeasureResponse
from caseload.measures.services import response_record
from caseload.safety.models import Alert

PHQ9 = [1, 1, 2, 1, 0, 1, 0, 1, 0]  # total 7, item 9 "Not at all"
PHQ9_RISK = [1, 1, 2, 1, 0, 1, 0, 1, 2]  # item 9 "More than half the days"
GAD7 = [2, 2, 1, 1, 0, 0, 1]  # total 7


def counts() -> tuple[int, int, int, int]:
    return (
        Client.objects.count(),
        MeasureResponse.objects.count(),
        PatientIdentifier.objects.count(),
        Alert.objects.count(),
    )


def imported(response) -> dict:
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "application/fhir+json"
    return valid(response.json())


def refused(response, status=422) -> list[str]:
    assert response.status_code == status, response.content
    OperationOutcome.model_validate(response.json())
    return [issue["diagnostics"] for issue in response.json()["issue"]]


def test_synthea_panels_create_a_client_with_two_results(fhir, clinician):
    body = bundle(patient(), phq9_panel(PHQ9), gad7_panel(GAD7))
    result = imported(fhir(clinician, "post", "/fhir/", body))
    assert Bundle.model_validate(result).type == "transaction-response"
    statuses = [entry["response"]["status"] for entry in result["entry"]]
    assert statuses == ["201 Created", "201 Created", "201 Created"]
    client = Client.objects.get()
    assert result["entry"][0]["response"]["location"] == f"Patient/{client.pk}"
    assert client.legal_name == "Riley Example"
    assert str(client.date_of_birth) == "1984-05-06"
    primary = CareTeamMember.objects.get(client=client)
    assert (primary.user, primary.role) == (clinician, CareTeamRole.PRIMARY)
    phq9, gad7 = client.measure_responses.order_by("instrument").reverse()
    assert (phq9.instrument, phq9.total, phq9.band, phq9.source) == ("phq9", 7, "mild", "fhir")
    assert phq9.answers == [*PHQ9, None]  # the difficulty item was not sent
    assert phq9.completed_at.isoformat() == WHEN
    assert phq9.entered_by == clinician
    assert (gad7.instrument, gad7.total) == ("gad7", 7)
    assert PatientIdentifier.objects.get().value == "p-1"
    assert AuditEvent.objects.filter(action="fhir.import", actor=clinician).exists()
    assert AuditEvent.objects.filter(action="measure.record", client_id=client.pk).count() == 2


def test_item_observations_with_a_total(fhir, clinician):
    body = bundle(
        patient(),
        *item_observations(PHQ9_ITEMS, PHQ9, total_code="44261-6"),
        *item_observations(GAD7_ITEMS, GAD7, total_code="70274-6"),
    )
    result = imported(fhir(clinician, "post", "/fhir/", body))
    locations = {entry["response"]["location"] for entry in result["entry"][1:]}
    assert len(locations) == 2  # ten PHQ-9 entries make one result, eight GAD-7 another
    totals = sorted(MeasureResponse.objects.values_list("instrument", "total"))
    assert totals == [("gad7", 7.0), ("phq9", 7.0)]


def test_phq2_items_alone_are_a_phq2(fhir, clinician):
    body = bundle(patient(), *item_observations(PHQ9_ITEMS[:2], [2, 1], total_code="55758-7"))
    imported(fhir(clinician, "post", "/fhir/", body))
    result = MeasureResponse.objects.get()
    assert (result.instrument, result.total, result.band) == ("phq2", 3, "positive")


def test_audit_c_uses_the_patients_sex(fhir, clinician):
    def audit_c(uuid, gender):
        items = ["68518-0", "68519-8", "68520-6"]
        values = [{"valueInteger": value} for value in (2, 1, 0)]  # total 3
        found = [
            observation(code, f"urn:uuid:{uuid}", **value)
            for code, value in zip(items, values, strict=True)
        ]
        return [patient(uuid, gender=gender), *found]

    imported(
        fhir(clinician, "post", "/fhir/", bundle(*audit_c("f", "female"), *audit_c("m", "male")))
    )
    flags = {
        result.client.fhir_identifiers.get().value: [flag["code"] for flag in result.flags]
        for result in MeasureResponse.objects.select_related("client")
    }
    assert flags == {"f": ["positive_screen"], "m": []}  # 3 is positive for women only


def test_questionnaire_response_with_loinc_link_ids(fhir, clinician):
    answers = [
        {"linkId": code, "answer": [{"valueCoding": {"system": LOINC, "code": la}}]}
        for code, la in zip(GAD7_ITEMS, ["LA6569-3"] * 7, strict=True)
    ]
    response = {
        "resourceType": "QuestionnaireResponse",
        "questionnaire": "http://loinc.org/q/69737-5",
        "status": "completed",
        "subject": {"reference": "urn:uuid:p-1"},
        "authored": WHEN,
        "item": [{"linkId": "group", "item": answers}],
    }
    imported(fhir(clinician, "post", "/fhir/", bundle(patient(), {"resource": response})))
    result = MeasureResponse.objects.get()
    assert (result.instrument, result.total) == ("gad7", 7)


def test_a_second_import_adds_to_the_same_client(fhir, clinician):
    imported(fhir(clinician, "post", "/fhir/", bundle(patient(), phq9_panel(PHQ9))))
    later = "2025-04-01T09:00:00+00:00"
    result = imported(
        fhir(clinician, "post", "/fhir/", bundle(patient(), phq9_panel(PHQ9_RISK, when=later)))
    )
    assert result["entry"][0]["response"]["status"] == "200 OK"
    client = Client.objects.get()
    assert client.measure_responses.count() == 2


def test_hazard_phq9_item9_imported_by_fhir_raises_an_alert(fhir, clinician):
    """Hazard: a risk answer arriving by import is stored without an alert, so nobody
    acts on it. The import goes through the one recording service, which raises it."""
    imported(fhir(clinician, "post", "/fhir/", bundle(patient(), phq9_panel(PHQ9_RISK))))
    result = MeasureResponse.objects.get()
    alert = Alert.objects.get()
    assert alert.client_id == result.client_id
    assert alert.severity == "high"
    assert alert.source == "measure"
    assert "item 9" in alert.reason
    assert "Imported (FHIR)" in alert.evidence


def test_hazard_h075_phq9_total_without_items_is_a_reported_total_with_an_alert(fhir, clinician):
    """H-056, H-075: a PHQ-9 total imported without its items hides whether item 9
    (thoughts of self-harm) was answered above 0. It is stored as a reported total
    (items not known) and raises a moderate alert to ask about item 9 in person."""
    body = bundle(patient(), observation("44261-6", "urn:uuid:p-1", **score(11)))
    imported(fhir(clinician, "post", "/fhir/", body))
    result = MeasureResponse.objects.get()
    assert (result.total, result.band, result.items_known, result.answers) == (
        11,
        "moderate",
        False,
        [],
    )
    alert = Alert.objects.get()
    assert (alert.client_id, alert.severity, alert.state) == (
        result.client_id,
        "moderate",
        "open",
    )
    assert alert.reason == (
        "PHQ-9 reported as a total only (11): item 9 (thoughts of death or self-harm) not "
        "known \N{EM DASH} ask in person"
    )


def test_malformed_bundle_is_refused_whole_with_a_message_per_entry(fhir, clinician):
    before = counts()
    bad_item = phq9_panel([*PHQ9[:3], 0, 0, 0, 0, 0, 0], subject="urn:uuid:p-2")
    bad_item["resource"]["component"][3]["valueCodeableConcept"] = {"text": "Sometimes"}
    wrong_total = gad7_panel(GAD7)
    wrong_total["resource"]["component"][-1]["valueQuantity"]["value"] = 20
    body = bundle(
        patient(),  # 0: fine
        phq9_panel(PHQ9),  # 1: fine, and not imported either
        {"resource": {"resourceType": "Observation", "status": "final"}},  # 2: no code
        patient("p-2", born="1984-13-40"),  # 3: impossible birth date
        bad_item,  # 4: its subject is the refused patient
        wrong_total,  # 5: the total does not match the items
        observation("44261-6", "urn:uuid:nobody", **score(3)),  # 6: no such patient
        {"request": {"method": "DELETE", "url": "Patient/1"}},  # 7: no resource
    )
    messages = refused(fhir(clinician, "post", "/fhir/", body))
    assert [message.split(":")[0] for message in messages] == [
        "entry 2",
        "entry 3",
        "entry 4",
        "entry 5",
        "entry 6",
        "entry 7",
    ]
    assert "code" in messages[0] and "not valid FHIR R4" in messages[0]
    assert "birthDate" in messages[1]
    assert "subject does not point to a Patient" in messages[2]
    assert "total given (20) does not match the total of its item answers (7)" in messages[3]
    assert "subject does not point to a Patient" in messages[4]
    assert messages[5] == "entry 7: the entry has no resource"
    issues = OperationOutcome.model_validate(fhir(clinician, "post", "/fhir/", body).json()).issue
    assert issues[0].expression == ["Bundle.entry[2]"]
    assert counts() == before


def test_an_answer_that_is_no_option_names_the_item(fhir, clinician):
    before = counts()
    entry = phq9_panel(PHQ9)
    entry["resource"]["component"][3]["valueCodeableConcept"] = {
        "coding": [{"system": LOINC, "code": "LA0000-0", "display": "Sometimes"}]
    }
    messages = refused(fhir(clinician, "post", "/fhir/", bundle(patient(), entry)))
    assert messages == [
        'entry 1: PHQ-9 item 4: valueCodeableConcept {"coding": [{"system": '
        '"http://loinc.org", "code": "LA0000-0", "display": "Sometimes"}]} is not one of its '
        "answers"
    ]
    assert counts() == before


def test_out_of_range_integer_answer(fhir, clinician):
    entries = item_observations(PHQ9_ITEMS, PHQ9)
    entries[8]["resource"].pop("valueCodeableConcept")
    entries[8]["resource"]["valueInteger"] = 5
    messages = refused(fhir(clinician, "post", "/fhir/", bundle(patient(), *entries)))
    assert messages == [
        "entry 9: PHQ-9 item 9: valueInteger 5 is not one of its answer values (0, 1, 2, 3)"
    ]


def test_other_resources_are_ignored_and_said_so(fhir, clinician):
    vital = observation("8867-4", "urn:uuid:p-1", valueQuantity={"value": 70})
    encounter = {"resource": {"resourceType": "Encounter", "status": "finished"}}
    body = bundle(patient(), encounter, vital, phq9_panel(PHQ9), kind="collection")
    result = imported(fhir(clinician, "post", "/fhir/", body))
    outcome = result["entry"][1]["response"]["outcome"]
    assert outcome["issue"][0]["severity"] == "information"
    assert "Encounter resources are not imported" in outcome["issue"][0]["diagnostics"]
    assert "not a PHQ-2" in result["entry"][2]["response"]["outcome"]["issue"][0]["diagnostics"]
    assert MeasureResponse.objects.count() == 1


@pytest.mark.parametrize(
    "body,message",
    [
        ("not json", "The body is not JSON."),
        ({"resourceType": "Patient"}, "The body must be a FHIR Bundle (resourceType 'Bundle')."),
        (
            {"resourceType": "Bundle", "type": "searchset"},
            "Only 'transaction', 'batch' and 'collection' Bundles are imported.",
        ),
    ],
)
def test_not_an_importable_bundle(fhir, clinician, body, message):
    assert refused(fhir(clinician, "post", "/fhir/", body), status=400) == [message]


def test_import_permission_ladder(fhir, clinician, intake, admin, privacy_officer):
    body = bundle(patient(), phq9_panel(PHQ9))
    assert fhir(None, "post", "/fhir/", body).status_code == 401
    for refused_role in (intake, admin, privacy_officer):
        refused(fhir(refused_role, "post", "/fhir/", body), status=403)
    assert counts() == (0, 0, 0, 0)


def test_an_outsider_cannot_import_into_someone_elses_client(
    fhir, clinician, outsider, client_record
):
    """The identifier matches a client the outsider may not see: 404 through the door,
    the denial audited, nothing written."""
    imported(fhir(clinician, "post", "/fhir/", bundle(patient(), phq9_panel(PHQ9))))
    before = counts()
    response = fhir(outsider, "post", "/fhir/", bundle(patient(), phq9_panel(PHQ9_RISK)))
    assert response.status_code == 404
    assert counts() == before
    assert AuditEvent.objects.filter(
        action="client.denied", actor_username=outsider.username
    ).exists()


def test_round_trip_export_a_response_and_import_it_into_another_client(
    fhir, clinician, client_record, new_client
):
    original = response_record(
        client=client_record,
        instrument="phq9",
        answers=[*PHQ9_RISK, 2],
        source="session",
        acting_user=clinician,
    )
    exported = fhir(clinician, "get", f"/fhir/QuestionnaireResponse?patient={client_record.pk}")
    response = copy.deepcopy(exported.json()["entry"][0]["resource"])
    other = new_client(primary=clinician)
    own_system = response["subject"]["identifier"]["system"]
    assert own_system == "http://testserver/fhir/Patient"
    response["subject"] = {"reference": "urn:uuid:other"}
    target = {
        "fullUrl": "urn:uuid:other",
        "resource": {
            "resourceType": "Patient",
            "identifier": [{"system": own_system, "value": str(other.pk)}],
        },
    }
    imported(fhir(clinician, "post", "/fhir/", bundle(target, {"resource": response})))
    copied = other.measure_responses.get()
    assert copied.answers == original.answers
    assert (copied.total, copied.band, copied.source) == (original.total, original.band, "fhir")
    assert Alert.objects.filter(client=other).count() == 1  # item 9 came across
    assert not PatientIdentifier.objects.exists()  # the own-system identifier is not stored


def test_round_trip_by_subject_identifier_alone(fhir, clinician, client_record, new_client):
    response_record(
        client=client_record,
        instrument="gad7",
        answers=[*GAD7, None],
        source="session",
        acting_user=clinician,
    )
    exported = fhir(clinician, "get", f"/fhir/QuestionnaireResponse?patient={client_record.pk}")
    response = exported.json()["entry"][0]["resource"]
    other = new_client(primary=clinician)
    response["subject"] = {
        "identifier": {**response["subject"]["identifier"], "value": str(other.pk)}
    }
    imported(fhir(clinician, "post", "/fhir/", bundle({"resource": response}, kind="collection")))
    assert other.measure_responses.get().total == 7


def test_patient_without_identifier_is_refused(fhir, clinician):
    entry = patient()
    entry["resource"].pop("identifier")
    entry["resource"]["identifier"] = [{"system": SYNTHEA}]
    messages = refused(fhir(clinician, "post", "/fhir/", bundle(entry)))
    assert messages == [
        "entry 0: Patient needs an identifier with a system and a value (to match it next time)"
    ]


def test_two_entries_with_the_same_identifier(fhir, clinician):
    messages = refused(fhir(clinician, "post", "/fhir/", bundle(patient(), patient())))
    assert messages == ["entry 1: entry 0 has the same identifier"]


def test_hazard_a_bare_patient_number_from_another_system_is_not_a_client(
    fhir, clinician, client_record
):
    """Hazard: a result filed in the wrong client's record. Another system's
    `Patient/<id>` is its own number; read as a caseload client number it would land in
    whichever client has that number. Only a Patient in the Bundle, or this
    installation's own client identifier, names a client."""
    before = counts()
    entries = item_observations(PHQ9_ITEMS, PHQ9_RISK, subject=f"Patient/{client_record.pk}")
    messages = refused(fhir(clinician, "post", "/fhir/", bundle(*entries)))
    assert len(messages) == 9
    assert all("subject does not point to a Patient in this Bundle" in m for m in messages)
    assert counts() == before
    assert not client_record.measure_responses.exists()


def test_the_same_bundle_twice_records_each_result_once(fhir, clinician):
    body = bundle(patient(), phq9_panel(PHQ9_RISK), gad7_panel(GAD7))
    imported(fhir(clinician, "post", "/fhir/", body))
    again = imported(fhir(clinician, "post", "/fhir/", body))
    assert [entry["response"]["status"] for entry in again["entry"]] == ["200 OK"] * 3
    assert MeasureResponse.objects.count() == 2
    assert Alert.objects.count() == 1


def test_a_lone_difficulty_item_is_not_attributed_to_a_result(fhir, clinician):
    """69722-7 is the difficulty item of both PHQ-9 and GAD-7: sent as an Observation of
    its own it cannot be attributed, so it is left out (it is not scored); inside a
    panel it is kept."""
    difficulty = observation("69722-7", "urn:uuid:p-1", valueInteger=2)
    phq9 = phq9_panel(PHQ9)
    phq9["resource"]["component"].append(
        {"code": {"coding": [{"system": LOINC, "code": "69722-7"}]}, "valueInteger": 1}
    )
    result = imported(fhir(clinician, "post", "/fhir/", bundle(patient(), difficulty, phq9)))
    note = result["entry"][1]["response"]["outcome"]["issue"][0]["diagnostics"]
    assert note == "not imported: item 69722-7 belongs to more than one instrument"
    assert MeasureResponse.objects.get().answers == [*PHQ9, 1]


def test_the_contract_path_without_a_slash_imports_and_alerts(fhir, clinician):
    """`POST /fhir` is the contract path: it imports (a redirect to /fhir/ would lose
    the POST) and goes through the same recording service, so risk still alerts."""
    imported(fhir(clinician, "post", "/fhir", bundle(patient(), phq9_panel(PHQ9_RISK))))
    assert MeasureResponse.objects.count() == 1
    assert Alert.objects.get().severity == "high"
