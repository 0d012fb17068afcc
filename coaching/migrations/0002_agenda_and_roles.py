from django.db import migrations

from core.roles import COORDINATOR, STAFF, grant, view_add_change, view_only

# (code, Arabic, English): the coaching agenda of the 2020 field report, in order.
AGENDA = [
    ("vision-mission-values", "الرؤية والرسالة والقيم", "Vision, mission and values"),
    ("institutional-analysis", "التحليل المؤسسي", "Institutional analysis"),
    ("partners", "الشركاء", "Partners"),
    ("strengths-weaknesses", "نقاط القوة والضعف", "Strengths and weaknesses"),
    ("achievements", "الإنجازات", "Achievements"),
    ("goals", "الأهداف للسنوات الثلاث أو الخمس القادمة", "Goals for the next three or five years"),
    ("timeline", "الخطة الزمنية", "Timeline"),
    ("evaluating-results", "تقييم النتائج", "Evaluating results"),
    ("monitoring-evaluation", "متابعة الخطة الاستراتيجية وتقييمها", "Monitoring and evaluation of the plan"),
]

PLAN_PARTS = ("planrevision", "planvalue", "stakeholder", "swotitem", "goal", "objective")


def seed(apps, schema_editor):
    AgendaItem = apps.get_model("coaching", "AgendaItem")
    for order, (code, ar, en) in enumerate(AGENDA, start=1):
        AgendaItem.objects.update_or_create(code=code, defaults={"name_ar": ar, "name_en": en, "order": order})
    staff = view_only("coachingengagement", "agendaitem", *PLAN_PARTS) + view_add_change(
        "coachingsession", "actionitem", "strategicplan"
    )
    coordinator = staff + [
        "add_coachingengagement",
        "change_coachingengagement",
        "approve_strategicplan",
        "export_strategicplan",
    ]
    grant(apps, "coaching", {STAFF: staff, COORDINATOR: coordinator})


class Migration(migrations.Migration):
    dependencies = [
        ("coaching", "0001_initial"),
        ("organizations", "0002_trigram_and_roles"),
    ]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
