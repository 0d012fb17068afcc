"""A full workshop keeps a waiting list (trainings.writes): who waits, who moves up, and the page that shows it.

The tallies staying equal to a fresh count after each test is checked by tests/conftest.py.
"""

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from tests.factories import CentreFactory, PersonFactory, UserFactory, WorkshopFactory
from tests.trainings.conftest import enrol
from trainings import writes
from trainings.models import Enrollment, Tally, WaitingPlace

pytestmark = pytest.mark.django_db


@pytest.fixture
def full_workshop(workshop):
    """A workshop of two places, both taken."""
    workshop.capacity = 2
    workshop.save()
    enrol(workshop, 2)
    return workshop


def waiting_names(workshop):
    return list(WaitingPlace.objects.filter(workshop=workshop).values_list("person__full_name", flat=True))


def active(workshop):
    return set(workshop.enrollments.filter(withdrawn_at__isnull=True).values_list("person__full_name", flat=True))


def test_enrolling_beyond_capacity_puts_the_rest_on_the_waiting_list_in_order(workshop):
    workshop.capacity = 2
    workshop.save()
    people = PersonFactory.create_batch(4)
    result = writes.enroll(workshop, people, UserFactory())
    assert result == (2, 0) and result.waiting == 2 and result.moved_up == 0
    assert active(workshop) == {people[0].full_name, people[1].full_name}
    assert waiting_names(workshop) == [people[2].full_name, people[3].full_name]
    # Enrolling the same people again changes nothing.
    again = writes.enroll(workshop, people, UserFactory())
    assert again == (0, 0) and again.waiting == 2 and WaitingPlace.objects.count() == 2


def test_a_withdrawal_moves_the_first_waiting_person_up(full_workshop):
    first, second = PersonFactory.create_batch(2)
    writes.enroll(full_workshop, [first], UserFactory())
    writes.enroll(full_workshop, [second], UserFactory())
    leaving = full_workshop.enrollments.order_by("pk").first()
    assert writes.withdraw(leaving, UserFactory()) is True
    assert leaving.moved_up == 1
    assert first.full_name in active(full_workshop) and waiting_names(full_workshop) == [second.full_name]
    assert Tally.objects.filter(workshop=full_workshop, person=first, enrolled=True).exists()
    # Withdrawing twice moves no one else up.
    assert writes.withdraw(Enrollment.objects.get(pk=leaving.pk), UserFactory()) is False
    assert waiting_names(full_workshop) == [second.full_name]


def test_coming_back_to_a_full_workshop_means_waiting(full_workshop):
    newcomer = PersonFactory()
    leaving = full_workshop.enrollments.order_by("pk").first()
    writes.withdraw(leaving, UserFactory())
    writes.enroll(full_workshop, [newcomer], UserFactory())  # takes the freed place
    assert writes.reenroll(leaving, UserFactory()) is False and leaving.waiting is True
    assert waiting_names(full_workshop) == [leaving.person.full_name]
    assert leaving.withdrawn_at is not None


def test_raising_the_capacity_lets_people_move_up(full_workshop, staff_client):
    waiting = PersonFactory.create_batch(3)
    writes.enroll(full_workshop, waiting, UserFactory())
    full_workshop.capacity = 4
    full_workshop.save()
    response = staff_client.post(reverse("trainings:workshop_fill_places", args=[full_workshop.pk]), follow=True)
    assert response.status_code == 200
    assert len(active(full_workshop)) == 4 and waiting_names(full_workshop) == [waiting[2].full_name]


def test_the_enrolment_page_shows_the_waiting_list_and_takes_someone_off(full_workshop, staff_client):
    person = PersonFactory(full_name="ريم الخلف")
    writes.enroll(full_workshop, [person], UserFactory())
    url = reverse("trainings:workshop_enroll", args=[full_workshop.pk])
    page = staff_client.get(url).content.decode()
    assert 'id="waiting-list"' in page and "ريم الخلف" in page and 'data-free-places="0"' in page
    place = WaitingPlace.objects.get()
    response = staff_client.post(reverse("trainings:waiting_place_leave", args=[place.pk]), follow=True)
    assert response.status_code == 200 and not WaitingPlace.objects.exists()


def test_the_enrolment_form_over_capacity_says_who_waits(full_workshop, staff_client, settings):
    settings.LANGUAGE_CODE = "en"  # the Arabic catalogue is merged by the lead (strings-records.po)
    people = PersonFactory.create_batch(2, organization__centre=full_workshop.project.centre)
    response = staff_client.post(
        reverse("trainings:workshop_enroll", args=[full_workshop.pk]),
        {"people": [p.pk for p in people]},
        follow=True,
    )
    assert WaitingPlace.objects.filter(workshop=full_workshop).count() == 2
    assert "The workshop is full: 2 people are on its waiting list." in response.content.decode()


def test_withdrawing_on_the_page_says_who_moved_up(full_workshop, staff_client):
    writes.enroll(full_workshop, [PersonFactory()], UserFactory())
    leaving = full_workshop.enrollments.order_by("pk").first()
    response = staff_client.post(reverse("trainings:enrollment_withdraw", args=[leaving.pk]), follow=True)
    assert response.status_code == 200 and not WaitingPlace.objects.exists()
    assert len(active(full_workshop)) == 2


def test_another_centres_waiting_place_is_not_found(staff_client, staff_user):
    elsewhere = WorkshopFactory(phase__project__centre=CentreFactory(staffed=False), capacity=0)
    writes.enroll(elsewhere, [PersonFactory()], UserFactory())
    place = WaitingPlace.objects.get()
    assert staff_client.post(reverse("trainings:waiting_place_leave", args=[place.pk])).status_code == 404
    assert staff_client.post(reverse("trainings:workshop_fill_places", args=[elsewhere.pk])).status_code == 404
    assert WaitingPlace.objects.exists()


def test_the_enrolment_page_reads_a_bounded_number_of_queries(
    full_workshop, staff_client, django_assert_max_num_queries
):
    writes.enroll(full_workshop, PersonFactory.create_batch(15), UserFactory())
    with django_assert_max_num_queries(20):
        assert staff_client.get(reverse("trainings:workshop_enroll", args=[full_workshop.pk])).status_code == 200


class WaitingListProperties(TestCase):
    """Whatever the order of enrolments, withdrawals and returns, the waiting list keeps its rules."""

    @classmethod
    def setUpTestData(cls):
        cls.user = UserFactory()
        cls.people = PersonFactory.create_batch(6)

    @settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(
        capacity=st.integers(0, 4),
        steps=st.lists(st.tuples(st.sampled_from(["enrol", "withdraw", "back"]), st.integers(0, 5)), max_size=12),
    )
    def test_no_one_waits_while_a_place_is_free_and_no_one_is_both(self, capacity, steps):
        workshop = WorkshopFactory(capacity=capacity)
        for action, index in steps:
            person = self.people[index]
            enrolment = Enrollment.objects.filter(workshop=workshop, person=person).first()
            if action == "enrol":
                writes.enroll(workshop, [person], self.user)
            elif enrolment and action == "withdraw":
                writes.withdraw(enrolment, self.user)
            elif enrolment and action == "back":
                writes.reenroll(enrolment, self.user)
            enrolled = set(workshop.enrollments.filter(withdrawn_at__isnull=True).values_list("person_id", flat=True))
            waiting = list(workshop.waiting_places.values_list("person_id", flat=True))
            assert len(enrolled) <= capacity
            assert not waiting or len(enrolled) == capacity  # a free place is never left while someone waits
            assert not enrolled & set(waiting) and len(waiting) == len(set(waiting))
            counted = set(Tally.objects.filter(workshop=workshop, enrolled=True).values_list("person_id", flat=True))
            assert counted == enrolled
