"""JSON answers for the errors the door and the services raise.

Django's own handlers would render HTML pages; an API client needs a status and a
message it can show. A hidden client and a missing one get the same body (H-001)."""

from functools import partial

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError

from caseload.core.http import FORBIDDEN, NOT_AUTHENTICATED, NOT_FOUND, validation_messages


def register_error_handlers(api: NinjaAPI) -> None:
    api.add_exception_handler(AuthenticationError, partial(_unauthenticated, api=api))
    api.add_exception_handler(Http404, partial(_not_found, api=api))
    api.add_exception_handler(PermissionDenied, partial(_forbidden, api=api))
    api.add_exception_handler(DjangoValidationError, partial(_invalid, api=api))


def _unauthenticated(request: HttpRequest, exc: Exception, *, api: NinjaAPI) -> HttpResponse:
    response = api.create_response(request, {"detail": NOT_AUTHENTICATED}, status=401)
    response["WWW-Authenticate"] = 'Bearer realm="caseload"'
    return response


def _not_found(request: HttpRequest, exc: Exception, *, api: NinjaAPI) -> HttpResponse:
    # Never the exception's own text: it must not tell "not yours" from "does not exist".
    return api.create_response(request, {"detail": NOT_FOUND}, status=404)


def _forbidden(request: HttpRequest, exc: Exception, *, api: NinjaAPI) -> HttpResponse:
    return api.create_response(request, {"detail": str(exc) or FORBIDDEN}, status=403)


def _invalid(request: HttpRequest, exc: DjangoValidationError, *, api: NinjaAPI) -> HttpResponse:
    return api.create_response(request, {"detail": validation_messages(exc)}, status=422)
