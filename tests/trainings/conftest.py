import datetime

import pytest

from tests.factories import EnrollmentFactory, OrganizationFactory, PersonFactory, SessionFactory, WorkshopFactory


@pytest.fixture
def workshop(db):
    return WorkshopFactory(start_date=datetime.date(2020, 8, 20), end_date=datetime.date(2020, 8, 25))


def enrol(workshop, count, organization=None):
    organization = organization or OrganizationFactory()
    people = PersonFactory.create_batch(count, organization=organization)
    for person in people:
        EnrollmentFactory(workshop=workshop, person=person)
    return people


@pytest.fixture
def session_with(workshop):
    """session_with(n) -> (session, people): a session of the workshop with n people enrolled."""

    def make(count):
        people = enrol(workshop, count)
        return SessionFactory(workshop=workshop, date=workshop.start_date), people

    return make
