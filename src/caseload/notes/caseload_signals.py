"""The notes' badges on the caseload page, and the overdue count on the workload page.

Both caseload rules add subqueries to the page's one query (clients.caseload), so they
cost no query per client."""

from django.utils.translation import gettext as _

from caseload.clients.access import Part
from caseload.clients.caseload import Signal, SignalRule
from caseload.notes.engagement import engagement_for_page
from caseload.notes.overdue import (
    overdue_annotations,
    overdue_hours,
)


def _overdue_signals(client) -> list[Signal]:
    if client.signal_note_overdue_session or client.signal_note_overdue_loose:
        return [
            Signal(
                _("Note overdue"),
                "warning",
                _("A session has no signed note %(hours)s hours after it started.")
                % {"hours": overdue_hours()},
            )
        ]
    return []


def _engagement_signals(client) -> list[Signal]:
    engagement = client.signal_engagement_dropping  # from engagement_for_page
    if engagement is None or not engagement.dropping:
        return []
    return [
        Signal(
            _("Engagement dropping"),
            "info",
            _("Attended %(attended)s of the last %(counted)s sessions; %(run)s missed in a row.")
            % {
                "attended": engagement.attended,
                "counted": engagement.counted,
                "run": engagement.missed_run,
            },
        )
    ]


NOTE_OVERDUE = SignalRule(
    name="note_overdue",
    part=Part.CLINICAL,
    annotations=overdue_annotations,
    signals=_overdue_signals,
)
ENGAGEMENT_DROPPING = SignalRule(
    name="engagement_dropping",
    # Drawn from attendance alone (notes/engagement.py): the scheduling side of the
    # record, which intake keeps; it says nothing of what happens in the sessions.
    part=Part.DEMOGRAPHICS,
    page_data=engagement_for_page,
    signals=_engagement_signals,
)
