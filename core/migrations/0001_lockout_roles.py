from django.db import migrations

from core.roles import grant


def roles(apps, schema_editor):
    # Administrators see and clear the login lockout records (django-axes) in the admin.
    grant(apps, "axes", {})


class Migration(migrations.Migration):
    dependencies = [("axes", "0010_accessattemptexpiration"), ("auth", "0012_alter_user_first_name_max_length")]

    operations = [migrations.RunPython(roles, migrations.RunPython.noop)]
