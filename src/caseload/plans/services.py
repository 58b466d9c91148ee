"""Writing plans, reviews, signatures, agreements and feedback. Each function validates
first, then writes in one transaction with its audit event; bad input raises
ValidationError and changes nothing. Staff callers have been through the door for the
client; portal callers hold a link the portal has checked against the date of birth."""

from datetime import date, time, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.http import HttpRequest

from caseload.accounts.models import User
from caseload.audit.services import audit_record
from caseload.clients.models import Appointment, Attendance, Client, Episode
from caseload.core import clock
from caseload.core.crisis_lines import crisis_lines
from caseload.measures import instruments
from caseload.plans import document, feedback
from caseload.plans.gas import LEVELS, rounded, t_score
from caseload.plans.models import (
    ContactChannelChoice,
    ExpectationsAgreement,
    GoalRating,
    PlanGoal,
    PlanReview,
    PlanSignature,
    SessionFeedback,
    TargetDirection,
    TreatmentPlan,
)
from caseload.plans.selectors import active_goals
from caseload.portal.models import PortalLink
from caseload.portal.services import IssuedLink, portal_link_create, portal_link_use
from caseload.safety.screening_alerts import client_text_screen

PLAN_CONTENT_FIELDS = ("problems", "interventions", "responsibilities")
GOAL_FIELDS = (
    "client_words",
    "clinical_wording",
    "objective",
    "target_date",
    "instrument",
    "target_direction",
    "target_value",
    "weight",
    *PlanGoal.LEVEL_FIELDS.values(),
)
SIGN_LINK_LIFETIME = timedelta(hours=72)
FEEDBACK_LINK_LIFETIME = timedelta(days=7)


# Plans -------------------------------------------------------------------------------


def plan_document_text(plan: TreatmentPlan) -> str:
    return document.as_text(document.plan_sections(plan, active_goals(plan)))


def _changed(
    instance: models.Model, changes: dict[str, Any], allowed: tuple[str, ...]
) -> list[str]:
    unknown = sorted(set(changes) - set(allowed))
    if unknown:
        raise ValidationError(f"Unknown field(s): {', '.join(unknown)}.")
    changed = [name for name, value in changes.items() if getattr(instance, name) != value]
    for name in changed:
        setattr(instance, name, changes[name])
    return changed


def _new_version_if_signed(plan: TreatmentPlan) -> None:
    """A change to a signed version starts the next version, which needs its own
    signature (hazard: a changed plan shown as signed)."""
    if plan.current_version_signed:
        plan.version += 1
        plan.save(update_fields=["version", "updated_at"])


def _check_review_date(next_review_on: date | None) -> None:
    if next_review_on is not None and next_review_on < clock.today():
        raise ValidationError("The next review date is in the past.")


def plan_create(
    *,
    acting_user: User,
    client: Client,
    episode: Episode,
    changes: dict[str, Any],
    request: HttpRequest | None = None,
) -> TreatmentPlan:
    """Start the plan of an episode of care (one plan per episode)."""
    if episode.client_id != client.pk:
        raise ValidationError("That episode of care belongs to another client.")
    if client.treatment_plans.filter(episode=episode).exists():
        raise ValidationError("This episode of care already has a plan.")
    plan = TreatmentPlan(client=client, episode=episode, created_by=acting_user)
    _changed(plan, changes, (*PLAN_CONTENT_FIELDS, "next_review_on"))
    _check_review_date(plan.next_review_on)
    with transaction.atomic():
        plan.save()
        audit_record(
            action="plan.create",
            actor=acting_user,
            request=request,
            client_id=client.pk,
            obj=plan,
        )
    return plan


def plan_create_for_current_episode(
    *,
    acting_user: User,
    client: Client,
    changes: dict[str, Any],
    request: HttpRequest | None = None,
) -> TreatmentPlan:
    """Start the plan of the client's open episode of care."""
    episode = client.episodes.filter(ended_on__isnull=True).order_by("-started_on").first()
    if episode is None:
        raise ValidationError("Open an episode of care before starting a plan.")
    return plan_create(
        acting_user=acting_user, client=client, episode=episode, changes=changes, request=request
    )


def plan_update(
    *,
    acting_user: User,
    plan: TreatmentPlan,
    changes: dict[str, Any],
    request: HttpRequest | None = None,
) -> TreatmentPlan:
    """Change the plan's text or its next review date. A change of text after the current
    version was signed starts a new version; moving the review date does not."""
    if "next_review_on" in changes:
        _check_review_date(changes["next_review_on"])
    changed = _changed(plan, changes, (*PLAN_CONTENT_FIELDS, "next_review_on"))
    if not changed:
        return plan
    with transaction.atomic():
        if set(changed) & set(PLAN_CONTENT_FIELDS):
            _new_version_if_signed(plan)
        plan.save(update_fields=[*changed, "updated_at"])
        audit_record(
            action="plan.update",
            actor=acting_user,
            request=request,
            client_id=plan.client_id,
            obj=plan,
            detail={"fields": changed, "version": plan.version},
        )
    return plan


def _check_goal(goal: PlanGoal) -> None:
    if not goal.client_words.strip():
        raise ValidationError("Write the goal in the client's own words.")
    if any(not goal.level_text(level).strip() for level in LEVELS):
        raise ValidationError("Describe all five levels, from -2 to +2, when setting a goal.")
    if goal.instrument:
        try:
            instrument = instruments.get(goal.instrument)
        except KeyError:
            raise ValidationError(f"There is no measure called {goal.instrument!r}.") from None
        if goal.target_value is not None and not (
            instrument.min_total <= goal.target_value <= instrument.max_total
        ):
            raise ValidationError(
                f"A {instrument.name} target is between {instrument.min_total:g} "
                f"and {instrument.max_total:g}."
            )
    has_target = goal.target_value is not None or bool(goal.target_direction)
    if has_target and not (
        goal.instrument and goal.target_value is not None and goal.target_direction
    ):
        raise ValidationError("A target needs a measure, a direction and a score.")
    if goal.target_direction and goal.target_direction not in TargetDirection.values:
        raise ValidationError("A target is 'below' or 'above' a score.")
    if not 1 <= goal.weight <= 10:
        raise ValidationError("A goal's weight is a whole number from 1 to 10.")


def goal_save(
    *,
    acting_user: User,
    plan: TreatmentPlan,
    changes: dict[str, Any],
    goal: PlanGoal | None = None,
    request: HttpRequest | None = None,
) -> PlanGoal:
    """Add a goal to the plan, or change one. Its attainment levels are fixed once it has
    been rated: rewriting the scale afterwards would change what old ratings mean."""
    creating = goal is None
    if goal is None:
        goal = PlanGoal(client_id=plan.client_id, plan=plan, position=plan.goals.count() + 1)
    elif goal.plan_id != plan.pk or not goal.active:
        raise ValidationError("That goal is not part of this plan.")
    changed = _changed(goal, changes, GOAL_FIELDS)
    level_fields = set(PlanGoal.LEVEL_FIELDS.values())
    if not creating and set(changed) & level_fields and goal.ratings.exists():
        raise ValidationError(
            "This goal has been rated, so its levels can no longer change. Add a new goal instead."
        )
    _check_goal(goal)
    if not creating and not changed:
        return goal
    with transaction.atomic():
        _new_version_if_signed(plan)
        goal.save()
        audit_record(
            action="plan.goal_add" if creating else "plan.goal_update",
            actor=acting_user,
            request=request,
            client_id=plan.client_id,
            obj=goal,
            detail={"fields": changed, "plan_version": plan.version},
        )
    return goal


def goal_retire(
    *, acting_user: User, goal: PlanGoal, request: HttpRequest | None = None
) -> PlanGoal:
    """Take a goal out of the plan. It is kept, with its ratings, for the record."""
    if not goal.active:
        raise ValidationError("That goal has already been taken out of the plan.")
    with transaction.atomic():
        _new_version_if_signed(goal.plan)
        goal.active = False
        goal.save(update_fields=["active"])
        audit_record(
            action="plan.goal_retire",
            actor=acting_user,
            request=request,
            client_id=goal.client_id,
            obj=goal,
            detail={"plan_version": goal.plan.version},
        )
    return goal


def plan_review_record(
    *,
    acting_user: User,
    plan: TreatmentPlan,
    reviewed_on: date,
    ratings: dict[int, int],
    summary: str = "",
    next_review_on: date | None = None,
    request: HttpRequest | None = None,
) -> PlanReview:
    """Rate every current goal on its scale, store the plan's GAS T-score, and schedule
    the next review."""
    goals = active_goals(plan)
    if not goals:
        raise ValidationError("Add a goal before reviewing the plan.")
    if set(ratings) != {goal.pk for goal in goals}:
        raise ValidationError("Rate every goal of the plan.")
    if any(value not in LEVELS for value in ratings.values()):
        raise ValidationError("Each rating is a whole number from -2 to +2.")
    if reviewed_on > clock.today():
        raise ValidationError("A review cannot be dated in the future.")
    if next_review_on is not None and next_review_on <= reviewed_on:
        raise ValidationError("The next review comes after this one.")
    score = rounded(t_score([ratings[goal.pk] for goal in goals], [goal.weight for goal in goals]))
    with transaction.atomic():
        review = PlanReview.objects.create(
            client_id=plan.client_id,
            plan=plan,
            reviewed_on=reviewed_on,
            reviewed_by=acting_user,
            plan_version=plan.version,
            summary=summary,
            t_score=score,
        )
        GoalRating.objects.bulk_create(
            GoalRating(client_id=plan.client_id, review=review, goal=goal, rating=ratings[goal.pk])
            for goal in goals
        )
        plan.next_review_on = next_review_on
        plan.save(update_fields=["next_review_on", "updated_at"])
        audit_record(
            action="plan.review",
            actor=acting_user,
            request=request,
            client_id=plan.client_id,
            obj=review,
            detail={"t_score": score, "goals": len(goals), "plan_version": plan.version},
        )
    return review


def plan_sign_link_create(
    *, acting_user: User, plan: TreatmentPlan, request: HttpRequest | None = None
) -> IssuedLink:
    """A single-use link, open for 72 hours, for the client to read and sign the current
    version."""
    if not active_goals(plan):
        raise ValidationError("Add at least one goal before asking the client to sign.")
    if plan.current_version_signed:
        raise ValidationError("The client has already signed this version.")
    return portal_link_create(
        acting_user=acting_user,
        client=plan.client,
        kind="plan",
        target_id=str(plan.pk),
        expires_in=SIGN_LINK_LIFETIME,
        single_use=True,
        request=request,
    )


def _screen_typed_name(
    link: PortalLink, row: models.Model, field: str, what: str, request: HttpRequest | None
) -> None:
    """A name box is free text too: whatever the client types there is screened like
    any of their words (H-086)."""
    client_text_screen(
        client=link.client,
        text=getattr(row, field),
        source_obj=row,
        field=field,
        what=what,
        request=request,
    )


def _check_typed_name(typed_name: str) -> str:
    typed_name = " ".join(typed_name.split())
    if len(typed_name) < 2:
        raise ValidationError("Type your name to sign.")
    return typed_name


def plan_sign(
    *, link: PortalLink, typed_name: str, shown_sha256: str, request: HttpRequest | None = None
) -> PlanSignature:
    """The client signs the version they were shown. The text is rebuilt under a lock and
    must hash to what the page showed; if the plan changed while they read it, nothing is
    signed and they are shown the new version."""
    typed_name = _check_typed_name(typed_name)
    with transaction.atomic():
        plan = link.client.treatment_plans.select_for_update().get(pk=int(link.target_id))
        text = plan_document_text(plan)
        if document.sha256(text) != shown_sha256:
            raise ValidationError(
                "Your plan was changed while you were reading it. Please read it again "
                "before signing."
            )
        if plan.current_version_signed:
            raise ValidationError("This version of your plan is already signed.")
        portal_link_use(link=link, request=request)
        signature = PlanSignature.objects.create(
            client_id=plan.client_id,
            plan=plan,
            version=plan.version,
            typed_name=typed_name,
            signed_at=clock.now(),
            text_sha256=document.sha256(text),
            signed_text=text,
            link=link,
        )
        _screen_typed_name(
            link, signature, "typed_name", "Name typed when signing the plan", request
        )
        audit_record(
            action="plan.sign",
            request=request,
            client_id=plan.client_id,
            obj=signature,
            detail={"version": plan.version, "sha256": signature.text_sha256},
        )
    return signature


# The expectations agreement ------------------------------------------------------------

AGREEMENT_FIELDS = (
    "session_frequency",
    "session_minutes",
    "cancellations",
    "contact_channels",
    "contact_days",
    "contact_start",
    "contact_end",
    "response_hours",
    "cannot_offer",
    "crisis_steps",
    "progress_review",
)


def agreement_text(agreement: ExpectationsAgreement) -> str:
    lines = [(line["label"], line["number"]) for line in crisis_lines()]
    return document.as_text(document.agreement_sections(agreement, lines))


def agreement_save(
    *,
    acting_user: User,
    client: Client,
    fields: dict[str, Any],
    request: HttpRequest | None = None,
) -> ExpectationsAgreement:
    """Write the next version of the agreement; earlier versions, acknowledged or not,
    stay as they were."""
    unknown = sorted(set(fields) - set(AGREEMENT_FIELDS))
    if unknown:
        raise ValidationError(f"Unknown field(s): {', '.join(unknown)}.")
    latest = client.agreements.order_by("-version").first()
    agreement = ExpectationsAgreement(
        client=client,
        version=(latest.version + 1) if latest else 1,
        created_by=acting_user,
        created_at=clock.now(),
        **fields,
    )
    _check_agreement(agreement)
    with transaction.atomic():
        agreement.save()
        audit_record(
            action="agreement.create",
            actor=acting_user,
            request=request,
            client_id=client.pk,
            obj=agreement,
            detail={"version": agreement.version},
        )
    return agreement


def _check_agreement(agreement: ExpectationsAgreement) -> None:
    agreement.contact_channels = sorted(set(agreement.contact_channels or []))
    agreement.contact_days = sorted(set(agreement.contact_days or []))
    if not agreement.contact_channels:
        raise ValidationError("Choose at least one way the client can reach you.")
    if set(agreement.contact_channels) - set(ContactChannelChoice.values):
        raise ValidationError("Choose contact channels from the list.")
    if not agreement.contact_days or not set(agreement.contact_days) <= set(range(7)):
        raise ValidationError("Choose the days on which the client can reach you.")
    if not (isinstance(agreement.contact_start, time) and isinstance(agreement.contact_end, time)):
        raise ValidationError("Give the hours as times.")
    if agreement.contact_end <= agreement.contact_start:
        raise ValidationError("Contact hours end after they start.")
    if not 1 <= (agreement.response_hours or 0) <= 336:
        raise ValidationError("The answer time is between 1 hour and 2 weeks (336 hours).")
    if not 5 <= (agreement.session_minutes or 0) <= 480:
        raise ValidationError("A session lasts between 5 and 480 minutes.")
    for name in ("session_frequency", "cancellations", "cannot_offer", "crisis_steps"):
        if not str(getattr(agreement, name) or "").strip():
            label = _field_label(ExpectationsAgreement, name)
            raise ValidationError(f"Fill in {label}.")


def agreement_link_create(
    *, acting_user: User, agreement: ExpectationsAgreement, request: HttpRequest | None = None
) -> IssuedLink:
    if agreement.acknowledged_at is not None:
        raise ValidationError("The client has already acknowledged this version.")
    if agreement.client.agreements.filter(version__gt=agreement.version).exists():
        raise ValidationError("There is a newer version of this agreement.")
    return portal_link_create(
        acting_user=acting_user,
        client=agreement.client,
        kind="agreement",
        target_id=str(agreement.pk),
        expires_in=SIGN_LINK_LIFETIME,
        single_use=True,
        request=request,
    )


def agreement_acknowledge(
    *, link: PortalLink, typed_name: str, shown_sha256: str, request: HttpRequest | None = None
) -> ExpectationsAgreement:
    """The client acknowledges the version they were shown, if it is still the latest."""
    typed_name = _check_typed_name(typed_name)
    with transaction.atomic():
        agreement = link.client.agreements.select_for_update().get(pk=int(link.target_id))
        if link.client.agreements.filter(version__gt=agreement.version).exists():
            raise ValidationError(
                "Your care team has changed this agreement since sending the link. "
                "Please ask them for a new link."
            )
        if agreement.acknowledged_at is not None:
            raise ValidationError("You have already acknowledged this agreement.")
        text = agreement_text(agreement)
        if document.sha256(text) != shown_sha256:
            raise ValidationError(
                "The agreement changed while you were reading it. Please read it again."
            )
        portal_link_use(link=link, request=request)
        agreement.acknowledged_at = clock.now()
        agreement.acknowledged_name = typed_name
        agreement.acknowledged_sha256 = document.sha256(text)
        agreement.save(
            update_fields=["acknowledged_at", "acknowledged_name", "acknowledged_sha256"]
        )
        _screen_typed_name(
            link,
            agreement,
            "acknowledged_name",
            "Name typed when acknowledging the agreement",
            request,
        )
        audit_record(
            action="agreement.acknowledge",
            request=request,
            client_id=agreement.client_id,
            obj=agreement,
            detail={"version": agreement.version, "sha256": agreement.acknowledged_sha256},
        )
    return agreement


def _field_label(model: type[models.Model], name: str) -> str:
    field = model._meta.get_field(name)
    return str(field.verbose_name) if isinstance(field, models.Field) else name


# Session feedback ----------------------------------------------------------------------

FEEDBACK_ATTENDED = (Attendance.ATTENDED,)


def feedback_link_create(
    *, acting_user: User, appointment: Appointment, request: HttpRequest | None = None
) -> IssuedLink:
    """A single-use link, open for a week, to give feedback on one attended session."""
    if appointment.attendance not in FEEDBACK_ATTENDED:
        raise ValidationError("Ask for feedback on a session the client attended.")
    if appointment.starts_at > clock.now():
        raise ValidationError("Ask for feedback after the session.")
    if SessionFeedback.objects.filter(appointment=appointment).exists():
        raise ValidationError("The client has already given feedback on this session.")
    return portal_link_create(
        acting_user=acting_user,
        client=appointment.client,
        kind="feedback",
        target_id=str(appointment.pk),
        expires_in=FEEDBACK_LINK_LIFETIME,
        single_use=True,
        request=request,
    )


def feedback_submit(
    *,
    link: PortalLink,
    ratings: dict[str, int],
    comment: str = "",
    request: HttpRequest | None = None,
) -> SessionFeedback:
    """Keep the client's feedback and decide, by plans/feedback.py, whether it needs the
    clinician's attention before the next session."""
    if set(ratings) != set(feedback.STATEMENTS):
        raise ValidationError("Answer all three statements.")
    if any(not feedback.LOWEST <= value <= feedback.HIGHEST for value in ratings.values()):
        raise ValidationError("Each answer is from 1 to 5.")
    with transaction.atomic():
        appointment = link.client.appointments.select_for_update().get(pk=int(link.target_id))
        if SessionFeedback.objects.filter(appointment=appointment).exists():
            raise ValidationError("You have already given feedback on this session.")
        previous = [
            heard + focus + approach
            for heard, focus, approach in SessionFeedback.objects.filter(
                client_id=appointment.client_id
            ).values_list("heard", "focus", "approach")
        ]
        concern = feedback.concern_of(ratings, previous)
        portal_link_use(link=link, request=request)
        row = SessionFeedback.objects.create(
            client_id=appointment.client_id,
            appointment=appointment,
            comment=comment.strip(),
            submitted_at=clock.now(),
            concern=concern.kind,
            concern_detail=concern.detail[:300],
            **ratings,
        )
        # The comment is screened like a check-in and a match raises the same alert,
        # saved with the feedback or not at all (H-085). It also makes the feedback a
        # notice to read before the next session.
        result = client_text_screen(
            client=link.client,
            text=row.comment,
            source_obj=row,
            field="comment",
            what="Session feedback comment",
            request=request,
        )
        if result.flagged and not row.concern:
            row.concern = feedback.RISK
            row.concern_detail = str(feedback.RISK_DETAIL)
            row.save(update_fields=["concern", "concern_detail"])
        audit_record(
            action="feedback.submit",
            request=request,
            client_id=appointment.client_id,
            obj=row,
            detail={"concern": row.concern, "flagged": result.flagged},
        )
    return row


def feedback_mark_seen(
    *, acting_user: User, feedback_row: SessionFeedback, request: HttpRequest | None = None
) -> SessionFeedback:
    """The clinician has read feedback that needed attention; the signal goes away."""
    if feedback_row.seen_at is not None:
        return feedback_row
    with transaction.atomic():
        feedback_row.seen_at = clock.now()
        feedback_row.seen_by = acting_user
        feedback_row.save(update_fields=["seen_at", "seen_by"])
        audit_record(
            action="feedback.seen",
            actor=acting_user,
            request=request,
            client_id=feedback_row.client_id,
            obj=feedback_row,
        )
    return feedback_row
