import getpass
import sys

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from caseload.accounts.models import Role, User
from caseload.accounts.services import user_create


class Command(BaseCommand):
    help = "Create a staff account: caseload adduser USERNAME --role ROLE [--supervisor U]"

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--role", required=True, choices=Role.values)
        parser.add_argument("--supervisor", default="", help="username of their supervisor")
        parser.add_argument(
            "--password-stdin", action="store_true", help="read the password from standard input"
        )
        parser.add_argument("--first-name", default="")
        parser.add_argument("--last-name", default="")
        parser.add_argument("--email", default="")

    def handle(self, *args, username, role, supervisor, password_stdin, **options):
        supervisor_user = None
        if supervisor:
            supervisor_user = User.objects.filter(username=supervisor).first()
            if supervisor_user is None:
                raise CommandError(f"No staff member is called {supervisor!r}.")
        if password_stdin:
            password = sys.stdin.readline().rstrip("\n")
        else:
            password = getpass.getpass("Password: ")
            if password != getpass.getpass("Password (again): "):
                raise CommandError("The passwords do not match.")
        try:
            user = user_create(
                acting_user=None,
                username=username,
                role=role,
                password=password,
                first_name=options["first_name"],
                last_name=options["last_name"],
                email=options["email"],
                supervisor=supervisor_user,
            )
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        self.stdout.write(f"Created {user.username} ({user.get_role_display()}).")
