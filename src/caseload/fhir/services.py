"""Importing a FHIR Bundle: Patients become clients, measure results go through the one
recording service (`measures.services.response_record`, source "fhir"), so they are
scored, compared with the baseline and raise safety alerts exactly like results entered
in a session.

Everything is checked before anything is written (importing.read_bundle, then the
patients against the database), and the writes happen in one transaction: a Bundle is
imported whole or not at all."""

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from caseload.accounts.access import Part, access_client, can_see_part
from caseload.accounts.models import User
from caseload.api.errors import validation_messages
from caseload.audit.services import audit_record
from caseload.clients import services as client_services
from caseload.clients.models import Client
from caseload.fhir.importing import Plan, read_bundle
from caseload.fhir.models import PatientIdentifier
from caseload.measures.models import ResponseSource
from caseload.measures.services import response_record

PURPOSE = "fhir: import"


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
    clients_created: int = 0
    results_recorded: int = 0


def fhir_bundle_import(
    *, acting_user: User, body, client_system: str, request=None
) -> ImportResult:
    """Import a transaction or collection Bundle of Patients with PHQ-2, PHQ-9, GAD-7 and
    AUDIT-C results. Raises importing.BundleRefused (not a Bundle), ImportRefused (one
    message per bad entry), PermissionDenied (a role that may not record clinical data)
    or Http404 (a matched client the user may not see); in each case nothing is written.

    A Patient is matched to a client by any of its identifiers recorded at an earlier
    import, or by this installation's own client identifier (`client_system`), and the
    match goes through the door; otherwise a client is created, with the importing
    clinician as primary clinician (as in the REST API)."""
    if not can_see_part(acting_user, Part.CLINICAL):
        raise PermissionDenied("Your role cannot record measure results.")
    plan = read_bundle(body, client_system)
    matches = _match_patients(plan)
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
            response, status = _already_there(client, planned), "200 OK"
            if response is None:
                response, status = _record(acting_user, client, planned, request), "201 Created"
                result.results_recorded += 1
            for index in planned.indexes:
                result.outcomes[index] = (status, f"QuestionnaireResponse/{response.pk}")
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


def _check_new_client(plan: Plan, patient) -> None:
    try:
        Client(legal_name=patient.legal_name, date_of_birth=patient.date_of_birth).full_clean()
    except ValidationError as error:
        plan.refuse(patient.index, "Patient: " + "; ".join(validation_messages(error)))


def _through_the_door(acting_user, plan: Plan, matches: dict[int, int], request) -> dict:
    """Every existing client the Bundle writes to, through the door (404 when not
    yours, audited). Keys: Patient entry indexes, and ("client", id) subjects."""
    clients: dict = {}
    for index, client_id in matches.items():
        clients[index] = _open(acting_user, client_id, request)
    for number, planned in enumerate(plan.results):
        if planned.subject[0] == "client":
            clients[("result", number)] = _open(acting_user, planned.subject[1], request)
    return clients


def _open(acting_user, client_id, request) -> Client:
    return access_client(
        acting_user, client_id, part=Part.CLINICAL, write=True, purpose=PURPOSE, request=request
    )


def _create(acting_user, patient, request) -> Client:
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


def _already_there(client: Client, planned):
    """The same result imported before (same instrument, time and answers): sending a
    Bundle twice must not count a result twice in the baseline, the chart or the
    outcomes report."""
    same_time = client.measure_responses.filter(
        instrument=planned.instrument, completed_at=planned.completed_at
    )
    # Compared in Python: JSON equality in SQL differs between SQLite and PostgreSQL.
    return next((found for found in same_time if found.answers == planned.answers), None)


def _record(acting_user, client, planned, request):
    try:
        return response_record(
            client=client,
            instrument=planned.instrument,
            answers=planned.answers,
            source=ResponseSource.FHIR,
            acting_user=acting_user,
            completed_at=planned.completed_at,
            context=planned.context or None,
            request=request,
        )
    except ValidationError as error:
        # Checked already in read_bundle; kept so a rule that differs still refuses the
        # whole Bundle (the transaction rolls back) with the entry named.
        raise ImportRefused(
            [(planned.indexes[0], "; ".join(validation_messages(error)))]
        ) from None
