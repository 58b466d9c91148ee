"""Reading privacy records: the privacy officer's lists and the break-the-glass reviews
(not reached through one client's door, so each states its rule), a jurisdiction's
reporting deadline and a client's accounting of disclosures."""

from datetime import date, timedelta

from django.db.models import QuerySet
from django.http import Http404

from caseload.accounts.models import Role, User
from caseload.clients.access import break_glass_grants_visible_to
from caseload.clients.models import BreakGlassGrant, Client
from caseload.core import clock
from caseload.privacy.models import (
    DEFAULT_REPORT_HOURS,
    Disclosure,
    JurisdictionDeadline,
    MandatoryReport,
)
from caseload.privacy.reports import reports_visible_to


def grant_to_review(user: User, grant_id: int) -> BreakGlassGrant:
    """A grant the user may review: any for the privacy officer; for a clinician, one
    on a client they are primary for, made by someone else. 404 otherwise."""
    grant = break_glass_grants_visible_to(user).exclude(user=user).filter(pk=grant_id).first()
    if grant is None:
        raise Http404("No such grant.")
    return grant


def disclosures_for_officer(user: User) -> QuerySet[Disclosure]:
    """Every disclosure of the practice, for the privacy officer only."""
    if user.role != Role.PRIVACY_OFFICER:
        return Disclosure.objects.none()
    return Disclosure.objects.select_related("client", "disclosed_by", "release")


def reports_to_make(user: User) -> QuerySet[MandatoryReport]:
    """The mandatory reports `user` may see (privacy.reports.reports_visible_to) that
    have not been made yet, the nearest deadline (or the longest overdue) first. The
    client is not loaded: the privacy officer's pages name a client by number only."""
    return (
        reports_visible_to(user)
        .filter(reported_at__isnull=True)
        .select_related("reporter")
        .order_by("due_at", "id")
    )


def grants_awaiting_review(user: User) -> QuerySet[BreakGlassGrant]:
    """The break-the-glass grants `user` may see (the door's rule) that nobody has
    reviewed yet, oldest first."""
    return (
        break_glass_grants_visible_to(user)
        .exclude(user=user)
        .filter(reviewed_at__isnull=True)
        .order_by("granted_at", "id")
    )


def report_for(user: User, report_id: int) -> MandatoryReport:
    report = reports_visible_to(user).select_related("client", "reporter").filter(pk=report_id)
    found = report.first()
    if found is None:
        raise Http404("No such report.")
    return found


def client_for_break_glass(*, legal_name: str, date_of_birth: date) -> Client | None:
    """The one client with exactly this legal name and date of birth, or None. Both are
    asked for so that break-the-glass cannot be used to browse the directory."""
    matches = list(
        Client.objects.filter(
            legal_name__iexact=" ".join(legal_name.split()), date_of_birth=date_of_birth
        )[:2]
    )
    return matches[0] if len(matches) == 1 else None


def deadline_hours(jurisdiction: str) -> int:
    """Hours to make a mandatory report in `jurisdiction`: the practice's rule for it, or
    the default (24)."""
    rule = JurisdictionDeadline.objects.filter(jurisdiction__iexact=jurisdiction.strip()).first()
    return rule.hours if rule else DEFAULT_REPORT_HOURS


ACCOUNTING_YEARS = 6


def accounting_for(client: Client) -> QuerySet[Disclosure]:
    """The accounting of disclosures: every disclosure of the last six years, newest
    first (45 CFR 164.528 asks for six years)."""
    since = clock.now() - timedelta(days=365 * ACCOUNTING_YEARS + 2)
    return Disclosure.objects.filter(client=client, disclosed_at__gte=since).select_related(
        "disclosed_by", "release"
    )
