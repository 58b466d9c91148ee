"""`Release.objects.valid()` is the one statement of which releases a disclosure may be
made under, and agrees with each row's own state (H-118)."""

from datetime import timedelta

import time_machine
from django.urls import reverse

from caseload.core import clock
from caseload.privacy import services
from caseload.privacy.models import Release


def test_valid_holds_only_signed_unrevoked_unexpired_releases(make_release, clinician):
    signed = make_release()
    unsigned = make_release(signed=False)
    revoked = make_release()
    services.release_revoke(acting_user=clinician, release=revoked, note="Client asked.")
    short = make_release(expires_on=clock.today() + timedelta(days=1))
    assert set(Release.objects.valid()) == {signed, short}
    assert {r for r in Release.objects.all() if r.state == "valid"} == {signed, short}
    assert unsigned not in Release.objects.valid()
    # The last day is still valid; the day after, it has expired.
    with time_machine.travel(clock.now() + timedelta(days=1)):
        assert short in Release.objects.valid()
    with time_machine.travel(clock.now() + timedelta(days=2)):
        assert set(Release.objects.valid()) == {signed}
        short.refresh_from_db()
        assert short.state == "expired"


def test_valid_reads_through_the_clients_releases(make_release, client_record):
    release = make_release()
    assert list(client_record.releases.valid()) == [release]


def test_the_disclose_page_offers_only_valid_releases(
    make_release, clinician, client_record, as_user
):
    valid = make_release(recipient="Dr Valid")
    make_release(recipient="Dr Unsigned", signed=False)
    page = as_user(clinician).get(reverse("privacy:disclose", args=[client_record.pk]))
    text = page.content.decode()
    assert f"#{valid.pk} Dr Valid" in text
    assert "Dr Unsigned" not in text
