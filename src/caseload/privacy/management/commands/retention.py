"""`caseload retention report` lists what is due; `caseload retention purge` removes it
(the only path that deletes client records), one audit event per record removed;
`caseload retention set <type> <years> [--minors-until-age N]` changes a period."""

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from caseload.audit.services import audit_record
from caseload.privacy.models import RetentionRule
from caseload.privacy.retention import RECORD_TYPES, retention_due, retention_purge, rule_for


class Command(BaseCommand):
    help = "Report or purge records whose retention period has ended."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("report", help="List what is due for removal.")
        purge = sub.add_parser("purge", help="Remove what is due, auditing each record.")
        purge.add_argument("--yes", action="store_true", help="Do not ask for confirmation.")
        rules = sub.add_parser("set", help="Set the retention period of a record type.")
        rules.add_argument("record_type", choices=sorted(RECORD_TYPES))
        rules.add_argument("years", type=int)
        rules.add_argument("--minors-until-age", type=int, default=None)

    def handle(self, *args, action, **options):
        if action == "report":
            return self._report()
        if action == "set":
            return self._set(options)
        if not options["yes"] and input("Remove every record listed as due? [y/N] ") != "y":
            raise CommandError("Nothing removed.")
        removed, kept = retention_purge()
        self.stdout.write(f"Removed {removed} record(s); kept {kept} still needed elsewhere.")

    def _report(self):
        for record_type in sorted(RECORD_TYPES):
            years, age = rule_for(record_type)
            self.stdout.write(f"{record_type}: {years} years after discharge (minors: from {age})")
        due = retention_due()
        for item in due:
            self.stdout.write(
                f"client #{item.client.pk} {item.record_type}: {item.count} record(s), "
                f"due since {item.due_on.isoformat()}"
            )
        self.stdout.write(f"{len(due)} item(s) due.")

    def _set(self, options):
        if not 1 <= options["years"] <= 100:
            raise CommandError("Give a period of 1 to 100 years.")
        with transaction.atomic():
            rule, _created = RetentionRule.objects.update_or_create(
                record_type=options["record_type"],
                defaults={
                    "years_after_discharge": options["years"],
                    "minors_until_age": options["minors_until_age"],
                },
            )
            audit_record(
                action="retention.rule_set",
                obj=rule,
                detail={"years": rule.years_after_discharge, "minors": rule.minors_until_age},
            )
        self.stdout.write(f"{rule.record_type}: {rule.years_after_discharge} years.")
