"""Inserting many rows at once, for the sweeps.

On PostgreSQL the rows go in with COPY into a temporary table and one INSERT ... SELECT from
it: no SQL text with tens of thousands of placeholders for the driver to build and the server
to parse (for the reminder sweep's 20,000 records and 10,000 e-mails this took most of the
insert time). Elsewhere (SQLite in development) it is Django's bulk_create.
"""

import time

from django.db import connection, models

BULK_BATCH = 5_000


def _db_row(obj: models.Model, fields: list[models.Field]) -> list:
    return [field.get_db_prep_save(field.pre_save(obj, True), connection) for field in fields]


def insert_many(objs: list[models.Model], *, ignore_conflicts: bool = False) -> None:
    """Insert `objs` (instances of one model, primary keys left to the database). With
    `ignore_conflicts`, rows that would break a unique constraint are skipped, as
    bulk_create(ignore_conflicts=True) does. The caller reads back what it needs."""
    if not objs:
        return
    model = type(objs[0])
    if connection.vendor != "postgresql":
        model.objects.bulk_create(objs, ignore_conflicts=ignore_conflicts, batch_size=BULK_BATCH)
        return
    meta = model._meta
    fields = [field for field in meta.concrete_fields if not field.primary_key]
    qn = connection.ops.quote_name
    table = qn(meta.db_table)
    scratch = qn(f"copy_{meta.db_table}")
    columns = ", ".join(qn(field.column) for field in fields)
    conflict = " ON CONFLICT DO NOTHING" if ignore_conflicts else ""
    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE TEMPORARY TABLE {scratch} ON COMMIT DROP AS SELECT {columns} FROM {table} WITH NO DATA"
        )
        started = time.monotonic()
        copy_sql = f"COPY {scratch} ({columns}) FROM STDIN"
        with cursor.cursor.copy(copy_sql) as copy:
            for obj in objs:
                copy.write_row(_db_row(obj, fields))
        if connection.queries_logged:  # the COPY is a statement too: count it like the others
            connection.queries_log.append(
                {"sql": f"{copy_sql} -- {len(objs)} rows", "time": f"{time.monotonic() - started:.3f}"}
            )
        cursor.execute(f"INSERT INTO {table} ({columns}) SELECT {columns} FROM {scratch}{conflict}")
        cursor.execute(f"DROP TABLE {scratch}")
