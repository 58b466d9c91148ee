"""Builders for the privacy tests: consent texts, signed and unsigned releases."""

from datetime import timedelta

import pytest

from caseload.core import clock
from caseload.privacy import services
from caseload.privacy.models import sha256_of


@pytest.fixture
def treatment_text(db, privacy_officer):
    return services.consent_template_save(
        acting_user=privacy_officer,
        kind="treatment",
        title="Consent to treatment",
        text="I agree to take part in therapy.",
        valid_for_days=365,
    )


@pytest.fixture
def make_release(clinician, client_record):
    """make_release(categories=[...], signed=True, **fields) -> Release."""

    def make(categories=("attendance",), *, signed=True, **fields):
        data = {
            "recipient": "Dr Ana Ruiz",
            "recipient_contact": "ana@example.org",
            "purpose": "Coordinating care",
            "expires_on": clock.today() + timedelta(days=90),
        }
        data.update(fields)
        release, issued = services.release_create(
            acting_user=clinician, client=client_record, categories=list(categories), **data
        )
        if signed:
            services.release_sign(
                link=issued.link,
                release=release,
                typed_name=client_record.legal_name,
                shown_sha256=sha256_of(release.text),
            )
        return release

    return make
