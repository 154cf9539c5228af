"""The import tasks moved to the imports app under the names they were registered with."""

from config.celery import app as celery_app
from imports import tasks


def test_a_message_queued_before_the_move_still_finds_its_task():
    celery_app.loader.import_default_modules()
    for name, task in [
        ("partnerships.tasks.import_run", tasks.import_run),
        ("partnerships.tasks.imports_cleanup", tasks.imports_cleanup),
    ]:
        # The project's app, whichever app is current (other tests start apps of their own).
        assert task.name == name and celery_app.tasks[name].__module__ == "imports.tasks"


def test_the_hourly_cleanup_is_scheduled_under_the_name_it_is_registered_with():
    entry = celery_app.conf.beat_schedule["imports-cleanup"]
    assert entry["task"] == tasks.imports_cleanup.name
