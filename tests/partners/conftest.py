import pytest
from django.core import mail

from ..factories import ContactPersonFactory, EmployerFactory
from .test_signin import sign_in


@pytest.fixture
def owned_ville(teacher):
    """A partner (ville.ohjaaja@konepaja.example) whose employer's account owner is `teacher`,
    who has an e-mail address to be told at."""
    teacher.email = "tiina@opisto.example"
    teacher.save()
    employer = EmployerFactory(name="Konepaja Oy", account_owner=teacher)
    return ContactPersonFactory(employer=employer, first_name="Ville", email="ville.ohjaaja@konepaja.example")


@pytest.fixture
def partner(ville, client):
    """`client`, signed in as the module's `ville` (its mail box emptied)."""
    sign_in(client)
    mail.outbox.clear()
    return client
