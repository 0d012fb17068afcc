import datetime

import pytest
from django.utils import timezone

from evaluation import links, tallies, writes
from evaluation.models import Choice, KnowledgeTest, TestQuestion
from tests.factories import EnrollmentFactory, OrganizationFactory, PersonFactory, WorkshopFactory

NAMES = ["فاطمة علي الحسن", "عبد الله محمد العلي", "Sara Khalil"]


@pytest.fixture(autouse=True)
def _evaluation_tallies_match_a_fresh_count(request):
    """After every test here, the workshops' evaluation tallies equal a fresh count of the answers."""
    if "db" not in request.fixturenames and not request.node.get_closest_marker("django_db"):
        yield
        return
    request.getfixturevalue("_django_db_helper")
    yield
    from django.db import connection

    if not connection.needs_rollback:
        assert tallies.drift() == [], "evaluation tallies differ from a fresh count"


@pytest.fixture
def workshop(db):
    return WorkshopFactory(start_date=datetime.date(2020, 8, 20), end_date=datetime.date(2020, 8, 25))


@pytest.fixture
def enrollments(workshop):
    organization = OrganizationFactory()
    return [
        EnrollmentFactory(workshop=workshop, person=PersonFactory(full_name=name, organization=organization))
        for name in NAMES
    ]


@pytest.fixture
def staff(client, staff_user, workshop):
    """A Staff member of the workshop's centre, signed in."""
    workshop.project.centre.staff.add(staff_user)
    client.force_login(staff_user)
    return client


@pytest.fixture
def coordinator(client, coordinator_user, workshop):
    workshop.project.centre.staff.add(coordinator_user)
    client.force_login(coordinator_user)
    return client


def make_test(workshop, questions=3):
    """A workshop's test: question i has choices "right" (correct) and "wrong"."""
    test = KnowledgeTest.objects.create(title_ar="اختبار", title_en="Test", workshop=workshop)
    for i in range(questions):
        question = TestQuestion.objects.create(test=test, order=i, text_ar=f"سؤال {i}", text_en=f"Question {i}")
        Choice.objects.create(question=question, order=0, text_ar="صح", text_en="right", correct=True)
        Choice.objects.create(question=question, order=1, text_ar="خطأ", text_en="wrong")
    return test


def answer_url(opening):
    return f"/e/{links.token_for(opening)}/"


def open_link(workshop, kind="feedback", **options):
    opening, _created = writes.open_link(workshop, kind, 2, None, **options)
    return opening


@pytest.fixture
def now():
    return timezone.now()
