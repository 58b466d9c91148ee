"""`caseload privacy_reminders`: run every few minutes (cron or a systemd timer).

Consents that expire within 30 days remind the primary clinician; mandatory reports past
their deadline notify the reporter, their supervisors and the privacy officer;
break-the-glass grants that ran out tell the primary clinician and the privacy officer.
Each is done once (the row records it), so running often is safe."""

from django.core.management.base import BaseCommand

from caseload.privacy.services import (
    break_glass_notify_expired,
    consents_remind_expiring,
    reports_notify_overdue,
)


class Command(BaseCommand):
    help = "Send consent renewal reminders, overdue report notices and break-the-glass ends."

    def handle(self, *args, **options):
        reminded = consents_remind_expiring()
        overdue = reports_notify_overdue()
        ended = break_glass_notify_expired()
        self.stdout.write(
            f"{reminded} consent reminder(s), {overdue} overdue report notice(s), "
            f"{ended} emergency access(es) ended."
        )
