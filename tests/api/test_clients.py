"""/api/v1/clients: the permission ladder of each operation, the audit trail it leaves,
and what invalid input does (nothing).

Hazards guarded: H-001 (a clinician sees or changes a client they do not treat; "not
yours" must answer exactly like "does not exist") and H-009 (an admin or privacy officer
reaches more of the record than their role covers)."""

import json
import re
from datetime import date, datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from caseload.accounts.models import Role
from caseload.accounts.services import user_create, user_set_active
from caseload.audit.models import AuditEvent
from caseload.clients import services as client_services
from caseload.clients.models import CareTeamMember, Client
from caseload.core import clock

API = "/api/v1"
NEW_CLIENT = {"legal_name": "Casey New", "date_of_birth": "2001-02-03", "pronouns": "they/them"}

# GET/PATCH /clients/{id} and its appointments: who gets what (clients/access.py ROLE_PARTS).
READERS = ["clinician", "colleague", "supervisor", "intake"]
HIDDEN_FROM = ["outsider", "other_supervisor", "privacy_officer"]
ROLE_TOO_NARROW = ["admin"]


def url(client_id=None, suffix=""):
    return f"{API}/clients" + (f"/{client_id}" if client_id is not None else "") + suffix


def events(action, **filters):
    return AuditEvent.objects.filter(action=action, **filters)


def named_fields(response) -> set[str]:
    """The fields a 422 answer names, from ninja's per-field errors or service messages."""
    names = set()
    for error in response.json()["detail"]:
        if isinstance(error, dict):
            names |= {part for part in error["loc"] if isinstance(part, str)}
        else:
            names.add(error.split(":", 1)[0])
    return names


@pytest.fixture
def persona(request):
    return lambda name: request.getfixturevalue(name)


# ---- GET /clients -------------------------------------------------------------------


@pytest.mark.parametrize(
    "name,sees_it",
    [
        ("clinician", True),
        ("colleague", True),
        ("supervisor", True),
        ("intake", True),
        ("admin", True),
        ("outsider", False),
        ("other_supervisor", False),
        ("privacy_officer", False),
    ],
)
def test_list_shows_only_visible_clients(
    api_client, bearer, client_record, persona, name, sees_it, outsider, new_client
):
    elsewhere = new_client(primary=outsider, legal_name="Outsider's Client")
    user = persona(name)
    response = api_client.get(url(), headers=bearer(user))
    assert response.status_code == 200
    ids = {item["id"] for item in response.json()["items"]}
    assert (client_record.pk in ids) is sees_it
    if name in ("clinician", "colleague", "supervisor"):
        assert elsewhere.pk not in ids


def test_list_rows_carry_the_summary_and_primary_username(
    api_client, bearer, clinician, client_record
):
    response = api_client.get(url(), headers=bearer(clinician))
    assert response.json() == {
        "count": 1,
        "items": [
            {
                "id": client_record.pk,
                "legal_name": "Jordan Rivera",
                "preferred_name": "Jo",
                "pronouns": "",
                "status": "active",
                "date_of_birth": "1990-05-17",
                "primary_clinician": "treating",
            }
        ],
    }


def test_list_is_audited_with_the_ids_shown(api_client, bearer, clinician, client_record):
    api_client.get(url(), headers=bearer(clinician))
    event = events("api.clients.list").get()
    assert event.actor == clinician
    assert event.detail == {"client_ids": [client_record.pk]}
    assert event.ip == "127.0.0.1"


def test_list_paginates_with_limit_and_offset(api_client, bearer, clinician, new_client):
    made = [new_client(primary=clinician, legal_name=f"Client {n:02}") for n in range(7)]
    response = api_client.get(url(), {"limit": 3, "offset": 2}, headers=bearer(clinician))
    body = response.json()
    assert body["count"] == 7
    assert [item["id"] for item in body["items"]] == [client.pk for client in made[2:5]]
    assert events("api.clients.list").get().detail == {
        "client_ids": [client.pk for client in made[2:5]]
    }


@pytest.mark.parametrize("params", [{"limit": 501}, {"limit": 0}, {"offset": -1}])
def test_list_refuses_out_of_range_paging(api_client, bearer, clinician, params):
    response = api_client.get(url(), params, headers=bearer(clinician))
    assert response.status_code == 422
    assert named_fields(response) & set(params)


def test_list_query_count_does_not_grow_with_the_caseload(
    api_client, bearer, clinician, colleague, new_client
):
    headers = bearer(clinician)

    def queries_for_list() -> int:
        with CaptureQueriesContext(connection) as captured:
            response = api_client.get(url(), headers=headers)
        assert response.status_code == 200
        return len(captured)

    for n in range(5):
        new_client(primary=clinician, legal_name=f"Small {n}")
    small = queries_for_list()
    for n in range(45):
        client = new_client(primary=clinician, legal_name=f"Large {n}")
        client_services.care_team_add(acting_user=clinician, client=client, user=colleague)
    large = queries_for_list()
    assert len(api_client.get(url(), headers=headers).json()["items"]) == 50
    assert small == large


# ---- GET /clients/{id} ----------------------------------------------------------------


@pytest.mark.parametrize("name", READERS)
def test_detail_for_the_care_team_supervisor_and_intake(
    api_client, bearer, client_record, persona, name
):
    user = persona(name)
    response = api_client.get(url(client_record.pk), headers=bearer(user))
    assert response.status_code == 200
    body = response.json()
    assert body["legal_name"] == "Jordan Rivera"
    assert body["date_of_birth"] == "1990-05-17"
    assert body["status"] == "active"
    assert sorted(body["care_team"], key=lambda m: m["username"]) == [
        {"username": "colleague", "role": "member"},
        {"username": "treating", "role": "primary"},
    ]
    event = events("client.read", client_id=client_record.pk).get()
    assert event.actor == user
    assert event.purpose == "api: read client"


@pytest.mark.parametrize("name", HIDDEN_FROM)
def test_detail_hidden_client_answers_like_a_missing_one(
    api_client, bearer, client_record, persona, name
):
    headers = bearer(persona(name))
    hidden = api_client.get(url(client_record.pk), headers=headers)
    missing = api_client.get(url(client_record.pk + 1000), headers=headers)
    assert hidden.status_code == missing.status_code == 404
    assert hidden.content == missing.content
    assert hidden.json() == {"detail": "Not found."}
    assert events("client.denied", client_id=client_record.pk).count() == 1
    assert not events("client.read").exists()


@pytest.mark.parametrize("name", ROLE_TOO_NARROW)
def test_detail_role_without_demographics_is_403(api_client, bearer, client_record, persona, name):
    response = api_client.get(url(client_record.pk), headers=bearer(persona(name)))
    assert response.status_code == 403
    assert "role" in response.json()["detail"]
    assert client_record.legal_name not in response.content.decode()


@pytest.mark.parametrize("client_id", ["0", "-4", "99999999999999999999"])
def test_detail_impossible_ids_are_not_found(api_client, bearer, clinician, client_id):
    response = api_client.get(url(client_id), headers=bearer(clinician))
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}


# ---- PATCH /clients/{id} --------------------------------------------------------------


@pytest.mark.parametrize("name", READERS)
def test_patch_changes_only_the_fields_sent(api_client, bearer, client_record, persona, name):
    user = persona(name)
    response = api_client.patch(
        url(client_record.pk),
        {"preferred_name": "Jordie", "status": "on_hold", "date_of_birth": "1990-06-01"},
        content_type="application/json",
        headers=bearer(user),
    )
    assert response.status_code == 200
    assert response.json()["preferred_name"] == "Jordie"
    client_record.refresh_from_db()
    assert (client_record.preferred_name, client_record.status, client_record.date_of_birth) == (
        "Jordie",
        "on_hold",
        date(1990, 6, 1),
    )
    assert client_record.legal_name == "Jordan Rivera"
    update = events("client.update", client_id=client_record.pk).get()
    assert update.actor == user
    assert sorted(update.detail["fields"]) == ["date_of_birth", "preferred_name", "status"]
    assert events("client.write", client_id=client_record.pk, actor=user).count() == 1


@pytest.mark.parametrize(
    "name,status", [(n, 404) for n in HIDDEN_FROM] + [(n, 403) for n in ROLE_TOO_NARROW]
)
def test_patch_refused_changes_nothing(api_client, bearer, client_record, persona, name, status):
    response = api_client.patch(
        url(client_record.pk),
        {"legal_name": "Hijacked"},
        content_type="application/json",
        headers=bearer(persona(name)),
    )
    assert response.status_code == status
    client_record.refresh_from_db()
    assert client_record.legal_name == "Jordan Rivera"
    assert not events("client.update").exists()


def test_patch_hidden_client_answers_like_a_missing_one(
    api_client, bearer, client_record, outsider
):
    headers = bearer(outsider)
    body = {"legal_name": "Hijacked"}
    hidden = api_client.patch(
        url(client_record.pk), body, content_type="application/json", headers=headers
    )
    missing = api_client.patch(
        url(client_record.pk + 1000), body, content_type="application/json", headers=headers
    )
    assert hidden.status_code == missing.status_code == 404
    assert hidden.content == missing.content


@pytest.mark.parametrize(
    "body,field",
    [
        ({"date_of_birth": "1990-13-45"}, "date_of_birth"),
        ({"status": "asleep"}, "status"),
        ({"email": "not-an-email"}, "email"),
        ({"legal_name": ""}, "legal_name"),
        ({"legal_name": "x" * 201}, "legal_name"),
        ({"legal_name": None}, "legal_name"),
        ({"shoe_size": 42}, "shoe_size"),
        ({"preferred_name": "Changed", "email": "still not an email"}, "email"),
        ({"preferred_name": "Changed", "favourite_colour": "green"}, "favourite_colour"),
    ],
)
def test_invalid_patch_names_the_field_and_changes_nothing(
    api_client, bearer, clinician, client_record, body, field
):
    before = Client.objects.filter(pk=client_record.pk).values().get()
    response = api_client.patch(
        url(client_record.pk), body, content_type="application/json", headers=bearer(clinician)
    )
    assert response.status_code == 422
    assert field in named_fields(response)
    assert Client.objects.filter(pk=client_record.pk).values().get() == before
    assert not events("client.update").exists()


def test_patch_that_is_not_json_is_400(api_client, bearer, clinician, client_record):
    response = api_client.patch(
        url(client_record.pk),
        "legal_name=Nope",
        content_type="application/json",
        headers=bearer(clinician),
    )
    assert response.status_code == 400
    assert response.json()["detail"]
    client_record.refresh_from_db()
    assert client_record.legal_name == "Jordan Rivera"


# ---- POST /clients --------------------------------------------------------------------


def post(api_client, headers, body):
    return api_client.post(url(), body, content_type="application/json", headers=headers)


@pytest.mark.parametrize("name", ["admin", "privacy_officer"])
def test_create_refused_for_roles_that_cannot_register(api_client, bearer, persona, name):
    response = post(api_client, bearer(persona(name)), NEW_CLIENT)
    assert response.status_code == 403
    assert response.json()["detail"]
    assert not Client.objects.filter(legal_name="Casey New").exists()


@pytest.mark.parametrize("name", ["clinician", "supervisor"])
def test_create_by_a_clinician_makes_them_primary(api_client, bearer, persona, name):
    user = persona(name)
    response = post(api_client, bearer(user), NEW_CLIENT)
    assert response.status_code == 201
    body = response.json()
    assert body["care_team"] == [{"username": user.username, "role": "primary"}]
    client = Client.objects.get(pk=body["id"])
    assert (client.legal_name, client.pronouns, client.status) == (
        "Casey New",
        "they/them",
        "referral",
    )
    assert client.care_team.get().user == user
    event = events("client.create", client_id=client.pk).get()
    assert event.actor == user
    assert event.detail == {"primary": user.username}


def test_create_naming_another_primary(api_client, bearer, clinician, colleague):
    response = post(
        api_client, bearer(clinician), {**NEW_CLIENT, "primary_clinician": "colleague"}
    )
    assert response.status_code == 201
    client = Client.objects.get(pk=response.json()["id"])
    assert list(client.care_team.values_list("user__username", "role")) == [
        ("colleague", "primary")
    ]


def test_create_by_intake_without_a_primary(api_client, bearer, intake):
    response = post(api_client, bearer(intake), {**NEW_CLIENT, "status": "intake"})
    assert response.status_code == 201
    client = Client.objects.get(pk=response.json()["id"])
    assert client.status == "intake"
    assert not client.care_team.exists()
    assert events("client.create", client_id=client.pk, actor=intake).exists()


def test_create_by_intake_naming_a_primary(api_client, bearer, intake, clinician):
    response = post(api_client, bearer(intake), {**NEW_CLIENT, "primary_clinician": "treating"})
    assert response.status_code == 201
    assert response.json()["care_team"] == [{"username": "treating", "role": "primary"}]


@pytest.fixture
def departed(db, admin):
    user = user_create(acting_user=admin, username="departed", role=Role.CLINICIAN, password=None)
    return user_set_active(acting_user=admin, user=user, active=False)


@pytest.mark.parametrize("primary", ["nobody", "intake", "admin", "departed"])
def test_create_with_an_impossible_primary_creates_nothing(
    api_client, bearer, clinician, intake, admin, departed, primary
):
    before = (Client.objects.count(), CareTeamMember.objects.count())
    response = post(api_client, bearer(clinician), {**NEW_CLIENT, "primary_clinician": primary})
    assert response.status_code == 422
    assert response.json()["detail"] == [
        f"primary_clinician: No active clinician or supervisor is called {primary!r}."
    ]
    assert (Client.objects.count(), CareTeamMember.objects.count()) == before
    assert not events("client.create").exists()


@pytest.mark.parametrize(
    "body,field",
    [
        ({"legal_name": "No Birthday"}, "date_of_birth"),
        ({"date_of_birth": "2001-02-03"}, "legal_name"),
        ({**NEW_CLIENT, "email": "nope"}, "email"),
        ({**NEW_CLIENT, "status": "unknown"}, "status"),
        ({**NEW_CLIENT, "id": 7}, "id"),
    ],
)
def test_invalid_create_names_the_field_and_creates_nothing(
    api_client, bearer, clinician, body, field
):
    before = Client.objects.count()
    response = post(api_client, bearer(clinician), body)
    assert response.status_code == 422
    assert field in named_fields(response)
    assert Client.objects.count() == before


# ---- GET /clients/{id}/appointments ----------------------------------------------------


@pytest.fixture
def appointments(client_record, clinician, colleague):
    now = clock.now().replace(microsecond=0)
    book = client_services.appointment_create
    past = book(
        acting_user=clinician,
        client=client_record,
        clinician=clinician,
        starts_at=now - timedelta(days=7),
        duration_minutes=50,
        kind="session",
        location="Room 2",
    )
    # The colleague books their own (a clinician books only into their own diary, and a
    # telehealth session would need a consent on file: clients/booking.py).
    future = book(
        acting_user=colleague,
        client=client_record,
        clinician=colleague,
        starts_at=now + timedelta(days=7),
        duration_minutes=30,
        kind="review",
    )
    return past, future


@pytest.mark.parametrize("name", READERS)
def test_appointments_newest_first_with_offsets(
    api_client, bearer, persona, client_record, appointments, name
):
    past, future = appointments
    response = api_client.get(
        url(client_record.pk, "/appointments"), headers=bearer(persona(name))
    )
    assert response.status_code == 200
    body = response.json()
    assert [row["id"] for row in body] == [future.pk, past.pk]
    assert body[1] == {
        "id": past.pk,
        "starts_at": body[1]["starts_at"],
        "duration_minutes": 50,
        "kind": "session",
        "location": "Room 2",
        "attendance": "scheduled",
        "clinician": "treating",
        "series": None,
    }
    assert body[0]["clinician"] == "colleague"
    for row, appointment in zip(body, (future, past), strict=True):
        assert re.search(r"[+-]\d\d:\d\d$", row["starts_at"]), row["starts_at"]
        assert datetime.fromisoformat(row["starts_at"]) == appointment.starts_at
    assert events("client.read", client_id=client_record.pk, purpose="api: appointments")


@pytest.mark.parametrize(
    "name,status", [(n, 404) for n in HIDDEN_FROM] + [(n, 403) for n in ROLE_TOO_NARROW]
)
def test_appointments_refused(
    api_client, bearer, persona, client_record, appointments, name, status
):
    response = api_client.get(
        url(client_record.pk, "/appointments"), headers=bearer(persona(name))
    )
    assert response.status_code == status
    assert "Room 2" not in response.content.decode()
    if status == 404:
        missing = api_client.get(
            url(client_record.pk + 1000, "/appointments"), headers=bearer(persona(name))
        )
        assert response.content == missing.content


def test_json_error_bodies_are_json(api_client, bearer, admin, client_record):
    response = api_client.get(url(client_record.pk), headers=bearer(admin))
    assert response["Content-Type"].startswith("application/json")
    assert json.loads(response.content)["detail"]


def test_admin_list_has_names_but_no_birth_dates(api_client, bearer, admin, clinician, new_client):
    """H-009: the admin's directory view carries no demographic detail."""
    new_client(primary=clinician)
    response = api_client.get("/api/v1/clients", headers=bearer(admin))
    assert response.status_code == 200
    items = response.json()["items"]
    assert items and all(
        item["date_of_birth"] is None and item["pronouns"] is None for item in items
    )
    assert all(item["legal_name"] for item in items)
