"""Authorization rows for the raw audit event page (tests/matrix.py explains the shape):
the privacy officer's alone, like the search and export beside it."""

from caseload.audit.models import AuditEvent
from matrix import PRIVACY_ONLY

ROWS = {("audit:event", "get"): PRIVACY_ONLY}
KWARGS = {"seq": "audit_seq"}


def world_extras(world) -> dict:
    return {"audit_seq": AuditEvent.objects.latest("seq").seq}
