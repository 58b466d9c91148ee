from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from caseload.accounts.models import ApiToken, User
from caseload.accounts.services import api_token_create, api_token_revoke


class Command(BaseCommand):
    help = (
        "Print a new API token for USERNAME (shown once; stored hashed). "
        "--revoke PREFIX revokes one, --list lists them."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--label", default="")
        parser.add_argument("--revoke", metavar="PREFIX", default="")
        parser.add_argument("--list", action="store_true")

    def handle(self, *args, username, label, revoke, list, **options):
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No staff member is called {username!r}.")
        if list:
            for token in ApiToken.objects.filter(user=user):
                state = f"revoked {token.revoked_at:%Y-%m-%d}" if token.revoked_at else "active"
                self.stdout.write(f"{token.prefix}  {state}  {token.label}")
            return
        if revoke:
            token = ApiToken.objects.filter(user=user, prefix=revoke).first()
            if token is None:
                raise CommandError(f"{username} has no token starting {revoke!r}.")
            api_token_revoke(acting_user=None, token=token)
            self.stdout.write(f"Revoked {token.prefix}.")
            return
        try:
            _, secret = api_token_create(acting_user=None, user=user, label=label)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        self.stdout.write(secret)
