"""The clinician's safety tasks: follow-up contacts assigned to them, for the clients
they may see (through `clients_visible_to`, the door's list)."""

from django.db.models import QuerySet

from caseload.clients.access import clients_visible_to
from caseload.safety.models import FollowUp


def follow_ups_for(user) -> QuerySet[FollowUp]:
    """Follow-ups assigned to `user` and not done, of clients they may still see (a
    clinician taken off a care team stops seeing that client's tasks)."""
    return (
        FollowUp.objects.filter(
            assigned_to=user, done_at__isnull=True, client__in=clients_visible_to(user)
        )
        .select_related("client")
        .order_by("due_at", "id")
    )
