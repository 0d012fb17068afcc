"""Organisations registered before centres scoped the app get the centre that serves them.

With one centre, that centre; otherwise the only centre of the organisation's region. The
others stay unassigned: an administrator sees them and can choose (core.centres).
"""

from django.db import migrations


def assign(apps, schema_editor):
    Centre = apps.get_model("organizations", "Centre")
    Organization = apps.get_model("organizations", "Organization")
    centres = list(Centre.objects.values_list("pk", "region_id"))
    if len(centres) == 1:
        Organization.objects.filter(centre=None).update(centre_id=centres[0][0])
        return
    by_region = {}
    for pk, region in centres:
        by_region.setdefault(region, []).append(pk)
    for region, pks in by_region.items():
        if len(pks) == 1:
            Organization.objects.filter(centre=None, region_id=region).update(centre_id=pks[0])


class Migration(migrations.Migration):
    dependencies = [("organizations", "0008_meetings")]

    operations = [migrations.RunPython(assign, migrations.RunPython.noop)]
