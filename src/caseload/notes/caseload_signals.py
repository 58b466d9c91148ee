"""The notes' badges on the caseload page, and the overdue count on the workload page.

Each caseload rule is one query for a page of clients (clients.caseload), so they cost
no query per client."""

from django.utils.translation import gettext as _

from caseload.clients.access import Part
from caseload.clients.caseload import Signal, SignalRule
from caseload.notes.engagement import engagement_for_page
from caseload.notes.overdue import overdue_for_page, overdue_hours


def _overdue_signals(overdue: bool | None) -> list[Signal]:
    if overdue:
        return [
            Signal(
                _("Note overdue"),
                "warning",
                _("A session has no signed note %(hours)s hours after it started.")
                % {"hours": overdue_hours()},
            )
        ]
    return []


def _engagement_signals(engagement) -> list[Signal]:
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
    page_data=overdue_for_page,
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
