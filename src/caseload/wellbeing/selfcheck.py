"""The private self-check (difficulty 8): the ProQOL 5 or the WHO-5, scored by the one
scoring engine (measures/scoring.py), stored encrypted and bound to its owner.

Privacy rule: a self-check is read only by the person who took it. Every reader goes
through `own_self_checks(user)`; there is no function here that takes someone else. The
audit trail records that a check was taken (no instrument, no scores); reads are not
audited, so the trail does not show how often someone looks at their own results.
The practice sees only `team_aggregates`, over at least MIN_GROUP people.
"""

import datetime
import json
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from caseload.accounts.models import CLINICAL_ROLES, Role, User
from caseload.audit.services import audit_record
from caseload.clients.access import supervisees_of
from caseload.core import clock
from caseload.measures.result import ScoringError
from caseload.measures.scoring import score
from caseload.wellbeing.models import Instrument, SelfCheck

MIN_GROUP = 5
PERIOD_DAYS = 90
PROQOL_SUBSCALES = ("compassion_satisfaction", "burnout", "secondary_traumatic_stress")


@dataclass(frozen=True)
class Result:
    """A decrypted self-check, for its owner's eyes."""

    check: SelfCheck
    instrument: str
    subscales: dict
    levels: dict
    total: float | None
    band: str | None
    band_label: str | None


def self_check_take(
    *, acting_user: User, instrument: str, answers: list, request=None
) -> SelfCheck:
    """Score and store a self-check for the person taking it."""
    if acting_user.role not in CLINICAL_ROLES:
        raise ValidationError("The self-check is for clinicians and supervisors.")
    if instrument not in Instrument.values:
        raise ValidationError(f"Choose one of: {', '.join(Instrument.values)}.")
    if any(answer is None for answer in answers or []):
        raise ValidationError("Please answer every question.")
    try:
        scored = score(instrument, answers)
    except ScoringError as error:
        raise ValidationError(error.message) from None
    data = {
        "answers": list(answers),
        "subscales": dict(scored.subscales),
        "levels": dict(scored.levels),
        "total": scored.total,
        "band": scored.band,
        "band_label": scored.band_label,
        "rules_version": scored.rules_version,
    }
    check = SelfCheck(
        user=acting_user, instrument=instrument, taken_at=clock.now(), result=json.dumps(data)
    )
    with transaction.atomic():
        check.save()
        # That a check was taken, and nothing more: no id to look up, no instrument, no score.
        audit_record(action="selfcheck.take", actor=acting_user, request=request)
    return check


def own_self_checks(user: User) -> QuerySet[SelfCheck]:
    """The self-checks of `user`, and only theirs."""
    if not user.is_authenticated or not user.is_active:
        return SelfCheck.objects.none()
    return SelfCheck.objects.filter(user=user)


def result_of(check: SelfCheck) -> Result:
    data = json.loads(check.result)
    return Result(
        check=check,
        instrument=check.instrument,
        subscales=data.get("subscales", {}),
        levels=data.get("levels", {}),
        total=data.get("total"),
        band=data.get("band"),
        band_label=data.get("band_label"),
    )


FEEDBACK = {
    ("compassion_satisfaction", "high"): gettext_lazy(
        "You are drawing real satisfaction from your work. Notice what feeds it, so you "
        "can protect it."
    ),
    ("compassion_satisfaction", "average"): gettext_lazy(
        "Your satisfaction from the work is in the usual range for people doing it."
    ),
    ("compassion_satisfaction", "low"): gettext_lazy(
        "The work is giving you less satisfaction than it could. That often has causes "
        "outside you, such as workload or the setting; it may help to talk them through."
    ),
    ("burnout", "high"): gettext_lazy(
        "You may be running on empty. This is common in demanding work and says nothing "
        "about how good you are at it. Please talk to someone you trust soon, and look at "
        "what could be taken off your plate."
    ),
    ("burnout", "average"): gettext_lazy(
        "Your burnout score is in the usual range. Keep an eye on it if things get busier."
    ),
    ("burnout", "low"): gettext_lazy(
        "Your burnout score is low: your current balance seems to be working."
    ),
    ("secondary_traumatic_stress", "high"): gettext_lazy(
        "The distress you hear about may be staying with you. This is a natural response "
        "to trauma work, not a weakness. Please consider talking with your supervisor or "
        "someone of your own."
    ),
    ("secondary_traumatic_stress", "average"): gettext_lazy(
        "Your secondary traumatic stress is in the usual range for this work."
    ),
    ("secondary_traumatic_stress", "low"): gettext_lazy(
        "Your secondary traumatic stress score is low."
    ),
}
WHO5_FEEDBACK = {
    "good": gettext_lazy(
        "Your sense of wellbeing over the last two weeks is not reduced. Keep doing what "
        "keeps you well."
    ),
    "poor": gettext_lazy(
        "Your wellbeing has been lower than it could be over the last two weeks. Please be "
        "kind to yourself, and think about what would give you some rest."
    ),
    "very_poor": gettext_lazy(
        "Your wellbeing has been low over the last two weeks. That matters. Please talk "
        "with someone soon: your supervisor, your own doctor, or the practice's support "
        "service."
    ),
}
SUBSCALE_LABELS = {
    "compassion_satisfaction": gettext_lazy("Compassion satisfaction"),
    "burnout": gettext_lazy("Burnout"),
    "secondary_traumatic_stress": gettext_lazy("Secondary traumatic stress"),
}


def feedback(result: Result) -> list[tuple[str, float | None, str, str]]:
    """[(label, score, level, kind words)] for a ProQOL; one line for a WHO-5."""
    if result.instrument == Instrument.PROQOL5:
        return [
            (
                SUBSCALE_LABELS[key],
                result.subscales.get(key),
                result.levels.get(key, ""),
                FEEDBACK.get((key, result.levels.get(key, "")), ""),
            )
            for key in PROQOL_SUBSCALES
        ]
    words = WHO5_FEEDBACK.get(result.band or "", "")
    return [(_("WHO-5 wellbeing"), result.total, result.band_label or "", words)]


# --- what the practice sees -----------------------------------------------------------


@dataclass(frozen=True)
class TeamAggregate:
    name: str
    shown: bool  # False: fewer than MIN_GROUP people took the check; nothing else shown
    people: int | None
    means: dict  # subscale key -> whole-number mean


def _latest_proqol_by_person(user_ids, since: datetime.datetime) -> dict[int, dict]:
    rows = SelfCheck.objects.filter(
        user_id__in=user_ids, instrument=Instrument.PROQOL5, taken_at__gte=since
    ).order_by("user_id", "taken_at", "id")
    latest: dict[int, SelfCheck] = {}
    for check in rows:
        latest[check.user_id] = check
    return {user_id: json.loads(check.result)["subscales"] for user_id, check in latest.items()}


def aggregate(name: str, user_ids) -> TeamAggregate:
    """Mean ProQOL subscale scores over the people who took it in the last PERIOD_DAYS
    (their latest check each), or nothing at all below MIN_GROUP people. Means are
    rounded to whole numbers so one person's check moves them as little as possible."""
    since = clock.now() - datetime.timedelta(days=PERIOD_DAYS)
    scores = _latest_proqol_by_person(list(user_ids), since)
    if len(scores) < MIN_GROUP:
        return TeamAggregate(name=name, shown=False, people=None, means={})
    means = {
        key: round(sum(person[key] for person in scores.values()) / len(scores))
        for key in PROQOL_SUBSCALES
    }
    return TeamAggregate(name=name, shown=True, people=len(scores), means=means)


def team_members(supervisor: User) -> list[int]:
    """A team: a supervisor and the people they supervise."""
    return [supervisor.pk, *supervisees_of(supervisor).values_list("pk", flat=True)]


def team_aggregates(user: User) -> list[TeamAggregate]:
    """Supervisors see their own team; administrators every team and the practice."""
    if user.role == Role.SUPERVISOR:
        return [aggregate(_("Your team"), team_members(user))]
    if user.role != Role.ADMIN:
        return []
    supervisors = User.objects.filter(role=Role.SUPERVISOR, is_active=True)
    found = [aggregate(_("Team of {name}").format(name=s), team_members(s)) for s in supervisors]
    everyone = User.objects.filter(role__in=CLINICAL_ROLES).values_list("pk", flat=True)
    return [aggregate(_("The whole practice"), everyone), *found]
