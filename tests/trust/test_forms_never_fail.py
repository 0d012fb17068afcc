"""Random, long, mixed-direction and odd input posted to the main forms: never a 500, never half-saved."""

import datetime
import os

from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from core.roles import COORDINATOR
from organizations.models import Centre
from services.models import Booking, Consultation
from tests.factories import OrganizationFactory, RoomFactory, UserFactory
from trainings.models import Phase, Project, Session, Workshop

TEXT = st.one_of(
    st.text(
        st.one_of(
            st.characters(min_codepoint=0x0600, max_codepoint=0x06FF),
            st.characters(codec="utf-8", exclude_categories=["Cs"]),
            st.sampled_from(["\u202e", "\u200f", "\x00", "\r", "'", "<"]),
        ),
        max_size=300,
    ),
    st.sampled_from(["=cmd|' /C calc'!A0", "<script>alert(1)</script>", "ا" * 5000]),
)
ODD_DATE = st.one_of(
    st.dates(datetime.date(1, 1, 1), datetime.date(9999, 12, 31)).map(str),
    st.sampled_from(["2020-02-30", "31/12/2020", "2020-13-01", "", "٢٠٢٠-٠٨-٢٥", "0000-00-00"]),
    TEXT,
)
ODD_TIME = st.one_of(
    st.times().map(lambda t: t.strftime("%H:%M")), st.sampled_from(["25:00", "", "10:61", "١٠:٠٠"]), TEXT
)
ODD_NUMBER = st.one_of(st.integers(-(10**12), 10**12).map(str), st.sampled_from(["", "1e9", "٣"]), TEXT)
OK = (200, 302, 400, 409)
SETTINGS = settings(
    max_examples=int(os.environ.get("FUZZ_EXAMPLES", "25")), deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


class FormProperties(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.user = UserFactory(username="fuzz", role=COORDINATOR)
        cls.org = OrganizationFactory()
        cls.room = RoomFactory()
        cls.project = Project.objects.create(
            name_ar="مشروع", code="FZ", centre=Centre.objects.first(),
            start_date=datetime.date(2020, 8, 1), end_date=datetime.date(2020, 12, 31),
        )  # fmt: skip
        cls.phase = Phase.objects.create(
            project=cls.project, number=1, kind="training",
            start_date=datetime.date(2020, 8, 1), end_date=datetime.date(2020, 8, 31),
        )  # fmt: skip
        cls.workshop = Workshop.objects.create(
            project=cls.project, phase=cls.phase, title="ورشة",
            start_date=datetime.date(2020, 8, 20), end_date=datetime.date(2020, 8, 30),
        )  # fmt: skip

    def setUp(self):
        self.client = Client()
        self.client.force_login(self.user)

    def post(self, url, data, model):
        before = model.objects.count()
        response = self.client.post(url, data)
        assert response.status_code in OK, response.status_code
        if response.status_code != 302:
            assert model.objects.count() == before

    @SETTINGS
    @given(title=TEXT, start=ODD_DATE, end=ODD_DATE, hours=ODD_NUMBER, capacity=ODD_NUMBER)
    def test_workshop_form(self, title, start, end, hours, capacity):
        data = {"project": self.project.pk, "phase": self.phase.pk, "title": title, "start_date": start}
        data |= {"end_date": end, "planned_hours": hours, "capacity": capacity}
        self.post("/trainings/workshops/new/", data, Workshop)

    @SETTINGS
    @given(day=ODD_DATE, start=ODD_TIME, end=ODD_TIME, notes=TEXT)
    def test_session_form(self, day, start, end, notes):
        data = {"date": day, "start_time": start, "end_time": end, "notes": notes}
        self.post(f"/trainings/workshops/{self.workshop.pk}/sessions/new/", data, Session)

    @SETTINGS
    @given(day=ODD_DATE, start=ODD_TIME, end=ODD_TIME, purpose=TEXT)
    def test_booking_form(self, day, start, end, purpose):
        data = {"room": self.room.pk, "organization": self.org.pk, "day": day, "start_time": start}
        data |= {"end_time": end, "purpose": purpose}
        self.post("/services/bookings/new/", data, Booking)

    @SETTINGS
    @given(day=ODD_DATE, topic=TEXT, advice=TEXT, due=ODD_DATE, kind=st.sampled_from(["legal", "technical", "x", ""]))
    def test_consultation_form(self, day, topic, advice, due, kind):
        data = {"organization": self.org.pk, "kind": kind, "date": day, "topic": topic, "advice": advice}
        data |= {"follow_up": topic, "follow_up_due": due}
        self.post("/services/consultations/new/", data, Consultation)
