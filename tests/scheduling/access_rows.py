"""The calendar's rows in the authorization matrix (tests/matrix.py).

Hazards: a clinician seeing or booking another clinician's client through the calendar
(H-001), a calendar feed reachable without its token (H-106)."""

from matrix import DENIED, HIDDEN, LOGIN, NO_TOKEN, OK, row

# Everyone with a diary to look at: the clinical roles see their own (a supervisor also
# their supervisees'); intake and the admin the team's. The privacy officer has none.
CALENDAR = row(LOGIN, default=OK, privacy_officer=DENIED)
# Booking needs the demographics part, which the admin's role does not cover.
BOOKING = row(LOGIN, default=OK, admin=DENIED, privacy_officer=DENIED)
FEED_OWNERS = row(
    LOGIN,
    default=DENIED,
    **dict.fromkeys(("clinician", "colleague", "supervisor", "other_supervisor", "outsider"), OK),
)
API_DEMOGRAPHICS = row(
    NO_TOKEN, default=HIDDEN, clinician=OK, colleague=OK, supervisor=OK, intake=OK, admin=DENIED
)

ROWS = {
    ("scheduling:calendar", "get"): CALENDAR,
    ("scheduling:book", "get"): BOOKING,
    ("scheduling:book", "post"): BOOKING,  # empty form: 400, nothing booked
    ("scheduling:attendance", "post"): row(
        default=HIDDEN, clinician=OK, colleague=OK, supervisor=OK, intake=OK, admin=DENIED
    ),
    ("scheduling:feed", "post"): FEED_OWNERS,
    # The token is the key (a calendar program cannot sign in); tests/scheduling/
    # test_feeds.py shows a wrong or revoked token answers 404.
    ("scheduling:feed_ics", "get"): row(OK, default=OK),
}

API_ROWS = {
    ("api:appointment_book", "post"): API_DEMOGRAPHICS,
    ("api:appointment_update", "patch"): API_DEMOGRAPHICS,
    # Without start and end every token gets 422; tests/api/test_calendar.py walks the
    # roles with a real range.
    ("api:calendar", "get"): row(NO_TOKEN, default=OK),
}
API_BODIES = {
    "api:appointment_book": {
        "starts_at": "2030-01-07T10:00:00",
        "duration_minutes": 50,
        "kind": "session",
    },
    "api:appointment_update": {"attendance": "attended"},
}
KWARGS = {"feed_token": "calendar_feed_token"}


def world_extras(world) -> dict:
    from caseload.scheduling.feeds import calendar_feed_create

    _feed, token = calendar_feed_create(acting_user=world["clinician"])
    return {"calendar_feed_token": token}
