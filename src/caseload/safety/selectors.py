"""Reads about a client's risk that several pages share: which risk assessment is the
current one, and the risk banner at the top of every page of a client.

"Current risk assessment" means the client's latest one (by the time it was signed,
then by id for two signed in the same instant). It is defined here, once: the banner,
the caseload badge and the workload figure all read it through `latest_assessments`,
or, for a page of clients, `current_risk_for_page`, in the same order (`CURRENT_FIRST`).
"""

from dataclasses import dataclass
from datetime import date, datetime
from typing import TypedDict

from django.db.models import (
    BooleanField,
    Case,
    CharField,
    Exists,
    OuterRef,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.functions import Cast
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from caseload.accounts.models import User
from caseload.clients.caseload import latest_per_client
from caseload.clients.models import Client
from caseload.safety.alerts import alert_visible_rule
from caseload.safety.models import (
    Alert,
    AlertState,
    Checkin,
    RiskAssessment,
    RiskLevel,
)
from caseload.safety.models.assessments import ALERTING_LEVELS
from caseload.safety.plan_provider import safety_plan_provider

# How serious each reason is, for the banner's level: the highest of its reasons.
_RANK = {"moderate": 1, "high": 2, "imminent": 3}
_LEVEL_WORDS = {
    "moderate": RiskLevel.MODERATE.label,
    "high": RiskLevel.HIGH.label,
    "imminent": RiskLevel.IMMINENT.label,
}


# The current assessment is the latest signed, then the highest id for two signed in the
# same instant.
CURRENT_FIRST = ("-recorded_at", "-id")


def latest_assessments(client_ref: int | OuterRef | None = None) -> QuerySet[RiskAssessment]:
    """The risk assessments of `client_ref` (a client id, or an OuterRef for a
    subquery; by default OuterRef("pk") over clients), the current one first."""
    client_ref = OuterRef("pk") if client_ref is None else client_ref
    return RiskAssessment.objects.filter(client_id=client_ref).order_by(*CURRENT_FIRST)


def current_risk_for_page(client_ids: list[int]) -> dict[int, tuple[str, date | None]]:
    """{client_id: (risk_level, next_review_on)} of the current risk assessment of each
    client in `client_ids` that has one, in one query (the caseload page's badges)."""
    return latest_per_client(
        RiskAssessment.objects.filter(client_id__in=client_ids),
        order_by=list(CURRENT_FIRST),
        fields=("risk_level", "next_review_on"),
    )


def current_risk_assessment(client: Client) -> RiskAssessment | None:
    """The client's current risk assessment: their latest."""
    return latest_assessments(client.pk).first()


@dataclass(frozen=True)
class RiskReason:
    level: str  # moderate, high or imminent
    text: str  # plain words: what is wrong, without the client's own text
    since: datetime
    url: str  # where to read it and act on it


@dataclass(frozen=True)
class RiskBanner:
    level: str
    level_label: str
    reasons: tuple[RiskReason, ...]
    since: datetime  # the earliest of the reasons: how long this has been the picture
    safety_plan_url: str  # the plan, or the page that makes one
    has_safety_plan: bool
    safety_url: str  # the client's Safety tab

    @property
    def since_label(self) -> str:
        return _when(self.since)


def _when(moment: datetime) -> str:
    """A date and time in the practice's time zone (settings.TIME_ZONE)."""
    return date_format(timezone.localtime(moment), "DATETIME_FORMAT")


def risk_banner(client: Client, *, user: User) -> RiskBanner | None:
    """What the risk banner says about `client` to `user`, or None when there is nothing
    to warn about. Three queries whatever the client's history, and a fourth (whether
    the client has a safety plan) only when there is something to warn about:

    - every open alert (its severity; linked to the alert when it has reached `user`,
      otherwise to the Safety tab, which lists every alert of the client);
    - the current risk assessment, a reason when it is rated high or imminent;
    - a flagged check-in that no alert was raised for (check-ins raise one in the same
      transaction, so this is the net under that rule, not the usual path).

    Each is a plain query of its own: this runs on every page of a client, and one query
    with a subquery per column cost about twice as much to build (bench/README.md).

    The caller has already decided that `user` may see the clinical part of the record:
    every reason here is clinical (clients.access.Part.CLINICAL)."""
    safety_url = reverse("safety:client", args=[client.pk])
    reasons = [*_alert_reasons(client, user, safety_url)]
    current = latest_assessments(client.pk).values("id", "risk_level", "recorded_at").first()
    if current is not None and current["risk_level"] in ALERTING_LEVELS:
        reasons.append(_assessment_reason(client, current))
    reasons.extend(_checkin_reasons(client))
    if not reasons:
        return None
    level = max((reason.level for reason in reasons), key=_RANK.__getitem__)
    plans = safety_plan_provider()
    has_plan = (
        plans is not None and Client.objects.filter(pk=client.pk).filter(plans.exists()).exists()
    )
    return RiskBanner(
        level=level,
        level_label=str(_LEVEL_WORDS[level]),
        reasons=tuple(sorted(reasons, key=lambda reason: (-_RANK[reason.level], reason.since))),
        since=min(reason.since for reason in reasons),
        safety_plan_url=plans.url(client.pk, has_plan) if plans else "",
        has_safety_plan=has_plan,
        safety_url=safety_url,
    )


def _alert_reasons(client: Client, user: User, safety_url: str) -> list[RiskReason]:
    alerts = (
        Alert.objects.filter(client=client, state=AlertState.OPEN)
        .annotate(
            reachable=Case(
                When(alert_visible_rule(user.pk), then=Value(True)),
                default=Value(False),
                output_field=BooleanField(),
            )
        )
        .order_by("raised_at", "id")
        .values("id", "severity", "reason", "raised_at", "reachable")
    )
    return [
        RiskReason(
            level=alert["severity"],
            text=_("Open alert: %(reason)s") % {"reason": alert["reason"]},
            since=alert["raised_at"],
            url=(
                reverse("safety:alert", args=[alert["id"]])
                if alert["reachable"]
                else f"{safety_url}#alerts-heading"
            ),
        )
        for alert in alerts
    ]


class _AssessmentFacts(TypedDict):
    """The current assessment's columns that `risk_banner` reads."""

    id: int
    risk_level: str
    recorded_at: datetime


def _assessment_reason(client: Client, facts: _AssessmentFacts) -> RiskReason:
    recorded = timezone.localtime(facts["recorded_at"])
    return RiskReason(
        level=facts["risk_level"],
        text=_("Risk assessment %(date)s: %(level)s")
        % {
            "date": date_format(recorded, "SHORT_DATE_FORMAT"),
            "level": str(RiskLevel(facts["risk_level"]).label).lower(),
        },
        since=facts["recorded_at"],
        url=reverse("safety:assessment", args=[client.pk, facts["id"]]),
    )


def _checkin_reasons(client: Client) -> list[RiskReason]:
    label = Checkin._meta.label_lower
    alerted = Alert.objects.filter(
        client_id=OuterRef("client_id"),
        source_type=label,
        source_id=Cast(OuterRef("pk"), output_field=CharField()),
    )
    unanswered = (
        Checkin.objects.filter(Q(client=client), Q(flagged=True), ~Exists(alerted))
        .order_by("received_at", "id")
        .values("id", "severity", "received_at")
    )
    return [
        RiskReason(
            level=checkin["severity"] if checkin["severity"] in _RANK else "high",
            text=_("Flagged check-in %(date)s, not yet acknowledged")
            % {
                "date": date_format(
                    timezone.localtime(checkin["received_at"]), "SHORT_DATE_FORMAT"
                )
            },
            since=checkin["received_at"],
            url=reverse("safety:checkin", args=[client.pk, checkin["id"]]),
        )
        for checkin in unanswered
    ]
