"""Safety fixtures: a fixed moment to raise alerts at, and a practice with an on-call
contact whose email can be checked."""

import pytest
import time_machine

from caseload.core.models import PracticeSettings


@pytest.fixture
def practice(db):
    practice = PracticeSettings.current()
    practice.on_call_name = "Dr On Call"
    practice.on_call_email = "oncall@practice.example"
    practice.on_call_phone = "555-0100"
    practice.save()
    return practice


@pytest.fixture
def emails(db, clinician, colleague, supervisor, other_supervisor, outsider):
    """Give each persona an email address, so who is emailed can be checked."""
    for user in (clinician, colleague, supervisor, other_supervisor, outsider):
        user.email = f"{user.username}@practice.example"
        user.save(update_fields=["email"])


@pytest.fixture
def at():
    """at(moment): freeze the clock there (tick=False: nothing moves by itself)."""
    travellers = []

    def travel(moment):
        if travellers:
            travellers.pop().stop()
        traveller = time_machine.travel(moment, tick=False)
        traveller.start()
        travellers.append(traveller)

    yield travel
    for traveller in travellers:
        traveller.stop()


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """committed(function, *args, **kwargs): call it and run what it left for after the
    commit (the emails), as a real transaction would; the test's own transaction never
    commits."""

    def run(function, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return function(*args, **kwargs)

    return run
