"""The 404 and 403 pages (settings: handler404, handler403). They live in the audit app
because a refusal is an audit event."""

from django.shortcuts import render

from caseload.audit.services import audit_record


def not_found(request, exception=None):
    return render(request, "errors/404.html", status=404)


def forbidden(request, exception=None):
    """Role refusals are audited like refusals at the door, so the privacy officer sees
    who tried to reach what."""
    if request.user.is_authenticated:
        audit_record(
            action="access.forbidden",
            request=request,
            detail={"path": request.path[:200], "method": request.method},
        )
    return render(request, "errors/403.html", status=403)
