"""The admin is a door like the pages: same rights, a test question needs one right answer."""

import pytest
from django.urls import reverse

from evaluation.models import KnowledgeTest
from evaluation.models import TestQuestion as Question

pytestmark = pytest.mark.django_db


def _question(test, correct):
    data = {
        "test": test.pk,
        "order": 1,
        "text_ar": "ما التشبيك؟",
        "text_en": "",
        "choices-TOTAL_FORMS": 2,
        "choices-INITIAL_FORMS": 0,
        "choices-MIN_NUM_FORMS": 0,
        "choices-MAX_NUM_FORMS": 1000,
    }
    for i in range(2):
        data.update({f"choices-{i}-order": i, f"choices-{i}-text_ar": f"خيار {i}", f"choices-{i}-text_en": ""})
        if i in correct:
            data[f"choices-{i}-correct"] = "on"
    return data


@pytest.mark.parametrize(("correct", "saved"), [((), False), ((0, 1), False), ((1,), True)])
def test_a_question_needs_exactly_one_right_answer(admin_client_role, workshop, correct, saved):
    test = KnowledgeTest.objects.create(title_ar="اختبار", workshop=workshop)
    response = admin_client_role.post(reverse("admin:evaluation_testquestion_add"), _question(test, correct))
    assert Question.objects.exists() is saved
    if not saved:
        assert response.status_code == 200
        assert "errornote" in response.content.decode() or "errorlist" in response.content.decode()


@pytest.mark.parametrize(
    "model", ["feedbackquestion", "knowledgetest", "testquestion", "opening", "feedbackresponse", "testresult"]
)
def test_every_model_has_an_admin_page(admin_client_role, model):
    assert admin_client_role.get(reverse(f"admin:evaluation_{model}_changelist")).status_code == 200


def test_links_and_answers_are_not_added_in_the_admin(admin_client_role):
    for model in ("opening", "feedbackresponse", "testresult"):
        assert admin_client_role.get(reverse(f"admin:evaluation_{model}_add")).status_code == 403


def test_a_score_corrected_in_the_admin_changes_the_figures(admin_client_role, workshop):
    from evaluation import figures, writes
    from evaluation.models import TestResult as Result
    from tests.factories import EnrollmentFactory
    from trainings.models import Workshop

    enrollment = EnrollmentFactory(workshop=workshop)
    writes.save_scores([(enrollment, "pre", 2), (enrollment, "post", 6)], None, 10, None)
    assert figures.average_gain(Workshop.objects.all()) == pytest.approx(40)
    post = Result.objects.get(stage="post")
    url = reverse("admin:evaluation_testresult_change", args=[post.pk])
    admin_client_role.post(url, {"score": "9", "max_score": "10"})
    assert figures.average_gain(Workshop.objects.all()) == pytest.approx(70)
