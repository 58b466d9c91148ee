import secrets

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.test.utils import override_settings

from caseload.accounts.models import User
from caseload.core.local_secrets import read_or_create
from caseload.demo import synthetic

DEMO_CLIENTS = 28


class Command(BaseCommand):
    help = "Seed the demo practice (synthetic clients, staff of every role) if it is empty."

    def add_arguments(self, parser):
        parser.add_argument("--clients", type=int, default=DEMO_CLIENTS)

    def handle(self, *args, clients, **options):
        credentials = self._credentials()
        if User.objects.exists():
            self.stdout.write("The demo practice is already seeded; keeping its data.")
        else:
            # The seed raises alerts and sends links like real use; keep their emails off
            # the terminal so the credentials below stay readable.
            with (
                override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"),
                transaction.atomic(),
            ):
                staff = synthetic.seed_staff(credentials)
                clinicians = [
                    staff["clinician"],
                    staff["clinician2"],
                    staff["clinician3"],
                    staff["supervisor"],
                ]
                created = synthetic.seed_clients(clients, clinicians)
                synthetic.seed_capabilities(staff=staff, clients=created)
            self.stdout.write(
                self.style.SUCCESS(f"Seeded a demo practice with {clients} synthetic clients.")
            )
        self._print(credentials)

    def _credentials(self) -> dict[str, str]:
        # Random per installation, kept in var/ so every `make run` can print them again.
        path = settings.VAR_DIR / "demo-credentials.txt"
        text = read_or_create(
            path,
            lambda: "\n".join(
                f"{username} {secrets.token_urlsafe(9)}" for username, *_ in synthetic.STAFF
            ),
        )
        return dict(line.split(" ", 1) for line in text.splitlines() if line.strip())

    def _print(self, credentials):
        roles = {username: role.label for username, role, *_ in synthetic.STAFF}
        self.stdout.write("")
        self.stdout.write(
            self.style.WARNING(
                "DEMO ONLY - synthetic practice, do not use for real clients. Sign in with:"
            )
        )
        for username, password in credentials.items():
            self.stdout.write(f"  {roles.get(username, ''):<18} {username:<12} {password}")
        self.stdout.write("")
