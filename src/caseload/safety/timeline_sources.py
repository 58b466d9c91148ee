"""The timeline source this app provides: safety alerts, in one query, by the safety
app's own rule (a supervisor sees an alert once it escalates to them)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from caseload.clients.timeline import TimelineEvent
from caseload.safety.alerts import alerts_visible_to


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
