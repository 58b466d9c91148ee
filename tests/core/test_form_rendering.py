"""How every form is drawn (templates/includes/field.html, error_summary.html and
core/templatetags/caseload_forms.py): labels without colons, Bootstrap's classes from the
one field template, radio and checkbox groups as fieldsets with legends and no
pre-selected blank, help and errors tied with aria-describedby, and an error summary at
the top whose links reach their fields."""

import re

import pytest
from django import forms
from django.template import Context, Template
from django.urls import reverse

from caseload.safety.models import RiskAssessment

pytestmark = pytest.mark.django_db

RADIO_GROUPS = ("thoughts", "plan", "intent", "means", "past_behaviour", "risk_level")


def _render(form) -> str:
    return Template('{% include "includes/form_fields.html" %}').render(Context({"form": form}))


def _fieldset_of(html: str, legend: str) -> str:
    start = html.index(f">{legend}</legend>")
    return html[html.rindex("<fieldset", 0, start) : html.index("</fieldset>", start)]


def test_the_risk_assessment_opens_with_no_answer_chosen(as_user, clinician, client_record):
    """Every required radio group of the risk assessment is a fieldset with its question
    as legend and starts with nothing chosen: no blank "---------" option at all."""
    url = reverse("safety:assessment_new", args=[client_record.pk])

    page = as_user(clinician).get(url).content.decode()

    assert "---------" not in page
    assert page.count("<legend") >= len(RADIO_GROUPS) + 2  # and the two checkbox groups
    for name in RADIO_GROUPS:
        radios = re.findall(rf'<input type="radio" name="{name}"[^>]*>', page)
        assert radios, name
        assert not any('value=""' in radio or "checked" in radio for radio in radios), name
        assert all('class="form-check-input"' in radio for radio in radios), name
    group = _fieldset_of(page, "Current thoughts")
    assert 'type="radio" name="thoughts"' in group and "None reported" in group
    assert _fieldset_of(page, "Risk factors").count('type="checkbox"') > 3


def test_labels_have_no_colon_and_controls_get_bootstrap_classes(
    as_user, clinician, client_record
):
    page = as_user(clinician).get(reverse("notes:new", args=[client_record.pk])).content.decode()

    assert ":</label>" not in page
    assert '<label class="form-label" for="id_kind">Type of note</label>' in page
    assert '<select name="kind" class="form-select"' in page
    assert re.search(r'<input type="checkbox" name="psychotherapy" class="form-check-input"', page)


def test_an_unanswered_assessment_lists_every_error_at_the_top_with_links_that_land(
    as_user, clinician, client_record
):
    url = reverse("safety:assessment_new", args=[client_record.pk])

    answer = as_user(clinician).post(url, {"thoughts": "none"})

    page = answer.content.decode()
    assert answer.status_code == 400 and not RiskAssessment.objects.exists()
    summary = page[
        page.index('data-testid="error-summary"') : page.index(
            "</ul>", page.index('data-testid="error-summary"')
        )
    ]
    assert (
        'role="alert"'
        in page[page.rindex("<div", 0, page.index('data-testid="error-summary"')) :][:300]
    )
    assert (
        'tabindex="-1"'
        in page[page.rindex("<div", 0, page.index('data-testid="error-summary"')) :][:300]
    )
    links = re.findall(r'<a href="#([\w-]+)">([^<]+)</a>', summary)
    assert {text.split(":")[0] for _target, text in links} >= {
        "Plan",
        "Intent",
        "Access to means",
        "Overall risk",
    }
    for target, _text in links:
        assert f'id="{target}"' in page, target  # each link lands on a control
    # The plan group: its first real option is the target, and its error is tied to it.
    assert ("id_plan_1", "Plan: This field is required.") in links
    plan = _fieldset_of(page, "Plan")
    assert 'aria-describedby="id_plan_errors"' in plan and 'id="id_plan_errors"' in plan


class _Optional(forms.Form):
    mood = forms.ChoiceField(
        label="Mood today",
        choices=[("", "---------"), ("low", "Low"), ("ok", "OK")],
        required=False,
        widget=forms.RadioSelect,
        help_text="As they described it.",
    )
    note = forms.CharField(label="Note", help_text="Optional.")


def test_an_optional_radio_group_offers_an_explicit_not_answered():
    html = _render(_Optional())

    group = _fieldset_of(html, "Mood today")
    assert "---------" not in html
    assert 'value="" id="id_mood_0" checked class="form-check-input">' in group
    assert '<label class="form-check-label" for="id_mood_0">Not answered</label>' in group

    assert 'aria-describedby="id_mood_helptext"' in group


def test_a_field_with_help_and_an_error_is_described_by_both():
    form = _Optional({"mood": "ok"})
    form.is_valid()

    html = _render(form)

    assert 'aria-describedby="id_note_helptext id_note_errors"' in html
    assert 'aria-invalid="true"' in html
    assert '<a href="#id_note">Note: This field is required.</a>' in html


def test_a_success_message_is_shown_in_a_status_region_for_screen_readers(
    as_user, clinician, client_record
):
    """After an action the message sits in a role=status region that forms.js fills
    again once loaded, so that screen readers announce it."""
    http = as_user(clinician)

    answer = http.post(reverse("notes:new", args=[client_record.pk]), {"kind": "progress"})
    page = http.get(answer["Location"]).content.decode()

    region = page[page.index('<div class="messages"') :]
    assert region.startswith('<div class="messages" role="status" data-messages>')
    assert "Draft started. It is saved as you type." in region[: region.index("</div>")]
    assert "caseload/forms.js" in page
