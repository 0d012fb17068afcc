from django.db import migrations

# The topics of both field reports, in Arabic and English, in report order.
TOPICS = [
    ("جمع التبرعات والحصول على التمويل", "Fundraising"),
    ("التشبيك", "Networking"),
    ("التخطيط الاستراتيجي", "Strategic planning"),
    ("تحليل SWOT", "SWOT analysis"),
    ("التواصل والتنسيق", "Communication and coordination"),
    ("الإدارة المالية", "Financial management"),
    ("الرصد والتقييم", "Monitoring and evaluation"),
    ("إدارة المشاريع", "Project management"),
    ("إدارة الموارد البشرية", "Human-resources management"),
    ("المناصرة والتحشيد", "Advocacy and mobilisation"),
    ("الإدارة التشغيلية", "Operational management"),
    ("كتابة التقارير", "Report writing"),
]


def seed(apps, schema_editor):
    Topic = apps.get_model("trainings", "Topic")
    for order, (name_ar, name_en) in enumerate(TOPICS, start=1):
        Topic.objects.get_or_create(name_ar=name_ar, defaults={"name_en": name_en, "order": order})


def unseed(apps, schema_editor):
    Topic = apps.get_model("trainings", "Topic")
    Topic.objects.filter(name_ar__in=[ar for ar, _ in TOPICS], workshops=None, sessions=None).delete()


class Migration(migrations.Migration):
    dependencies = [("trainings", "0002_workshops_sessions_attendance")]

    operations = [migrations.RunPython(seed, unseed)]
