"""Consents: versioned texts, signed through a link with the exact version and the hash
of the text, renewed, withdrawn, and warned about. Hazard: H-046 (an action taken without
the client's consent, or on a consent they withdrew)."""

from datetime import timedelta
from io import StringIO

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.test import Client as HttpClient
from django.urls import reverse

from caseload.core import clock
from caseload.privacy import services
from caseload.privacy.consents import consent_warning
from caseload.privacy.models import ConsentState


def test_a_change_of_text_makes_a_new_version(privacy_officer, treatment_text):
    same = services.consent_template_save(
        acting_user=privacy_officer,
        kind="treatment",
        title=treatment_text.title,
        text=treatment_text.text,
        valid_for_days=365,
    )
    assert same == treatment_text
    changed = services.consent_template_save(
        acting_user=privacy_officer,
        kind="treatment",
        title=treatment_text.title,
        text="I agree to take part in therapy, by video too.",
        valid_for_days=365,
    )
    assert changed.version == 2 and treatment_text.version == 1
    assert services.consent_template_current("treatment") == changed


def _open_link(issued, client_record) -> HttpClient:
    browser = HttpClient()
    response = browser.post(
        issued.path, {"date_of_birth": client_record.date_of_birth.isoformat()}
    )
    assert response.status_code == 302
    return browser


def test_the_client_signs_through_the_link(clinician, client_record, treatment_text):
    consent, issued = services.consent_request(
        acting_user=clinician, client=client_record, kind="treatment"
    )
    browser = _open_link(issued, client_record)
    go = reverse("portal:go", args=[issued.token])
    page = browser.get(go)
    assert treatment_text.text in page.content.decode()
    response = browser.post(
        go,
        {
            "typed_name": "jordan  rivera",
            "shown_sha256": treatment_text.text_sha256,
            "decision": "sign",
        },
    )
    assert response.status_code == 200 and "Signed" in response.content.decode()
    consent.refresh_from_db()
    assert consent.state == ConsentState.GIVEN
    assert consent.signed_name == "jordan rivera"
    assert consent.signed_text_sha256 == treatment_text.text_sha256
    assert consent.template.version == 1
    assert consent.expires_at == consent.signed_at + timedelta(days=365)
    # Single use: the link is closed.
    assert browser.get(go).status_code == 410


def test_a_wrong_name_or_a_changed_text_is_refused(clinician, client_record, treatment_text):
    consent, issued = services.consent_request(
        acting_user=clinician, client=client_record, kind="treatment"
    )
    with pytest.raises(ValidationError, match="full name"):
        services.consent_sign(
            link=issued.link,
            consent=consent,
            typed_name="Someone Else",
            shown_sha256=treatment_text.text_sha256,
        )
    with pytest.raises(ValidationError, match="text changed"):
        services.consent_sign(
            link=issued.link,
            consent=consent,
            typed_name=client_record.legal_name,
            shown_sha256="0" * 64,
        )
    consent.refresh_from_db()
    assert consent.state == ConsentState.REQUESTED


def _given(clinician, client_record, kind="treatment"):
    consent, issued = services.consent_request(
        acting_user=clinician, client=client_record, kind=kind
    )
    return services.consent_sign(
        link=issued.link,
        consent=consent,
        typed_name=client_record.legal_name,
        shown_sha256=consent.template.text_sha256,
    )


def test_warnings_follow_the_consent_through_its_life(clinician, client_record, treatment_text):
    assert "No consent on file" in consent_warning(client_record, "treatment")
    consent = _given(clinician, client_record)
    assert consent_warning(client_record, "treatment") is None
    with time_machine.travel(clock.now() + timedelta(days=366)):
        assert "expired" in consent_warning(client_record, "treatment")
    services.consent_withdraw(consent=consent, acting_user=clinician, note="Said so in session")
    assert "withdrew" in consent_warning(client_record, "treatment")
    consent.refresh_from_db()
    assert consent.withdrawn_by == clinician and not consent.withdrawn_by_client


def test_renewal_makes_a_new_consent_and_keeps_the_history(
    clinician, client_record, treatment_text
):
    first = _given(clinician, client_record)
    with time_machine.travel(clock.now() + timedelta(days=366)):
        second = _given(clinician, client_record)
        assert consent_warning(client_record, "treatment") is None
        assert list(client_record.consents.all()) == [second, first]
        assert first.state == ConsentState.EXPIRED


def test_the_client_withdraws_through_a_link(clinician, client_record, treatment_text):
    consent = _given(clinician, client_record)
    issued = services.consent_withdraw_link(acting_user=clinician, consent=consent)
    browser = _open_link(issued, client_record)
    response = browser.post(reverse("portal:go", args=[issued.token]), {"confirm": "on"})
    assert response.status_code == 200
    consent.refresh_from_db()
    assert consent.state == ConsentState.WITHDRAWN and consent.withdrawn_by_client


def test_reminders_before_expiry_go_to_the_primary_clinician_once(
    clinician, client_record, treatment_text, django_capture_on_commit_callbacks
):
    clinician.email = "treating@example.org"
    clinician.save(update_fields=["email"])
    _given(clinician, client_record)
    later = time_machine.travel(clock.now() + timedelta(days=340))
    with later, django_capture_on_commit_callbacks(execute=True):
        call_command("privacy_reminders", stdout=StringIO())
        call_command("privacy_reminders", stdout=StringIO())
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["treating@example.org"]


def test_the_privacy_page_shows_warnings_and_makes_a_signing_link(
    as_user, clinician, client_record, treatment_text
):
    http = as_user(clinician)
    page = http.get(reverse("privacy:client", args=[client_record.pk])).content.decode()
    assert "No consent on file for: Telehealth sessions." in page
    response = http.post(
        reverse("privacy:consent_request", args=[client_record.pk]), {"kind": "treatment"}
    )
    assert response.status_code == 200
    assert "/p/" in response.content.decode()
    assert client_record.consents.count() == 1


def test_the_appointments_page_warns_when_telehealth_consent_is_missing(
    as_user, clinician, client_record, privacy_officer
):
    url = reverse("clients:appointments", args=[client_record.pk])
    page = as_user(clinician).get(url).content.decode()
    assert "No consent on file for: Telehealth sessions." in page
    services.consent_template_save(
        acting_user=privacy_officer, kind="telehealth", title="Video", text="I agree to video."
    )
    _given(clinician, client_record, kind="telehealth")
    assert "telehealth-consent-notice" not in as_user(clinician).get(url).content.decode()
