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

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from django.db.models import Count, DateTimeField, F, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce

from caseload.clients.models import Appointment, Attendance
from caseload.core import clock

WINDOW = 8
MIN_COUNTED = 4
LOW_RATE = 0.6
MISSED_RUN = 2
CONSISTENCY_DAYS = 90
LATE_START_GRACE = timedelta(minutes=5)
EPOCH = datetime(1900, 1, 1, tzinfo=UTC)
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


def _count(queryset) -> Subquery:
    counted = queryset.order_by().values("client").annotate(total=Count("pk")).values("total")
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def engagement_annotations() -> dict:
    """The same figures as subqueries for the caseload page's one query: the start of
    the eighth most recent counted session bounds the window; the last attended
    session bounds the missed run."""
    counted = _counted_past(OuterRef("pk"))
    window = counted.filter(starts_at__gte=OuterRef("signal_engagement_since"))
    return {
        "signal_engagement_since": Coalesce(
            Subquery(
                counted.order_by("-starts_at", "-id").values("starts_at")[WINDOW - 1 : WINDOW]
            ),
            Subquery(counted.order_by("starts_at", "id").values("starts_at")[:1]),
        ),
        "signal_engagement_last_attended": Subquery(
            counted.filter(attendance=Attendance.ATTENDED)
            .order_by("-starts_at")
            .values("starts_at")[:1]
        ),
        "signal_engagement_counted": _count(window),
        "signal_engagement_attended": _count(window.filter(attendance=Attendance.ATTENDED)),
        # Every counted session after the last attended one was missed; with none
        # attended ever, all of them were.
        "signal_engagement_missed_run": _count(
            counted.annotate(
                since=Coalesce(
                    OuterRef("signal_engagement_last_attended"),
                    Value(EPOCH, output_field=DateTimeField()),
                )
            ).filter(starts_at__gt=F("since"))
        ),
    }


def engagement_of_annotated(client) -> Engagement:
    """A client loaded with `engagement_annotations`. The run is capped at the window,
    as `engagement_from_outcomes` sees only the window."""
    return Engagement(
        counted=client.signal_engagement_counted,
        attended=client.signal_engagement_attended,
        missed_run=min(client.signal_engagement_missed_run, WINDOW),
    )


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
