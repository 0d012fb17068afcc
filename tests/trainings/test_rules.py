"""The attendance rule's two forms agree: the database expressions and the Python functions.

trainings.rules states each rule twice, for querysets and for a row in memory. Random
workshops (sessions held or not, of any length; marks of every status, or none) are
counted both ways, on whichever database the suite runs on (SQLite and PostgreSQL).
"""

import datetime

from django.db.models import Count, Sum
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from tests.factories import EnrollmentFactory, PersonFactory, WorkshopFactory
from trainings import rates, rules
from trainings.models import Attendance, AttendanceStatus, Session

STATUSES = [None, *AttendanceStatus.values]  # None: no mark for that session
MINUTE = st.integers(7 * 60, 19 * 60)


@st.composite
def sessions(draw):
    """(start, end, held): a session of whole minutes that ends after it starts."""
    start = draw(MINUTE)
    end = draw(st.integers(start + 1, 20 * 60))
    as_time = lambda minutes: datetime.time(minutes // 60, minutes % 60)  # noqa: E731
    return as_time(start), as_time(end), draw(st.booleans())


WORKSHOP = st.tuples(
    st.lists(sessions(), min_size=0, max_size=5),
    st.integers(1, 4),  # trainees
    st.lists(st.sampled_from(STATUSES), min_size=20, max_size=20),  # marks, read in order
    st.integers(0, 100),  # completion threshold
    st.lists(st.booleans(), min_size=4, max_size=4),  # withdrawn?
)


class RuleProperties(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.workshop = WorkshopFactory()
        cls.people = PersonFactory.create_batch(4)

    def build(self, plan, count, statuses, withdrawn):
        day = self.workshop.start_date
        taken = datetime.datetime(2020, 8, 20, 12, tzinfo=datetime.UTC)
        made = Session.objects.bulk_create(
            Session(
                workshop=self.workshop, date=day, start_time=s, end_time=e, attendance_taken_at=taken if h else None
            )
            for s, e, h in plan
        )
        people = self.people[:count]
        for person, out in zip(people, withdrawn, strict=False):
            enrolment = EnrollmentFactory(workshop=self.workshop, person=person)
            if out:
                enrolment.withdrawn_at = taken
                enrolment.save()
        marks = iter(statuses)
        Attendance.objects.bulk_create(
            Attendance(session=session, person=person, status=status)
            for session in made
            for person in people
            if (status := next(marks)) is not None
        )
        return made, people

    @settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(WORKSHOP)
    def test_rates_in_the_database_match_the_rule_in_python(self, case):
        plan, count, statuses, threshold, withdrawn = case
        made, people = self.build(plan, count, statuses, withdrawn)
        marks = {(m.session_id, m.person_id): m.status for m in Attendance.objects.all()}
        enrollments = rates.with_rates(self.workshop.enrollments.all(), threshold)
        for row in enrollments:
            held = [s for s in made if rules.is_held(s)]
            own = [marks.get((s.pk, row.person_id)) for s in held]
            attended = sum(1 for status in own if rules.is_attended(status))
            excused = sum(1 for status in own if rules.is_excused(status))
            expected = rules.rate(attended, len(held), excused)
            assert (row.held, row.attended, row.excused) == (len(held), attended, excused)
            assert row.counted == rules.counted(len(held), excused)
            assert (row.rate is None) == (expected is None)
            if expected is not None:
                assert abs(row.rate - expected) < 1e-9
            assert row.completed == rules.completed(expected, threshold, active=row.withdrawn_at is None)
        assert len(enrollments) == len(people)

    @settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(WORKSHOP)
    def test_held_attended_excused_and_length_agree(self, case):
        plan, count, statuses, _threshold, withdrawn = case
        made, _people = self.build(plan, count, statuses, withdrawn)
        sessions = Session.objects.filter(workshop=self.workshop)
        assert set(sessions.filter(rules.held()).values_list("pk", flat=True)) == {
            s.pk for s in sessions if rules.is_held(s)
        }
        marks = list(Attendance.objects.filter(session__workshop=self.workshop))
        for q, python in ((rules.attended(), rules.is_attended), (rules.excused(), rules.is_excused)):
            in_db = set(Attendance.objects.filter(q, session__workshop=self.workshop).values_list("pk", flat=True))
            assert in_db == {m.pk for m in marks if python(m.status)}
        # Each session's length, and the attended time of each person, in the database and in Python.
        for session in sessions.annotate(length=rules.session_length()):
            assert round(rules.seconds(session.length) / 3600, 1) == rules.hours(session.start_time, session.end_time)
            assert session.hours == rules.hours(session.start_time, session.end_time)
        per_person = (
            Attendance.objects.filter(rules.held("session__"), session__workshop=self.workshop)
            .values("person_id")
            .annotate(
                n=Count("pk", filter=rules.attended()),
                time=Sum(rules.session_length("session__"), filter=rules.attended()),
            )
        )
        for row in per_person:
            own = [m for m in marks if m.person_id == row["person_id"]]
            attended = [m.session for m in own if rules.is_held(m.session) and rules.is_attended(m.status)]
            assert row["n"] == len(attended)
            minutes = sum(_minutes(s.end_time) - _minutes(s.start_time) for s in attended)
            assert rules.seconds(row["time"]) == minutes * 60


def _minutes(value):
    return value.hour * 60 + value.minute


def test_none_is_not_a_length():
    assert rules.seconds(None) == 0


def test_hours_are_to_a_tenth_and_never_negative():
    assert rules.hours(datetime.time(9), datetime.time(10, 20)) == 1.3
    assert rules.hours(datetime.time(12), datetime.time(9)) == 0


def test_no_session_counted_is_no_rate_and_no_completion():
    assert rules.rate(0, 2, 2) is None and not rules.completed(None, 0)
    assert rules.rate(1, 3, 1) == 50 and rules.completed(50.0, 50) and not rules.completed(50.0, 50, active=False)
