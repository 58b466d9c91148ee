"""The project's components (templates/components/): each renders what its parameters
say, escapes what it is given, and ties labels, errors and dialogs together for
assistive technology."""

import re

import pytest
from django import forms
from django.template.loader import render_to_string
from django.test import RequestFactory


def _render(name: str, **context) -> str:
    return render_to_string(f"components/{name}.html", context)


def test_page_header_with_a_lead_and_actions():
    html = _render(
        "page_header",
        title="Today",
        lead="Thursday's sessions",
        actions=[("Book", "/book/"), ("Calendar", "/calendar/")],
    )
    assert "<h1>Today</h1>" in html and "Thursday&#x27;s sessions" in html
    assert re.findall(r'class="btn (btn-[a-z-]+)" href="([^"]+)"', html) == [
        ("btn-primary", "/book/"),
        ("btn-outline-primary", "/calendar/"),
    ]


def test_page_header_alone_draws_no_empty_parts():
    html = _render("page_header", title="Alerts")
    assert "lead" not in html and "page-header-actions" not in html


def test_card_with_title_text_and_footer_link():
    html = _render(
        "card", title="Open alerts", text="<b>2</b> waiting", link_url="/a/", link_label="All"
    )
    assert 'aria-labelledby="card-open-alerts"' in html and 'id="card-open-alerts"' in html
    assert "&lt;b&gt;2&lt;/b&gt; waiting" in html
    assert '<a href="/a/">All</a>' in html


def test_table_labels_each_cell_with_its_column_for_phones():
    html = _render(
        "table",
        caption="Staff",
        columns=["Name", "Role"],
        rows=[["Ana", "Clinician"], ["Ben <i>", "Intake"]],
    )
    assert '<caption class="visually-hidden">Staff</caption>' in html
    assert re.findall(r'<td data-label="([^"]+)">([^<]*)</td>', html) == [
        ("Name", "Ana"),
        ("Role", "Clinician"),
        ("Name", "Ben &lt;i&gt;"),
        ("Role", "Intake"),
    ]


def test_an_empty_table_says_so():
    html = _render("table", caption="Staff", columns=["Name"], rows=[], empty="No staff yet.")
    assert "<table" not in html and "No staff yet." in html


@pytest.mark.parametrize(("level", "expected"), [(None, "neutral"), ("danger", "danger")])
def test_badge_level(level, expected):
    html = _render("badge", text="Off track", level=level, title="GAD-7 up 6")
    assert f'class="badge {expected}"' in html and 'title="GAD-7 up 6"' in html


def test_banner_danger_is_announced_and_others_are_not():
    danger = _render("banner", title="Interpreter needed", text="Arabic", level="danger")
    warning = _render("banner", title="Approach with care", text="Grief", testid="b")
    assert 'role="alert"' in danger and "banner-danger" in danger
    assert 'role="alert"' not in warning and 'data-testid="b"' in warning
    assert 'aria-label="Approach with care"' in warning


def test_empty_state_with_its_next_step():
    html = _render("empty_state", title="No notes yet", action_url="/n/", action_label="Write")
    assert "No notes yet" in html and '<a class="btn btn-primary" href="/n/">Write</a>' in html


class _Form(forms.Form):
    reason = forms.CharField(label="Reason", help_text="In the client's words.")
    channel = forms.ChoiceField(
        label="How did they reach you?",
        choices=[("call", "Phone call"), ("text", "Text message")],
        widget=forms.RadioSelect,
    )
    urgent = forms.BooleanField(label="Urgent", required=False)


def test_form_field_ties_label_help_and_error_to_the_input():
    form = _Form(data={"channel": "call"})
    assert not form.is_valid()
    html = _render("form_field", field=form["reason"])
    assert '<label for="id_reason">Reason</label>' in html
    widget = re.search(r"<input[^>]*>", html).group(0)
    assert 'aria-invalid="true"' in widget
    assert "id_reason_helptext" in widget
    assert 'id="id_reason_helptext"' in html and "This field is required." in html


def test_a_radio_group_is_a_fieldset_with_its_question_as_legend():
    html = _render("form_field", field=_Form()["channel"], optional=True)
    assert html.strip().startswith("<fieldset")
    assert "<legend>How did they reach you?" in html and "(optional)" in html
    assert html.count('type="radio"') == 2 and "<label for=" not in html.split("</legend>")[0]


def test_a_checkbox_has_its_label_after_it():
    html = _render("form_field", field=_Form()["urgent"])
    assert re.search(r'<input type="checkbox"[^>]*id="id_urgent"[^>]*>\s*<label', html)


def test_error_summary_links_each_error_to_its_field_and_takes_focus():
    form = _Form(data={"reason": "", "channel": "fax"})
    assert not form.is_valid()
    html = _render("error_summary", form=form)
    assert 'role="alert"' in html and 'tabindex="-1"' in html and "data-error-summary" in html
    links = re.findall(r'<a href="#([^"]+)">([^<]+)</a>', html)
    assert [target for target, _text in links] == ["id_reason", "id_channel_0"]
    assert links[0][1] == "Reason: This field is required."


def test_no_error_summary_for_a_form_without_errors():
    assert _render("error_summary", form=_Form()).strip() == ""


def test_confirmation_dialog_posts_only_from_inside_the_dialog():
    request = RequestFactory().get("/")
    html = render_to_string(
        "components/confirm_dialog.html",
        {
            "id": "sign-note",
            "trigger_label": "Sign and lock",
            "title": "Sign and lock this note?",
            "message": "A signed note cannot be changed, only amended.",
            "action": "/notes/1/sign/",
            "confirm_label": "Sign and lock",
            "danger": True,
        },
        request=request,
    )
    trigger = re.search(r'<button type="button"[^>]*data-bs-target="#sign-note"[^>]*>', html)
    assert trigger and 'data-bs-toggle="modal"' in trigger.group(0)
    dialog = html.split('id="sign-note"', 1)[1]
    assert 'aria-labelledby="sign-note-title"' in html and 'id="sign-note-title"' in dialog
    assert re.search(r'<form class="modal-content" method="post" action="/notes/1/sign/">', dialog)
    assert "csrfmiddlewaretoken" in dialog
    assert dialog.count('type="submit"') == 1 and "Cancel" in dialog
    assert html.split('id="sign-note"', 1)[0].count("<form") == 0
