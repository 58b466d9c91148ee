"""The client's side of consents and releases, reached by a link (the portal has checked
the link and the date of birth): read the exact text, type your name, sign; or withdraw."""

from django import forms
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from caseload.privacy import services
from caseload.privacy.models import sha256_of


class SignForm(forms.Form):
    typed_name = forms.CharField(
        label=gettext_lazy("Type your full name to sign"),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    shown_sha256 = forms.CharField(widget=forms.HiddenInput, max_length=64)


class ClientWithdrawForm(forms.Form):
    confirm = forms.BooleanField(label=gettext_lazy("Yes, I withdraw this consent"))


def _target(related, link):
    found = related.filter(pk=link.target_id).first() if link.target_id.isdigit() else None
    if found is None:
        raise Http404("Nothing to sign.")
    return found


def _done(request, heading: str, paragraph: str):
    return render(request, "portal/done.html", {"heading": heading, "paragraphs": [paragraph]})


def _sign_page(request, link, *, title: str, text: str, sign, decline=None):
    form = SignForm(request.POST or None, initial={"shown_sha256": sha256_of(text)})
    if request.method == "POST":
        wants_decline = request.POST.get("decision") == "decline" and decline is not None
        if wants_decline:
            decline()
            return _done(request, _("Thank you"), _("You declined. Nothing else is needed."))
        if form.is_valid():
            try:
                sign(form.cleaned_data["typed_name"], form.cleaned_data["shown_sha256"])
            except ValidationError as error:
                form.add_error(None, error)
            else:
                return _done(request, _("Signed"), _("Thank you. Your signature is recorded."))
    context = {"title": title, "text": text, "form": form, "can_decline": decline is not None}
    return render(request, "privacy/portal_sign.html", context, status=400 if form.errors else 200)


def sign_consent(request, link):
    consent = _target(link.client.consents.select_related("template", "client"), link)
    return _sign_page(
        request,
        link,
        title=consent.template.title,
        text=consent.template.text,
        sign=lambda name, digest: services.consent_sign(
            link=link, consent=consent, typed_name=name, shown_sha256=digest, request=request
        ),
        decline=lambda: services.consent_decline(link=link, consent=consent, request=request),
    )


def sign_release(request, link):
    release = _target(link.client.releases.select_related("client"), link)
    return _sign_page(
        request,
        link,
        title=_("Permission to share information about you"),
        text=release.text,
        sign=lambda name, digest: services.release_sign(
            link=link, release=release, typed_name=name, shown_sha256=digest, request=request
        ),
    )


def withdraw_consent(request, link):
    consent = _target(link.client.consents.select_related("template"), link)
    form = ClientWithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.consent_withdraw(consent=consent, link=link, request=request)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return _done(
                request, _("Withdrawn"), _("Your consent is withdrawn. Your care team is told.")
            )
    return render(
        request,
        "privacy/portal_withdraw.html",
        {"consent": consent, "form": form},
        status=400 if form.errors else 200,
    )
