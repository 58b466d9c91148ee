"""/clients/{id}/plan: the client's current treatment plan, its goals with their
attainment ratings, and the plan's GAS T-score. Reached through the door (clinical part);
the plan is fetched through the client it returned."""

from datetime import date, datetime

from django.http import Http404
from ninja import Field, Router, Schema

from caseload.api.auth import ApiRequest
from caseload.clients.access import Part, access_client
from caseload.plans import selectors
from caseload.plans.selectors import goal_views

router = Router(tags=["plans"])


class GoalRatingOut(Schema):
    reviewed_on: date
    rating: int = Field(description="-2 (much less than expected) to +2 (much more).")


class LatestScoreOut(Schema):
    instrument: str
    total: float | None
    band: str
    completed_at: datetime
    meets_target: bool | None


class GoalOut(Schema):
    id: int
    client_words: str = Field(description="The goal in the client's own words.")
    clinical_wording: str
    objective: str
    target_date: date | None
    instrument: str = Field(description="Code of the measure tracking it, or ''.")
    target_direction: str = Field(description="'below', 'above' or ''.")
    target_value: float | None
    weight: int
    levels: dict[str, str] = Field(description="The five levels, keyed '-2' to '+2'.")
    ratings: list[GoalRatingOut] = Field(description="At each review, oldest first.")
    latest_score: LatestScoreOut | None


class SignatureOut(Schema):
    version: int
    typed_name: str
    signed_at: datetime
    text_sha256: str


class PlanOut(Schema):
    id: int
    episode_id: int
    version: int
    current_version_signed: bool
    latest_signature: SignatureOut | None
    next_review_on: date | None
    review_overdue: bool
    gas_t_score: float | None = Field(description="Of the latest review, 2 decimals.")
    gas_reviewed_on: date | None
    problems: str
    interventions: str
    responsibilities: str
    goals: list[GoalOut]


def _goal(view) -> dict:
    goal = view.goal
    return {
        "id": goal.pk,
        "client_words": goal.client_words,
        "clinical_wording": goal.clinical_wording,
        "objective": goal.objective,
        "target_date": goal.target_date,
        "instrument": goal.instrument,
        "target_direction": goal.target_direction,
        "target_value": goal.target_value,
        "weight": goal.weight,
        "levels": {label: text for _level, label, text in goal.levels()},
        "ratings": [
            {"reviewed_on": review.reviewed_on, "rating": rating}
            for review, rating in view.ratings
        ],
        "latest_score": view.score.__dict__ if view.score else None,
    }


@router.get(
    "/clients/{client_id}/plan",
    response=PlanOut,
    url_name="client_plan",
    operation_id="client_plan",
)
def client_plan(request: ApiRequest, client_id: int):
    """The treatment plan of the client's current episode of care: 404 when there is
    none."""
    client = access_client(
        request.auth, client_id, part=Part.CLINICAL, purpose="api: treatment plan", request=request
    )
    plan = selectors.current_plan(client)
    if plan is None:
        raise Http404("This client has no treatment plan.")
    signature = plan.latest_signature()
    review = plan.reviews.first()
    return {
        "id": plan.pk,
        "episode_id": plan.episode_id,
        "version": plan.version,
        "current_version_signed": plan.current_version_signed,
        "latest_signature": signature,
        "next_review_on": plan.next_review_on,
        "review_overdue": plan.review_overdue,
        "gas_t_score": review.t_score if review else None,
        "gas_reviewed_on": review.reviewed_on if review else None,
        "problems": plan.problems,
        "interventions": plan.interventions,
        "responsibilities": plan.responsibilities,
        "goals": [_goal(view) for view in goal_views(client, plan)],
    }
