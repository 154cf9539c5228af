import pytest
from django.core import mail

from .test_signin import sign_in


@pytest.fixture
def partner(ville, client):
    """`client`, signed in as the module's `ville` (its mail box emptied)."""
    sign_in(client)
    mail.outbox.clear()
    return client
