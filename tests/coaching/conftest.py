import pytest

from core.roles import STAFF
from tests.factories import EngagementFactory, PersonFactory, UserFactory


@pytest.fixture
def engagement(db):
    engagement = EngagementFactory(organization__name_ar="توتول", organization__name_en="Tuttul")
    PersonFactory(organization=engagement.organization, full_name="فاطمة الأحمد")
    PersonFactory(organization=engagement.organization, full_name="أحمد الأحمد")
    return engagement


@pytest.fixture
def coach(db):
    return UserFactory(username="coach", role=STAFF, first_name="سلمى")
