"""A trainee's phone, no account: the link's form, one answer each, and every bad input refused."""

import pytest
from django.test import Client

from evaluation import writes
from evaluation.models import Answer, FeedbackQuestion, FeedbackResponse, QuestionKind
from evaluation.models import TestResult as Result
from tests.evaluation.conftest import answer_url, make_test, open_link
from tests.factories import EnrollmentFactory
from trainings import writes as trainings_writes

pytestmark = pytest.mark.django_db


def _ratings(value=4):
    data = {}
    for question in FeedbackQuestion.objects.filter(centre__isnull=True, active=True):
        data[f"q{question.pk}"] = value if question.kind == QuestionKind.RATING else "مفيدة جداً"
    return data


def test_the_form_lists_first_names_and_initials_only(workshop, enrollments):
    enrollments[0].person.phone = "+963 944 000111"
    enrollments[0].person.save()
    response = Client().get(answer_url(open_link(workshop)))
    assert response.status_code == 200
    page = response.content.decode()
    assert workshop.title in page
    assert "فاطمة ا." in page  # فاطمة علي الحسن: the first name and the family initial
    assert "عبد الله ا." in page  # a compound first name stays whole
    assert "Sara K." in page
    for hidden in ("الحسن", "Khalil", "000111", enrollments[0].person.organization.name_ar):
        assert hidden not in page
    assert "no-store" in response["Cache-Control"]
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert response["Referrer-Policy"] == "same-origin"  # the token never goes to another site


def test_a_named_answer_is_saved_once(workshop, enrollments):
    url = answer_url(open_link(workshop))
    data = {"who": enrollments[0].pk, **_ratings(5)}
    first = Client().post(url, data)
    assert first.status_code == 302 and first["Location"].endswith("/done/")
    again = Client().post(url, data)  # another phone, the same name
    assert again.status_code == 409
    assert "already answered" in again.content.decode() or "أجاب" in again.content.decode()
    assert FeedbackResponse.objects.count() == 1
    assert Answer.objects.filter(rating=5).count() == 4


def test_a_withdrawn_or_foreign_trainee_cannot_answer(workshop, enrollments):
    trainings_writes.withdraw(enrollments[2], None)
    stranger = EnrollmentFactory()  # enrolled in another workshop
    url = answer_url(open_link(workshop))
    assert "Sara" not in Client().get(url).content.decode()
    for who in (enrollments[2].pk, stranger.pk, "x", ""):
        response = Client().post(url, {"who": who, **_ratings()})
        assert response.status_code == 400
    assert not FeedbackResponse.objects.exists()


@pytest.mark.parametrize("rating", ["0", "6", "7", "-1", "4.5", "٥", ""])
def test_a_rating_outside_1_to_5_saves_nothing(workshop, enrollments, rating):
    response = Client().post(answer_url(open_link(workshop)), {"who": enrollments[0].pk, **_ratings(rating)})
    assert response.status_code == 400
    assert not FeedbackResponse.objects.exists()
    assert not Answer.objects.exists()


def test_forged_and_closed_links_show_a_clear_page_and_save_nothing(workshop, enrollments, settings):
    settings.LANGUAGE_CODE = "en"
    opening = open_link(workshop)
    url = answer_url(opening)
    data = {"who": enrollments[0].pk, **_ratings()}
    forged = Client().post(url[:-3] + "x/", data)
    assert forged.status_code == 404 and "This link is not valid" in forged.content.decode()
    writes.close_link(opening)
    closed = Client().post(url, data)
    assert closed.status_code == 410 and "This link has closed" in closed.content.decode()
    assert not FeedbackResponse.objects.exists()


def test_anonymous_feedback_once_per_phone_and_no_names_shown(workshop, enrollments):
    url = answer_url(open_link(workshop, anonymous=True))
    phone = Client()
    page = phone.get(url)
    assert "فاطمة" not in page.content.decode()
    assert phone.post(url, _ratings(3)).status_code == 302
    assert phone.post(url, _ratings(3)).status_code == 409
    assert Client().post(url, _ratings(3)).status_code == 400  # no cookie kept: nothing saved
    assert FeedbackResponse.objects.filter(enrollment__isnull=True).count() == 1


def test_anonymous_answers_are_bounded_by_the_trainees(workshop, enrollments):
    url = answer_url(open_link(workshop, anonymous=True))
    statuses = []
    for _ in range(len(enrollments) + 2):
        phone = Client()
        phone.get(url)
        statuses.append(phone.post(url, _ratings()).status_code)
    assert statuses == [302] * len(enrollments) + [409, 409]


def test_the_public_pages_are_rate_limited(workshop, enrollments, settings):
    settings.EVALUATION_RATE_LIMIT = 3
    url = answer_url(open_link(workshop))
    phone = Client(REMOTE_ADDR="10.9.8.7")
    assert [phone.get(url).status_code for _ in range(4)] == [200, 200, 200, 429]


def test_a_post_test_through_the_link_is_scored_and_taken_once(workshop, enrollments):
    test = make_test(workshop, questions=4)
    url = answer_url(open_link(workshop, "post"))
    questions = list(test.questions.prefetch_related("choices"))
    answers = {f"q{q.pk}": q.choices.all()[0 if i < 3 else 1].pk for i, q in enumerate(questions)}
    phone = Client()
    response = phone.post(url, {"who": enrollments[1].pk, **answers}, follow=True)
    assert response.status_code == 200
    result = Result.objects.get()
    assert (result.stage, result.score, result.max_score, float(result.percent)) == ("post", 3, 4, 75.0)
    assert phone.post(url, {"who": enrollments[1].pk, **answers}).status_code == 409
    assert Result.objects.count() == 1


def test_a_test_with_an_unanswered_question_saves_nothing(workshop, enrollments):
    test = make_test(workshop, questions=2)
    first = test.questions.first()
    url = answer_url(open_link(workshop, "pre"))
    response = Client().post(url, {"who": enrollments[0].pk, f"q{first.pk}": first.choices.first().pk})
    assert response.status_code == 400
    assert not Result.objects.exists()


def test_a_test_without_a_right_answer_cannot_be_taken(workshop, enrollments):
    test = make_test(workshop, questions=1)
    test.questions.get().choices.update(correct=False)
    response = Client().get(answer_url(open_link(workshop, "pre")))
    assert response.status_code == 409


def test_the_public_form_costs_the_same_queries_for_3_or_30_trainees(
    workshop, enrollments, django_assert_max_num_queries
):
    url = answer_url(open_link(workshop))
    with django_assert_max_num_queries(10) as few:
        Client().get(url)
    for _ in range(27):
        EnrollmentFactory(workshop=workshop)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert Client().get(url).status_code == 200


def test_an_answer_keeps_its_history(workshop, enrollments):
    Client().post(answer_url(open_link(workshop)), {"who": enrollments[0].pk, **_ratings()})
    assert FeedbackResponse.history.count() == 1


def test_a_topics_test_serves_its_workshops_unless_one_has_its_own(workshop, enrollments):
    from evaluation import catalogue
    from evaluation.models import KnowledgeTest
    from tests.factories import TopicFactory

    topic = TopicFactory()
    workshop.topics.add(topic)
    shared = KnowledgeTest.objects.create(title_ar="اختبار الموضوع", topic=topic, max_score=20)
    assert catalogue.test_for(workshop) == shared
    own = make_test(workshop, questions=2)
    assert catalogue.test_for(workshop) == own
