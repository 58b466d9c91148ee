"""One line per refused or missing page in the server's log.

Django logs a 403 raised as PermissionDenied with the whole traceback, so every refusal
(a role reaching a page it may not use, a routine event) filled the terminal with a stack
that says nothing new. A 4xx is the app working as meant: the log keeps who asked for
what, in one line at WARNING; a 5xx keeps its traceback.
"""

import logging
from http import HTTPStatus


class ClientErrorsOnOneLine(logging.Filter):
    """On `django.request`: a 4xx record becomes "<status> <reason>: <path> (user: <who>)"
    with no traceback. Who is the username, or "anonymous"; never anything else from the
    request (no query string, which may carry a client link's token)."""

    def filter(self, record: logging.LogRecord) -> bool:
        status = getattr(record, "status_code", None)
        if not isinstance(status, int) or not 400 <= status < 500:
            return True
        request = getattr(record, "request", None)
        path = getattr(request, "path", "?")
        record.msg = "%s %s: %s (user: %s)"
        record.args = (status, _reason(status), path, _who(request))
        record.exc_info = None
        record.exc_text = None
        return True


def _reason(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Client error"


def _who(request) -> str:
    # Read what the authentication middleware already set; a request refused before it
    # ran (a bad host, a CSRF failure on sign-in) has no user yet.
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return "anonymous"
    return user.get_username()
