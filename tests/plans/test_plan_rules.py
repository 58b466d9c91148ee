"""The plan's single-row rules, stated once on the model: whether the current version is
signed, and whether its review is overdue (H-032, H-118)."""

from datetime import timedelta

import time_machine
from django.urls import reverse

from caseload.core import clock
from caseload.plans import services
from plans.helpers import make_plan, sign


def test_current_version_signed_follows_the_version_not_the_latest_signature(
    client_record, clinician
):
    """Hazard: a changed plan shown as signed. A signature of version 1 does not sign
    version 2."""
    plan = make_plan(client_record, clinician)
    assert not plan.current_version_signed
    assert plan.latest_signature() is None
    sign(plan, clinician)
    plan.refresh_from_db()
    assert plan.current_version_signed
    services.plan_update(acting_user=clinician, plan=plan, changes={"problems": "Changed."})
    plan.refresh_from_db()
    assert plan.version == 2
    assert not plan.current_version_signed
    assert plan.latest_signature().version == 1


def test_current_version_signed_is_read_fresh_after_a_new_version(client_record, clinician):
    """The same object answers again after a change in the same request: the rule is not
    cached on the row."""
    plan = make_plan(client_record, clinician)
    sign(plan, clinician)
    plan.refresh_from_db()
    assert plan.current_version_signed
    services.plan_update(acting_user=clinician, plan=plan, changes={"problems": "Changed."})
    assert not plan.current_version_signed


def test_review_overdue_only_once_the_date_has_passed(client_record, clinician):
    plan = make_plan(client_record, clinician)
    plan.next_review_on = None
    assert not plan.review_overdue
    plan.next_review_on = clock.today()
    assert not plan.review_overdue
    with time_machine.travel(clock.now() + timedelta(days=1)):
        assert plan.review_overdue


def test_the_plan_page_shows_an_earlier_signature_as_not_signing_the_current_version(
    client_record, clinician, as_user
):
    plan = make_plan(client_record, clinician)
    sign(plan, clinician)
    browser = as_user(clinician)
    url = reverse("plans:plan", args=[client_record.pk])
    signed_page = browser.get(url).content.decode()
    assert "Version 1 signed by the client" in signed_page
    assert "Make a link for the client to sign" not in signed_page
    services.plan_update(acting_user=clinician, plan=plan, changes={"problems": "Changed."})
    page = browser.get(url).content.decode()
    assert "Signed version 1; current version 2 unsigned." in page
    assert "Make a link for the client to sign" in page
