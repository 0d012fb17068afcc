from django.db import migrations

from core.roles import grant


def roles(apps, schema_editor):
    # Administrators see the audit history of attendance; other roles are unchanged.
    grant(apps, "trainings", {})


class Migration(migrations.Migration):
    dependencies = [("trainings", "0005_attendance_history")]

    operations = [migrations.RunPython(roles, migrations.RunPython.noop)]
