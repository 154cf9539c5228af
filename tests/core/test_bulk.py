"""core.bulk.insert_many: COPY on PostgreSQL, bulk_create elsewhere, the same result."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.bulk import insert_many
from core.models import OutboxMessage

pytestmark = pytest.mark.django_db


def _message(key: str, body: str = "Hei\tmaailma\nrivi 2 \\ ja ”lainaus”") -> OutboxMessage:
    return OutboxMessage(key=key, kind="test", to_email=f"{key}@example.fi", subject=key, body_text=body)


def test_rows_go_in_with_their_defaults_and_text_intact():
    insert_many([_message(f"k{i}") for i in range(3)])
    rows = list(OutboxMessage.objects.order_by("key"))
    assert [r.key for r in rows] == ["k0", "k1", "k2"]
    assert rows[0].body_text == "Hei\tmaailma\nrivi 2 \\ ja ”lainaus”"
    assert rows[0].status == "pending" and rows[0].created_at is not None


def test_ignore_conflicts_skips_rows_whose_key_exists():
    insert_many([_message("same", body="first")])
    insert_many([_message("same", body="second"), _message("other")], ignore_conflicts=True)
    assert OutboxMessage.objects.get(key="same").body_text == "first"
    assert OutboxMessage.objects.count() == 2


def test_on_postgresql_the_insert_is_a_constant_number_of_statements_all_of_them_counted():
    """(SQLite's bulk_create splits by its limit on variables: more rows, more statements.)"""
    with CaptureQueriesContext(connection) as few:
        insert_many([_message(f"a{i}") for i in range(10)], ignore_conflicts=True)
    with CaptureQueriesContext(connection) as many:
        insert_many([_message(f"b{i}") for i in range(2_000)], ignore_conflicts=True)
    if connection.vendor == "postgresql":
        assert len(few) == len(many)
        assert any(q["sql"].startswith("COPY ") for q in many.captured_queries)
    assert OutboxMessage.objects.count() == 2_010
