from django.db import migrations

from core.roles import COORDINATOR, STAFF, grant


def roles(apps, schema_editor):
    # Staff attach files to what they may change; removing a file is a coordinator's call
    # (DESIGN: Staff do no deleting). Administrators get every right, history included.
    staff = ["view_attachment", "add_attachment"]
    grant(apps, "attachments", {STAFF: staff, COORDINATOR: staff + ["delete_attachment"]})


class Migration(migrations.Migration):
    dependencies = [("attachments", "0001_initial")]

    operations = [migrations.RunPython(roles, migrations.RunPython.noop)]
