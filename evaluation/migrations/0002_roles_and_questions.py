from django.db import migrations

from core.roles import COORDINATOR, STAFF, grant, view_add_change, view_only

# The shared feedback form: four ratings and a free text (a centre may define its own in the admin).
QUESTIONS = [
    ("rating", "محتوى الورشة", "The workshop's content"),
    ("rating", "أداء المدرب/ة", "The trainer"),
    ("rating", "مكان التدريب وتجهيزاته", "The venue"),
    ("rating", "فائدة الورشة لعملك ولمنظمتك", "Usefulness for your work and your organisation"),
    ("text", "ملاحظات واقتراحات", "Comments and suggestions"),
]


def roles(apps, schema_editor):
    staff = view_only("feedbackquestion", "knowledgetest", "testquestion", "choice") + view_add_change(
        "opening", "feedbackresponse", "answer", "testresult"
    )
    coordinator = staff + view_add_change("knowledgetest", "testquestion", "choice") + ["export_testresult"]
    grant(apps, "evaluation", {STAFF: staff, COORDINATOR: coordinator})


def questions(apps, schema_editor):
    FeedbackQuestion = apps.get_model("evaluation", "FeedbackQuestion")
    if FeedbackQuestion.objects.filter(centre__isnull=True).exists():
        return
    FeedbackQuestion.objects.bulk_create(
        FeedbackQuestion(order=order, kind=kind, text_ar=ar, text_en=en)
        for order, (kind, ar, en) in enumerate(QUESTIONS, start=1)
    )


class Migration(migrations.Migration):
    dependencies = [("evaluation", "0001_feedback_and_tests")]

    operations = [
        migrations.RunPython(roles, migrations.RunPython.noop),
        migrations.RunPython(questions, migrations.RunPython.noop),
    ]
