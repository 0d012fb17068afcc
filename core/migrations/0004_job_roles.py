from django.db import migrations

from core.roles import grant


def roles(apps, schema_editor):
    # Only administrators see (and may delete) every user's background jobs; anyone sees their own.
    grant(apps, "core", {})


class Migration(migrations.Migration):
    dependencies = [("core", "0003_job")]

    operations = [migrations.RunPython(roles, migrations.RunPython.noop)]
