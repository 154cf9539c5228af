"""Faults: a database connection that drops in the middle of a request leaves a clean error
page and no partial write (PostgreSQL's pg_terminate_backend; never skipped in CI), and a
write request that fails after its first write keeps none of it."""

import pytest
from django.db import connection
from django.http import HttpResponse
from django.test import Client
from django.urls import path, reverse
from django.utils import timezone

from checkpoints.models import Checkpoint
from partnerships.models import Contact, Employer

from ..factories import EmployerFactory


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_dropped_connection_mid_request_gives_an_error_page_and_saves_nothing(
    reference_data, teacher, monkeypatch
):
    employer = EmployerFactory()
    original_save = Contact.save

    def save_then_lose_the_connection(self, *args, **kwargs):
        original_save(self, *args, **kwargs)  # the contact row is written ...
        with connection.cursor() as cursor:  # ... and then the server drops us
            cursor.execute("SELECT pg_terminate_backend(pg_backend_pid())")

    monkeypatch.setattr(Contact, "save", save_then_lose_the_connection)
    client = Client(raise_request_exception=False, headers={"Accept-Language": "en"})
    client.force_login(teacher)
    response = client.post(
        reverse("partnerships:contact_create", args=[employer.pk]),
        {
            "date": timezone.localdate().isoformat(),
            "channel": "phone",
            "summary": "Soitto, joka ei tallennu",
            "checkpoints": [Checkpoint.objects.get(number=1).pk],
        },
    )
    assert response.status_code == 500
    assert "Nothing was half-saved" in response.content.decode()
    connection.close()  # a fresh connection for the checks
    assert not Contact.objects.filter(employer=employer).exists()


def view_failing_after_a_write(request):
    EmployerFactory(name="Puolikas Oy")
    raise RuntimeError("boom")


def view_that_works(request):
    EmployerFactory(name="Kokonainen Oy")
    return HttpResponse("ok")


urlpatterns = [path("fails/", view_failing_after_a_write), path("works/", view_that_works)]


@pytest.mark.django_db(transaction=True)
@pytest.mark.urls(__name__)
@pytest.mark.parametrize("method", ["POST", "DELETE"])
def test_a_write_request_that_fails_halfway_keeps_nothing(method):
    """ATOMIC_REQUESTS: the view's transaction is rolled back when it raises."""
    client = Client(raise_request_exception=False)
    assert client.generic(method, "/fails/").status_code == 500
    assert not Employer.objects.filter(name="Puolikas Oy").exists()
    assert client.generic(method, "/works/").status_code == 200
    assert Employer.objects.filter(name="Kokonainen Oy").exists()


def test_the_error_page_has_no_inline_style_for_the_csp_to_block():
    """The 500 page is served under the same Content-Security-Policy (no 'unsafe-inline'):
    its look comes from a stylesheet of our own."""
    from django.template.loader import render_to_string

    html = render_to_string("500.html")
    assert "style=" not in html and "<style" not in html
    assert "/static/css/error" in html
