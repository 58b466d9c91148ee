"""Who sees a mandatory report: only its reporter, their supervisors and the privacy
officer (`reports_visible_to`), never the rest of the care team. The workflow's writes
are in `privacy.services.reports`."""

import logging

from django.db.models import QuerySet

from caseload.accounts.models import Role, User
from caseload.clients.access import authored_or_supervised_rule
from caseload.privacy.models import (
    MandatoryReport,
)

logger = logging.getLogger(__name__)


def reports_visible_to(user: User) -> QuerySet[MandatoryReport]:
    """- privacy officer: every report;
    - clinician or supervisor: the reports they made, and those of their supervisees;
    - everyone else: none."""
    if not user.is_authenticated or not user.is_active:
        return MandatoryReport.objects.none()
    if user.role == Role.PRIVACY_OFFICER:
        return MandatoryReport.objects.all()
    if not user.is_clinical:
        return MandatoryReport.objects.none()
    return MandatoryReport.objects.filter(
        authored_or_supervised_rule(user, author_field="reporter")
    ).distinct()
