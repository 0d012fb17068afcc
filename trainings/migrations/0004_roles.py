from django.db import migrations

from core.roles import COORDINATOR, STAFF, grant, view_add_change, view_only


def roles(apps, schema_editor):
    staff = view_only("project", "phase", "topic", "trainer") + view_add_change(
        "workshop", "enrollment", "session", "attendance"
    )
    coordinator = staff + ["add_project", "change_project", "add_phase", "change_phase"]
    grant(apps, "trainings", {STAFF: staff, COORDINATOR: coordinator})


class Migration(migrations.Migration):
    dependencies = [
        ("trainings", "0003_seed_topics"),
        ("organizations", "0002_trigram_and_roles"),
    ]

    operations = [migrations.RunPython(roles, migrations.RunPython.noop)]
