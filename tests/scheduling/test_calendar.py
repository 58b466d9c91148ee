"""The calendar page: periods, whose diaries and clients each role sees (H-001),
booking from an empty slot, attendance from the calendar."""

from datetime import date, datetime, time, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from caseload.audit.models import AuditEvent
from caseload.clients.booking import appointment_book
from caseload.clients.models import Appointment, Attendance
from caseload.scheduling.periods import period_for
from factories import make_client


def local(day: date, hour: int, minute: int = 0) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


MONDAY = date(2030, 3, 4)


def test_periods_day_week_month():
    week = period_for("week", date(2030, 3, 6))
    assert (week.first, week.last) == (MONDAY, date(2030, 3, 10))
    assert (week.previous, week.next) == (date(2030, 2, 27), date(2030, 3, 13))
    month = period_for("month", date(2030, 3, 31))
    assert (month.first, month.last) == (date(2030, 2, 25), date(2030, 3, 31))
    assert month.next == date(2030, 4, 30) and month.previous == date(2030, 2, 28)
    assert all(len(row) == 7 for row in month.weeks)
    day = period_for("day", MONDAY)
    assert day.days == [MONDAY] and day.next == date(2030, 3, 5)


@pytest.fixture
def diary(clinician, colleague, client_record):
    """The treating clinician's Monday 10:00 with Jordan, and an outsider's client."""
    mine = appointment_book(
        acting_user=clinician,
        client=client_record,
        starts_at=local(MONDAY, 10),
        duration_minutes=50,
        kind="session",
    )[0]
    stranger = make_client(primary=colleague, legal_name="Stranger Person")
    theirs = Appointment.objects.create(
        client=stranger, clinician=colleague, starts_at=local(MONDAY, 11), duration_minutes=50
    )
    return mine, theirs


def week_of(http, **query):
    return http.get(reverse("scheduling:calendar"), {"view": "week", "date": MONDAY, **query})


def test_a_clinician_sees_their_own_week_with_their_client(as_user, clinician, diary):
    response = week_of(as_user(clinician))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Jo (Jordan Rivera)" in page
    assert "Stranger Person" not in page
    event = AuditEvent.objects.filter(action="calendar.read").latest("pk")
    assert event.detail["client_ids"] == [diary[0].client_id]


def test_h001_a_colleagues_diary_is_not_reachable(as_user, outsider, clinician, diary):
    assert week_of(as_user(outsider), clinician=clinician.pk).status_code == 404
    assert "Jordan" not in week_of(as_user(outsider)).content.decode()


def test_h001_the_team_view_shows_only_clients_the_user_may_see(
    as_user, supervisor, colleague, diary
):
    """The supervisor schedules for the treating clinician only: the colleague's diary
    (and the stranger in it) stays out even when the supervisor asks for it by id."""
    http = as_user(supervisor)
    page = week_of(http, clinician="team").content.decode()
    assert "Jo (Jordan Rivera)" in page and "Stranger Person" not in page
    assert week_of(http, clinician=colleague.pk).status_code == 404


def test_intake_sees_the_team_and_the_admin_sees_times_without_clients(
    as_user, intake, admin, diary
):
    intake_page = week_of(as_user(intake)).content.decode()
    assert "Stranger Person" in intake_page and "Jo (Jordan Rivera)" in intake_page
    admin_page = week_of(as_user(admin)).content.decode()
    assert "Jordan" not in admin_page and "Stranger" not in admin_page
    assert admin_page.count('data-testid="calendar-entry"') >= 2
    assert 'data-testid="book-slot"' not in admin_page


def test_the_privacy_officer_has_no_calendar(as_user, privacy_officer):
    assert week_of(as_user(privacy_officer)).status_code == 403


def test_empty_slots_link_to_the_booking_form_with_the_time(as_user, clinician, diary):
    page = week_of(as_user(clinician)).content.decode()
    assert f"?starts_at=2030-03-04T09:00&amp;clinician={clinician.pk}" in page
    # The 10:00 slot holds the appointment, so it offers no booking link.
    assert "starts_at=2030-03-04T10:00" not in page


@pytest.mark.parametrize("view", ["day", "week", "month"])
def test_each_view_navigates(as_user, clinician, diary, view):
    response = as_user(clinician).get(
        reverse("scheduling:calendar"), {"view": view, "date": MONDAY}
    )
    page = response.content.decode()
    period = period_for(view, MONDAY)
    assert f"date={period.previous:%Y-%m-%d}" in page and f"date={period.next:%Y-%m-%d}" in page
    assert "Jo (Jordan Rivera)" in page


def test_booking_from_a_slot_prefills_and_books(as_user, clinician, client_record, diary):
    http = as_user(clinician)
    url = reverse("scheduling:book")
    form = http.get(url, {"starts_at": "2030-03-05T09:00", "clinician": clinician.pk}).context[
        "form"
    ]
    assert form["starts_at"].value() == datetime(2030, 3, 5, 9, 0)
    response = http.post(
        url,
        {
            "client": client_record.pk,
            "clinician": clinician.pk,
            "starts_at": "2030-03-05T09:00",
            "duration_minutes": 50,
            "kind": "session",
        },
    )
    assert response.status_code == 302
    assert "view=week&date=2030-03-05" in response["Location"]
    assert (
        Appointment.objects.filter(client=client_record, starts_at=local(MONDAY, 9)).count() == 0
    )
    assert Appointment.objects.filter(starts_at=local(date(2030, 3, 5), 9)).count() == 1


def test_h001_booking_from_the_calendar_offers_only_visible_clients(
    as_user, outsider, client_record
):
    http = as_user(outsider)
    form = http.get(reverse("scheduling:book")).context["form"]
    assert client_record not in form.fields["client"].queryset
    response = http.post(
        reverse("scheduling:book"),
        {
            "client": client_record.pk,
            "clinician": outsider.pk,
            "starts_at": "2030-03-05T09:00",
            "duration_minutes": 50,
            "kind": "session",
        },
    )
    assert response.status_code == 400
    assert not Appointment.objects.filter(client=client_record).exists()


def test_attendance_from_the_calendar_is_recorded_and_announced(as_user, clinician, diary):
    mine, _ = diary
    http = as_user(clinician)
    response = http.post(
        reverse("scheduling:attendance", args=[mine.pk]),
        {"attendance": "no_show", "prefix": "list-"},
        headers={"HX-Request": "true"},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Attendance recorded: No-show" in page and 'role="status"' in page
    assert f'id="list-cal-record-{mine.pk}"' in page
    mine.refresh_from_db()
    assert mine.attendance == Attendance.NO_SHOW
    back = f"{reverse('scheduling:calendar')}?view=day&date=2030-03-04"
    plain = http.post(
        reverse("scheduling:attendance", args=[mine.pk]), {"attendance": "attended", "next": back}
    )
    assert plain["Location"] == f"{back}#appointment-{mine.pk}"


def test_h001_attendance_on_a_hidden_appointment_is_404(as_user, outsider, diary):
    mine, _ = diary
    response = as_user(outsider).post(
        reverse("scheduling:attendance", args=[mine.pk]), {"attendance": "attended"}
    )
    assert response.status_code == 404
    mine.refresh_from_db()
    assert mine.attendance == Attendance.SCHEDULED


def test_the_calendar_query_count_does_not_grow_with_appointments(
    as_user, intake, clinician, client_record, django_assert_max_num_queries
):
    http = as_user(intake)
    week_of(http)  # warm the session
    for hour in range(8, 18):
        Appointment.objects.create(
            client=client_record,
            clinician=clinician,
            starts_at=local(MONDAY + timedelta(days=hour % 5), hour),
            duration_minutes=50,
        )
    # 16 for the calendar and 1 for the frame's practice name (read on every page).
    with django_assert_max_num_queries(17):
        week_of(http)


def test_the_grid_widens_to_take_in_an_early_or_late_appointment(clinician, client_record):
    from caseload.scheduling.grid import hour_rows

    early = Appointment(
        client=client_record, clinician=clinician, starts_at=local(MONDAY, 7), duration_minutes=50
    )
    late = Appointment(
        client=client_record,
        clinician=clinician,
        starts_at=local(MONDAY, 19, 30),
        duration_minutes=60,
    )
    rows = hour_rows(period_for("day", MONDAY), [early, late])
    assert [row.hour for row in rows] == list(range(7, 21))
    assert rows[0].cells[0].appointments == [early]
    assert rows[-2].cells[0].appointments == [late]


def test_a_scheduled_entry_links_to_moving_it(as_user, clinician, diary):
    mine, _ = diary
    page = week_of(as_user(clinician)).content.decode()
    assert reverse("clients:appointment_move", args=[mine.client_id, mine.pk]) in page
