from django.core.management.base import BaseCommand, CommandError

from caseload.audit.models import AuditEvent
from caseload.audit.services import audit_verify


class Command(BaseCommand):
    help = "Audit trail tools. `caseload audit verify` checks the hash chain."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser(
            "verify", help="exit 0 if the chain is intact, 1 naming the first bad event if not"
        )

    def handle(self, *args, action, **options):
        problem = audit_verify()
        if problem is not None:
            raise CommandError(f"Audit trail is NOT intact: {problem}", returncode=1)
        count = AuditEvent.objects.count()
        self.stdout.write(self.style.SUCCESS(f"Audit trail intact: {count} events verified."))
