import csv

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from caseload.accounts.decorators import role_required
from caseload.accounts.models import Role
from caseload.audit.services import audit_record
from caseload.clients.access import Part, access_client
from caseload.clients.models import Client
from caseload.clients.pages import render_client_page
from caseload.core.forms import run_service
from caseload.measures import chart, outcomes, selectors, services
from caseload.measures.forms import AnswersForm, OutcomesForm, PlanForm, SendLinkForm
from caseload.measures.instruments import all_instruments
from caseload.measures.missing import missing_answers
from caseload.measures.rows import result_rows
from caseload.measures.schedule import plan_states

RESULTS_ON_TAB = 8  # per instrument; the chart page has them all


def _client(request, client_id, purpose: str, *, write: bool = False) -> Client:
    return access_client(
        request.user, client_id, part=Part.CLINICAL, write=write, purpose=purpose, request=request
    )


def _instrument(code: str):
    try:
        return services.instrument_named(code)
    except ValidationError:
        raise Http404("No such instrument.") from None


@login_required
def client_measures(request, client_id):
    client = _client(request, client_id, "measures")
    return _tab(request, client, PlanForm(), SendLinkForm())


def _tab(request, client, plan_form, link_form, status=200, sent=None):
    by_instrument = selectors.responses_by_instrument(client)
    names = {instrument.code: instrument for instrument in all_instruments()}
    results = [
        (names.get(code), result_rows(rows[:RESULTS_ON_TAB]), len(rows))
        for code, rows in sorted(by_instrument.items())
    ]
    measure_links = selectors.recent_measure_links(client, kind=services.LINK_KIND)
    return render_client_page(
        request,
        client,
        "measures/client.html",
        {
            "results": results,
            "plans": plan_states(client),
            "measure_links": measure_links,
            "instruments": all_instruments(),
            "plan_form": plan_form,
            "link_form": link_form,
            "sent": sent,
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def entry(request, client_id, code):
    write = request.method == "POST"
    client = _client(request, client_id, "enter a measure", write=write)
    instrument = _instrument(code)
    form = AnswersForm(request.POST or None, instrument=instrument)
    missing = None
    if write and form.is_valid():
        missing = missing_answers(instrument, form.answers())
    if missing and not form.missing_confirmed():
        # Nothing is stored until the gaps have been seen and confirmed (H-107).
        return render_client_page(
            request,
            client,
            "measures/entry.html",
            {"form": form, "instrument": instrument, "missing": missing},
        )
    if write and form.is_valid():
        response = run_service(
            form,
            services.response_record,
            client=client,
            instrument=instrument.code,
            answers=form.answers(),
            source="session",
            acting_user=request.user,
            request=request,
        )
        if response is not None:
            _say_recorded(request, instrument, response)
            return redirect("measures:chart", client_id=client.pk, code=instrument.code)
    return render_client_page(
        request,
        client,
        "measures/entry.html",
        {"form": form, "instrument": instrument},
        status=400 if form.errors else 200,
    )


def _say_recorded(request, instrument, response) -> None:
    total = "not scored" if response.total is None else f"{response.total:g}"
    band = f" ({response.band_label})" if response.band_label else ""
    messages.success(
        request,
        _("%(name)s recorded: %(total)s%(band)s.")
        % {
            "name": instrument.name,
            "total": total,
            "band": band,
        },
    )
    for flag in response.risk_flags:
        messages.warning(
            request, _("Safety alert raised: %(reason)s") % {"reason": flag["reason"]}
        )


@login_required
def chart_page(request, client_id, code):
    client = _client(request, client_id, "measure chart")
    instrument = _instrument(code)
    responses = list(client.measure_responses.filter(instrument=instrument.code))
    return render_client_page(
        request,
        client,
        "measures/chart.html",
        {
            "instrument": instrument,
            "chart": chart.build_chart(instrument, responses, client),
            "rows": result_rows(responses[::-1]),
        },
    )


@login_required
@require_POST
def plan_save(request, client_id):
    client = _client(request, client_id, "measure plan", write=True)
    form = PlanForm(request.POST)
    if form.is_valid() and run_service(
        form,
        services.measure_plan_save,
        acting_user=request.user,
        client=client,
        request=request,
        **form.cleaned_data,
    ):
        messages.success(request, _("Measure plan saved."))
        return redirect("measures:client", client_id=client.pk)
    return _tab(request, client, form, SendLinkForm(), status=400)


@login_required
@require_POST
def plan_stop(request, client_id, plan_id):
    client = _client(request, client_id, "stop a measure plan", write=True)
    plan = get_object_or_404(client.measure_plans, pk=plan_id)
    services.measure_plan_stop(acting_user=request.user, plan=plan, request=request)
    messages.success(request, _("Measure plan stopped. Its results are kept."))
    return redirect("measures:client", client_id=client.pk)


@login_required
@require_POST
def link_send(request, client_id):
    client = _client(request, client_id, "send a measure link", write=True)
    form = SendLinkForm(request.POST)
    sent = form.is_valid() and run_service(
        form,
        services.measure_link_send,
        acting_user=request.user,
        client=client,
        instrument=form.cleaned_data["instrument"],
        base_url=request.build_absolute_uri("/").rstrip("/"),
        request=request,
    )
    if not sent:
        return _tab(request, client, PlanForm(), form, status=400)
    # Rendered, not redirected: the link is shown this once and never stored.
    return _tab(request, client, PlanForm(), SendLinkForm(), sent=sent)


@login_required
@require_POST
def link_revoke(request, client_id, measure_link_id):
    client = _client(request, client_id, "withdraw a measure link", write=True)
    link = get_object_or_404(client.portal_links, pk=measure_link_id, kind=services.LINK_KIND)
    services.measure_link_revoke(acting_user=request.user, link=link, request=request)
    messages.success(request, _("Link withdrawn: it no longer opens."))
    return redirect("measures:client", client_id=client.pk)


# The outcomes report is an aggregate for supervisors (docs/guide-measures.md): their own
# and their supervisees' clients by clinician, and the service as a whole, de-identified.
supervisors_only = role_required(Role.SUPERVISOR)


def _report_scope(request):
    form = OutcomesForm(request.GET or OutcomesForm.defaults())
    if not form.is_valid():
        return form, None
    return form, (form.cleaned_data["start"], form.cleaned_data["end"])


@supervisors_only
def outcomes_page(request):
    form, period = _report_scope(request)
    report = None
    if period is not None:
        report = outcomes.report_for(request.user, *period, service=form.service())
        audit_record(action="measures.outcomes_view", request=request, detail=form.audit())
    return render(
        request,
        "measures/outcomes.html",
        {"form": form, "report": report},
        status=400 if form.errors else 200,
    )


@supervisors_only
def outcomes_csv(request):
    form, period = _report_scope(request)
    if period is None:
        return render(request, "measures/outcomes.html", {"form": form}, status=400)
    service = form.service()
    episodes = outcomes.completed_episodes(
        outcomes.report_clients(request.user, service=service), *period
    )
    audit_record(action="measures.outcomes_csv", request=request, detail=form.audit())
    writer = csv.writer(_Echo())
    rows = outcomes.csv_rows(episodes, with_clinician=not service)
    response = StreamingHttpResponse(
        (writer.writerow(row) for row in rows), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = (
        f'attachment; filename="outcomes-{period[0]:%Y%m%d}-{period[1]:%Y%m%d}.csv"'
    )
    return response


class _Echo:
    """A file-like object whose write returns the line, for streaming csv.writer."""

    def write(self, value: str) -> str:
        return value
