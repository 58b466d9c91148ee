"""Bearer-token authentication for the REST API.

Only `Authorization: Bearer <token>` is accepted. Session cookies are deliberately not an
API credential: a cookie rides along on cross-site requests, a bearer header does not, so
the API needs no CSRF token."""

from django.http import HttpRequest
from ninja.security import HttpBearer

from caseload.accounts.models import User
from caseload.accounts.services import api_token_user


class ApiRequest(HttpRequest):
    """The request an API handler receives: ApiTokenAuth has let it in, and ninja has set
    `auth` to what `authenticate` returned, the token's owner. Handlers annotate their
    request with this so that `request.auth` is typed (django-ninja has no mypy plugin)."""

    auth: User


class ApiTokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        user = api_token_user(token)
        if user is not None:
            # Services and the audit trail fall back to request.user when no actor is
            # named; the token's owner, not any session cookie, is the caller.
            request.user = user
        return user
