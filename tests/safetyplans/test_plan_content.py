"""The safety plan's content: the steps, the one-entry-a-line boxes, validation and the
differences between versions (safetyplans/content.py)."""

import pytest

from caseload.safetyplans import content as plan_content
from caseload.safetyplans.content import BY_KEY, PlanError, changes, parse_lines, validate


def test_the_seven_sections_in_the_established_order():
    assert plan_content.STEP_KEYS == (
        "warning_signs",
        "coping_alone",
        "distractions",
        "people_to_ask",
        "services",
        "safer_surroundings",
        "reasons_for_living",
    )


def test_contact_lines_split_a_phone_number_after_the_last_colon():
    entries = parse_lines(
        BY_KEY["people_to_ask"], "Aunt Rosa: (555) 010-0199\nThe library on Elm St\n\n"
    )
    assert entries == [
        {"name": "Aunt Rosa", "phone": "(555) 010-0199"},
        {"name": "The library on Elm St", "phone": ""},
    ]


def test_means_lines_split_at_the_first_colon():
    entries = parse_lines(
        BY_KEY["safer_surroundings"], "Medication: my partner keeps it: one week at a time"
    )
    assert entries == [
        {"method": "Medication", "agreed": "my partner keeps it: one week at a time"}
    ]


def test_lines_round_trip():
    for step in plan_content.STEPS:
        text = {"text": "Walk the dog", "contact": "Sam: 555 0101", "means": "Car keys: Sam"}[
            step.kind
        ]
        assert plan_content.to_lines(step, parse_lines(step, text)) == text


@pytest.mark.parametrize(
    "plan,message",
    [
        ([], "object"),
        ({"warning_signs": "tired"}, "expected a list"),
        ({"nonsense": ["x"]}, "Unknown step"),
        ({"people_to_ask": [{"name": "Sam", "phone": "call me"}]}, "phone number"),
        ({"people_to_ask": [{"phone": "555"}]}, "name is missing"),
        ({"people_to_ask": [{"name": "Sam", "email": "x"}]}, "unknown field"),
        ({"warning_signs": [""]}, "empty"),
        ({"warning_signs": ["x" * 501]}, "500 characters"),
    ],
)
def test_malformed_plans_are_refused_with_a_plain_message(plan, message):
    with pytest.raises(PlanError, match=message):
        validate(plan)


def test_validation_tidies_whitespace_and_fills_missing_steps():
    clean = validate({"warning_signs": ["  not   sleeping  ", ""]})
    assert clean["warning_signs"] == ["not sleeping"]
    assert clean["services"] == []


def test_changes_between_versions():
    before = validate({"warning_signs": ["a", "b"], "people_to_ask": [{"name": "Sam"}]})
    after = validate({"warning_signs": ["a", "c"], "people_to_ask": [{"name": "Sam"}]})
    diff = changes(before, after)
    assert diff["warning_signs"] == {"added": ["c"], "removed": ["b"], "changed": True}
    assert diff["people_to_ask"]["changed"] is False
    assert changes(None, after)["warning_signs"]["added"] == ["a", "c"]
