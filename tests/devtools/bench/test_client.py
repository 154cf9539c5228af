"""A session the benchmark makes without a login request signs its user in."""

import pytest
from django.test import override_settings
from django.urls import reverse

from devtools.bench.client import session_cookie

pytestmark = pytest.mark.django_db


@override_settings(SESSION_ENGINE="django.contrib.sessions.backends.db")
def test_a_bench_session_signs_the_user_in(client, teacher):
    cookie = session_cookie(teacher)
    name, value = cookie.split("=", 1)
    client.cookies[name] = value
    assert client.get(reverse("partnerships:home")).status_code == 200
