from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import HttpRequest

# The answers the machine interfaces (the REST API and FHIR) give for the errors the
# door and the services raise. A hidden client and a missing one read the same (H-001).
NOT_FOUND = "Not found."
NOT_AUTHENTICATED = "A valid API token is required: send 'Authorization: Bearer <token>'."
FORBIDDEN = "You do not have permission to do this."


def client_ip(request: HttpRequest | None) -> str | None:
    """The caller's address: REMOTE_ADDR, or the proxy-appended X-Forwarded-For entry
    when CASELOAD_PROXY_COUNT trusted proxies stand in front of the app."""
    if request is None:
        return None
    proxies = settings.CASELOAD_PROXY_COUNT
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies and forwarded:
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if len(hops) >= proxies:
            return hops[-proxies]
    return request.META.get("REMOTE_ADDR") or None


def validation_messages(error: DjangoValidationError) -> list[str]:
    """The error's messages, each prefixed with the field it is about."""
    if not hasattr(error, "error_dict"):
        return list(error.messages)
    return [
        message if field == NON_FIELD_ERRORS else f"{field}: {message}"
        for field, messages in error.message_dict.items()
        for message in messages
    ]
