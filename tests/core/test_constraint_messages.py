"""Every database constraint a form can meet is said in words (core/constraints.py):
a ModelForm shows the constraint's own sentence, and a service that meets one through
run_service gives the form that sentence instead of a server error."""

import pytest
from django import forms
from django.apps import apps
from django.db import IntegrityError, transaction

from caseload.clients.forms import AppointmentForm
from caseload.clients.models import Appointment, CareTeamMember
from caseload.core import clock
from caseload.core.constraints import constraint_message
from caseload.core.forms import run_service

pytestmark = pytest.mark.django_db


def _caught(make) -> IntegrityError:
    with pytest.raises(IntegrityError) as caught, transaction.atomic():
        make()
    return caught.value


def test_every_constraint_has_its_own_sentence():
    for model in apps.get_models():
        for constraint in model._meta.constraints:
            message = str(constraint.violation_error_message)
            assert message != str(constraint.default_violation_error_message), constraint.name
            assert constraint.name not in message and message.endswith("."), constraint.name


def test_a_check_constraint_error_is_said_in_words(client_record, clinician):
    error = _caught(
        lambda: Appointment.objects.create(
            client=client_record, clinician=clinician, starts_at=clock.now(), duration_minutes=0
        )
    )
    assert constraint_message(error) == (
        "An appointment lasts from 5 minutes to 8 hours (480 minutes)."
    )


def test_a_unique_constraint_error_is_said_in_words(client_record, colleague):
    error = _caught(
        lambda: CareTeamMember.objects.create(client=client_record, user=colleague, role="member")
    )
    assert constraint_message(error) == "This person is already on the client's care team."


def test_a_partial_unique_constraint_error_is_said_in_words(client_record, colleague):
    CareTeamMember.objects.filter(client=client_record, user=colleague).delete()
    error = _caught(
        lambda: CareTeamMember.objects.create(client=client_record, user=colleague, role="primary")
    )
    assert constraint_message(error) == (
        "The client already has a primary clinician: change that role first."
    )


def test_a_model_form_shows_the_sentence_not_the_constraint_name(clinician):
    form = AppointmentForm(
        {
            "clinician": clinician.pk,
            "starts_at": "2026-12-10T10:00",
            "duration_minutes": 0,
            "kind": "individual",
        }
    )

    assert not form.is_valid()
    text = str(form.errors)
    assert "An appointment lasts from 5 minutes to 8 hours" in text
    assert "appointment_length_sane" not in text


def test_run_service_turns_a_constraint_into_a_form_error(client_record, colleague):
    form = forms.Form({})

    def add_again():
        with transaction.atomic():
            return CareTeamMember.objects.create(
                client=client_record, user=colleague, role="member"
            )

    assert run_service(form, add_again) is None
    assert form.non_field_errors() == ["This person is already on the client's care team."]


def test_run_service_lets_an_unknown_integrity_error_through():
    def broken():
        raise IntegrityError("NOT NULL constraint failed: somewhere.else")

    with pytest.raises(IntegrityError):
        run_service(forms.Form({}), broken)
