"""Attendance, engagement and the clinician's own consistency (docs/guide-notes.md).

Counted sessions are the client's past appointments with a recorded outcome, except the
ones the clinician cancelled (the client did not miss those). Of the last eight counted
sessions:
- the attendance rate is attended / counted;
- the missed run is how many counted sessions in a row, most recent first, were not
  attended (no-show, late cancellation or cancelled by the client);
- engagement is "dropping" when two or more sessions in a row were missed, or when fewer
  than 60% of at least four counted sessions were attended. It is shown gently (an info
  badge): a prompt to talk about what gets in the way, not a judgement.

The clinician's consistency: over the last 90 days, the sessions they cancelled and the
sessions they started more than five minutes late (from `Appointment.started_at`).
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Count, F, Q, Window
from django.db.models.functions import RowNumber

from caseload.clients.models import Appointment, Attendance
from caseload.core import clock

WINDOW = 8
MIN_COUNTED = 4
LOW_RATE = 0.6
MISSED_RUN = 2
CONSISTENCY_DAYS = 90
LATE_START_GRACE = timedelta(minutes=5)
MISSED = (Attendance.NO_SHOW, Attendance.LATE_CANCELLATION, Attendance.CANCELLED_BY_CLIENT)
NOT_COUNTED = (Attendance.SCHEDULED, Attendance.CANCELLED_BY_CLINICIAN)


@dataclass(frozen=True)
class Engagement:
    counted: int
    attended: int
    missed_run: int

    @property
    def rate(self) -> float | None:
        return self.attended / self.counted if self.counted else None

    @property
    def rate_percent(self) -> int | None:
        return None if self.rate is None else round(self.rate * 100)

    @property
    def dropping(self) -> bool:
        if self.missed_run >= MISSED_RUN:
            return True
        return self.counted >= MIN_COUNTED and self.attended < LOW_RATE * self.counted


def engagement_from_outcomes(outcomes: list[str]) -> Engagement:
    """`outcomes`: attendance values of past appointments, most recent first."""
    counted = [outcome for outcome in outcomes if outcome not in NOT_COUNTED][:WINDOW]
    missed_run = next(
        (index for index, outcome in enumerate(counted) if outcome == Attendance.ATTENDED),
        len(counted),
    )
    return Engagement(
        counted=len(counted),
        attended=sum(1 for outcome in counted if outcome == Attendance.ATTENDED),
        missed_run=missed_run,
    )


def _counted_past(client_ref):
    return Appointment.objects.filter(client=client_ref, starts_at__lt=clock.now()).exclude(
        attendance__in=NOT_COUNTED
    )


def client_engagement(client) -> Engagement:
    """One client's engagement, in one query."""
    outcomes = list(
        _counted_past(client)
        .order_by("-starts_at", "-id")
        .values_list("attendance", flat=True)[:WINDOW]
    )
    return engagement_from_outcomes(outcomes)


def _ranked_for_page(client_ids: list[int]):
    """Each client's last eight counted sessions, ranked by a window function."""
    return (
        Appointment.objects.filter(client_id__in=client_ids, starts_at__lt=clock.now())
        .exclude(attendance__in=NOT_COUNTED)
        .annotate(
            rank=Window(
                RowNumber(),
                partition_by=[F("client_id")],
                order_by=[F("starts_at").desc(), F("id").desc()],
            )
        )
        .filter(rank__lte=WINDOW)
        .order_by("client_id", "rank")
        .values("client_id", "attendance")
    )


def engagement_for_page(client_ids: list[int]) -> dict[int, Engagement]:
    """Engagement for a page of clients in ONE query, then the same rule as one
    client's."""
    if not client_ids:
        return {}
    outcomes: dict[int, list[str]] = defaultdict(list)
    for row in _ranked_for_page(client_ids):
        outcomes[row["client_id"]].append(row["attendance"])
    return {client_id: engagement_from_outcomes(found) for client_id, found in outcomes.items()}


@dataclass(frozen=True)
class Consistency:
    clinician: object
    sessions: int  # booked with them in the period, whatever happened
    cancelled_by_clinician: int
    late_starts: int
    starts_recorded: int


def consistency_of(clinicians) -> list[Consistency]:
    """Each clinician's own cancellations and late starts over the last 90 days, in one
    query for all of them."""
    now = clock.now()
    since = now - timedelta(days=CONSISTENCY_DAYS)
    rows = (
        Appointment.objects.filter(
            clinician__in=clinicians, starts_at__gte=since, starts_at__lt=now
        )
        .order_by()
        .values("clinician")
        .annotate(
            sessions=Count("pk"),
            cancelled=Count("pk", filter=Q(attendance=Attendance.CANCELLED_BY_CLINICIAN)),
            recorded=Count("pk", filter=Q(started_at__isnull=False)),
            late=Count("pk", filter=Q(started_at__gt=F("starts_at") + LATE_START_GRACE)),
        )
    )
    figures = {row["clinician"]: row for row in rows}
    empty = {"sessions": 0, "cancelled": 0, "late": 0, "recorded": 0}
    return [
        Consistency(
            clinician=clinician,
            sessions=figures.get(clinician.pk, empty)["sessions"],
            cancelled_by_clinician=figures.get(clinician.pk, empty)["cancelled"],
            late_starts=figures.get(clinician.pk, empty)["late"],
            starts_recorded=figures.get(clinician.pk, empty)["recorded"],
        )
        for clinician in clinicians
    ]
