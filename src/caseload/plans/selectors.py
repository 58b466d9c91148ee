"""Reading plans for their pages and the API: the current plan, its active goals, goals
with their latest ratings and the latest score of the measure each is linked to, and the
acknowledged expectations agreement."""

from dataclasses import dataclass, replace

from django.db.models import QuerySet

from caseload.clients.models import Client
from caseload.measures import instruments
from caseload.measures.models import MeasureResponse
from caseload.plans.gas import level_label
from caseload.plans.models import (
    ExpectationsAgreement,
    GoalRating,
    PlanGoal,
    PlanReview,
    SessionFeedback,
    TargetDirection,
    TreatmentPlan,
)


def current_plan(client: Client) -> TreatmentPlan | None:
    """The plan of the client's most recent episode of care, if it has one."""
    episode = client.episodes.order_by("-started_on", "-id").first()
    if episode is None:
        return None
    return client.treatment_plans.filter(episode=episode).first()


def active_goals(plan: TreatmentPlan) -> list[PlanGoal]:
    return list(plan.goals.filter(active=True))


def acknowledged_agreement(client: Client) -> ExpectationsAgreement | None:
    """The newest acknowledged version: what holds until the client acknowledges a newer
    one."""
    return (
        ExpectationsAgreement.objects.filter(client_id=client.pk, acknowledged_at__isnull=False)
        .order_by("-version")
        .first()
    )


@dataclass(frozen=True)
class MeasureScore:
    instrument: str  # the instrument's display name, e.g. "PHQ-9"
    total: float | None
    band: str
    completed_at: object
    meets_target: bool | None  # None when the goal has no target or there is no total


@dataclass(frozen=True)
class GoalView:
    goal: PlanGoal
    ratings: list[tuple[PlanReview, int]]  # oldest first
    latest_rating: int | None
    score: MeasureScore | None

    @property
    def latest_label(self) -> str:
        return "" if self.latest_rating is None else level_label(self.latest_rating)

    @property
    def history(self) -> str:
        """Every rating so far, oldest first: '-1 → 0 → +1'."""
        return " → ".join(level_label(rating) for _review, rating in self.ratings)


def _meets(goal: PlanGoal, total: float | None) -> bool | None:
    if total is None or goal.target_value is None or not goal.target_direction:
        return None
    if goal.target_direction == TargetDirection.BELOW:
        return total < goal.target_value
    return total > goal.target_value


def latest_score(client: Client, goal: PlanGoal) -> MeasureScore | None:
    """The newest result of the goal's instrument for this client (from the measures
    app's own records; plans keep no copy)."""
    if not goal.instrument:
        return None
    response = (
        MeasureResponse.objects.filter(client=client, instrument=goal.instrument)
        .order_by("-completed_at", "-id")
        .first()
    )
    if response is None:
        return None
    try:
        name = instruments.get(goal.instrument).name
    except KeyError:
        name = goal.instrument
    return MeasureScore(
        instrument=name,
        total=response.total,
        band=response.band_label,
        completed_at=response.completed_at,
        meets_target=_meets(goal, response.total),
    )


def goal_views(client: Client, plan: TreatmentPlan, *, with_scores: bool = True) -> list[GoalView]:
    goals = list(plan.goals.filter(active=True))
    ratings: dict[int, list[tuple[PlanReview, int]]] = {goal.pk: [] for goal in goals}
    for rating in _ratings(plan) if goals else []:
        ratings.setdefault(rating.goal_id, []).append((rating.review, rating.rating))
    scores: dict[str, MeasureScore | None] = {}
    views = []
    for goal in goals:
        if with_scores and goal.instrument and goal.instrument not in scores:
            scores[goal.instrument] = latest_score(client, goal)
        score = scores.get(goal.instrument) if with_scores else None
        if score is not None:
            score = replace(score, meets_target=_meets(goal, score.total))
        own = ratings.get(goal.pk, [])
        views.append(
            GoalView(
                goal=goal,
                ratings=own,
                latest_rating=own[-1][1] if own else None,
                score=score,
            )
        )
    return views


def _ratings(plan: TreatmentPlan) -> QuerySet[GoalRating]:
    return (
        GoalRating.objects.filter(review__plan=plan)
        .select_related("review")
        .order_by("review__reviewed_on", "review_id")
    )


def feedback_to_read(clients: QuerySet[Client]) -> QuerySet[SessionFeedback]:
    """Session feedback from `clients` (a set that came through the door) that raised a
    concern (a low rating or a drop) and nobody has read yet, oldest first: what the
    client overview's feedback panel and the caseload's badge show."""
    return (
        SessionFeedback.objects.filter(client__in=clients, seen_at__isnull=True)
        .exclude(concern="")
        .select_related("client", "appointment")
        .order_by("submitted_at", "id")
    )
