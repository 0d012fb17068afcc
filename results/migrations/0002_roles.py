from django.db import migrations

from core.roles import COORDINATOR, STAFF, grant, view_add_change, view_only

MODELS = ("resultsframework", "result", "indicator", "target", "manualvalue")


def roles(apps, schema_editor):
    # Staff read the framework and the IPTT; Coordinators (who report to donors) set it up,
    # set targets and enter values by hand; Administrators get everything, history included.
    grant(apps, "results", {STAFF: view_only(*MODELS), COORDINATOR: view_add_change(*MODELS)})


class Migration(migrations.Migration):
    dependencies = [("results", "0001_framework")]

    operations = [migrations.RunPython(roles, migrations.RunPython.noop)]
