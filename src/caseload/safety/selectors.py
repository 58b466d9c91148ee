"""Reads about a client's risk that several pages share: which risk assessment is the
current one, and the risk banner at the top of every page of a client.

"Current risk assessment" means the client's latest one (by the time it was signed,
then by id for two signed in the same instant). It is defined here, once: the banner,
the caseload badge and the workload figure all read it through `latest_assessments`.
"""

from dataclasses import dataclass
from datetime import datetime
from typing import TypedDict

from django.db.models import (
    BooleanField,
    Case,
    CharField,
    Exists,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Cast
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from caseload.accounts.models import User
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


def latest_assessments(client_ref: int | OuterRef | None = None) -> QuerySet[RiskAssessment]:
    """The risk assessments of `client_ref` (a client id, or an OuterRef for a
    subquery; by default OuterRef("pk") over clients), the current one first."""
    client_ref = OuterRef("pk") if client_ref is None else client_ref
    return RiskAssessment.objects.filter(client_id=client_ref).order_by("-recorded_at", "-id")


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
    to warn about. Three queries whatever the client's history:

    - every open alert (its severity; linked to the alert when it has reached `user`,
      otherwise to the Safety tab, which lists every alert of the client);
    - the current risk assessment when it is rated high or imminent, and whether the
      client has a safety plan;
    - a flagged check-in that no alert was raised for (check-ins raise one in the same
      transaction, so this is the net under that rule, not the usual path).

    The caller has already decided that `user` may see the clinical part of the record:
    every reason here is clinical (clients.access.Part.CLINICAL)."""
    safety_url = reverse("safety:client", args=[client.pk])
    reasons = [*_alert_reasons(client, user, safety_url)]
    plans = safety_plan_provider()
    facts = (
        Client.objects.filter(pk=client.pk)
        .annotate(
            risk_id=Subquery(latest_assessments().values("id")[:1]),
            risk_level=Subquery(latest_assessments().values("risk_level")[:1]),
            risk_at=Subquery(latest_assessments().values("recorded_at")[:1]),
            has_plan=plans.exists() if plans else Value(False),
        )
        .values("risk_id", "risk_level", "risk_at", "has_plan")
        .get()
    )
    if facts["risk_level"] in ALERTING_LEVELS:
        reasons.append(_assessment_reason(client, facts))
    reasons.extend(_checkin_reasons(client))
    if not reasons:
        return None
    level = max((reason.level for reason in reasons), key=_RANK.__getitem__)
    has_plan = facts["has_plan"]
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
    """The current assessment's columns, read by `risk_banner` only when there is one."""

    risk_id: int
    risk_level: str
    risk_at: datetime


def _assessment_reason(client: Client, facts: _AssessmentFacts) -> RiskReason:
    recorded = timezone.localtime(facts["risk_at"])
    return RiskReason(
        level=facts["risk_level"],
        text=_("Risk assessment %(date)s: %(level)s")
        % {
            "date": date_format(recorded, "SHORT_DATE_FORMAT"),
            "level": str(RiskLevel(facts["risk_level"]).label).lower(),
        },
        since=facts["risk_at"],
        url=reverse("safety:assessment", args=[client.pk, facts["risk_id"]]),
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
