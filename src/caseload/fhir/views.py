"""/fhir/: measures as FHIR R4 (docs/guide-fhir.md). Plain Django views answering
application/fhir+json, authenticated with the REST API's bearer tokens; every client is
reached through the door (Part.CLINICAL, audited), and every error is an
OperationOutcome."""

import json
from functools import wraps

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, JsonResponse
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt

from caseload.accounts.services import api_token_user
from caseload.audit.services import audit_record
from caseload.clients.access import Part, access_client, can_see_part
from caseload.core.http import NOT_AUTHENTICATED, NOT_FOUND
from caseload.fhir import export, selectors
from caseload.fhir.codes import FHIR_JSON, INSTRUMENT_SYSTEM, LOINC, validated
from caseload.fhir.importing import BundleRefused
from caseload.fhir.services import ImportRefused, fhir_bundle_import
from caseload.measures import instruments

# An import Bundle; bigger exports are sent in several. The import view reads its body
# itself under this limit, instead of through request.body and Django's much smaller
# DATA_UPLOAD_MAX_MEMORY_SIZE (2.5 MB), which stays the limit everywhere else.
MAX_BODY = 50 * 1024 * 1024
TOO_LARGE = "The Bundle is larger than 50 MB: send it in parts."


def fhir_json(data: dict, status: int = 200) -> JsonResponse:
    return JsonResponse(data, status=status, content_type=FHIR_JSON)


def _outcome(status: int, message: str, code: str) -> JsonResponse:
    return fhir_json(export.operation_outcome([export.issue(message, code=code)]), status)


def fhir_endpoint(method: str):
    """Bearer-token authentication (as the REST API: a session cookie is not a
    credential here, so no CSRF token is needed), the one method allowed, and the door's
    refusals as OperationOutcomes: 404 identical for "not yours" and "does not exist"."""

    def decorate(view):
        @csrf_exempt
        @wraps(view)
        def wrapper(request: HttpRequest, *args, **kwargs):
            if request.method != method:
                return _outcome(405, f"Use {method}.", "not-supported")
            header = request.headers.get("Authorization", "")
            scheme, _, secret = header.partition(" ")
            user = api_token_user(secret.strip()) if scheme.lower() == "bearer" else None
            if user is None:
                response = _outcome(401, NOT_AUTHENTICATED, "login")
                response["WWW-Authenticate"] = 'Bearer realm="caseload"'
                return response
            request.user = user
            try:
                return view(request, *args, **kwargs)
            except Http404:
                return _outcome(404, NOT_FOUND, "not-found")
            except PermissionDenied as error:
                return _outcome(403, str(error) or "Not allowed.", "forbidden")

        return wrapper

    return decorate


def _require_clinical(request: HttpRequest) -> None:
    """Measures are clinical: roles without the clinical part are refused before any
    client is looked up, and the refusal is audited as pages' refusals are."""
    if not can_see_part(request.user, Part.CLINICAL):
        audit_record(
            action="access.forbidden",
            actor=request.user,
            request=request,
            detail={"path": request.path[:200], "method": request.method},
        )
        raise PermissionDenied("Your role does not give access to measure results.")


def _questionnaire_url(request: HttpRequest, code: str) -> str:
    return request.build_absolute_uri(reverse("fhir:questionnaire", args=[code]))


def client_system(request: HttpRequest) -> str:
    """This installation's identifier system for its clients (export.patient_reference)."""
    return request.build_absolute_uri(reverse("fhir:transaction")) + "Patient"


@fhir_endpoint("GET")
def questionnaire(request: HttpRequest, instrument: str):
    """An instrument as a Questionnaire, by caseload code ("phq9") or LOINC panel code."""
    for definition in instruments.all_instruments():
        if instrument in (definition.code, definition.loinc_panel):
            url = _questionnaire_url(request, definition.code)
            return fhir_json(export.questionnaire(definition, url))
    raise Http404


def _search(request: HttpRequest, client_id, kind: str):
    """A client's results, through the door: 404 for a client that is not yours or does
    not exist, 403 for a role without the clinical part."""
    if client_id is None:
        client_id = request.GET.get("patient", "").removeprefix("Patient/")
        if not client_id:
            _require_clinical(request)
            return _outcome(400, "Give the patient: ?patient=<client id>.", "required")
    client = access_client(
        request.user, client_id, part=Part.CLINICAL, purpose=f"fhir: {kind}", request=request
    )
    coded = kind == "Observation" and request.GET.get("code")
    results = selectors.client_results(
        client, instruments=_instruments_coded(request.GET["code"]) if coded else None
    )
    subject = export.patient_reference(client.pk, client_system(request))
    found = []
    for response in results:
        definition = instruments.get(response.instrument)
        if kind == "Observation":
            resource = export.observation(response, definition, subject)
        else:
            url = _questionnaire_url(request, definition.code)
            resource = export.questionnaire_response(response, definition, url, subject)
        full_url = request.build_absolute_uri(f"{reverse('fhir:transaction')}{kind}/{response.pk}")
        found.append((full_url, resource))
    return fhir_json(export.searchset(found, request.build_absolute_uri()))


def _instruments_coded(codes: str) -> set[str]:
    """Instrument codes named by a FHIR token list: LOINC total or panel codes, or
    caseload's instrument codes, each optionally as system|code."""
    wanted = set()
    for token in codes.split(","):
        system, _, code = token.rpartition("|")
        for definition in instruments.all_instruments():
            loincs = {definition.loinc_total, definition.loinc_panel} - {""}
            if (system in ("", LOINC) and code in loincs) or (
                system in ("", INSTRUMENT_SYSTEM) and code == definition.code
            ):
                wanted.add(definition.code)
    return wanted


@fhir_endpoint("GET")
def questionnaire_responses(request: HttpRequest):
    """GET /fhir/QuestionnaireResponse?patient=ID: a client's results, oldest first."""
    return _search(request, None, "QuestionnaireResponse")


@fhir_endpoint("GET")
def patient_questionnaire_responses(request: HttpRequest, client_id: int):
    """The same search in the Patient compartment: /fhir/Patient/ID/QuestionnaireResponse."""
    return _search(request, client_id, "QuestionnaireResponse")


@fhir_endpoint("GET")
def observations(request: HttpRequest):
    """GET /fhir/Observation?patient=ID&code=LOINC: total scores as Observations."""
    return _search(request, None, "Observation")


@fhir_endpoint("GET")
def patient_observations(request: HttpRequest, client_id: int):
    """The same search in the Patient compartment: /fhir/Patient/ID/Observation."""
    return _search(request, client_id, "Observation")


@fhir_endpoint("POST")
def transaction(request: HttpRequest):
    """POST /fhir: import a transaction or collection Bundle whole or not at all, or a
    batch Bundle entry by entry."""
    _require_clinical(request)
    raw = _body(request)
    if raw is None:
        return _outcome(413, TOO_LARGE, "too-costly")
    try:
        body = json.loads(raw, parse_constant=_no_constant)
    except (ValueError, UnicodeDecodeError):
        return _outcome(400, "The body is not JSON.", "structure")
    except RecursionError:
        return _outcome(400, "The body is JSON nested too deeply to read.", "structure")
    try:
        result = fhir_bundle_import(
            acting_user=request.user,
            body=body,
            client_system=client_system(request),
            request=request,
        )
    except BundleRefused as error:
        return _outcome(400, str(error), "structure")
    except ImportRefused as error:
        issues = [
            export.issue(f"entry {index}: {message}", where=f"Bundle.entry[{index}]")
            for index, message in error.errors
        ]
        return fhir_json(export.operation_outcome(issues), 422)
    return fhir_json(_transaction_response(body, result))


def _body(request: HttpRequest) -> bytes | None:
    """The request body, or None when it is larger than MAX_BODY. Read from the stream
    so that Django's general upload limit does not answer first (with an HTML 400)."""
    try:
        declared = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        declared = 0
    if declared > MAX_BODY:
        return None
    raw = request.read(MAX_BODY + 1)
    return None if len(raw) > MAX_BODY else raw


def _no_constant(name: str):
    # Python's json reads NaN and Infinity, which are not JSON: not a number to score.
    raise ValueError(f"{name} is not JSON")


def _transaction_response(body: dict, result) -> dict:
    """One response entry per request entry, in order (as FHIR asks of a transaction and
    a batch). In a batch a failed entry has its own status and OperationOutcome."""
    kind = "batch-response" if body.get("type") == "batch" else "transaction-response"
    entries = []
    for index, _ in enumerate(body.get("entry") or []):
        if index in result.failures:
            status, message = result.failures[index]
            failure = export.issue(f"entry {index}: {message}", where=f"Bundle.entry[{index}]")
            outcome = export.operation_outcome([failure])
            entries.append({"response": {"status": status, "outcome": outcome}})
        elif index in result.outcomes:
            status, location = result.outcomes[index]
            entries.append({"response": {"status": status, "location": location}})
        else:
            note = result.ignored.get(index, "not imported")
            information = export.issue(f"not imported: {note}", code="informational")
            information["severity"] = "information"
            entries.append(
                {
                    "response": {
                        "status": "200 OK",
                        "outcome": export.operation_outcome([information]),
                    }
                }
            )
    return validated({"resourceType": "Bundle", "type": kind, "entry": entries})
