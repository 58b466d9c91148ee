import pytest

from caseload.accounts.services import api_token_create


@pytest.fixture
def bearer(db):
    """bearer(user) -> request headers carrying a fresh API token for `user`."""

    def headers_for(user) -> dict[str, str]:
        _, secret = api_token_create(acting_user=None, user=user)
        return {"Authorization": f"Bearer {secret}"}

    return headers_for
