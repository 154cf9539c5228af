# The import models moved to the imports app (imports/migrations/0001_initial.py takes them
# over with their tables as they are): they leave this app's state only, no SQL is run.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("partnerships", "0029_prospects"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="ImportRows"),
                migrations.DeleteModel(name="ImportMappingMemory"),
                migrations.DeleteModel(name="ImportJob"),
            ],
            database_operations=[],
        ),
    ]
