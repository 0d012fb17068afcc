from django.db import migrations

from core.roles import grant


def roles(apps, schema_editor):
    # Administrators see the audit history; the other roles keep what 0002 gave them.
    grant(apps, "organizations", {})


class Migration(migrations.Migration):
    dependencies = [("organizations", "0003_history")]

    operations = [migrations.RunPython(roles, migrations.RunPython.noop)]
