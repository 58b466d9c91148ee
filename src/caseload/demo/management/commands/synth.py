from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from caseload.accounts.models import Role, User
from caseload.demo import synthetic


class Command(BaseCommand):
    help = "Add N synthetic clients to the practice (for benchmarks and load tests)."

    def add_arguments(self, parser):
        parser.add_argument("--clients", type=int, required=True)
        parser.add_argument(
            "--clinician", default="", help="Put every client on this clinician's caseload."
        )
        parser.add_argument("--seed", type=int, default=7)

    def handle(self, *args, clients, clinician, seed, **options):
        if clients < 1:
            raise CommandError("--clients must be at least 1.")
        roles = (Role.CLINICIAN, Role.SUPERVISOR)
        query = User.objects.filter(is_active=True, role__in=roles)
        if clinician:
            query = query.filter(username=clinician)
        clinicians = list(query)
        if not clinicians:
            raise CommandError("No active clinician found; run `caseload demo` first.")
        with transaction.atomic():
            synthetic.seed_clients(clients, clinicians, seed=seed)
        self.stdout.write(f"Added {clients} synthetic clients.")
