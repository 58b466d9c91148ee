"""Plans, versions and signatures, reviews, the agreement and its contact policy, and
session feedback, through the services."""

from datetime import time, timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError

from caseload.audit.models import AuditEvent
from caseload.core import clock
from caseload.core.contact_policy import DEFAULT_POLICY, contact_policy_for
from caseload.plans import document, services
from caseload.plans.models import PlanSignature, SessionFeedback
from caseload.portal.services import portal_link_create
from plans.helpers import (
    LEVELS,
    acknowledge,
    give_feedback,
    goal_fields,
    make_agreement,
    make_plan,
    sign,
)

pytestmark = pytest.mark.django_db


def _raw(model, pk, column):
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM {model._meta.db_table} WHERE id = %s", [pk])  # noqa: S608
        return cursor.fetchone()[0]


# Plans and versions --------------------------------------------------------------------


def test_plan_text_and_goals_are_encrypted_at_rest(client_record, clinician):
    plan = make_plan(client_record, clinician)
    goal = plan.goals.get()
    assert _raw(type(plan), plan.pk, "problems").startswith("gcm1:")
    assert _raw(type(goal), goal.pk, "client_words").startswith("gcm1:")
    assert _raw(type(goal), goal.pk, "level_plus2").startswith("gcm1:")
    assert goal.client_words == "Goal 1: get up in the mornings."


def test_one_plan_per_episode(client_record, clinician):
    make_plan(client_record, clinician)
    with pytest.raises(ValidationError, match="already has a plan"):
        services.plan_create_for_current_episode(
            acting_user=clinician, client=client_record, changes={}
        )


def test_a_goal_needs_all_five_levels_and_the_clients_words(client_record, clinician):
    plan = make_plan(client_record, clinician, goals=0)
    with pytest.raises(ValidationError, match="all five levels"):
        services.goal_save(acting_user=clinician, plan=plan, changes=goal_fields(level_plus2=""))
    with pytest.raises(ValidationError, match="own words"):
        services.goal_save(acting_user=clinician, plan=plan, changes=goal_fields(client_words=" "))
    assert not plan.goals.exists()


def test_a_measure_target_must_be_a_known_instrument_in_range(client_record, clinician):
    plan = make_plan(client_record, clinician, goals=0)
    bad = [
        ({"instrument": "nope"}, "no measure called"),
        ({"instrument": "phq9", "target_direction": "below", "target_value": 40}, "between 0"),
        ({"target_direction": "below", "target_value": 10}, "needs a measure"),
    ]
    for overrides, message in bad:
        with pytest.raises(ValidationError, match=message):
            services.goal_save(acting_user=clinician, plan=plan, changes=goal_fields(**overrides))
    goal = services.goal_save(
        acting_user=clinician,
        plan=plan,
        changes=goal_fields(instrument="phq9", target_direction="below", target_value=10),
    )
    assert goal.target_label == "below 10"


def test_editing_an_unsigned_plan_keeps_its_version(client_record, clinician):
    plan = make_plan(client_record, clinician)
    services.plan_update(acting_user=clinician, plan=plan, changes={"problems": "Changed."})
    assert plan.version == 1


def test_a_change_after_signing_makes_a_new_version_that_is_not_signed(client_record, clinician):
    """Hazard: a changed plan shown as signed."""
    plan = make_plan(client_record, clinician)
    signature = sign(plan, clinician)
    assert signature.version == 1
    services.plan_update(acting_user=clinician, plan=plan, changes={"problems": "Changed."})
    plan.refresh_from_db()
    assert plan.version == 2
    assert not plan.signatures.filter(version=2).exists()
    # A second change to the unsigned version 2 stays version 2.
    services.plan_update(acting_user=clinician, plan=plan, changes={"interventions": "More."})
    assert plan.version == 2


@pytest.mark.parametrize(
    "change",
    [
        lambda plan, user: services.goal_save(acting_user=user, plan=plan, changes=goal_fields()),
        lambda plan, user: services.goal_save(
            acting_user=user,
            plan=plan,
            goal=plan.goals.first(),
            changes={"client_words": "Something else"},
        ),
        lambda plan, user: services.goal_retire(acting_user=user, goal=plan.goals.first()),
    ],
    ids=["goal added", "goal changed", "goal removed"],
)
def test_every_change_to_goals_after_signing_needs_a_new_signature(
    client_record, clinician, change
):
    plan = make_plan(client_record, clinician)
    sign(plan, clinician)
    change(plan, clinician)
    plan.refresh_from_db()
    assert plan.version == 2


def test_moving_the_review_date_is_not_a_new_version(client_record, clinician):
    plan = make_plan(client_record, clinician)
    sign(plan, clinician)
    services.plan_update(
        acting_user=clinician,
        plan=plan,
        changes={"next_review_on": clock.today() + timedelta(days=3)},
    )
    assert plan.version == 1


# Signing -------------------------------------------------------------------------------


def test_the_signature_keeps_the_exact_text_its_hash_the_name_and_the_time(
    client_record, clinician
):
    plan = make_plan(client_record, clinician)
    with time_machine.travel(clock.now(), tick=False):
        signature = sign(plan, clinician, name="  Jordan   Rivera ")
        assert signature.signed_at == clock.now()
    text = services.plan_document_text(plan)
    assert signature.signed_text == text
    assert signature.text_sha256 == document.sha256(text)
    assert signature.typed_name == "Jordan Rivera"
    assert "Goal 1: get up in the mornings." in text
    assert LEVELS["level_plus2"] in text
    assert signature.link.used_at is not None
    assert AuditEvent.objects.filter(action="plan.sign", client_id=client_record.pk).exists()


def test_a_plan_changed_while_the_client_reads_it_is_not_signed(client_record, clinician):
    """Hazard: the client signing a different text than the one stored."""
    plan = make_plan(client_record, clinician)
    issued = services.plan_sign_link_create(acting_user=clinician, plan=plan)
    shown = document.sha256(services.plan_document_text(plan))
    services.plan_update(acting_user=clinician, plan=plan, changes={"problems": "Changed."})

    with pytest.raises(ValidationError, match="changed while you were reading"):
        services.plan_sign(link=issued.link, typed_name="Jordan Rivera", shown_sha256=shown)

    assert not PlanSignature.objects.exists()
    issued.link.refresh_from_db()
    assert issued.link.used_at is None  # they can read the new text and sign it


def test_a_signed_version_cannot_be_signed_again(client_record, clinician):
    plan = make_plan(client_record, clinician)
    sign(plan, clinician)
    with pytest.raises(ValidationError, match="already signed"):
        services.plan_sign_link_create(acting_user=clinician, plan=plan)
    link = portal_link_create(
        acting_user=clinician, client=client_record, kind="plan", target_id=str(plan.pk)
    ).link
    shown = document.sha256(services.plan_document_text(plan))
    with pytest.raises(ValidationError, match="already signed"):
        services.plan_sign(link=link, typed_name="Jordan Rivera", shown_sha256=shown)


def test_a_blank_name_does_not_sign(client_record, clinician):
    plan = make_plan(client_record, clinician)
    issued = services.plan_sign_link_create(acting_user=clinician, plan=plan)
    shown = document.sha256(services.plan_document_text(plan))
    with pytest.raises(ValidationError, match="Type your name"):
        services.plan_sign(link=issued.link, typed_name=" ", shown_sha256=shown)


def test_no_signing_link_for_a_plan_without_goals(client_record, clinician):
    plan = make_plan(client_record, clinician, goals=0)
    with pytest.raises(ValidationError, match="at least one goal"):
        services.plan_sign_link_create(acting_user=clinician, plan=plan)


# Reviews -------------------------------------------------------------------------------


def test_a_review_rates_every_goal_and_stores_the_t_score(client_record, clinician):
    plan = make_plan(client_record, clinician, goals=3)
    ratings = {goal.pk: 1 for goal in plan.goals.all()}
    next_review = clock.today() + timedelta(weeks=6)
    review = services.plan_review_record(
        acting_user=clinician,
        plan=plan,
        reviewed_on=clock.today(),
        ratings=ratings,
        summary="Steady progress.",
        next_review_on=next_review,
    )
    assert review.t_score == 63.69
    assert review.ratings.count() == 3
    plan.refresh_from_db()
    assert plan.next_review_on == next_review


def test_a_review_must_rate_every_goal_within_the_scale(client_record, clinician):
    plan = make_plan(client_record, clinician, goals=2)
    first, second = plan.goals.all()
    for ratings, message in [
        ({first.pk: 1}, "every goal"),
        ({first.pk: 1, second.pk: 3}, "-2 to \\+2"),
    ]:
        with pytest.raises(ValidationError, match=message):
            services.plan_review_record(
                acting_user=clinician, plan=plan, reviewed_on=clock.today(), ratings=ratings
            )
    assert not plan.reviews.exists()


def test_a_rated_goal_keeps_its_levels(client_record, clinician):
    plan = make_plan(client_record, clinician)
    goal = plan.goals.get()
    services.plan_review_record(
        acting_user=clinician, plan=plan, reviewed_on=clock.today(), ratings={goal.pk: 0}
    )
    with pytest.raises(ValidationError, match="can no longer change"):
        services.goal_save(
            acting_user=clinician, plan=plan, goal=goal, changes={"level_0": "Something else"}
        )
    # Its other fields can still change.
    services.goal_save(acting_user=clinician, plan=plan, goal=goal, changes={"objective": "New"})


# The expectations agreement and the contact policy ------------------------------------


def test_the_provider_returns_the_acknowledged_agreements_hours(client_record, clinician):
    agreement = make_agreement(client_record, clinician)
    assert contact_policy_for(client_record) == DEFAULT_POLICY  # not acknowledged yet
    acknowledge(agreement, clinician)

    policy = contact_policy_for(client_record)

    assert policy.source == "agreement"
    assert (policy.start, policy.end) == (time(10), time(16))
    assert policy.days == frozenset({0, 2, 4})
    assert policy.channels == frozenset({"phone", "email"})
    assert policy.response_hours == 48


def test_a_new_version_holds_only_once_acknowledged(client_record, clinician):
    first = make_agreement(client_record, clinician)
    acknowledge(first, clinician)
    second = make_agreement(client_record, clinician, contact_start=time(8), contact_end=time(20))
    assert second.version == 2
    assert contact_policy_for(client_record).start == time(10)
    acknowledge(second, clinician)
    assert contact_policy_for(client_record).start == time(8)


def test_an_agreement_needs_channels_days_and_hours_in_order(client_record, clinician):
    for overrides, message in [
        ({"contact_channels": []}, "at least one way"),
        ({"contact_days": []}, "days"),
        ({"contact_start": time(17), "contact_end": time(9)}, "end after"),
        ({"cannot_offer": ""}, "cannot offer"),
    ]:
        with pytest.raises(ValidationError, match=message):
            make_agreement(client_record, clinician, **overrides)
    assert not client_record.agreements.exists()


def test_an_outdated_agreement_link_cannot_acknowledge(client_record, clinician):
    first = make_agreement(client_record, clinician)
    issued = services.agreement_link_create(acting_user=clinician, agreement=first)
    shown = document.sha256(services.agreement_text(first))
    make_agreement(client_record, clinician, session_frequency="Every two weeks")
    with pytest.raises(ValidationError, match="changed this agreement"):
        services.agreement_acknowledge(link=issued.link, typed_name="Jo", shown_sha256=shown)
    first.refresh_from_db()
    assert first.acknowledged_at is None


def test_the_agreement_text_carries_the_practices_crisis_lines(client_record, clinician):
    text = services.agreement_text(make_agreement(client_record, clinician))
    assert "988" in text
    assert "No crisis support by text or email" in text


# Session feedback ----------------------------------------------------------------------


def test_feedback_is_kept_with_its_comment_encrypted(client_record, clinician):
    row = give_feedback(client_record, clinician, comment="Felt rushed at the end.")
    assert _raw(SessionFeedback, row.pk, "comment").startswith("gcm1:")
    assert row.concern == ""


def test_a_low_rating_needs_attention_until_marked_read(client_record, clinician):
    """Hazard: feedback hidden from the clinician."""
    row = give_feedback(client_record, clinician, heard=1)
    assert row.concern == "low" and row.needs_attention
    services.feedback_mark_seen(acting_user=clinician, feedback_row=row)
    row.refresh_from_db()
    assert not row.needs_attention
    assert row.seen_by == clinician


def test_a_drop_from_the_usual_needs_attention(client_record, clinician):
    for days_ago in (30, 20, 10):
        give_feedback(client_record, clinician, days_ago=days_ago)
    row = give_feedback(client_record, clinician, heard=4, focus=4, approach=3)
    assert row.concern == "drop"


def test_feedback_only_for_an_attended_past_session_and_only_once(client_record, clinician):
    from caseload.clients import services as client_services

    upcoming = client_services.appointment_create(
        acting_user=clinician,
        client=client_record,
        clinician=clinician,
        starts_at=clock.now() + timedelta(days=1),
        duration_minutes=50,
        kind="session",
    )
    with pytest.raises(ValidationError, match="attended"):
        services.feedback_link_create(acting_user=clinician, appointment=upcoming)
    row = give_feedback(client_record, clinician)
    with pytest.raises(ValidationError, match="already given"):
        services.feedback_link_create(acting_user=clinician, appointment=row.appointment)


def test_feedback_ratings_must_be_one_to_five(client_record, clinician):
    from plans.helpers import attended_session

    appointment = attended_session(client_record, clinician)
    issued = services.feedback_link_create(acting_user=clinician, appointment=appointment)
    with pytest.raises(ValidationError, match="1 to 5"):
        services.feedback_submit(link=issued.link, ratings={"heard": 0, "focus": 5, "approach": 5})
    assert not SessionFeedback.objects.exists()
