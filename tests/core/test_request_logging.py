"""A refused or missing page is one line in the log (who, path), not a traceback."""

import logging
import sys

import pytest
from django.urls import reverse

from caseload.core.request_logging import ClientErrorsOnOneLine

pytestmark = pytest.mark.django_db


def _request_records(caplog):
    return [record for record in caplog.records if record.name == "django.request"]


def test_a_403_is_one_warning_line_with_who_and_path(as_user, clinician, caplog):
    url = reverse("staff:list")  # administrators only
    with caplog.at_level(logging.WARNING):
        assert as_user(clinician).get(url + "?token=secret").status_code == 403

    (record,) = _request_records(caplog)
    assert record.levelno == logging.WARNING
    assert record.getMessage() == f"403 Forbidden: {url} (user: treating)"
    assert record.exc_info is None and record.exc_text is None
    assert "Traceback" not in caplog.text and "secret" not in caplog.text


def test_a_404_is_one_warning_line_too(as_user, clinician, caplog):
    with caplog.at_level(logging.WARNING):
        as_user(clinician).get("/no-such-page/")

    (record,) = _request_records(caplog)
    assert record.getMessage() == "404 Not Found: /no-such-page/ (user: treating)"
    assert record.exc_info is None


def test_an_anonymous_404_says_anonymous(client, caplog):
    with caplog.at_level(logging.WARNING):
        client.get("/no-such-page/")

    (record,) = _request_records(caplog)
    assert record.getMessage().endswith("(user: anonymous)")


def test_a_server_error_keeps_its_traceback(caplog):
    """Only client errors are shortened: a 500 is a fault and needs its stack."""
    try:
        raise RuntimeError("boom")
    except RuntimeError:
        record = logging.getLogger("django.request").makeRecord(
            "django.request",
            logging.ERROR,
            __file__,
            1,
            "Internal Server Error: %s",
            ("/x/",),
            exc_info=sys.exc_info(),
            extra={"status_code": 500},
        )
    assert ClientErrorsOnOneLine().filter(record)
    assert record.exc_info is not None and record.getMessage() == "Internal Server Error: /x/"
