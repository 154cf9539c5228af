"""`manage.py profile_page`: one page profiled in process as a signed-in user."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tests.factories import EmployerFactory

pytestmark = pytest.mark.django_db


def test_profile_page_times_a_page_and_lists_its_queries_and_calls(teacher):
    EmployerFactory(name="Profiloitava Oy", account_owner=teacher)
    out = io.StringIO()
    call_command("profile_page", "/employers/", user="teacher", runs=2, sql=True, cprofile=True, stdout=out)
    text = out.getvalue()
    assert "status 200" in text and "best of 2:" in text
    assert "queries" in text and 'FROM "partnerships_employer"' in text
    assert "Python function calls" in text and "tottime" in text


def test_profile_page_names_a_user_that_does_not_exist():
    with pytest.raises(CommandError, match="No user 'nobody'"):
        call_command("profile_page", "/", user="nobody", stdout=io.StringIO())
