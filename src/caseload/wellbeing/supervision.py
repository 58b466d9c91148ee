"""Who sees which supervision records: a session belongs to its supervisor and its
supervisee; nobody else reaches it. A supervisor reaches a person's workload only while
they supervise them (404 otherwise, as for a client that is not yours)."""

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from caseload.accounts.models import User
from caseload.clients.access import Part, access_client, clients_visible_to, own_clients
from caseload.core.forms import run_service
from caseload.wellbeing import services, workload
from caseload.wellbeing.forms import SupervisionForm
from caseload.wellbeing.models import ActionItem, BoundaryEvent, SupervisionSession


def supervisee_of(supervisor: User, user_id) -> User:
    """The active person `supervisor` supervises with this id, or Http404."""
    try:
        return supervisor.supervisees.get(pk=int(user_id), is_active=True)
    except (User.DoesNotExist, ValueError, TypeError):
        raise Http404("No such supervisee.") from None


def supervisees_with_waiting(supervisor: User) -> QuerySet[User]:
    """The supervisor's active supervisees, each with how many boundary items they have
    brought to supervision and not yet discussed (a count; the items open in a session)."""
    waiting = Q(
        boundary_events__discuss_in_supervision=True,
        boundary_events__discussed_in__isnull=True,
    )
    return supervisor.supervisees.filter(is_active=True).annotate(
        waiting_count=Count("boundary_events", filter=waiting)
    )


def sessions_for(user: User) -> QuerySet[SupervisionSession]:
    """Sessions where `user` is the supervisor or the supervisee."""
    return SupervisionSession.objects.filter(Q(supervisor=user) | Q(supervisee=user))


def action_items_for(user: User) -> QuerySet[ActionItem]:
    return ActionItem.objects.filter(session__in=sessions_for(user)).select_related("session")


def own_boundary_events(user: User) -> QuerySet[BoundaryEvent]:
    """The professional's own boundary entries, for clients they can still open."""
    return BoundaryEvent.objects.filter(professional=user, client__in=clients_visible_to(user))


def supervision_form_for(supervisor: User, supervisee: User, data) -> SupervisionForm:
    """Cases: the supervisee's care-team clients that the supervisor may also see.
    Boundary items: those the supervisee has flagged and not yet discussed."""
    cases = clients_visible_to(supervisor) & own_clients(supervisee)
    return SupervisionForm(
        data,
        cases=cases.order_by("legal_name"),
        boundary_items=workload.waiting_for_supervision(supervisee).select_related("client"),
        nudges=workload.workload_for(supervisee).nudges,
    )


def supervision_record_from(form: SupervisionForm, request, supervisee: User):
    # Each case discussed is opened through the door, so the link is checked and audited.
    cases = [
        access_client(
            request.user,
            case.pk,
            part=Part.CLINICAL,
            purpose="supervision: case discussed",
            request=request,
        )
        for case in form.cleaned_data["cases"]
    ]
    return run_service(
        form,
        services.supervision_session_record,
        acting_user=request.user,
        supervisee=supervisee,
        held_on=form.cleaned_data["held_on"],
        notes=form.cleaned_data["notes"],
        cases=cases,
        boundary_items=list(form.cleaned_data["boundary_items"]),
        nudges=form.cleaned_data["nudges"],
        request=request,
    )
