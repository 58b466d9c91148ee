"""Importing a FHIR Bundle: Patients become clients, measure results go through the one
recording service (`measures.services.response_record`, source "fhir"), so they are
scored, compared with the baseline and raise safety alerts exactly like results entered
in a session.

Everything is checked before anything is written (importing.read_bundle, then the
patients against the database), and the writes happen in one transaction: a transaction
or collection Bundle is imported whole or not at all. A batch Bundle's entries stand or
fall on their own: each Patient, and each result with the entries that make it, is
written in its own transaction, and the failures are reported per entry."""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest

from caseload.accounts.models import User
from caseload.audit.services import audit_record
from caseload.clients import services as client_services
from caseload.clients.access import Part, access_client, can_see_part
from caseload.clients.models import Client
from caseload.core.http import NOT_FOUND, validation_messages
from caseload.fhir.importing import PatientIn, Plan, ResultIn, read_bundle
from caseload.fhir.models import PatientIdentifier
from caseload.measures.models import MeasureResponse, ResponseSource
from caseload.measures.services import response_record

PURPOSE = "fhir: import"

# The clients a Bundle writes to: by Patient entry index, or ("result", number) for a
# result whose subject names an existing client directly.
ClientKey = int | tuple[str, int]
_Written = TypeVar("_Written")


class ImportRefused(Exception):
    """The Bundle has bad entries; `errors` holds (entry index, message) pairs."""

    def __init__(self, errors: list[tuple[int, str]]):
        super().__init__(f"{len(errors)} entries cannot be imported")
        self.errors = errors


@dataclass
class ImportResult:
    """What became of each entry: (HTTP status text, location) by entry index."""

    outcomes: dict[int, tuple[str, str]] = field(default_factory=dict)
    ignored: dict[int, str] = field(default_factory=dict)
    # Batch only: the entries that failed, as (HTTP status text, message) by entry index.
    failures: dict[int, tuple[str, str]] = field(default_factory=dict)
    clients_created: int = 0
    results_recorded: int = 0


def fhir_bundle_import(
    *, acting_user: User, body: object, client_system: str, request: HttpRequest | None = None
) -> ImportResult:
    """Import a transaction, batch or collection Bundle of Patients with PHQ-2, PHQ-9,
    GAD-7 and AUDIT-C results. Raises importing.BundleRefused (not a Bundle),
    ImportRefused (one message per bad entry), PermissionDenied (a role that may not
    record clinical data) or Http404 (a matched client the user may not see); in each
    case nothing is written. A batch raises only the first and third: its failed entries
    are in `ImportResult.failures`, and the rest is imported.

    A Patient is matched to a client by any of its identifiers recorded at an earlier
    import, or by this installation's own client identifier (`client_system`), and the
    match goes through the door; otherwise a client is created, with the importing
    clinician as primary clinician (as in the REST API)."""
    if not can_see_part(acting_user, Part.CLINICAL):
        raise PermissionDenied("Your role cannot record measure results.")
    plan = read_bundle(body, client_system)
    matches = _match_patients(plan)
    if plan.batch:
        return _import_batch(acting_user, plan, matches, client_system, request)
    if plan.errors:
        raise ImportRefused(plan.errors)
    clients = _through_the_door(acting_user, plan, matches, request)
    result = ImportResult(ignored=plan.ignored)
    with transaction.atomic():
        for index, patient in plan.patients.items():
            if index not in clients:
                clients[index] = _create(acting_user, patient, request)
                result.clients_created += 1
                result.outcomes[index] = ("201 Created", f"Patient/{clients[index].pk}")
            else:
                result.outcomes[index] = ("200 OK", f"Patient/{clients[index].pk}")
            _remember(clients[index], patient.identifiers, client_system)
        for number, planned in enumerate(plan.results):
            kind, key = planned.subject
            client = clients[key if kind == "entry" else ("result", number)]
            _write_result(acting_user, client, planned, request, result)
        audit_record(
            action="fhir.import",
            actor=acting_user,
            request=request,
            detail={
                "clients_created": result.clients_created,
                "results": result.results_recorded,
                "client_ids": sorted({client.pk for client in clients.values()}),
                "ignored_entries": len(plan.ignored),
            },
        )
    return result


UNPROCESSABLE = "422 Unprocessable Entity"


def _import_batch(
    acting_user: User,
    plan: Plan,
    matches: dict[int, int],
    client_system: str,
    request: HttpRequest | None,
) -> ImportResult:
    """A batch Bundle: every Patient, then every result, in a transaction of its own; an
    entry that fails (its own problem, its Patient's, or another entry of the same
    result) is reported and writes nothing, and the others are imported."""
    result = ImportResult(ignored=plan.ignored)
    for index, message in plan.errors:
        _fail(result, index, UNPROCESSABLE, message)
    clients: dict[ClientKey, Client] = {}
    for index, patient in plan.patients.items():
        if index in result.failures:
            continue
        found = _batch_patient(
            acting_user, index, patient, matches, client_system, request, result
        )
        if found is not None:
            clients[index] = found
    for planned in plan.results:
        _batch_result(acting_user, planned, clients, result, request)
    with transaction.atomic():
        audit_record(
            action="fhir.import",
            actor=acting_user,
            request=request,
            detail={
                "batch": True,
                "clients_created": result.clients_created,
                "results": result.results_recorded,
                "client_ids": sorted({client.pk for client in clients.values()}),
                "failed_entries": len(result.failures),
                "ignored_entries": len(plan.ignored),
            },
        )
    return result


def _fail(result: ImportResult, index: int, status: str, message: str) -> None:
    if index in result.failures:
        earlier_status, earlier = result.failures[index]
        result.failures[index] = (earlier_status, f"{earlier}; {message}")
    else:
        result.failures[index] = (status, message)


def _refusal(error: Exception) -> tuple[str, str]:
    if isinstance(error, Http404):
        return ("404 Not Found", NOT_FOUND)
    if isinstance(error, PermissionDenied):
        return ("403 Forbidden", str(error) or "Not allowed.")
    assert isinstance(error, ImportRefused)
    return (UNPROCESSABLE, "; ".join(message for _, message in error.errors))


def _batch_step(
    result: ImportResult, indexes: list[int], step: Callable[[], _Written]
) -> _Written | None:
    """Run `step` in its own transaction; a refusal fails `indexes` and writes nothing."""
    try:
        with transaction.atomic():
            return step()
    except (ImportRefused, PermissionDenied, Http404) as error:
        for index in indexes:
            _fail(result, index, *_refusal(error))
    return None


def _batch_open(
    acting_user: User,
    client_id: int,
    request: HttpRequest | None,
    result: ImportResult,
    indexes: list[int],
) -> Client | None:
    """The door, outside the entry's transaction so that its audit of a refusal stays."""
    try:
        return _open(acting_user, client_id, request)
    except (PermissionDenied, Http404) as error:
        for index in indexes:
            _fail(result, index, *_refusal(error))
    return None


def _batch_patient(
    acting_user: User,
    index: int,
    patient: PatientIn,
    matches: dict[int, int],
    client_system: str,
    request: HttpRequest | None,
    result: ImportResult,
) -> Client | None:
    if index in matches:
        client = _batch_open(acting_user, matches[index], request, result, [index])
        if client is None:
            return None
        status = "200 OK"
    else:
        client, status = None, "201 Created"

    def step() -> Client:
        found = client or _create(acting_user, patient, request)
        _remember(found, patient.identifiers, client_system)
        return found

    found = _batch_step(result, [index], step)
    if found is not None:
        result.clients_created += client is None
        result.outcomes[index] = (status, f"Patient/{found.pk}")
    return found


def _batch_result(
    acting_user: User,
    planned: ResultIn,
    clients: dict[ClientKey, Client],
    result: ImportResult,
    request: HttpRequest | None,
) -> None:
    failed = [index for index in planned.indexes if index in result.failures]
    kind, key = planned.subject
    if failed:
        reason = f"entry {failed[0]}, part of the same result, failed"
    elif kind == "entry" and key not in clients:
        reason = f"its Patient (entry {key}) was not imported"
    else:
        reason = ""
    if reason:
        for index in planned.indexes:
            if index not in result.failures:
                _fail(result, index, UNPROCESSABLE, reason)
        return
    if kind == "entry":
        found: Client | None = clients[key]
    else:
        found = _batch_open(acting_user, key, request, result, planned.indexes)
    if found is None:
        return
    client = found
    _batch_step(
        result,
        planned.indexes,
        lambda: _write_result(acting_user, client, planned, request, result),
    )


def _write_result(
    acting_user: User,
    client: Client,
    planned: ResultIn,
    request: HttpRequest | None,
    result: ImportResult,
) -> MeasureResponse:
    """Record one planned result, unless the same one is there already."""
    response, status = _already_there(client, planned), "200 OK"
    if response is None:
        response, status = _record(acting_user, client, planned, request), "201 Created"
        result.results_recorded += 1
    for index in planned.indexes:
        result.outcomes[index] = (status, f"QuestionnaireResponse/{response.pk}")
    return response


def _match_patients(plan: Plan) -> dict[int, int]:
    """Patient entry index -> the id of the client it names or was imported as."""
    matches: dict[int, int] = {}
    claimed: dict[tuple[str, str], int] = {}
    for index, patient in plan.patients.items():
        for identifier in patient.identifiers:
            if identifier in claimed:
                plan.refuse(index, f"entry {claimed[identifier]} has the same identifier")
            claimed[identifier] = index
        if patient.client_id is not None:
            matches[index] = patient.client_id
            continue
        found = _clients_with(patient.identifiers)
        if len(found) > 1:
            plan.refuse(index, "its identifiers match more than one client already imported")
        elif found:
            matches[index] = found.pop()
        else:
            _check_new_client(plan, patient)
    return matches


def _clients_with(identifiers: list[tuple[str, str]]) -> set[int]:
    found: set[int] = set()
    for system, value in identifiers:
        found.update(
            PatientIdentifier.objects.filter(system=system, value=value).values_list(
                "client_id", flat=True
            )
        )
    return found


def _check_new_client(plan: Plan, patient: PatientIn) -> None:
    try:
        # A missing date of birth is passed on purpose: full_clean names it as the problem.
        Client(
            legal_name=patient.legal_name,
            date_of_birth=patient.date_of_birth,  # type: ignore[misc]
        ).full_clean()
    except ValidationError as error:
        plan.refuse(patient.index, "Patient: " + "; ".join(validation_messages(error)))


def _through_the_door(
    acting_user: User, plan: Plan, matches: dict[int, int], request: HttpRequest | None
) -> dict[ClientKey, Client]:
    """Every existing client the Bundle writes to, through the door (404 when not
    yours, audited). Keys: Patient entry indexes, and ("client", id) subjects."""
    clients: dict[ClientKey, Client] = {}
    for index, client_id in matches.items():
        clients[index] = _open(acting_user, client_id, request)
    for number, planned in enumerate(plan.results):
        if planned.subject[0] == "client":
            clients[("result", number)] = _open(acting_user, planned.subject[1], request)
    return clients


def _open(acting_user: User, client_id: int, request: HttpRequest | None) -> Client:
    return access_client(
        acting_user, client_id, part=Part.CLINICAL, write=True, purpose=PURPOSE, request=request
    )


def _create(acting_user: User, patient: PatientIn, request: HttpRequest | None) -> Client:
    return client_services.client_create(
        acting_user=acting_user,
        fields={"legal_name": patient.legal_name, "date_of_birth": patient.date_of_birth},
        request=request,
    )


def _remember(client: Client, identifiers: list[tuple[str, str]], client_system: str) -> None:
    for system, value in identifiers:
        if system != client_system:
            PatientIdentifier.objects.get_or_create(
                system=system, value=value, defaults={"client": client}
            )


def _already_there(client: Client, planned: ResultIn) -> MeasureResponse | None:
    """The same result imported before (same instrument, time and answers): sending a
    Bundle twice must not count a result twice in the baseline, the chart or the
    outcomes report."""
    same_time = MeasureResponse.objects.filter(
        client=client,
        instrument=planned.instrument,
        completed_at=planned.completed_at,
        items_known=planned.reported_total is None,
    )
    if planned.reported_total is not None:
        same_time = same_time.filter(total=planned.reported_total)
    # Compared in Python: JSON equality in SQL differs between SQLite and PostgreSQL.
    return next((found for found in same_time if found.answers == planned.answers), None)


def _record(
    acting_user: User, client: Client, planned: ResultIn, request: HttpRequest | None
) -> MeasureResponse:
    try:
        return response_record(
            client=client,
            instrument=planned.instrument,
            answers=planned.answers,
            source=ResponseSource.FHIR,
            acting_user=acting_user,
            completed_at=planned.completed_at,
            context=planned.context or None,
            reported_total=planned.reported_total,
            request=request,
        )
    except ValidationError as error:
        # Checked already in read_bundle; kept so a rule that differs still refuses the
        # whole Bundle (the transaction rolls back) with the entry named.
        raise ImportRefused(
            [(planned.indexes[0], "; ".join(validation_messages(error)))]
        ) from None
