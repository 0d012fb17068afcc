"""The endpoints that take a phone's queue of offline saves (trainings.offline, coaching.offline).

Each bad input has its own outcome and writes nothing; a save sent twice is applied once.
"""

import datetime
import json
import secrets

import pytest
from django.urls import reverse

from coaching.models import CoachingSession
from tests.factories import (
    AttendanceFactory,
    EngagementFactory,
    EnrollmentFactory,
    PersonFactory,
    SessionFactory,
    UserFactory,
)
from trainings import writes
from trainings.models import Attendance, Enrollment

pytestmark = pytest.mark.django_db

MARKS = reverse("trainings:offline_marks")
NOTES = reverse("coaching:offline_notes")


def queued(session, people, status="present", orig="|", **overrides):
    marks = {}
    for person in people:
        marks |= {f"status-{person.pk}": status, f"remark-{person.pk}": "", f"orig-{person.pk}": orig}
    marks.update(overrides)
    return {"id": secrets.token_hex(16), "session": session.pk, "marks": marks}


def send(client, *saves, url=MARKS, key="saves"):
    return client.post(url, json.dumps({key: list(saves)}), content_type="application/json")


def outcomes(response):
    assert response.status_code == 200, response.content
    return [result["outcome"] for result in response.json()["results"]]


def stored(session):
    return dict(Attendance.objects.filter(session=session).values_list("person_id", "status"))


def test_a_queue_is_saved_through_the_door_once(staff_client, session_with):
    session, people = session_with(3)
    save = queued(session, people)
    response = send(staff_client, save)
    assert outcomes(response) == ["saved"]
    assert response.json()["results"][0]["count"] == 3
    assert stored(session) == {person.pk: "present" for person in people}
    session.refresh_from_db()
    assert session.attendance_taken_at is not None  # held, as a save online makes it
    history = Attendance.history.filter(session_id=session.pk).count()

    again = send(staff_client, save)  # the answer was lost; the phone sends it again
    assert outcomes(again) == ["duplicate"]
    assert Attendance.history.filter(session_id=session.pk).count() == history


def test_twenty_sessions_in_one_request_with_bounded_queries(staff_client, workshop, django_assert_max_num_queries):
    people = PersonFactory.create_batch(5)
    for person in people:
        EnrollmentFactory(workshop=workshop, person=person)
    sessions = [SessionFactory(workshop=workshop, date=workshop.start_date) for _ in range(20)]
    with django_assert_max_num_queries(20 * 25):  # a fixed number per session, whatever its size
        response = send(staff_client, *[queued(session, people) for session in sessions])
    assert outcomes(response) == ["saved"] * 20
    assert Attendance.objects.filter(session__in=sessions).count() == 100


def test_more_than_twenty_is_refused_whole(staff_client, session_with):
    session, people = session_with(1)
    response = send(staff_client, *[queued(session, people) for _ in range(21)])
    assert response.status_code == 400 and Attendance.objects.count() == 0


def test_a_conflict_comes_back_with_theirs_and_writes_nothing(staff_client, session_with):
    session, people = session_with(2)
    other = UserFactory(username="other")
    AttendanceFactory(session=session, person=people[0], status="absent", recorded_by=other)
    save = queued(session, people)  # the phone showed no marks ("|")
    response = send(staff_client, save)
    assert outcomes(response) == ["conflict"]
    conflict = response.json()["results"][0]["conflicts"]
    assert [(c["person"], c["mine"], c["theirs"], c["who"]) for c in conflict] == [
        (people[0].pk, "present", "absent", "other")
    ]
    assert stored(session) == {people[0].pk: "absent"}  # nothing overwritten, nothing half-applied

    # The user keeps her own mark: the stored one is sent as the one shown; the id may serve again.
    save["marks"][f"orig-{people[0].pk}"] = conflict[0]["orig"]
    assert outcomes(send(staff_client, save)) == ["saved"]
    assert stored(session) == {people[0].pk: "present", people[1].pk: "present"}


def test_a_deleted_session_is_gone(staff_client, session_with, staff_user):
    session, people = session_with(1)
    save = queued(session, people)
    writes.delete_session(session, staff_user)
    response = send(staff_client, save)
    assert outcomes(response) == ["gone"]
    assert "deleted" in response.json()["results"][0]["message"] or response.json()["results"][0]["message"]


def test_a_person_withdrawn_meanwhile_refuses_the_save_whole(staff_client, session_with, staff_user):
    session, people = session_with(2)
    save = queued(session, people)
    writes.withdraw(Enrollment.objects.get(person=people[1]), staff_user)
    response = send(staff_client, save)
    assert outcomes(response) == ["refused"]
    assert any(people[1].full_name in error for error in response.json()["results"][0]["errors"])
    assert stored(session) == {}


def test_a_status_no_longer_accepted_is_refused(staff_client, session_with):
    session, people = session_with(2)
    save = queued(session, people, **{f"status-{people[0].pk}": "sick"})
    response = send(staff_client, save)
    assert outcomes(response) == ["refused"]
    errors = response.json()["results"][0]["errors"]
    assert any(people[0].full_name in error and "sick" in error for error in errors)
    assert stored(session) == {}


def test_one_bad_save_leaves_the_others_applied(staff_client, session_with, workshop):
    session, people = session_with(1)
    second = SessionFactory(workshop=workshop, date=workshop.start_date)
    bad = queued(second, people, status="sick")
    response = send(staff_client, queued(session, people), bad, {"id": "not-an-id"}, {"nothing": 1})
    assert outcomes(response) == ["saved", "refused", "invalid", "invalid"]
    assert stored(session) == {people[0].pk: "present"} and stored(second) == {}


def test_a_disabled_account_sends_nothing(client, staff_user, session_with):
    session, people = session_with(1)
    client.force_login(staff_user)
    staff_user.is_active = False
    staff_user.save()
    response = send(client, queued(session, people))
    assert response.status_code == 401 and response.json()["error"] == "signed_out"
    assert stored(session) == {}


def test_signed_out_and_outsiders_are_refused(client, outsider_user, session_with):
    session, people = session_with(1)
    assert send(client, queued(session, people)).status_code == 401
    client.force_login(outsider_user)
    assert send(client, queued(session, people)).status_code == 403
    assert stored(session) == {}


def test_garbage_is_a_clear_400(staff_client):
    for body in (b"", b"{", b"[]", b'{"saves": 3}', '{"saves": ["\u0000"]}'.encode()):
        response = staff_client.post(MARKS, body, content_type="application/json")
        assert response.status_code in (200, 400)
        assert "message" in response.json() or "results" in response.json()


def test_csrf_is_required(staff_user, session_with):
    from django.test import Client

    session, people = session_with(1)
    client = Client(enforce_csrf_checks=True)
    client.force_login(staff_user)
    assert send(client, queued(session, people)).status_code == 403
    token = client.get(MARKS).json()["csrf"]
    response = client.post(
        MARKS, json.dumps({"saves": [queued(session, people)]}), content_type="application/json", HTTP_X_CSRFTOKEN=token
    )
    assert outcomes(response) == ["saved"]


# Coaching notes ----------------------------------------------------------------------------


@pytest.fixture
def engagement(db):
    return EngagementFactory()


def note(engagement, **fields):
    data = {
        "date": "2020-10-05",
        "hours": "3",
        "notes": "Governance and finance.",
        "actions-TOTAL_FORMS": "1",
        "actions-INITIAL_FORMS": "0",
        "actions-MIN_NUM_FORMS": "0",
        "actions-MAX_NUM_FORMS": "1000",
        "actions-0-text": "Draft the finance policy",
        "actions-0-owner": "Board",
        "actions-0-due_date": "2020-11-01",
    } | fields
    pairs = [[name, value] for name, value in data.items()]
    pairs += [["participants", str(person.pk)] for person in engagement.organization.people.all()]
    return {"id": secrets.token_hex(16), "engagement": engagement.pk, "fields": pairs}


def test_a_coaching_session_written_offline_is_created_once(staff_client, engagement):
    PersonFactory.create_batch(2, organization=engagement.organization)
    save = note(engagement)
    assert outcomes(send(staff_client, save, url=NOTES, key="notes")) == ["saved"]
    assert outcomes(send(staff_client, save, url=NOTES, key="notes")) == ["duplicate"]
    session = CoachingSession.objects.get()
    assert session.date == datetime.date(2020, 10, 5) and session.participants.count() == 2
    assert [item.text for item in session.action_items.all()] == ["Draft the finance policy"]


def test_a_bad_coaching_session_is_refused_whole(staff_client, engagement):
    save = note(engagement, date="2031-99-01", **{"actions-0-due_date": "nonsense"})
    response = send(staff_client, save, url=NOTES, key="notes")
    assert outcomes(response) == ["refused"] and response.json()["results"][0]["errors"]
    assert not CoachingSession.objects.exists()
    engagement_pk = engagement.pk
    engagement.delete()
    assert outcomes(send(staff_client, note_for_deleted(engagement_pk), url=NOTES, key="notes")) == ["gone"]


def note_for_deleted(pk):
    return {"id": secrets.token_hex(16), "engagement": pk, "fields": [["date", "2020-10-05"]]}


# The installable app ----------------------------------------------------------------------


def test_service_worker_manifest_and_logout(client, staff_client):
    worker = client.get("/sw.js")
    assert worker.status_code == 200 and worker["Content-Type"].startswith("text/javascript")
    assert worker["Service-Worker-Allowed"] == "/" and b"self.CAPACITY" in worker.content
    manifest = client.get("/manifest.webmanifest").json()
    assert manifest["start_url"] == "/" and manifest["dir"] == "rtl" and manifest["icons"]
    page = staff_client.get(reverse("trainings:offline_queue"))
    assert page.status_code == 200 and b'id="offline-config"' in page.content
    assert "no-store" in page["Cache-Control"]
    response = staff_client.post(reverse("logout"))
    assert response["Clear-Site-Data"] == '"cache", "storage"'


def test_take_offline_is_offered_on_the_home_page_and_the_workshop(staff_client):
    from django.utils import timezone

    from tests.factories import WorkshopFactory

    today = timezone.localdate()
    workshop = WorkshopFactory(start_date=today, end_date=today + datetime.timedelta(days=3))
    session = SessionFactory(workshop=workshop, date=today + datetime.timedelta(days=1))
    button = f'js-offline-take" hidden data-kind="marks" data-pk="{session.pk}"'
    assert button in staff_client.get("/").content.decode()  # hidden: shown by offline.js only
    assert button in staff_client.get(reverse("trainings:workshop_detail", args=[workshop.pk])).content.decode()


def test_a_session_of_another_centre_is_gone_for_her(client, session_with):
    from core.roles import STAFF
    from tests.factories import CentreFactory

    session, people = session_with(1)
    client.force_login(UserFactory(username="elsewhere", role=STAFF, centres=[CentreFactory()]))
    assert outcomes(send(client, queued(session, people))) == ["gone"]
    assert stored(session) == {}
