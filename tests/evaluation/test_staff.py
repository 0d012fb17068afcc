"""The staff's pages: the workshop's evaluation, links, paper forms, scores and the workbook."""

import io

import openpyxl
import pytest
from django.urls import reverse

from core.roles import STAFF
from evaluation import links, tallies
from evaluation.models import Answer, FeedbackQuestion, FeedbackResponse, Opening, QuestionKind
from evaluation.models import TestResult as Result
from tests.evaluation.conftest import answer_url, make_test, open_link
from tests.factories import CentreFactory, EnrollmentFactory, ScoreFactory, UserFactory

pytestmark = pytest.mark.django_db


def _url(name, workshop):
    return reverse(f"evaluation:{name}", args=[workshop.pk])


def _ratings(value=4):
    return {
        f"q{q.pk}": value if q.kind == QuestionKind.RATING else "جيد"
        for q in FeedbackQuestion.objects.filter(centre__isnull=True)
    }


def _fill(workshop, count):
    """count trainees with pre/post results and a feedback answer each."""
    rating = FeedbackQuestion.objects.filter(kind="rating").first()
    for i in range(count):
        enrollment = EnrollmentFactory(workshop=workshop)
        ScoreFactory(enrollment=enrollment, stage="pre", score=i % 10, max_score=10)
        ScoreFactory(enrollment=enrollment, stage="post", score=10, max_score=10)
        response = FeedbackResponse.objects.create(workshop=workshop, enrollment=enrollment)
        Answer.objects.create(response=response, question=rating, rating=1 + i % 5)
    tallies.recount([workshop.pk])


def test_the_page_shows_each_trainees_gain_and_the_averages(staff, workshop, enrollments):
    ScoreFactory(enrollment=enrollments[0], stage="pre", score=4, max_score=10)
    ScoreFactory(enrollment=enrollments[0], stage="post", score=9, max_score=10)
    ScoreFactory(enrollment=enrollments[1], stage="pre", score=6, max_score=10)
    tallies.recount([workshop.pk])
    page = staff.get(_url("workshop", workshop)).content.decode()
    assert "+50" in page  # 40% -> 90%
    assert 'id="average-gain">+50.0<' in page


def test_queries_do_not_grow_with_trainees_or_answers(staff, workshop, django_assert_max_num_queries):
    open_link(workshop)
    _fill(workshop, 3)
    with django_assert_max_num_queries(25) as few:
        staff.get(_url("workshop", workshop))
    _fill(workshop, 30)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert staff.get(_url("workshop", workshop)).status_code == 200


def test_the_workshop_page_shows_the_open_link_and_its_qr(staff, workshop, enrollments):
    opening = open_link(workshop)
    page = staff.get(workshop.get_absolute_url()).content.decode()
    assert links.token_for(opening) in page
    assert "<svg" in page and 'class="qr-code' in page


def test_another_centres_workshop_is_not_found(client, workshop):
    elsewhere = UserFactory(username="elsewhere", role=STAFF, centres=[CentreFactory(staffed=False)])
    client.force_login(elsewhere)
    assert client.get(_url("workshop", workshop)).status_code == 404
    assert client.post(_url("open_link", workshop), {"kind": "feedback", "hours": 2}).status_code == 404
    assert not Opening.objects.exists()


def test_signed_out_and_roleless_users_are_kept_out(client, outsider_user, workshop):
    assert client.get(_url("workshop", workshop)).status_code == 302
    client.force_login(outsider_user)
    assert client.get(_url("workshop", workshop)).status_code == 403


def test_opening_twice_gives_one_link_and_closing_kills_it(staff, workshop, enrollments):
    for _ in range(2):
        staff.post(_url("open_link", workshop), {"kind": "feedback", "hours": 2})
    opening = Opening.objects.get()
    url = answer_url(opening)
    staff.post(reverse("evaluation:close_link", args=[opening.pk]))
    assert staff.get(url).status_code == 410


def test_a_test_link_needs_a_test_with_right_answers(staff, workshop, enrollments):
    response = staff.post(_url("open_link", workshop), {"kind": "pre", "hours": 2}, follow=True)
    assert not Opening.objects.exists()
    assert "no test" in response.content.decode() or "اختبار" in response.content.decode()
    make_test(workshop)
    staff.post(_url("open_link", workshop), {"kind": "pre", "hours": 2})
    assert Opening.objects.filter(kind="pre").count() == 1


@pytest.mark.parametrize("hours", ["0", "73", "x", ""])
def test_odd_hours_open_nothing(staff, workshop, hours):
    staff.post(_url("open_link", workshop), {"kind": "feedback", "hours": hours})
    assert not Opening.objects.exists()


def test_qr_code_is_an_svg_of_the_link(staff, workshop):
    opening = open_link(workshop)
    response = staff.get(reverse("evaluation:link_qr", args=[opening.pk]))
    assert response["Content-Type"] == "image/svg+xml"
    assert b"<svg" in response.content


def test_a_paper_form_sent_twice_is_saved_once(staff, workshop, enrollments):
    form = staff.get(_url("paper_feedback", workshop))
    token = form.context["once_token"]
    data = {"who": enrollments[0].pk, "once_token": token, **_ratings(2)}
    for _ in range(2):
        assert staff.post(_url("paper_feedback", workshop), data).status_code == 302
    response = FeedbackResponse.objects.get()
    assert response.source == "paper" and response.enrollment == enrollments[0]


def test_paper_anonymous_forms_may_be_many_but_a_named_one_once(staff, workshop, enrollments):
    for _ in range(3):
        staff.post(_url("paper_feedback", workshop), {"who": "anonymous", **_ratings(3)})
    staff.post(_url("paper_feedback", workshop), {"who": enrollments[0].pk, **_ratings(3)})
    again = staff.post(_url("paper_feedback", workshop), {"who": enrollments[0].pk, **_ratings(5)})
    assert again.status_code == 400
    assert FeedbackResponse.objects.count() == 4
    assert not Answer.objects.filter(rating=5).exists()


def test_a_paper_rating_of_6_is_refused(staff, workshop, enrollments):
    response = staff.post(_url("paper_feedback", workshop), {"who": "anonymous", **_ratings(6)})
    assert response.status_code == 400
    assert not FeedbackResponse.objects.exists()


def test_paper_scores_all_or_nothing_and_above_the_maximum_refused(staff, workshop, enrollments):
    a, b, _c = enrollments
    bad = {"maximum": "20", f"pre-{a.pk}": "12", f"pre-{b.pk}": "21"}
    response = staff.post(_url("scores", workshop), bad)
    assert response.status_code == 400
    assert not Result.objects.exists()
    good = {"maximum": "20", f"pre-{a.pk}": "12", f"post-{a.pk}": "18.5", f"pre-{b.pk}": "٧"}
    for _ in range(2):  # sent twice: the same results
        assert staff.post(_url("scores", workshop), good).status_code == 302
    results = {(r.enrollment_id, r.stage): (float(r.score), float(r.percent)) for r in Result.objects.all()}
    assert results == {(a.pk, "pre"): (12, 60), (a.pk, "post"): (18.5, 92.5), (b.pk, "pre"): (7, 35)}


def test_the_maximum_of_a_test_with_questions_is_its_question_count(staff, workshop, enrollments):
    make_test(workshop, questions=5)
    response = staff.post(_url("scores", workshop), {"maximum": "100", f"pre-{enrollments[0].pk}": "6"})
    assert response.status_code == 400
    assert not Result.objects.exists()


def test_the_workbook_has_the_same_figures(coordinator, workshop, enrollments):
    ScoreFactory(enrollment=enrollments[0], stage="pre", score=2, max_score=10)
    ScoreFactory(enrollment=enrollments[0], stage="post", score=7, max_score=10)
    tallies.recount([workshop.pk])
    response = coordinator.get(_url("export", workshop))
    assert response.status_code == 200
    book = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    rows = list(book.worksheets[0].iter_rows(values_only=True))
    assert any(row[0] == enrollments[0].person.full_name and row[4] == 50 for row in rows)


def test_staff_may_not_export(staff, workshop):
    assert staff.get(_url("export", workshop)).status_code == 403


def test_a_paper_form_may_skip_a_rating_but_not_be_empty(staff, workshop, enrollments):
    ratings = _ratings(4)
    first = next(iter(ratings))
    assert staff.post(_url("paper_feedback", workshop), {"who": "anonymous", **ratings, first: ""}).status_code == 302
    empty = {key: "" for key in ratings}
    assert staff.post(_url("paper_feedback", workshop), {"who": "anonymous", **empty}).status_code == 400
    assert FeedbackResponse.objects.count() == 1
    assert Answer.objects.count() == len(ratings) - 1
