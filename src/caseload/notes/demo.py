"""Demo notes: a signed note for most past sessions, a couple left overdue, an
amendment, notes awaiting a supervisor's co-signature, a psychotherapy note by
`clinician`, and recorded session starts (a few late). Synthetic only, written through
the services so the audit trail looks as it would in use."""

from datetime import timedelta

from caseload.clients.models import Attendance
from caseload.core import clock
from caseload.notes import services
from caseload.notes.models import Note

DATA = [
    "Arrived on time, talkative. Reported sleeping 5-6 hours most nights.",
    "Described two panic episodes on the bus; used paced breathing for one of them.",
    "Low mood this week after an argument at home; attended work every day.",
    "Completed the activity diary for four of seven days.",
    "Talked about their mother's anniversary coming up next month.",
]
ASSESSMENT = [
    "Gradual improvement in sleep; anxiety remains high in crowded places.",
    "Engaged and reflective; mood lower than last session, no new risk.",
    "Making steady use of the skills practised; avoidance reducing.",
]
PLAN = [
    "Continue the sleep diary; graded exposure step 3 (two bus stops).",
    "Review the safety plan next session; practise breathing daily.",
    "Plan one valued activity for the weekend; next session as booked.",
]


def seed(*, staff, clients, rng) -> None:
    now = clock.now()
    services.note_settings_save(
        acting_user=staff["admin"],
        user=staff["clinician2"],
        progress_format="SOAP",
        needs_cosign=True,
    )
    services.note_settings_save(
        acting_user=staff["admin"],
        user=staff["clinician3"],
        progress_format="BIRP",
        needs_cosign=False,
    )
    left_overdue = 0
    for client in clients:
        sessions = client.appointments.filter(
            attendance=Attendance.ATTENDED, starts_at__lt=now
        ).select_related("clinician")
        for session in sessions:
            # Two of `clinician`'s older sessions keep an unsigned draft: overdue.
            if (
                left_overdue < 2
                and session.clinician == staff["clinician"]
                and session.starts_at < now - timedelta(days=5)
                and rng.random() < 0.3
            ):
                left_overdue += 1
                _write(session, rng, sign=False)
                continue
            _write(session, rng, sign=session.starts_at < now - timedelta(hours=6))
            if rng.random() < 0.3:
                late = timedelta(minutes=rng.choice([0, 0, 2, 4, 9, 15]))
                # A session that began minutes ago cannot have a start that late yet:
                # seeding at any time of day must not record a start in the future.
                if session.starts_at + late > now:
                    continue
                services.appointment_record_start(
                    acting_user=session.clinician,
                    appointment=session,
                    started_at=session.starts_at + late,
                )
    _amend_one(staff)
    _psychotherapy_note(staff, clients, rng)


def _sections(note, rng) -> dict[str, str]:
    texts = [rng.choice(DATA), rng.choice(ASSESSMENT), rng.choice(PLAN), rng.choice(PLAN)]
    return {key: text for (key, _label), text in zip(note.section_keys(), texts, strict=False)}


def _write(session, rng, *, sign: bool) -> Note:
    author = session.clinician
    note = services.note_create(
        acting_user=author, client=session.client, kind="progress", appointment=session
    )
    note = services.note_save_draft(
        acting_user=author, note=note, sections=_sections(note, rng), version=note.version
    )
    if sign:
        note = services.note_sign(acting_user=author, note=note, version=note.version)
        # Demo history: date the signature a day or so after the session, as it would
        # have been, rather than at the moment the demo was seeded.
        Note.objects.filter(pk=note.pk).update(
            signed_at=session.starts_at + timedelta(hours=rng.randint(1, 40))
        )
    return note


def _amend_one(staff) -> None:
    note = (
        Note.objects.record_notes()
        .filter(author=staff["clinician"], signed_at__isnull=False)
        .order_by("-occurred_at")
        .first()
    )
    if note is not None:
        services.note_amend(
            acting_user=staff["clinician"],
            note=note,
            text="Correction: the panic episodes were on the train, not the bus.",
        )


def _psychotherapy_note(staff, clients, rng) -> None:
    own = [
        client for client in clients if client.care_team.filter(user=staff["clinician"]).exists()
    ]
    if not own:
        return
    note = services.note_create(
        acting_user=staff["clinician"],
        client=own[0],
        kind="progress",
        psychotherapy=True,
        sections={
            "process": "Noticed I wanted to rescue them today. Take to supervision: pacing, "
            "and my own reaction when they mentioned their brother."
        },
    )
    services.note_sign(acting_user=staff["clinician"], note=note, version=note.version)
