"""The demo shows an evaluation at once: tests, gains and feedback for the 2020 project; loading twice adds nothing."""

import pytest

from capacity.programme import demo_evaluation, demo_organisations, demo_training
from capacity.programme.demo import PARTS
from evaluation import figures
from evaluation.models import FeedbackResponse
from evaluation.models import TestResult as Result
from trainings.models import Workshop

pytestmark = [pytest.mark.slow, pytest.mark.django_db]


def test_the_demo_has_gains_and_ratings_and_loads_once():
    assert ("evaluation", demo_evaluation.load) in PARTS  # `manage.py demo_data` loads it
    for part in (demo_organisations, demo_training, demo_evaluation):
        part.load()
    workshops = Workshop.objects.filter(project__code="CB-2020")
    assert workshops.count() == 5
    assert Result.objects.filter(stage="post").count() > 0
    gain = figures.average_gain(workshops)
    satisfaction = figures.average_satisfaction(workshops)
    assert gain is not None and gain > 0
    assert satisfaction is not None and 3 <= satisfaction <= 5
    counts = (Result.objects.count(), FeedbackResponse.objects.count())
    demo_evaluation.load()
    assert (Result.objects.count(), FeedbackResponse.objects.count()) == counts
