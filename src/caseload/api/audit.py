"""/audit: searching the audit trail, for the privacy officer only."""

from django.core.exceptions import PermissionDenied
from ninja import Query, Router

from caseload.accounts.models import Role
from caseload.api.auth import ApiRequest
from caseload.api.schemas import AuditFilters, AuditPage
from caseload.audit.search import audit_search
from caseload.audit.services import audit_record

router = Router(tags=["audit"])


@router.get("/audit", response=AuditPage, url_name="audit_search", operation_id="audit_search")
def search(request: ApiRequest, filters: Query[AuditFilters]):
    """Audit events matching every filter given, newest first."""
    if request.auth.role != Role.PRIVACY_OFFICER:
        raise PermissionDenied("Only the privacy officer may search the audit trail.")
    terms = filters.search_terms()
    events = audit_search(**terms)
    rows = filters.rows(events)
    # Searching the trail is itself audited, as on the audit search page.
    audit_record(
        action="audit.search",
        actor=request.auth,
        request=request,
        detail={key: str(value) for key, value in terms.items() if value},
    )
    return {"items": rows, "count": events.count()}
