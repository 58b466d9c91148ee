"""Privacy pages: a client's consents, releases, disclosures and own copy (through the
door, Part.CLINICAL); break-the-glass; mandatory reports; the privacy officer's lists."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from caseload.accounts.decorators import role_required
from caseload.accounts.forms import ConfirmForm
from caseload.accounts.models import Role
from caseload.audit.services import audit_record
from caseload.clients.access import Part, access_client, break_glass_grants_visible_to
from caseload.clients.pages import render_client_page
from caseload.core import clock
from caseload.core.forms import is_confirmed, run_service
from caseload.privacy import forms, packets, reports, selectors, services
from caseload.privacy.consents import consent_warnings
from caseload.privacy.models import ConsentKind, JurisdictionDeadline

CLINICAL_ROLES = (Role.CLINICIAN, Role.SUPERVISOR)


def _client(request, client_id, purpose: str, *, write: bool = False):
    return access_client(
        request.user, client_id, part=Part.CLINICAL, purpose=purpose, write=write, request=request
    )


def _status(form) -> int:
    return 400 if form.errors else 200


# --- a client's privacy page ---------------------------------------------------------


@login_required
def client_privacy(request, client_id):
    client = _client(request, client_id, "view consents and releases")
    return _privacy_page(request, client, forms.ConsentRequestForm())


def _privacy_page(request, client, consent_form, *, issued=None, status=200):
    return render_client_page(
        request,
        client,
        "privacy/client.html",
        {
            "consents": client.consents.select_related("template", "withdrawn_by"),
            "warnings": consent_warnings(client),
            "releases": client.releases.all(),
            "grants": client.break_glass.select_related("user", "reviewed_by")[:20],
            "consent_form": consent_form,
            "issued": issued,
        },
        status=status,
    )


@login_required
@require_POST
def consent_request(request, client_id):
    client = _client(request, client_id, "ask for a consent", write=True)
    form = forms.ConsentRequestForm(request.POST)
    result = None
    if form.is_valid():
        result = run_service(
            form,
            services.consent_request,
            acting_user=request.user,
            client=client,
            kind=form.cleaned_data["kind"],
            request=request,
        )
    if result is None:
        return _privacy_page(request, client, form, status=400)
    consent, issued = result
    issued_for = _("Signing link for: %(title)s") % {"title": consent.template.title}
    return _privacy_page(request, client, forms.ConsentRequestForm(), issued=(issued_for, issued))


@login_required
@require_POST
def consent_withdraw(request, client_id, consent_id):
    client = _client(request, client_id, "record a consent withdrawal", write=True)
    consent = _one(client.consents, consent_id)
    form = forms.WithdrawForm(request.POST)
    form.is_valid()
    if request.POST.get("by") == "link":
        issued = run_service(
            form,
            services.consent_withdraw_link,
            acting_user=request.user,
            consent=consent,
            request=request,
        )
        if issued is not None:
            label = _("Withdrawal link for: %(title)s") % {"title": consent.template.title}
            return _privacy_page(
                request, client, forms.ConsentRequestForm(), issued=(label, issued)
            )
    elif run_service(
        form,
        services.consent_withdraw,
        consent=consent,
        acting_user=request.user,
        note=form.cleaned_data.get("note", ""),
        request=request,
    ):
        messages.success(request, _("The withdrawal is recorded."))
        return redirect("privacy:client", client_id=client.pk)
    messages.error(request, " ".join(str(e) for e in form.non_field_errors()))
    return _privacy_page(request, client, forms.ConsentRequestForm(), status=400)


def _one(related, object_id):
    found = related.filter(pk=object_id).first()
    if found is None:
        raise Http404("Not found.")
    return found


# --- releases ------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def release_new(request, client_id):
    write = request.method == "POST"
    client = _client(request, client_id, "draft a release of information", write=write)
    form = forms.ReleaseForm(request.POST or None)
    if write and form.is_valid():
        result = run_service(
            form,
            services.release_create,
            acting_user=request.user,
            client=client,
            **form.cleaned_data,
        )
        if result is not None:
            release, issued = result
            return render_client_page(
                request, client, "privacy/link_issued.html", {"issued": issued, "release": release}
            )
    return render_client_page(
        request, client, "privacy/release_new.html", {"form": form}, status=_status(form)
    )


@login_required
@require_POST
def release_revoke(request, client_id, release_id):
    client = _client(request, client_id, "record a release revocation", write=True)
    release = _one(client.releases, release_id)
    form = forms.WithdrawForm(request.POST)
    form.is_valid()
    if run_service(
        form,
        services.release_revoke,
        acting_user=request.user,
        release=release,
        note=form.cleaned_data.get("note", ""),
        request=request,
    ):
        messages.success(request, _("The release is revoked."))
    else:
        messages.error(request, " ".join(str(e) for e in form.non_field_errors()))
    return redirect("privacy:client", client_id=client.pk)


# --- disclosures ---------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def disclose(request, client_id):
    """Two steps: the form is checked against the releases and the legal bases, then a
    confirmation page says what goes to whom and asks for the password; only that page
    builds and records the disclosure (it cannot be called back)."""
    write = request.method == "POST"
    client = _client(request, client_id, "disclose information", write=write)
    releases = list(client.releases.valid())
    confirmed = is_confirmed(request.POST) and "back" not in request.POST
    form = forms.DiscloseForm(
        request.POST or None, acting_user=request.user, releases=releases, confirming=confirmed
    )
    if write and "back" not in request.POST:
        if _only_password_wrong(form) or (not confirmed and _disclosure_checked(client, form)):
            return _disclosure_confirm(request, client, form)
        if confirmed and form.is_valid():
            disclosure = run_service(
                form,
                services.disclosure_make,
                acting_user=request.user,
                client=client,
                **_disclosure_data(client, form),
            )
            if disclosure is not None:
                messages.success(request, _("Disclosed and recorded in the accounting."))
                return redirect("privacy:accounting", client_id=client.pk)
    return render_client_page(
        request,
        client,
        "privacy/disclose.html",
        {"form": form, "releases": releases},
        status=_status(form),
    )


def _disclosure_data(client, form) -> dict:
    data = dict(form.cleaned_data)
    data.pop("your_password", None)
    data["release"] = _one(client.releases, data["release"]) if data["release"] else None
    return data


def _disclosure_checked(client, form) -> bool:
    """The first step: valid, and covered by a release or a legal basis."""
    if not form.is_valid():
        return False
    data = _disclosure_data(client, form)
    check = {key: data[key] for key in ("categories", "release", "legal_basis", "justification")}
    return run_service(form, services.disclosure_check, client=client, **check) is not None


def _only_password_wrong(form) -> bool:
    return (
        form.is_bound and "your_password" in form.fields and set(form.errors) == {"your_password"}
    )


def _disclosure_confirm(request, client, form):
    password = form["your_password"] if "your_password" in form.fields else None
    if password is None:
        password = ConfirmForm(acting_user=request.user)["your_password"]
    return render_client_page(
        request,
        client,
        "privacy/disclose_confirm.html",
        {"form": form, "password": password},
        status=_status(form),
    )


@login_required
def accounting(request, client_id):
    client = _client(request, client_id, "accounting of disclosures")
    return render_client_page(
        request,
        client,
        "privacy/accounting.html",
        {"disclosures": selectors.accounting_for(client), "years": selectors.ACCOUNTING_YEARS},
    )


@login_required
def disclosure_packet(request, client_id, disclosure_id):
    """The packet as it was sent: its PDF, or its FHIR Bundle with ?format=fhir."""
    client = _client(request, client_id, "print a disclosure packet")
    disclosure = _one(client.disclosures.select_related("packet"), disclosure_id)
    bundle = disclosure.packet.bundle_json
    if request.GET.get("format") == "fhir":
        return _download(
            bundle.encode(), "application/fhir+json", f"disclosure-{disclosure.pk}.json"
        )
    preface = [
        _("To: %(recipient)s") % {"recipient": disclosure.recipient},
        _("Purpose: %(purpose)s") % {"purpose": disclosure.purpose},
        _("Under: %(basis)s") % {"basis": disclosure.basis_label},
        _("Disclosed on %(when)s") % {"when": disclosure.disclosed_at.strftime("%Y-%m-%d %H:%M")},
    ]
    title = _("Information about %(name)s") % {"name": client.legal_name}
    pdf = packets.pdf_of(bundle, title=title, preface=preface)
    return _download(pdf, "application/pdf", f"disclosure-{disclosure.pk}.pdf")


def _download(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


# --- the client's own copy -----------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def export(request, client_id):
    client = _client(request, client_id, "client's own copy of their record")
    form = forms.ExportForm(request.POST or None, acting_user=request.user)
    if request.method == "POST" and form.is_valid():
        copy = services.own_copy_export(
            acting_user=request.user,
            client=client,
            format=form.cleaned_data["format"],
            request=request,
        )
        return _download(copy.content, copy.content_type, copy.filename)
    return render_client_page(
        request, client, "privacy/export.html", {"form": form}, status=_status(form)
    )


# --- break-the-glass -----------------------------------------------------------------


@role_required(*CLINICAL_ROLES)
@require_http_methods(["GET", "POST"])
def break_glass(request):
    form = forms.BreakGlassForm(request.POST or None, acting_user=request.user)
    if request.method == "POST" and form.is_valid():
        client = selectors.client_for_break_glass(
            legal_name=form.cleaned_data["legal_name"],
            date_of_birth=form.cleaned_data["date_of_birth"],
        )
        if client is None:
            form.add_error(None, _("No single client matches that name and date of birth."))
        elif run_service(
            form,
            services.break_glass_open,
            acting_user=request.user,
            client=client,
            reason=form.cleaned_data["reason"],
            request=request,
        ):
            messages.warning(request, _("Emergency access is open for 4 hours and is recorded."))
            return redirect("clients:detail", client_id=client.pk)
    return render(request, "privacy/break_glass.html", {"form": form}, status=_status(form))


@login_required
def home(request):
    """The privacy officer's page: every break-the-glass access with its review status,
    and the practice's disclosures. A clinician sees the grants they made or review."""
    if request.user.role not in (*CLINICAL_ROLES, Role.PRIVACY_OFFICER):
        raise PermissionDenied
    grants = break_glass_grants_visible_to(request.user)
    return render(
        request,
        "privacy/home.html",
        {
            "grants": grants[:200],
            "disclosures": selectors.disclosures_for_officer(request.user)[:200],
            "review_form": forms.ReviewForm(),
            "now": clock.now(),
            "officer_view": request.user.is_privacy_officer,
        },
    )


@login_required
@require_POST
def break_glass_review(request, grant_id):
    grant = selectors.grant_to_review(request.user, grant_id)
    form = forms.ReviewForm(request.POST)
    if form.is_valid() and run_service(
        form,
        services.break_glass_review,
        acting_user=request.user,
        grant=grant,
        **form.cleaned_data,
    ):
        messages.success(request, _("Review recorded."))
    else:
        errors = [str(e) for errors in form.errors.values() for e in errors]
        messages.error(request, " ".join(errors) or _("Check the review."))
    return redirect("privacy:home")


# --- consent texts and reporting deadlines (the practice's settings) ------------------


@role_required(Role.PRIVACY_OFFICER, Role.ADMIN)
@require_http_methods(["GET", "POST"])
def consent_templates(request):
    form = forms.ConsentTemplateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        template = run_service(
            form,
            services.consent_template_save,
            acting_user=request.user,
            request=request,
            **form.cleaned_data,
        )
        if template is not None:
            messages.success(request, _("Saved as version %(v)s.") % {"v": template.version})
            return redirect("privacy:templates")
    current = [services.consent_template_current(kind) for kind in ConsentKind.values]
    return render(
        request,
        "privacy/templates.html",
        {"form": form, "current": [t for t in current if t]},
        status=_status(form),
    )


@role_required(Role.PRIVACY_OFFICER)
@require_http_methods(["GET", "POST"])
def jurisdictions(request):
    form = forms.JurisdictionForm(request.POST or None)
    if (
        request.method == "POST"
        and form.is_valid()
        and run_service(
            form,
            services.jurisdiction_deadline_set,
            acting_user=request.user,
            request=request,
            **form.cleaned_data,
        )
    ):
        messages.success(request, _("Deadline saved."))
        return redirect("privacy:jurisdictions")
    return render(
        request,
        "privacy/jurisdictions.html",
        {"form": form, "rules": JurisdictionDeadline.objects.all(), "default": 24},
        status=_status(form),
    )


# --- mandatory reports ---------------------------------------------------------------


@role_required(*CLINICAL_ROLES, Role.PRIVACY_OFFICER)
def report_list(request):
    visible = reports.reports_visible_to(request.user).select_related("client", "reporter")
    audit_record(action="mandatory_report.list", request=request)
    return render(
        request,
        "privacy/reports.html",
        {"reports": visible[:200], "officer_view": request.user.is_privacy_officer},
    )


@login_required
@require_http_methods(["GET", "POST"])
def report_new(request, client_id):
    write = request.method == "POST"
    client = _client(request, client_id, "open a mandatory report", write=write)
    form = forms.ReportOpenForm(request.POST or None)
    if write and form.is_valid():
        report = run_service(
            form,
            services.report_open,
            acting_user=request.user,
            client=client,
            request=request,
            **form.cleaned_data,
        )
        if report is not None:
            messages.success(
                request, _("Concern recorded. Its deadline and next steps are below.")
            )
            return redirect("privacy:report", report_id=report.pk)
    return render_client_page(
        request, client, "privacy/report_new.html", {"form": form}, status=_status(form)
    )


STEPS = {
    "consulted": (forms.ConsultForm, services.report_consulted),
    "made": (forms.MadeForm, services.report_made),
    "told": (forms.ToldForm, services.report_client_told),
}


@role_required(*CLINICAL_ROLES, Role.PRIVACY_OFFICER)
@require_http_methods(["GET", "POST"])
def report_detail(request, report_id):
    report = selectors.report_for(request.user, report_id)
    audit_record(
        action="mandatory_report.read", request=request, client_id=report.client_id, obj=report
    )
    bound = {}
    if request.method == "POST":
        step = request.POST.get("step") if request.POST.get("step") in STEPS else "consulted"
        form_class, service = STEPS[step]
        form = form_class(request.POST)
        data = form.cleaned_data if form.is_valid() else None
        if data is not None:
            data.pop("step")
            if run_service(
                form, service, acting_user=request.user, report=report, request=request, **data
            ):
                messages.success(request, _("Step recorded."))
                return redirect("privacy:report", report_id=report.pk)
        bound[step] = form
    step_forms = {
        name: bound.get(name) or form_class() for name, (form_class, _s) in STEPS.items()
    }
    return render(
        request,
        "privacy/report.html",
        {
            "report": report,
            "forms": step_forms,
            "can_edit": request.user.is_clinical,
            "officer_view": request.user.is_privacy_officer,
        },
        status=400 if bound else 200,
    )
