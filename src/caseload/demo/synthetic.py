"""Synthetic practices for the demo and the benchmarks. Every person here is invented
(Faker, seeded, so runs are repeatable); no real client data is ever used."""

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.utils import timezone
from faker import Faker

from caseload.accounts.models import Role, User
from caseload.accounts.services import supervision_add, user_create
from caseload.clients import services
from caseload.clients.models import (
    Appointment,
    AppointmentKind,
    Attendance,
    ClientStatus,
    ContactChannel,
    ReadingLevel,
)
from caseload.core import clock
from caseload.core.composition import composed

STAFF = [
    # username, role, first, last
    ("admin", Role.ADMIN, "Ada", "Okafor"),
    ("intake", Role.INTAKE, "Ivan", "Petrov"),
    ("clinician", Role.CLINICIAN, "Chloe", "Martin"),
    ("clinician2", Role.CLINICIAN, "Marcus", "Bell"),
    ("clinician3", Role.CLINICIAN, "Priya", "Raman"),
    ("supervisor", Role.SUPERVISOR, "Sam", "Delgado"),
    ("privacy", Role.PRIVACY_OFFICER, "Pat", "Nguyen"),
]

BRINGS = [
    "I can't sleep and I feel on edge all the time since the accident.",
    "My doctor said I should talk to someone. I've been low for months.",
    "Panic attacks on the bus. I've started working from home so I don't have to go out.",
    "Since my mum died I just can't get going in the mornings.",
    "I drink more than I want to and my partner is worried.",
    "Work is too much and I snap at the kids, then I feel terrible.",
    "I keep having flashbacks and I don't want them to run my life.",
    "I want to understand why I keep ending up in the same kind of relationship.",
]
HOPES = [
    "To sleep through the night and enjoy things again.",
    "To take the bus to work without panicking.",
    "To feel like myself again and be a better parent.",
    "To cut down to weekends only.",
    "To be able to talk about what happened without falling apart.",
    "To get back to my football team.",
]
STRENGTHS = [
    "I'm stubborn in a good way. I don't give up.",
    "My sister and my dog. I'm good with my hands.",
    "I care a lot about people, and I'm funny when I'm well.",
    "I've got through hard things before. I like running.",
    "My faith community, and I'm organised.",
]
HELPED = [
    "Walking in the morning. Writing things down.",
    "Talking to my sister. Breathing exercises a little.",
    "Medication helped with sleep for a while.",
    "Being busy, though that stops working after a while.",
]
NOT_HELPED = [
    "Being told to just think positive.",
    "Group therapy felt too exposing last time.",
    "Drinking to sleep.",
    "A counsellor who kept looking at the clock.",
]
CULTURE = [
    "Family is everything to me; my parents don't know I'm coming here.",
    "I'm Muslim and I pray five times a day; please avoid Friday lunchtimes.",
    "I grew up in care. I find it hard to trust services.",
    "I'm Deaf; BSL is my first language.",
    "Church is a big part of my life and I'd like that respected.",
    "I'm non-binary and it matters that people use my name and pronouns.",
]
SENSITIVITIES = [
    "Lost a brother to suicide in 2023: ask about family gently and never in passing.",
    "Previous bad experience with police during a crisis: explain before involving anyone.",
    "Does not want to discuss childhood until they raise it.",
    "Becomes distressed if the door is closed: leave it ajar and sit near it.",
    "Weight and eating are sensitive: avoid comments on appearance.",
]
REFERRAL_REASONS = [
    "Low mood and withdrawal",
    "Panic attacks",
    "Anxiety after a road traffic accident",
    "Bereavement",
    "Alcohol use",
    "Work stress and irritability",
    "Trauma symptoms",
]
LANGUAGES = ["Spanish", "Vietnamese", "Arabic", "Polish", "Haitian Creole"]
PRONOUNS = ["she/her", "he/him", "they/them", "she/her", "he/him", ""]


def seed_staff(passwords: dict[str, str]) -> dict[str, User]:
    staff = {}
    for username, role, first, last in STAFF:
        staff[username] = user_create(
            acting_user=None,
            username=username,
            role=role,
            password=passwords[username],
            first_name=first,
            last_name=last,
            email=f"{username}@example.org",
        )
    for supervisee in ("clinician", "clinician2"):
        supervision_add(
            acting_user=None, supervisor=staff["supervisor"], supervisee=staff[supervisee]
        )
    return staff


def seed_clients(
    count: int,
    clinicians: list[User],
    *,
    seed: int = 2026,
    acting_user: User | None = None,
    history_weeks: int = 8,
):
    """Create `count` clients spread over `clinicians`, each with a perspective,
    communication profile, episode and appointment history, through the services (so
    the audit trail is as it would be in real use)."""
    fake = Faker("en_US")
    Faker.seed(seed)
    rng = random.Random(seed)  # noqa: S311 - repeatable synthetic data, not security
    now = clock.now()
    created = []
    # Each clinician's booked hours, so no two of their demo sessions overlap (the
    # booking rule, clients/booking.py, refuses that; history is written in bulk).
    diaries: dict[int, set[datetime]] = {}
    for index in range(count):
        clinician = clinicians[index % len(clinicians)]
        actor = acting_user or clinician
        first, last = fake.first_name(), fake.last_name()
        status = rng.choices(
            [
                ClientStatus.ACTIVE,
                ClientStatus.INTAKE,
                ClientStatus.REFERRAL,
                ClientStatus.ON_HOLD,
            ],
            weights=[70, 12, 10, 8],
        )[0]
        client = services.client_create(
            acting_user=actor,
            primary_clinician=clinician,
            fields={
                "legal_name": f"{first} {last}",
                "preferred_name": first if rng.random() > 0.8 else "",
                "pronouns": rng.choice(PRONOUNS),
                "date_of_birth": fake.date_of_birth(minimum_age=18, maximum_age=80),
                "email": f"{first}.{last}@example.com".lower(),
                "phone": f"555-01{rng.randint(10, 99)}",
                "address": fake.address(),
                "emergency_contact_name": fake.name(),
                "emergency_contact_relationship": rng.choice(
                    ["partner", "mother", "father", "sister", "friend", "son", "daughter"]
                ),
                "emergency_contact_phone": f"555-02{rng.randint(10, 99)}",
                "status": status,
            },
        )
        _fill_record(client, actor, rng, index)
        diary = diaries.setdefault(clinician.pk, set())
        _appointments(client, clinician, rng, now, history_weeks, status, diary)
        created.append(client)
    return created


def _fill_record(client, actor, rng, index):
    services.perspective_save(
        acting_user=actor,
        client=client,
        changes={
            "what_brings_them": rng.choice(BRINGS),
            "hopes": rng.choice(HOPES),
            "strengths": rng.choice(STRENGTHS),
            "what_has_helped": rng.choice(HELPED),
            "what_has_not_helped": rng.choice(NOT_HELPED),
            "culture_and_values": rng.choice(CULTURE),
        },
    )
    interpreter = index % 6 == 1
    language = rng.choice(LANGUAGES) if interpreter else "English"
    services.communication_save(
        acting_user=actor,
        client=client,
        changes={
            "preferred_language": language,
            "interpreter_needed": interpreter,
            "interpreter_language": language if interpreter else "",
            "reading_level": rng.choice(ReadingLevel.values),
            "preferred_channel": rng.choice(ContactChannel.values),
            "preferred_times": rng.choice(
                ["Weekday mornings", "After 5pm", "Any time", "Not on Fridays"]
            ),
            "what_helps": rng.choice(
                [
                    "Short written summaries after sessions.",
                    "Time to think before answering.",
                    "Plain words, no jargon.",
                    "",
                ]
            ),
            "sensitivities": SENSITIVITIES[index % len(SENSITIVITIES)] if index % 3 == 0 else "",
        },
    )


SESSION_HOURS = [9, 10, 11, 13, 14, 15, 16]


def _free_hour(days: list, hour: int, diary: set[datetime]) -> datetime | None:
    """The first of `days` (in order) with an hour free in the clinician's `diary` (the
    starts already booked): the client's usual hour first, then the later ones, wrapping
    round. None when every hour of every day is taken."""
    first = SESSION_HOURS.index(hour)
    for day in days:
        for step in range(len(SESSION_HOURS)):
            at = SESSION_HOURS[(first + step) % len(SESSION_HOURS)]
            starts = timezone.make_aware(datetime.combine(day, time(hour=at)))
            if starts not in diary:
                return starts
    return None


def _appointments(client, clinician, rng, now, weeks, status, diary):
    """Weekly sessions at one hour, on weekdays, for the last `weeks` weeks and the next
    two. This week's falls today or tomorrow (then a day after) at an hour the clinician
    has free, so every clinician's home page has sessions today, left unrecorded, and
    tomorrow. Every session takes an hour free in the clinician's `diary`, so the demo
    never double-books anyone (H-105; the booking rule in clients/booking.py refuses
    that, and history is written in bulk)."""
    if status in (ClientStatus.REFERRAL,):
        return
    hour = rng.choice(SESSION_HOURS)
    today = timezone.localdate(now)
    start = today - timedelta(weeks=weeks)
    first_day = start - timedelta(days=start.weekday())  # a Monday
    rows = []
    for week in range(weeks + 2):
        monday = first_day + timedelta(weeks=week)
        offset = rng.randint(0, 4)
        moved = week == weeks and status != ClientStatus.ON_HOLD
        if moved:
            usual = monday + timedelta(days=offset)
            if timezone.make_aware(datetime.combine(usual, time(hour=hour))) < now:
                rng.random()  # the draw its outcome took: the rest of the practice stays
            # Today or tomorrow, whichever this clinician has fewer sessions on so far
            # (today on a tie): every clinician with a client has one today, at any hour
            # the demo is seeded, and the rest are shared out.
            booked = [timezone.localdate(at) for at in diary]
            first = int(booked.count(today) > booked.count(today + timedelta(days=1)))
            days = [today + timedelta(days=n) for n in (first, 1 - first, 2, 3, 4, 5, 6)]
        else:
            days = [monday + timedelta(days=(offset + step) % 5) for step in range(5)]
        starts = _free_hour(days, hour, diary)
        if starts is None:
            continue
        if moved:
            attendance = Attendance.SCHEDULED  # waiting to be recorded on the home page
        elif starts < now:
            attendance = rng.choices(
                [
                    Attendance.ATTENDED,
                    Attendance.NO_SHOW,
                    Attendance.LATE_CANCELLATION,
                    Attendance.CANCELLED_BY_CLIENT,
                    Attendance.CANCELLED_BY_CLINICIAN,
                ],
                weights=[78, 8, 5, 6, 3],
            )[0]
        elif status == ClientStatus.ON_HOLD:
            continue
        else:
            attendance = Attendance.SCHEDULED
        diary.add(starts)
        rows.append(
            Appointment(
                client=client,
                clinician=clinician,
                starts_at=starts,
                duration_minutes=50,
                kind=AppointmentKind.INTAKE if week == 0 else AppointmentKind.SESSION,
                attendance=attendance,
            )
        )
    # History is generated in bulk: it is synthetic background, not a user's action.
    Appointment.objects.bulk_create(rows)
    # The episode of care began with the first appointment, not on the day of seeding.
    client.episodes.filter(ended_on__isnull=True).update(
        started_on=first_day,
        reason=rng.choice(REFERRAL_REASONS),
        referral_source=rng.choice(
            [
                "GP",
                "Self-referral",
                "Hospital discharge team",
                "Employee assistance programme",
                "School counsellor",
            ]
        ),
    )


@dataclass(frozen=True)
class DemoStep:
    """One capability's demo data: `seed(staff=..., clients=..., rng=...)`, with a random
    generator of its own, named by `label`, so one step's draws never shift another's."""

    label: str
    seed: Callable[..., None]


def seed_capabilities(*, staff: dict[str, User], clients: list, seed: int = 2026) -> None:
    """Let each capability add its demo data, in the order caseload/composition.py
    lists them (DEMO_STEPS)."""
    steps: tuple[DemoStep, ...] = composed("DEMO_STEPS")
    for step in steps:
        rng = random.Random(f"{seed}-{step.label}")  # noqa: S311 - synthetic data
        step.seed(staff=staff, clients=clients, rng=rng)
