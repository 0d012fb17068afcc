from django.db import migrations

from core.roles import COORDINATOR, STAFF, grant, view_add_change, view_only

# (code, Arabic, English): the capacity areas a needs assessment scores, in order.
AREAS = [
    ("governance", "الحوكمة", "Governance"),
    ("strategic-planning", "التخطيط الاستراتيجي", "Strategic planning"),
    ("financial-management", "الإدارة المالية", "Financial management"),
    ("fundraising", "جمع التمويل", "Fundraising"),
    ("project-management", "إدارة المشاريع", "Project management"),
    ("monitoring-evaluation", "الرصد والتقييم", "Monitoring and evaluation"),
    ("human-resources", "الموارد البشرية", "Human resources"),
    ("advocacy-networking", "المناصرة والتشبيك", "Advocacy and networking"),
    ("reporting", "كتابة التقارير", "Reporting"),
]


def seed_areas(apps, schema_editor):
    CapacityArea = apps.get_model("services", "CapacityArea")
    for order, (code, ar, en) in enumerate(AREAS, start=1):
        CapacityArea.objects.update_or_create(code=code, defaults={"name_ar": ar, "name_en": en, "order": order})


def roles(apps, schema_editor):
    # Staff are the receptionists and advisers; coordinators do the same here.
    # Cancelling a booking is a change (the record stays); nobody but
    # administrators deletes.
    rights = view_add_change("booking", "consultation", "needsassessment", "assessmentscore") + view_only(
        "capacityarea"
    )
    grant(apps, "services", {STAFF: rights, COORDINATOR: rights})


class Migration(migrations.Migration):
    dependencies = [
        ("services", "0001_initial"),
        ("organizations", "0002_trigram_and_roles"),
    ]

    operations = [
        migrations.RunPython(seed_areas, migrations.RunPython.noop),
        migrations.RunPython(roles, migrations.RunPython.noop),
    ]
