from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

from core.roles import COORDINATOR, STAFF, grant, view_add_change, view_only

CATALOGUES = ("region", "focusarea", "centre", "room")


def roles(apps, schema_editor):
    staff = view_only("organization", *CATALOGUES) + view_add_change("person")
    coordinator = staff + ["add_organization", "change_organization", "export_person", "import_person"]
    grant(apps, "organizations", {STAFF: staff, COORDINATOR: coordinator})
    # Administrators manage users and groups in Django admin.
    grant(apps, "auth", {})


class Migration(migrations.Migration):
    dependencies = [
        ("organizations", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        # Does nothing on SQLite: CreateExtension only acts on PostgreSQL.
        TrigramExtension(),
        migrations.RunPython(roles, migrations.RunPython.noop),
    ]
