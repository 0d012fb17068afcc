"""The two figures the IPTT reads: average gain and average satisfaction, equal to a direct count."""

import pytest

from evaluation import figures, tallies
from evaluation.models import Answer, FeedbackQuestion
from tests.factories import EnrollmentFactory, FeedbackResponseFactory, ScoreFactory, WorkshopFactory
from trainings.models import Workshop

pytestmark = pytest.mark.django_db


def _scores(enrollment, pre=None, post=None, out_of=10):
    if pre is not None:
        ScoreFactory(enrollment=enrollment, stage="pre", score=pre, max_score=out_of)
    if post is not None:
        ScoreFactory(enrollment=enrollment, stage="post", score=post, max_score=out_of)


def test_nothing_to_average_is_none():
    WorkshopFactory()
    assert figures.average_gain(Workshop.objects.all()) is None
    assert figures.average_satisfaction(Workshop.objects.all()) is None


def test_gain_counts_only_enrolments_with_both_tests_in_the_workshops_given():
    workshop = WorkshopFactory()
    a, b, c = (EnrollmentFactory(workshop=workshop) for _ in range(3))
    _scores(a, pre=4, post=8)  # 40% -> 80%: +40
    _scores(b, pre=5, post=6, out_of=20)  # 25% -> 30%: +5
    _scores(c, pre=9)  # no post-test: left out
    other = EnrollmentFactory()
    _scores(other, pre=0, post=10)  # another workshop: left out when not asked for

    tallies.recount(Workshop.objects.values_list("pk", flat=True))  # the rows above were written around the door
    assert figures.average_gain(Workshop.objects.filter(pk=workshop.pk)) == pytest.approx(22.5)
    assert figures.average_gain(Workshop.objects.all()) == pytest.approx((40 + 5 + 100) / 3)
    assert figures.average_gain(Workshop.objects.none()) is None


def test_satisfaction_is_the_mean_of_ratings_only():
    workshop = WorkshopFactory()
    rating = FeedbackQuestion.objects.filter(kind="rating").first()
    text = FeedbackQuestion.objects.filter(kind="text").first()
    for value in (5, 4, 3):
        response = FeedbackResponseFactory(workshop=workshop)
        Answer.objects.create(response=response, question=rating, rating=value)
        Answer.objects.create(response=response, question=text, text="جيد")
    elsewhere = FeedbackResponseFactory()
    Answer.objects.create(response=elsewhere, question=rating, rating=1)

    tallies.recount(Workshop.objects.values_list("pk", flat=True))
    assert figures.average_satisfaction(Workshop.objects.filter(pk=workshop.pk)) == pytest.approx(4.0)
    assert figures.average_satisfaction(Workshop.objects.all()) == pytest.approx(13 / 4)


def test_one_query_each(django_assert_num_queries):
    workshop = WorkshopFactory()
    for _ in range(5):
        _scores(EnrollmentFactory(workshop=workshop), pre=3, post=7)
    tallies.recount([workshop.pk])
    with django_assert_num_queries(1):
        figures.average_gain(Workshop.objects.all())
    with django_assert_num_queries(1):
        figures.average_satisfaction(Workshop.objects.all())
