"""Recording measure results, keeping measure plans, and sending measures by link.

`response_record` is the ONE way a result enters caseload: the session form, the client's
link, the REST API and the FHIR import all call it. It scores with the engine, classifies
the change against the baseline, stores the result with its rules version and raises a
safety alert for every risk flag, all in one transaction: a risk answer is never saved
without its alert, and invalid answers save and raise nothing (H-012, H-015 in the hazard log).
Callers have been through the door for the client already.
"""

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.utils import timezone

from caseload.accounts.models import User
from caseload.audit.services import audit_record
from caseload.clients.models import Client, Episode
from caseload.core import clock
from caseload.core.models import PracticeSettings
from caseload.measures import change, instruments, scoring
from caseload.measures.instruments.base import Instrument
from caseload.measures.models import MeasurePlan, MeasureResponse, PlanFrequency, ResponseSource
from caseload.measures.result import Flag, Score, ScoringError
from caseload.portal.models import PortalLink
from caseload.portal.services import IssuedLink, portal_link_create, portal_link_revoke
from caseload.safety.models import AlertSource
from caseload.safety.services import alert_raise

logger = logging.getLogger(__name__)

LINK_KIND = "measure"
LINK_LIFETIME = timedelta(hours=72)
# A result may be dated a little ahead of the server's clock (a phone's clock drifts).
FUTURE_TOLERANCE = timedelta(minutes=5)


def instrument_named(code: str) -> Instrument:
    """The instrument for `code`, or a ValidationError naming it."""
    try:
        return instruments.get(code)
    except (KeyError, LookupError, ValueError):
        raise ValidationError({"instrument": f"There is no instrument called {code!r}."}) from None


def response_record(
    *,
    client: Client,
    instrument: str,
    answers: Sequence[int | None],
    source: str,
    acting_user: User | None,
    completed_at: datetime | None = None,
    context: Mapping[str, object] | None = None,
    reported_total: float | None = None,
    request: HttpRequest | None = None,
) -> MeasureResponse:
    """Score `answers` (in item order, None for a missing answer), store the result and
    raise an alert for each risk flag. `acting_user` is None when the client completed
    the measure by link. Raises ValidationError, having changed nothing, when the answers
    cannot be scored; the message names the item.

    `reported_total`: a total reported without its item answers (another record sent
    only the total); `answers` must then be empty. It is stored with its band and
    `items_known=False`, and an instrument with a risk item raises a moderate alert to
    ask about it in person (scoring.score_reported_total)."""
    definition = instrument_named(instrument)
    if source not in ResponseSource.values:
        raise ValidationError(f"Unknown source {source!r}.")
    completed_at = completed_at or clock.now()
    if completed_at > clock.now() + FUTURE_TOLERANCE:
        raise ValidationError({"completed_at": "A measure cannot be completed in the future."})
    if reported_total is None:
        score = _score(definition, answers, context)
    else:
        score = _score_reported(definition, answers, reported_total)
    with transaction.atomic():
        # One recording at a time per client, so baseline and "latest" stay consistent.
        Client.objects.select_for_update().filter(pk=client.pk).exists()
        response = _store(
            client, definition, list(answers), score, source, acting_user, completed_at
        )
        _advance_plan(client, definition.code, completed_at)
        audit_record(
            action="measure.record",
            actor=acting_user,
            request=request,
            client_id=client.pk,
            obj=response,
            detail={"instrument": definition.code, "source": source},
        )
        _raise_alerts(client, definition, response, score, acting_user, request)
    response.score = score
    return response


def _score(definition: Instrument, answers: object, context: Mapping[str, object] | None) -> Score:
    if not isinstance(answers, list | tuple):
        raise ValidationError({"answers": "Answers must be a list, in item order."})
    try:
        return scoring.score(definition.code, list(answers), context=context)
    except ScoringError as error:
        raise ValidationError({"answers": error.message}) from None


def _score_reported(definition: Instrument, answers: object, total: float) -> Score:
    if answers not in ([], ()):
        raise ValidationError(
            {"answers": "Give either the item answers or a reported total, not both."}
        )
    try:
        return scoring.score_reported_total(definition.code, total)
    except ScoringError as error:
        raise ValidationError({"reported_total": error.message}) from None


def _episode_at(client: Client, when: datetime) -> Episode | None:
    """The episode of care the result belongs to: the latest one that had started by then
    and had not ended before it."""
    day = timezone.localdate(when)
    return (
        client.episodes.filter(started_on__lte=day)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=day))
        .order_by("-started_on", "-id")
        .first()
    )


def _store(
    client: Client,
    definition: Instrument,
    answers: list[int | None],
    score: Score,
    source: str,
    acting_user: User | None,
    completed_at: datetime,
) -> MeasureResponse:
    episode = _episode_at(client, completed_at)
    siblings = MeasureResponse.objects.filter(
        client=client, instrument=definition.code, episode=episode
    )
    baseline = siblings.order_by("completed_at", "id").first()
    response = MeasureResponse(
        client=client,
        episode=episode,
        instrument=definition.code,
        answers=answers,
        total=score.total,
        band=score.band or "",
        band_label=score.band_label or "",
        subscales=dict(score.subscales),
        levels=dict(score.levels),
        flags=[_flag_dict(flag) for flag in score.flags],
        prorated=score.prorated,
        items_known=score.items_known,
        missing_note=score.missing_note[:300],
        rules_version=score.rules_version,
        completed_at=completed_at,
        entered_by=acting_user,
        source=source,
    )
    if baseline is None or completed_at < baseline.completed_at:
        # Entered late but dated before the old baseline: it is the baseline now, and the
        # later results are compared with it instead.
        response.is_baseline = True
        response.save()
        if baseline is not None:
            siblings.exclude(pk=response.pk).update(is_baseline=False)
            for later in siblings.exclude(pk=response.pk):
                _classify(later, response.total)
                later.save(update_fields=_CHANGE_FIELDS)
    else:
        _classify(response, baseline.total)
        response.save()
    response.is_latest = _mark_latest(siblings) == response.pk
    return response


_CHANGE_FIELDS = ["baseline_total", "change_category", "change_label", "rci"]


def _classify(response: MeasureResponse, baseline_total: float | None) -> None:
    response.baseline_total = baseline_total
    response.change_category = response.change_label = ""
    response.rci = None
    if baseline_total is None or response.total is None:
        return
    # Empty for an instrument without change statistics: the result stands alone.
    category, label, rci = change.stored_fields(
        response.instrument, baseline_total, response.total
    )
    response.change_category = category
    response.change_label = label[:120]
    response.rci = rci


def _mark_latest(siblings: QuerySet[MeasureResponse]) -> int | None:
    """Mark the newest result of the group, and only it, as the latest; its id."""
    newest = siblings.order_by("-completed_at", "-id").values_list("pk", flat=True).first()
    if newest is None:  # an empty group: nothing to mark
        return None
    siblings.exclude(pk=newest).filter(is_latest=True).update(is_latest=False)
    siblings.filter(pk=newest).update(is_latest=True)
    return newest


def _flag_dict(flag: Flag) -> dict[str, object]:
    return {
        "code": flag.code,
        "severity": flag.severity,
        "reason": flag.reason,
        "item": flag.item,
        "is_risk": flag.is_risk,
    }


def _raise_alerts(
    client: Client,
    definition: Instrument,
    response: MeasureResponse,
    score: Score,
    acting_user: User | None,
    request: HttpRequest | None,
) -> None:
    for flag in score.flags:
        if not flag.is_risk:
            continue
        alert_raise(
            client=client,
            severity=flag.severity,
            source=AlertSource.MEASURE,
            reason=flag.reason,
            evidence=_evidence(definition, response, flag),
            source_obj=response,
            raised_by=acting_user,
            request=request,
        )


def _evidence(definition: Instrument, response: MeasureResponse, flag: Flag) -> str:
    """The item and the answer given, in words, for the alert page."""
    how = dict(ResponseSource.choices)[response.source]
    if flag.item is None or not response.items_known:
        return f"{definition.name}, {how}: {flag.reason}"
    item = definition.items[flag.item - 1]
    value = response.answers[flag.item - 1] if flag.item <= len(response.answers) else None
    wording = item.text or f"item {item.number}"
    if value is None:
        return f"{definition.name} item {item.number} ({wording}): not answered. {how}."
    label = next((option.label for option in item.options if option.value == value), value)
    return f"{definition.name} item {item.number} ({wording}): answered {label!r}. {how}."


def _advance_plan(client: Client, code: str, completed_at: datetime) -> None:
    plan = client.measure_plans.filter(instrument=code, active=True).first()
    if plan is None or completed_at <= plan.counted_from:
        return
    plan.counted_from = completed_at
    plan.next_due_on = _next_due(plan)
    plan.save(update_fields=["counted_from", "next_due_on"])


def _next_due(plan: MeasurePlan) -> date | None:
    # The model's constraint gives every every-n-weeks plan its number of weeks.
    if plan.frequency != PlanFrequency.EVERY_N_WEEKS or plan.interval_weeks is None:
        return None
    return timezone.localdate(plan.counted_from) + timedelta(weeks=plan.interval_weeks)


def measure_plan_save(
    *,
    acting_user: User,
    client: Client,
    instrument: str,
    frequency: str,
    interval_weeks: int | None = None,
    request: HttpRequest | None = None,
) -> MeasurePlan:
    """Start a measure plan for `instrument`, or change how often it is due. The plan
    counts from the last result of the instrument, or from now when there is none."""
    definition = instrument_named(instrument)
    if frequency not in PlanFrequency.values:
        raise ValidationError({"frequency": "Choose how often."})
    if frequency == PlanFrequency.EVERY_N_WEEKS and not (
        interval_weeks and 1 <= interval_weeks <= 52
    ):
        raise ValidationError({"interval_weeks": "Give a number of weeks from 1 to 52."})
    if frequency == PlanFrequency.EVERY_SESSION:
        interval_weeks = None
    with transaction.atomic():
        plan = client.measure_plans.select_for_update().filter(
            instrument=definition.code, active=True
        ).first() or MeasurePlan(client=client, instrument=definition.code, created_by=acting_user)
        last = client.measure_responses.filter(instrument=definition.code).order_by(
            "-completed_at"
        )
        last_at = last.values_list("completed_at", flat=True).first()
        plan.frequency = frequency
        plan.interval_weeks = interval_weeks
        plan.counted_from = plan.counted_from or last_at or clock.now()
        plan.next_due_on = _next_due(plan) if last_at or plan.pk else _first_due(plan)
        plan.save()
        audit_record(
            action="measure.plan_save",
            actor=acting_user,
            request=request,
            client_id=client.pk,
            obj=plan,
            detail={
                "instrument": plan.instrument,
                "frequency": frequency,
                "weeks": interval_weeks,
            },
        )
    return plan


def _first_due(plan: MeasurePlan) -> date | None:
    """A new plan with no result yet is due straight away: the baseline is needed."""
    return clock.today() if plan.frequency == PlanFrequency.EVERY_N_WEEKS else None


def measure_plan_stop(
    *, acting_user: User, plan: MeasurePlan, request: HttpRequest | None = None
) -> MeasurePlan:
    """Stop a plan; its results stay."""
    if not plan.active:
        return plan
    with transaction.atomic():
        plan.active = False
        plan.stopped_at = clock.now()
        plan.save(update_fields=["active", "stopped_at"])
        audit_record(
            action="measure.plan_stop",
            actor=acting_user,
            request=request,
            client_id=plan.client_id,
            obj=plan,
            detail={"instrument": plan.instrument},
        )
    return plan


@dataclass(frozen=True)
class SentLink:
    issued: IssuedLink
    emailed_to: str  # "" when the client has no email address: show the link to copy


def measure_link_send(
    *,
    acting_user: User,
    client: Client,
    instrument: str,
    base_url: str,
    request: HttpRequest | None = None,
) -> SentLink:
    """Make a single-use link (72 hours) for the client to complete `instrument`, and
    email it when they have an email address. The email names the practice, not the
    measure, and carries nothing clinical."""
    definition = instrument_named(instrument)
    if definition.completed_by != "client":
        raise ValidationError(f"{definition.name} is completed by the clinician, not by link.")
    if not definition.wording_shipped:
        raise ValidationError(f"{definition.name}'s wording is not loaded, so it cannot be sent.")
    issued = portal_link_create(
        acting_user=acting_user,
        client=client,
        kind=LINK_KIND,
        target_id=definition.code,
        expires_in=LINK_LIFETIME,
        single_use=True,
        request=request,
    )
    url = f"{base_url}{issued.path}"
    if client.email:
        transaction.on_commit(lambda: _email_link(client.email, url))
    return SentLink(issued=issued, emailed_to=client.email)


def _email_link(address: str, url: str) -> None:
    practice = PracticeSettings.current()
    try:
        _send_link_mail(practice, address, url)
    except Exception:
        # The link is made and shown on the page to copy whatever happens to the email.
        logger.exception("could not email a measure link")


def _send_link_mail(practice: PracticeSettings, address: str, url: str) -> None:
    lines = "\n".join(f"  {label}: {number}" for label, number in practice.crisis_line_list())
    send_mail(
        f"{practice.practice_name}: a short questionnaire from your care team",
        "Your care team has asked you to fill in a short questionnaire before your next "
        f"session. It takes a few minutes. Open this link on your phone or computer:\n\n{url}\n\n"
        "You will be asked for your date of birth. The link works once and for 72 hours.\n"
        "Your answers are not watched in real time. If you need help now, call:\n"
        f"{lines}\n",
        None,
        [address],
    )


def measure_link_revoke(
    *, acting_user: User, link: PortalLink, request: HttpRequest | None = None
) -> PortalLink:
    if link.kind != LINK_KIND:
        raise ValidationError("That is not a measure link.")
    return portal_link_revoke(acting_user=acting_user, link=link, request=request)


def response_record_from_link(
    *, link: PortalLink, answers: Sequence[int | None], request: HttpRequest | None = None
) -> MeasureResponse:
    """The client's own answers through a measure link: recorded through `response_record`
    and the single-use link spent in the same transaction (both or neither)."""
    from caseload.portal.services import portal_link_use

    with transaction.atomic():
        response = response_record(
            client=link.client,
            instrument=link.target_id,
            answers=answers,
            source=ResponseSource.LINK,
            acting_user=None,
            request=request,
        )
        portal_link_use(link=link, request=request)
    return response
