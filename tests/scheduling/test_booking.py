"""The booking rules (clients/booking.py): clashes refused and named (H-105), overrides
audited, telehealth without consent refused (H-104), series all or nothing, lengths
refused in a sentence, and the clinician one the booker may schedule for."""

from datetime import UTC, date, datetime, time, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from caseload.audit.models import AuditEvent
from caseload.clients.booking import (
    BookingClash,
    Recurrence,
    appointment_book,
    appointment_move,
    describe,
    occurrence_starts,
)
from caseload.clients.models import Appointment, Attendance
from caseload.privacy import services as privacy_services
from factories import make_client


def at(days: int, hour: int, minute: int = 0) -> datetime:
    """A local time `days` from today (a Monday two weeks on, so series stay on weekdays)."""
    today = timezone.localdate()
    monday = today + timedelta(days=14 - today.weekday())
    naive = datetime.combine(monday + timedelta(days=days), time(hour, minute))
    return timezone.make_aware(naive)


@pytest.fixture
def book(clinician, client_record):
    def _book(starts_at, **overrides):
        arguments = {
            "acting_user": clinician,
            "client": client_record,
            "starts_at": starts_at,
            "duration_minutes": 50,
            "kind": "session",
        }
        arguments.update(overrides)
        return appointment_book(**arguments)

    return _book


@pytest.fixture
def david(clinician):
    return make_client(primary=clinician, legal_name="David Shaw")


def test_h105_a_clash_is_refused_naming_the_clashing_appointment(book, clinician, david):
    (existing,) = book(at(1, 14), client=david)
    with pytest.raises(BookingClash) as refused:
        book(at(1, 14, 30))
    message = refused.value.messages[0]
    assert message.startswith("Clashes with David Shaw, ")
    assert describe(existing) in message
    assert refused.value.clashes == [existing]
    assert Appointment.objects.filter(clinician=clinician).count() == 1


def test_h105_back_to_back_and_cancelled_are_not_clashes(book, clinician, david):
    (first,) = book(at(1, 14), client=david)
    book(at(1, 14, 50))  # starts as the other ends
    first.attendance = Attendance.CANCELLED_BY_CLIENT
    first.save(update_fields=["attendance"])
    book(at(1, 13, 30), client=david)  # the cancelled 14:00 no longer holds the time
    assert Appointment.objects.filter(clinician=clinician).count() == 3


def test_another_clinicians_diary_does_not_clash(book, colleague, client_record, david):
    book(at(1, 14), client=david)
    appointment_book(
        acting_user=colleague,
        client=client_record,
        starts_at=at(1, 14),
        duration_minutes=50,
        kind="session",
    )


def test_h105_an_overlap_with_a_reason_is_booked_and_the_reason_audited(book, david):
    (existing,) = book(at(1, 14), client=david)
    (group,) = book(at(1, 14), allow_overlap=True, overlap_reason="Couples session, joint")
    event = AuditEvent.objects.get(action="appointment.create", object_id=str(group.pk))
    assert event.detail["overlap_reason"] == "Couples session, joint"
    assert event.detail["overlaps"] == [existing.pk]


def test_an_overlap_without_a_reason_is_refused(book, david):
    book(at(1, 14), client=david)
    with pytest.raises(ValidationError, match="Say why"):
        book(at(1, 14), allow_overlap=True, overlap_reason="  ")
    assert Appointment.objects.count() == 1


@pytest.mark.parametrize("minutes", [0, 4, 481, 10_000])
def test_an_absurd_length_is_refused_in_a_sentence(book, minutes):
    with pytest.raises(ValidationError) as refused:
        book(at(1, 9), duration_minutes=minutes)
    assert refused.value.messages == [
        "An appointment lasts between 5 minutes and 8 hours (480 minutes)."
    ]
    assert not Appointment.objects.exists()


def test_the_page_says_the_length_sentence_not_the_constraint(as_user, clinician, client_record):
    response = as_user(clinician).post(
        reverse("clients:appointments", args=[client_record.pk]),
        {
            "clinician": clinician.pk,
            "starts_at": at(1, 9).strftime("%Y-%m-%dT%H:%M"),
            "duration_minutes": 0,
            "kind": "session",
        },
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "between 5 minutes and 8 hours" in page
    assert "appointment_length_sane" not in page and "Constraint" not in page
    assert not Appointment.objects.exists()


@pytest.fixture
def telehealth_text(privacy_officer):
    return privacy_services.consent_template_save(
        acting_user=privacy_officer,
        kind="telehealth",
        title="Telehealth",
        text="I agree to sessions by video.",
        valid_for_days=365,
    )


def test_h104_telehealth_without_a_consent_on_file_is_refused(book, telehealth_text):
    with pytest.raises(ValidationError, match="telehealth consent"):
        book(at(1, 10), kind="telehealth")
    assert not Appointment.objects.exists()


def test_h104_telehealth_with_a_requested_but_unsigned_consent_is_refused(
    book, clinician, client_record, telehealth_text
):
    privacy_services.consent_request(
        acting_user=clinician, client=client_record, kind="telehealth"
    )
    with pytest.raises(ValidationError, match="not yet signed"):
        book(at(1, 10), kind="telehealth")
    assert not Appointment.objects.exists()


def test_h104_telehealth_with_a_given_consent_is_booked(
    book, clinician, client_record, telehealth_text
):
    consent, issued = privacy_services.consent_request(
        acting_user=clinician, client=client_record, kind="telehealth"
    )
    privacy_services.consent_sign(
        link=issued.link,
        consent=consent,
        typed_name=client_record.legal_name,
        shown_sha256=consent.template.text_sha256,
    )
    (appointment,) = book(at(1, 10), kind="telehealth")
    assert appointment.kind == "telehealth"


def test_h104_the_page_refuses_telehealth_without_consent(as_user, clinician, client_record):
    response = as_user(clinician).post(
        reverse("clients:appointments", args=[client_record.pk]),
        {
            "clinician": clinician.pk,
            "starts_at": at(1, 9).strftime("%Y-%m-%dT%H:%M"),
            "duration_minutes": 50,
            "kind": "telehealth",
        },
    )
    assert response.status_code == 400
    assert "telehealth consent" in response.content.decode()
    assert not Appointment.objects.exists()


def test_a_weekly_series_is_one_row_per_occurrence(book, clinician):
    booked = book(at(0, 9), recurrence=Recurrence("weekly", count=6))
    assert [a.starts_at for a in booked] == [at(7 * n, 9) for n in range(6)]
    assert len({a.series for a in booked}) == 1 and booked[0].series is not None
    assert AuditEvent.objects.filter(action="appointment.create").count() == 6


def test_a_fortnightly_series_until_a_date_includes_that_date(book):
    last_day = at(28, 9).date()
    booked = book(at(0, 9), recurrence=Recurrence("fortnightly", until=last_day))
    assert [a.starts_at for a in booked] == [at(0, 9), at(14, 9), at(28, 9)]


def test_a_series_keeps_its_wall_clock_time_across_daylight_saving(settings):
    settings.TIME_ZONE = "America/New_York"
    with timezone.override("America/New_York"):
        first = timezone.make_aware(datetime(2026, 10, 26, 10, 0))
        starts = occurrence_starts(first, Recurrence("weekly", count=3))
        assert [timezone.localtime(s).hour for s in starts] == [10, 10, 10]
        in_utc = [start.astimezone(UTC) for start in starts]
        assert in_utc[1] - in_utc[0] == timedelta(weeks=1, hours=1)  # clocks went back 1 Nov
        assert in_utc[2] - in_utc[1] == timedelta(weeks=1)


def test_h105_a_series_with_one_clash_books_nothing_and_names_every_clash(book, david):
    (third,) = book(at(14, 9, 30), client=david)
    (fifth,) = book(at(28, 8, 30), client=david)
    before = Appointment.objects.count()
    with pytest.raises(BookingClash) as refused:
        book(at(0, 9), recurrence=Recurrence("weekly", count=6))
    assert refused.value.clashes == [third, fifth]
    assert describe(third) in refused.value.messages[0]
    assert describe(fifth) in refused.value.messages[0]
    assert Appointment.objects.count() == before
    assert not AuditEvent.objects.filter(action="appointment.create", detail__series__isnull=False)


def test_a_series_needs_one_end_and_at_most_a_year(book):
    with pytest.raises(ValidationError, match="not both"):
        book(at(0, 9), recurrence=Recurrence("weekly", count=3, until=date(2099, 1, 1)))
    with pytest.raises(ValidationError, match="at most 52"):
        book(at(0, 9), recurrence=Recurrence("weekly", count=53))
    with pytest.raises(ValidationError, match="weekly or fortnightly"):
        book(at(0, 9), recurrence=Recurrence("daily", count=3))
    assert not Appointment.objects.exists()


def test_one_occurrence_moves_and_the_rest_of_the_series_stays(book, clinician):
    booked = book(at(0, 9), recurrence=Recurrence("weekly", count=3))
    moved = appointment_move(acting_user=clinician, appointment=booked[1], starts_at=at(8, 11))
    assert moved.starts_at == at(8, 11)
    assert [a.starts_at for a in Appointment.objects.order_by("starts_at")] == [
        at(0, 9),
        at(8, 11),
        at(14, 9),
    ]
    event = AuditEvent.objects.get(action="appointment.move")
    assert event.detail["from"] == at(7, 9).isoformat()


def test_h105_a_move_onto_another_appointment_is_refused_and_changes_nothing(
    book, clinician, david
):
    (mine,) = book(at(1, 9))
    (other,) = book(at(1, 11), client=david)
    with pytest.raises(BookingClash, match="David Shaw"):
        appointment_move(acting_user=clinician, appointment=mine, starts_at=at(1, 11, 15))
    mine.refresh_from_db()
    assert mine.starts_at == at(1, 9)
    # Moving within its own time is not a clash with itself.
    appointment_move(acting_user=clinician, appointment=mine, starts_at=at(1, 9, 10))


def test_a_clinician_books_only_into_their_own_diary(book, colleague):
    with pytest.raises(ValidationError, match="cannot book"):
        book(at(1, 9), clinician=colleague)
    assert not Appointment.objects.exists()


def test_a_supervisor_books_for_a_supervisee_and_intake_for_anyone(
    supervisor, intake, clinician, colleague, client_record
):
    for booker, diary, hour in ((supervisor, clinician, 9), (intake, colleague, 10)):
        (appointment,) = appointment_book(
            acting_user=booker,
            client=client_record,
            clinician=diary,
            starts_at=at(1, hour),
            duration_minutes=50,
            kind="intake",
        )
        assert appointment.clinician == diary


def test_a_clash_names_a_client_the_booker_may_not_see_as_another_client(
    supervisor, clinician, outsider, client_record
):
    """The supervisor books for their supervisee; the clash is with a client of the
    supervisee's that the supervisor cannot see: the refusal does not name them."""
    hidden = make_client(primary=outsider, legal_name="Hidden Person")
    # Written directly: the clinician is not on this client's team any more, as after a
    # handover, but the appointment stays in their diary.
    Appointment.objects.create(
        client=hidden, clinician=clinician, starts_at=at(1, 9), duration_minutes=50
    )
    with pytest.raises(BookingClash) as refused:
        appointment_book(
            acting_user=supervisor,
            client=client_record,
            clinician=clinician,
            starts_at=at(1, 9),
            duration_minutes=50,
            kind="session",
        )
    assert "Hidden Person" not in refused.value.messages[0]
    assert "another client" in refused.value.messages[0]


def test_the_booking_form_defaults_the_clinician_to_the_user(as_user, clinician, client_record):
    response = as_user(clinician).get(reverse("clients:appointments", args=[client_record.pk]))
    form = response.context["form"]
    assert form["clinician"].value() == clinician.pk
    assert list(form.fields["clinician"].queryset) == [clinician]


def test_the_page_books_and_says_so(as_user, clinician, client_record):
    response = as_user(clinician).post(
        reverse("clients:appointments", args=[client_record.pk]),
        {
            "clinician": clinician.pk,
            "starts_at": at(1, 9).strftime("%Y-%m-%dT%H:%M"),
            "duration_minutes": 50,
            "kind": "session",
            "repeat": "weekly",
            "occurrences": 4,
        },
        follow=True,
    )
    assert Appointment.objects.filter(client=client_record).count() == 4
    assert "Booked 4 appointments" in response.content.decode()


def test_h105_the_page_refuses_a_clash_naming_it(as_user, book, clinician, client_record, david):
    book(at(1, 14), client=david)
    response = as_user(clinician).post(
        reverse("clients:appointments", args=[client_record.pk]),
        {
            "clinician": clinician.pk,
            "starts_at": at(1, 14, 15).strftime("%Y-%m-%dT%H:%M"),
            "duration_minutes": 50,
            "kind": "session",
        },
    )
    assert response.status_code == 400
    assert "Clashes with David Shaw" in response.content.decode()
    assert Appointment.objects.filter(client=client_record).count() == 0


def test_recording_attendance_announces_it_and_keeps_the_button_id(
    as_user, book, clinician, client_record
):
    (appointment,) = book(at(1, 9))
    response = as_user(clinician).post(
        reverse("clients:attendance", args=[client_record.pk, appointment.pk]),
        {"attendance": "attended"},
        headers={"HX-Request": "true"},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert 'role="status"' in page and "Attendance recorded: Attended" in page
    assert 'hx-swap-oob="true"' in page
    assert f'id="attendance-record-{appointment.pk}"' in page
    appointment.refresh_from_db()
    assert appointment.attendance == Attendance.ATTENDED


def test_the_move_page_moves_one_appointment_and_refuses_a_clash(
    as_user, book, clinician, client_record, david
):
    (mine,) = book(at(1, 9))
    book(at(1, 11), client=david)
    http = as_user(clinician)
    url = reverse("clients:appointment_move", args=[client_record.pk, mine.pk])
    refused = http.post(
        url, {"starts_at": at(1, 11, 30).strftime("%Y-%m-%dT%H:%M"), "duration_minutes": 50}
    )
    assert refused.status_code == 400 and "Clashes with David Shaw" in refused.content.decode()
    moved = http.post(
        url,
        {"starts_at": at(2, 15).strftime("%Y-%m-%dT%H:%M"), "duration_minutes": 30},
        follow=True,
    )
    assert "Moved to" in moved.content.decode()
    mine.refresh_from_db()
    assert (mine.starts_at, mine.duration_minutes) == (at(2, 15), 30)
