from django.db import migrations

from core.roles import COORDINATOR, grant


def roles(apps, schema_editor):
    # Staff get nothing here; Administrator gets every permission of the app.
    grant(apps, "excel", {COORDINATOR: ["export_attendance", "import_people"]})


class Migration(migrations.Migration):
    dependencies = [
        ("excel", "0001_initial"),
        ("organizations", "0002_trigram_and_roles"),
    ]

    operations = [migrations.RunPython(roles, migrations.RunPython.noop)]
