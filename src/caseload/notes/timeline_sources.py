"""The timeline sources this app provides: notes (titles only, never psychotherapy
notes, whoever is looking) and safety alerts. One query each."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from caseload.clients.access import Part
from caseload.clients.timeline import TimelineEvent, TimelineSource, register_timeline_source
from caseload.notes.models import Note
from caseload.safety.alerts import alerts_visible_to


def _note_state(note: Note) -> str:
    if not note.is_signed:
        return _("draft")
    if note.awaiting_cosign:
        return _("signed, awaiting co-signature")
    if note.cosigned_at:
        return _("signed and co-signed")
    return _("signed")


def note_events(user, client, start, end) -> list[TimelineEvent]:
    # record_notes(): psychotherapy notes never reach the timeline, not even the
    # author's own (H-037). The body is deferred: titles only, nothing decrypted.
    notes = (
        client.notes.record_notes()
        .filter(occurred_at__gte=start, occurred_at__lt=end)
        .select_related("author")
        .defer("body")
    )
    return [
        TimelineEvent(
            at=note.occurred_at,
            source="notes",
            title=note.title,
            detail=f"{_note_state(note)} · {note.author}",
            url=reverse("notes:note", args=[client.pk, note.pk]),
            level="warning" if not note.is_signed else "info",
        )
        for note in notes
    ]


def alert_events(user, client, start, end) -> list[TimelineEvent]:
    # The safety app's own rule: a supervisor sees an alert once it escalates to them.
    alerts = (
        alerts_visible_to(user)
        .filter(client=client, raised_at__gte=start, raised_at__lt=end)
        .defer("evidence", "action_note")
    )
    return [
        TimelineEvent(
            at=alert.raised_at,
            source="alerts",
            title=f"{alert.get_severity_display()} {_('safety alert')}: {alert.reason}",
            detail=_("acknowledged") if alert.acknowledged_at else _("open"),
            url=reverse("safety:alert", args=[alert.pk]),
            level="danger" if alert.is_open else "info",
        )
        for alert in alerts
    ]


register_timeline_source(
    TimelineSource(
        key="notes",
        label=gettext_lazy("Notes"),
        part=Part.CLINICAL,
        events=note_events,
        order=20,
    )
)
register_timeline_source(
    TimelineSource(
        key="alerts",
        label=gettext_lazy("Safety alerts"),
        part=Part.CLINICAL,
        events=alert_events,
        order=50,
    )
)
