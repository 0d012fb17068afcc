from django.db import migrations

from core.roles import COORDINATOR, STAFF, grant, view_add_change


def roles(apps, schema_editor):
    # Staff and coordinators record meetings, their stakeholders and who came.
    rights = view_add_change("meeting", "stakeholder")
    grant(apps, "services", {STAFF: rights, COORDINATOR: rights})


class Migration(migrations.Migration):
    dependencies = [("services", "0006_meetings")]

    operations = [migrations.RunPython(roles, migrations.RunPython.noop)]
