from django.core.paginator import Paginator
from django.http import StreamingHttpResponse
from django.shortcuts import render

from caseload.accounts.decorators import role_required
from caseload.accounts.models import Role
from caseload.audit.forms import AuditSearchForm
from caseload.audit.search import audit_search, csv_rows
from caseload.audit.services import audit_record
from caseload.core import clock

privacy_officer_only = role_required(Role.PRIVACY_OFFICER)


@privacy_officer_only
def search(request):
    form = AuditSearchForm(request.GET or None)
    page = None
    if form.is_bound and form.is_valid():
        events = audit_search(**form.filters())
        page = Paginator(events, 100).get_page(request.GET.get("page"))
        audit_record(action="audit.search", request=request, detail=_describe(form))
    elif not form.is_bound:
        page = Paginator(audit_search(), 100).get_page(1)
    return render(
        request,
        "audit/search.html",
        {"form": form, "page": page},
        status=400 if form.errors else 200,
    )


@privacy_officer_only
def export_csv(request):
    form = AuditSearchForm(request.GET)
    if not form.is_valid():
        return render(request, "audit/search.html", {"form": form, "page": None}, status=400)
    audit_record(action="audit.export", request=request, detail=_describe(form))
    response = StreamingHttpResponse(
        csv_rows(audit_search(**form.filters()).order_by("seq")),
        content_type="text/csv; charset=utf-8",
    )
    stamp = clock.now().strftime("%Y%m%d-%H%M%S")
    response["Content-Disposition"] = f'attachment; filename="caseload-audit-{stamp}.csv"'
    return response


def _describe(form) -> dict:
    return {key: str(value) for key, value in form.filters().items() if value}
