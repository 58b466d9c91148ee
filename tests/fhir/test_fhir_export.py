"""GET /fhir/Questionnaire, /fhir/QuestionnaireResponse and /fhir/Observation: valid FHIR
R4 (fhir.resources R4B models), the right content, through the door with audit."""

from datetime import timedelta

import pytest
from fhir.resources.R4B.bundle import Bundle
from fhir.resources.R4B.observation import Observation
from fhir.resources.R4B.operationoutcome import OperationOutcome
from fhir.resources.R4B.questionnaire import Questionnaire
from fhir.resources.R4B.questionnaireresponse import QuestionnaireResponse

from caseload.audit.models import AuditEvent
from caseload.core import clock
from caseload.measures.instruments import all_instruments
from caseload.measures.models import ResponseSource
from caseload.measures.services import response_record

PHQ9 = [2, 2, 2, 2, 2, 2, 2, 2, 0, 1]  # total 16, moderately severe
GAD7 = [1, 1, 1, 1, 1, 1, 0, None]  # total 6, mild; difficulty unanswered


@pytest.fixture
def recorded(client_record, clinician):
    earlier = clock.now() - timedelta(days=14)
    phq9 = response_record(
        client=client_record,
        instrument="phq9",
        answers=PHQ9,
        source=ResponseSource.SESSION,
        acting_user=clinician,
        completed_at=earlier,
    )
    gad7 = response_record(
        client=client_record,
        instrument="gad7",
        answers=GAD7,
        source=ResponseSource.SESSION,
        acting_user=clinician,
    )
    return phq9, gad7


@pytest.mark.parametrize("instrument", all_instruments(), ids=lambda i: i.code)
def test_every_instrument_is_a_valid_questionnaire(instrument, fhir, clinician):
    response = fhir(clinician, "get", f"/fhir/Questionnaire/{instrument.code}")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/fhir+json"
    body = response.json()
    questionnaire = Questionnaire.model_validate(body)
    assert questionnaire.url == f"http://testserver/fhir/Questionnaire/{instrument.code}"
    assert len(body["item"]) == len(instrument.items)
    assert instrument.licence in body["copyright"]
    for item, exported in zip(instrument.items, body["item"], strict=True):
        assert exported["linkId"] == str(item.number)
        assert exported["text"]  # the wording, or a label when it is licensed
        values = [option["valueCoding"]["code"] for option in exported["answerOption"]]
        assert values == [str(option.value) for option in item.options]
        if item.loinc:
            assert exported["code"] == [{"system": "http://loinc.org", "code": item.loinc}]


def test_phq9_questionnaire_content(fhir, clinician):
    body = fhir(clinician, "get", "/fhir/Questionnaire/phq9").json()
    assert body["code"] == [{"system": "http://loinc.org", "code": "44249-1"}]
    item9 = body["item"][8]
    assert item9["code"][0]["code"] == "44260-8"
    assert item9["text"].startswith("Thoughts that you would be better off dead")
    assert item9["answerOption"][1]["valueCoding"]["display"] == "Several days"
    assert item9["answerOption"][1]["valueCoding"]["extension"] == [
        {"url": "http://hl7.org/fhir/StructureDefinition/ordinalValue", "valueDecimal": 1}
    ]
    assert body["item"][9]["required"] is False  # difficulty: recorded, not scored
    assert "Pfizer" in body["copyright"]


def test_licensed_wording_is_not_shipped_but_items_are_named(fhir, clinician):
    core10 = fhir(clinician, "get", "/fhir/Questionnaire/core10").json()
    assert core10["item"][0]["text"] == "CORE-10 item 1 (wording licensed, not shipped)"
    cssrs = fhir(clinician, "get", "/fhir/Questionnaire/cssrs").json()
    assert cssrs["item"][0]["code"][0]["code"] == "93246-7"


def test_questionnaire_by_loinc_panel_and_unknown(fhir, clinician):
    by_panel = fhir(clinician, "get", "/fhir/Questionnaire/69737-5").json()
    assert by_panel["id"] == "gad7"
    missing = fhir(clinician, "get", "/fhir/Questionnaire/nope")
    assert missing.status_code == 404
    OperationOutcome.model_validate(missing.json())


def test_questionnaire_needs_a_token(fhir):
    response = fhir(None, "get", "/fhir/Questionnaire/phq9")
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == 'Bearer realm="caseload"'
    assert OperationOutcome.model_validate(response.json()).issue[0].code == "login"


def test_questionnaire_responses_search(fhir, clinician, client_record, recorded):
    phq9, gad7 = recorded
    response = fhir(clinician, "get", f"/fhir/QuestionnaireResponse?patient={client_record.pk}")
    assert response.status_code == 200
    bundle = Bundle.model_validate(response.json())
    assert bundle.type == "searchset" and bundle.total == 2
    first = response.json()["entry"][0]
    assert first["fullUrl"] == f"http://testserver/fhir/QuestionnaireResponse/{phq9.pk}"
    resource = first["resource"]
    QuestionnaireResponse.model_validate(resource)
    assert resource["questionnaire"] == "http://testserver/fhir/Questionnaire/phq9|1"
    assert resource["subject"]["reference"] == f"Patient/{client_record.pk}"
    assert resource["status"] == "completed"
    values = [int(item["answer"][0]["valueCoding"]["code"]) for item in resource["item"]]
    assert values == PHQ9
    gad_items = response.json()["entry"][1]["resource"]["item"]
    assert "answer" not in gad_items[7]  # unanswered difficulty item: no answer, no zero


def test_patient_reference_form_of_the_search(fhir, clinician, client_record, recorded):
    response = fhir(
        clinician, "get", f"/fhir/QuestionnaireResponse?patient=Patient/{client_record.pk}"
    )
    assert response.json()["total"] == 2
    compartment = fhir(clinician, "get", f"/fhir/Patient/{client_record.pk}/QuestionnaireResponse")
    assert compartment.json()["total"] == 2


def test_observation_search_by_loinc_total(fhir, clinician, client_record, recorded):
    phq9, _ = recorded
    response = fhir(clinician, "get", f"/fhir/Observation?patient={client_record.pk}&code=44261-6")
    assert response.status_code == 200
    bundle = Bundle.model_validate(response.json())
    assert bundle.total == 1
    resource = response.json()["entry"][0]["resource"]
    observation = Observation.model_validate(resource)
    assert resource["code"]["coding"][0] == {"system": "http://loinc.org", "code": "44261-6"}
    assert resource["valueQuantity"]["value"] == 16
    assert resource["valueQuantity"]["code"] == "{score}"
    assert resource["interpretation"][0]["coding"][0]["code"] == "moderately_severe"
    assert resource["interpretation"][0]["text"] == "Moderately severe"
    assert resource["subject"]["reference"] == f"Patient/{client_record.pk}"
    assert observation.effectiveDateTime == phq9.completed_at
    assert resource["derivedFrom"] == [{"reference": f"QuestionnaireResponse/{phq9.pk}"}]
    item9 = resource["component"][8]
    assert item9["code"]["coding"][0]["code"] == "44260-8"
    assert item9["valueInteger"] == 0


def test_observation_search_codes(fhir, clinician, client_record, recorded):
    def total(query):
        path = f"/fhir/Observation?patient={client_record.pk}{query}"
        return fhir(clinician, "get", path).json()["total"]

    assert total("") == 2
    assert total("&code=http://loinc.org|70274-6") == 1
    assert total("&code=44261-6,70274-6") == 2
    assert total("&code=69737-5") == 1  # the panel code names the instrument too
    assert total("&code=urn:caseload:fhir:instrument|gad7") == 1
    assert total("&code=1234-5") == 0


def test_search_is_audited_through_the_door(fhir, clinician, client_record, recorded):
    fhir(clinician, "get", f"/fhir/Observation?patient={client_record.pk}")
    event = AuditEvent.objects.filter(action="client.read").order_by("-seq").first()
    assert event.client_id == client_record.pk
    assert event.purpose == "fhir: Observation"
    assert event.detail["part"] == "clinical"


@pytest.mark.parametrize("path", ["/fhir/QuestionnaireResponse", "/fhir/Observation"])
def test_search_permission_ladder(
    path,
    fhir,
    client_record,
    clinician,
    colleague,
    supervisor,
    outsider,
    intake,
    admin,
    privacy_officer,
    recorded,
):
    query = f"{path}?patient={client_record.pk}"
    assert fhir(None, "get", query).status_code == 401
    for allowed in (clinician, colleague, supervisor):
        assert fhir(allowed, "get", query).status_code == 200
    hidden = fhir(outsider, "get", query)
    assert hidden.status_code == 404
    nowhere = fhir(clinician, "get", f"{path}?patient=999999")
    assert nowhere.status_code == 404
    assert hidden.json() == nowhere.json()  # not yours answers like does not exist
    for refused in (intake, admin):  # they see the client, not its clinical part
        response = fhir(refused, "get", query)
        assert response.status_code == 403
        OperationOutcome.model_validate(response.json())
    assert fhir(privacy_officer, "get", query).status_code == 404  # sees no client at all
    denied = AuditEvent.objects.filter(action="client.denied", client_id=client_record.pk)
    assert denied.filter(actor_username=outsider.username).exists()
    assert denied.filter(actor_username=intake.username, detail__part="clinical").exists()


def test_search_needs_the_patient(fhir, clinician, intake):
    response = fhir(clinician, "get", "/fhir/Observation")
    assert response.status_code == 400
    assert "patient" in response.json()["issue"][0]["diagnostics"]
    assert fhir(intake, "get", "/fhir/Observation").status_code == 403
    assert AuditEvent.objects.filter(action="access.forbidden", actor_username="intake").exists()


def test_wrong_method(fhir, clinician):
    assert fhir(clinician, "post", "/fhir/Observation", {}).status_code == 405
