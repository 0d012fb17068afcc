from django.db import migrations

from core.roles import grant


def roles(apps, schema_editor):
    # Administrators see the audit history of coaching sessions; other roles are unchanged.
    grant(apps, "coaching", {})


class Migration(migrations.Migration):
    dependencies = [("coaching", "0003_session_history")]

    operations = [migrations.RunPython(roles, migrations.RunPython.noop)]
