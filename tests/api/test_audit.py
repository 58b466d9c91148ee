"""/api/v1/audit: searching the audit trail over the API.

Hazard guarded: H-009 (anyone but the privacy officer reads the trail, which names every
client each person looked at); and the search itself going unrecorded."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from caseload.audit.models import AuditEvent
from caseload.audit.services import audit_record

URL = "/api/v1/audit"
PRACTICE_TIME = ZoneInfo("America/New_York")  # settings.TIME_ZONE in the test environment


@pytest.fixture
def persona(request):
    return lambda name: request.getfixturevalue(name)


@pytest.fixture
def dated_events(db, clinician, colleague):
    """One event a day, 1 to 3 March 2024; the 2 March one late in the practice's evening,
    when it is already 3 March in UTC."""
    moments = [
        (datetime(2024, 3, 1, 9, 0), clinician, 11),
        (datetime(2024, 3, 2, 23, 30), colleague, 12),
        (datetime(2024, 3, 3, 8, 15), clinician, 12),
    ]
    made = []
    for moment, actor, client_id in moments:
        with time_machine.travel(moment.replace(tzinfo=PRACTICE_TIME), tick=False):
            made.append(
                audit_record(
                    action="client.read", actor=actor, client_id=client_id, purpose="test"
                )
            )
    return made


def seqs(response) -> list[int]:
    assert response.status_code == 200, response.content
    return [item["seq"] for item in response.json()["items"]]


@pytest.mark.parametrize("name", ["clinician", "supervisor", "intake", "admin", "outsider"])
def test_only_the_privacy_officer_may_search(api_client, bearer, persona, dated_events, name):
    response = api_client.get(URL, headers=bearer(persona(name)))
    assert response.status_code == 403
    assert "privacy officer" in response.json()["detail"]
    assert not AuditEvent.objects.filter(action="audit.search").exists()


def test_privacy_officer_sees_events_newest_first(
    api_client, bearer, privacy_officer, dated_events
):
    headers = bearer(privacy_officer)
    body = api_client.get(
        URL, {"since": "2024-03-01", "until": "2024-03-03"}, headers=headers
    ).json()
    assert [item["seq"] for item in body["items"]] == [e.seq for e in reversed(dated_events)]
    assert body["count"] == 3
    newest = body["items"][0]
    assert newest == {
        "seq": dated_events[2].seq,
        "at": "2024-03-03T08:15:00-05:00",
        "actor_username": "treating",
        "action": "client.read",
        "object_type": "",
        "object_id": "",
        "client_id": 12,
        "ip": None,
        "purpose": "test",
        "detail": {},
    }


@pytest.mark.parametrize(
    "params,expected",
    [
        ({"client": 12}, [2, 1]),
        ({"user": "colleague"}, [1]),
        ({"user": "COLLEAGUE"}, [1]),
        ({"since": "2024-03-02", "until": "2024-03-02"}, [1]),
        ({"since": "2024-03-02"}, [2, 1]),
        ({"until": "2024-03-01"}, [0]),
        ({"client": 12, "user": "treating"}, [2]),
    ],
)
def test_filters(api_client, bearer, privacy_officer, dated_events, params, expected):
    response = api_client.get(
        URL,
        {"since": "2024-01-01", "until": "2024-12-31", **params},
        headers=bearer(privacy_officer),
    )
    assert seqs(response) == [dated_events[i].seq for i in expected]


def test_limit_and_offset(api_client, bearer, privacy_officer, dated_events):
    response = api_client.get(
        URL, {"until": "2024-12-31", "limit": 1, "offset": 1}, headers=bearer(privacy_officer)
    )
    assert seqs(response) == [dated_events[1].seq]
    assert response.json()["count"] == 3


def test_the_search_is_itself_audited(api_client, bearer, privacy_officer, dated_events):
    api_client.get(URL, {"client": 12, "since": "2024-03-01"}, headers=bearer(privacy_officer))
    event = AuditEvent.objects.get(action="audit.search")
    assert event.actor == privacy_officer
    assert event.detail == {"client_id": "12", "since": "2024-03-01"}


@pytest.mark.parametrize(
    "params,field",
    [
        ({"since": "2024-03-05", "until": "2024-03-01"}, "since"),
        ({"since": "March"}, "since"),
        ({"client": "twelve"}, "client"),
        ({"client": 0}, "client"),
        ({"limit": 501}, "limit"),
    ],
)
def test_invalid_filters_are_422_and_not_audited(
    api_client, bearer, privacy_officer, params, field
):
    response = api_client.get(URL, params, headers=bearer(privacy_officer))
    assert response.status_code == 422
    assert field in str(response.json()["detail"])
    assert not AuditEvent.objects.filter(action="audit.search").exists()
