"""What the plans show on a client's overview page: session feedback to read before the
next session, the plan's signature and review state, and the acknowledged agreement's
contact hours. Registered as an overview panel from PlansConfig.ready()."""

from caseload.plans import selectors
from caseload.safety.screening_alerts import attach_screened_parts


def overview_context(request, client) -> dict | None:
    notices = attach_screened_parts(
        client.session_feedback.filter(seen_at__isnull=True)
        .exclude(concern="")
        .select_related("appointment"),
        "comment",
    )
    plan = selectors.current_plan(client)
    agreement = selectors.acknowledged_agreement(client)
    if not (notices or plan or agreement):
        return None
    return {
        "feedback_notices": notices,
        "plan": plan,
        "signature": plan.latest_signature() if plan else None,
        "agreement": agreement,
    }
