from django.core.management.base import BaseCommand

from caseload.safety.services import alerts_escalate_due, follow_ups_raise_missed


class Command(BaseCommand):
    help = (
        "Escalate unacknowledged safety alerts that are due and raise alerts for missed "
        "follow-up contacts. Run it every minute (cron or a systemd timer); several app "
        "servers may run it at once."
    )

    def handle(self, *args, **options):
        # Missed follow-ups first: the alerts they raise join this run's escalation check.
        missed = follow_ups_raise_missed()
        steps = alerts_escalate_due()
        self.stdout.write(f"escalated={steps} missed_follow_ups={missed}")
