"""The plans' events on the client's timeline (caseload.clients.timeline): plan reviews
and signatures, agreement versions and acknowledgements, session feedback. Titles and
numbers only, never the plan's text. One query per kind of event, whatever the length of
the client's history."""

from datetime import datetime, time

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from caseload.clients.timeline import TimelineEvent


def _day_start(day) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(12)))


def plan_events(user, client, start, end) -> list[TimelineEvent]:
    url = reverse("plans:plan", args=[client.pk])
    events = [
        TimelineEvent(
            at=_day_start(review.reviewed_on),
            source="plans",
            title=_("Plan reviewed"),
            detail=_("GAS T-score %(score)s · %(who)s")
            % {"score": f"{review.t_score:.2f}", "who": review.reviewed_by},
            url=url,
        )
        for review in client.plan_reviews.filter(
            reviewed_on__gte=start.date(), reviewed_on__lt=end.date()
        ).select_related("reviewed_by")
    ]
    events += [
        TimelineEvent(
            at=signature.signed_at,
            source="plans",
            title=_("Plan signed by the client"),
            detail=_("Version %(version)s") % {"version": signature.version},
            url=reverse("plans:signature", args=[client.pk, signature.pk]),
        )
        for signature in client.plan_signatures.filter(
            signed_at__gte=start, signed_at__lt=end
        ).only("pk", "client_id", "version", "signed_at")
    ]
    return events


def agreement_events(user, client, start, end) -> list[TimelineEvent]:
    url = reverse("plans:agreement", args=[client.pk])
    events = []
    rows = client.agreements.filter(
        Q(created_at__gte=start, created_at__lt=end)
        | Q(acknowledged_at__gte=start, acknowledged_at__lt=end)
    ).only("pk", "client_id", "version", "created_at", "acknowledged_at")
    for agreement in rows:
        if start <= agreement.created_at < end:
            events.append(
                TimelineEvent(
                    at=agreement.created_at,
                    source="agreements",
                    title=_("Expectations agreement written"),
                    detail=_("Version %(version)s") % {"version": agreement.version},
                    url=url,
                )
            )
        if agreement.acknowledged_at and start <= agreement.acknowledged_at < end:
            events.append(
                TimelineEvent(
                    at=agreement.acknowledged_at,
                    source="agreements",
                    title=_("Agreement acknowledged by the client"),
                    detail=_("Version %(version)s") % {"version": agreement.version},
                    url=url,
                )
            )
    return events


def feedback_events(user, client, start, end) -> list[TimelineEvent]:
    url = reverse("plans:feedback", args=[client.pk])
    rows = client.session_feedback.filter(submitted_at__gte=start, submitted_at__lt=end).only(
        "pk",
        "client_id",
        "submitted_at",
        "heard",
        "focus",
        "approach",
        "concern",
        "concern_detail",
    )
    return [
        TimelineEvent(
            at=row.submitted_at,
            source="feedback",
            title=_("Session feedback"),
            detail=row.concern_detail or _("Total %(total)s/15") % {"total": row.total},
            url=url,
            level="danger" if row.concern else "info",
        )
        for row in rows
    ]
