from django.db import migrations

from core.roles import COORDINATOR, STAFF, grant, view_add_change, view_only


def roles(apps, schema_editor):
    # Staff record organisations' requests and see waiting lists; coordinators also review requests.
    staff = [*view_add_change("organizationrequest"), *view_only("waitingplace")]
    grant(apps, "trainings", {STAFF: staff, COORDINATOR: [*staff, "review_organizationrequest"]})


class Migration(migrations.Migration):
    dependencies = [("trainings", "0010_requests_waiting_lists_project_manager")]

    operations = [migrations.RunPython(roles, migrations.RunPython.noop)]
