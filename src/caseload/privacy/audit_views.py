import json

from django.core.paginator import Paginator
from django.http import Http404, StreamingHttpResponse
from django.shortcuts import render

from caseload.accounts.decorators import role_required
from caseload.accounts.models import Role
from caseload.audit.models import AuditEvent
from caseload.audit.services import audit_event_matches_its_hash, audit_record
from caseload.core import clock
from caseload.privacy import audit_trail
from caseload.privacy.audit_forms import AuditTrailForm, ExportConfirmForm
from caseload.privacy.audit_vocabulary import action_option_groups

# Whoever may search the audit trail: today the privacy officer alone.
audit_searchers_only = role_required(Role.PRIVACY_OFFICER)
PAGE_SIZE = 50


@audit_searchers_only
def search(request):
    form = AuditTrailForm(request.GET or None)
    if form.is_bound and not form.is_valid():
        return render(request, "audit/search.html", _refused(form), status=400)
    terms = form.cleaned_data if form.is_bound else {}
    found = audit_trail.trail_search_for(viewer=request.user, terms=terms)
    page = Paginator(found.events, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = audit_trail.readable_events(page.object_list, viewer=request.user)
    if form.is_bound:
        audit_record(action="audit.search", request=request, detail=form.described())
    context = {
        "form": form,
        "page": page,
        "rows": rows,
        "clients_found": found.clients_found,
        "more_clients": found.more_clients,
        "namesakes": [(client, _only(request, client)) for client in found.clients_found or []],
        "action_groups": action_option_groups(),
    }
    return render(request, "audit/search.html", context)


def _refused(form) -> dict:
    return {"form": form, "page": None, "action_groups": action_option_groups()}


def _only(request, client) -> str:
    """The search's query narrowed to one of several clients found by name."""
    query = request.GET.copy()
    query.pop("page", None)
    query["client_name"], query["date_of_birth"] = client.legal_name, client.date_of_birth
    return query.urlencode()


@audit_searchers_only
def export_csv(request):
    """The filtered trail as CSV. An export asks for the password again (STYLE.md: a
    dangerous action): GET shows what would be exported with a password field; the POST,
    with the same filters in its address, streams the file."""
    form = AuditTrailForm(request.GET)
    if not form.is_valid():
        return render(request, "audit/search.html", _refused(form), status=400)
    found = audit_trail.trail_search_for(viewer=request.user, terms=form.cleaned_data)
    confirm = ExportConfirmForm(request.POST or None, acting_user=request.user)
    if request.method != "POST" or not confirm.is_valid():
        context = {
            "confirm": confirm,
            "terms": [(form.fields[key].label, value) for key, value in form.described().items()],
            "count": found.events.count(),
            "query": request.GET.urlencode(),
        }
        return render(request, "audit/export_confirm.html", context)
    audit_record(action="audit.export", request=request, detail=form.described())
    response = StreamingHttpResponse(
        audit_trail.csv_lines(found.events.order_by("seq"), viewer=request.user),
        content_type="text/csv; charset=utf-8",
    )
    stamp = clock.now().strftime("%Y%m%d-%H%M%S")
    response["Content-Disposition"] = f'attachment; filename="caseload-audit-{stamp}.csv"'
    return response


@audit_searchers_only
def event(request, seq: int):
    found = AuditEvent.objects.filter(seq=seq).first()
    if found is None:
        raise Http404("No such event.")
    row = audit_trail.readable_events([found], viewer=request.user)[0]
    intact = audit_event_matches_its_hash(found)
    audit_record(action="audit.event_view", request=request, obj=found, detail={"seq": seq})
    context = {
        "row": row,
        "event": found,
        "intact": intact,
        "detail_json": json.dumps(found.detail, indent=2, sort_keys=True),
    }
    return render(request, "audit/event.html", context)
