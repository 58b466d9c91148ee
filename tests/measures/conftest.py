from datetime import timedelta

import pytest

from caseload.core import clock


@pytest.fixture
def client_record(client_record):
    """The shared client, with their episode of care started a year ago, so results can
    be dated back into it."""
    client_record.episodes.update(started_on=clock.today() - timedelta(days=365))
    return client_record
