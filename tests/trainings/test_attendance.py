import threading

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import AttendanceFactory, PersonFactory, UserFactory
from trainings import writes
from trainings.attendance import AttendanceSheet
from trainings.models import Attendance, Session

pytestmark = pytest.mark.django_db


def url(session):
    return reverse("trainings:session_attendance", args=[session.pk])


def sheet_data(people, status="present", orig="|", **overrides):
    data = {"action": "save"}
    for person in people:
        data[f"status-{person.pk}"] = status
        data[f"remark-{person.pk}"] = ""
        data[f"orig-{person.pk}"] = orig
    data.update(overrides)
    return data


def test_anonymous_is_sent_to_login(client, session_with):
    session, _ = session_with(1)
    response = client.get(url(session))
    assert response.status_code == 302 and "/accounts/login/" in response.url


def test_outsider_is_refused(client, outsider_user, session_with):
    session, _ = session_with(1)
    client.force_login(outsider_user)
    assert client.get(url(session)).status_code == 403
    assert client.post(url(session), {}).status_code == 403


def test_unknown_session_is_404(staff_client):
    assert staff_client.get(reverse("trainings:session_attendance", args=[987654])).status_code == 404


def test_page_lists_enrolled_people_with_four_statuses(staff_client, session_with, workshop):
    session, people = session_with(3)
    gone = PersonFactory(full_name="منسحب من الورشة")
    from tests.factories import EnrollmentFactory

    EnrollmentFactory(workshop=workshop, person=gone, withdrawn_at="2020-08-19T10:00Z")
    response = staff_client.get(url(session))
    html = response.content.decode()
    assert response.status_code == 200
    for person in people:
        assert person.full_name in html
        assert f'name="status-{person.pk}"' in html
        assert f'name="remark-{person.pk}"' in html
    assert "منسحب من الورشة" not in html
    assert html.count('type="radio"') == 3 * 4
    assert "حاضر" in html and "متأخر" in html and "معذور" in html and "غائب" in html


def test_read_only_for_someone_who_may_only_view(client, session_with):
    session, people = session_with(2)
    AttendanceFactory(session=session, person=people[0], status="late")
    viewer = UserFactory(centres=[session.workshop.project.centre])
    viewer.user_permissions.add(Permission.objects.get(codename="view_session", content_type__app_label="trainings"))
    client.force_login(viewer)
    response = client.get(url(session))
    assert response.status_code == 200 and 'type="radio"' not in response.content.decode()
    assert client.post(url(session), sheet_data(people)).status_code == 403
    assert Attendance.objects.get().status == "late"


def test_save_records_everyone_with_who_and_when(staff_client, staff_user, session_with):
    session, people = session_with(3)
    data = sheet_data(people, **{f"status-{people[1].pk}": "late", f"remark-{people[1].pk}": "وصل متأخراً"})
    response = staff_client.post(url(session), data)
    assert response.status_code == 302
    marks = {m.person_id: m for m in Attendance.objects.all()}
    assert len(marks) == 3
    assert marks[people[1].pk].status == "late" and marks[people[1].pk].remark == "وصل متأخراً"
    assert all(m.recorded_by == staff_user and m.recorded_at for m in marks.values())
    session.refresh_from_db()
    assert session.attendance_taken_at is not None


def test_saving_again_updates_and_never_duplicates(staff_client, session_with, coordinator_user, client):
    session, people = session_with(3)
    staff_client.post(url(session), sheet_data(people))
    first = {m.person_id: m for m in Attendance.objects.all()}
    changed = sheet_data(people, orig="present|", **{f"status-{people[0].pk}": "absent"})
    client.force_login(coordinator_user)
    assert client.post(url(session), changed).status_code == 302
    marks = {m.person_id: m for m in Attendance.objects.all()}
    assert len(marks) == 3
    assert marks[people[0].pk].status == "absent" and marks[people[0].pk].recorded_by == coordinator_user
    # Rows left as they were keep who recorded them and when.
    assert marks[people[1].pk].recorded_by == first[people[1].pk].recorded_by
    assert marks[people[1].pk].recorded_at == first[people[1].pk].recorded_at


def test_stale_form_posted_twice_does_not_duplicate(staff_client, session_with):
    session, people = session_with(4)
    data = sheet_data(people)
    assert staff_client.post(url(session), data).status_code == 302
    assert staff_client.post(url(session), data).status_code == 302
    assert Attendance.objects.filter(session=session).count() == 4


def test_someone_not_enrolled_is_refused_and_nothing_saved(staff_client, session_with):
    session, people = session_with(2)
    stranger = PersonFactory()
    response = staff_client.post(url(session), sheet_data([*people, stranger]))
    assert response.status_code == 400
    assert "للمسجلين في هذه الورشة" in response.content.decode()
    assert not Attendance.objects.exists()


def test_unknown_status_is_refused_and_nothing_saved(staff_client, session_with):
    session, people = session_with(2)
    response = staff_client.post(url(session), sheet_data(people, **{f"status-{people[0].pk}": "asleep"}))
    assert response.status_code == 400
    assert "ليست حالة صحيحة" in response.content.decode()
    assert not Attendance.objects.exists()


def test_everyone_needs_a_status(staff_client, session_with):
    session, people = session_with(3)
    data = sheet_data(people, **{f"status-{people[2].pk}": ""})
    response = staff_client.post(url(session), data)
    assert response.status_code == 400
    assert not Attendance.objects.exists()
    # What was typed is kept.
    assert f'id="s-{people[0].pk}-present" autocomplete="off" checked' in response.content.decode()


def test_mark_all_present_without_javascript_prefills_and_saves_nothing(staff_client, session_with):
    session, people = session_with(3)
    response = staff_client.post(url(session), {"action": "all_present", f"remark-{people[0].pk}": "ملاحظة"})
    html = response.content.decode()
    assert response.status_code == 200
    for person in people:
        assert f'id="s-{person.pk}-present" autocomplete="off" checked' in html
    assert 'value="ملاحظة"' in html
    assert not Attendance.objects.exists()


def test_changes_of_two_staff_on_different_people_are_both_kept(client, staff_user, coordinator_user, session_with):
    session, people = session_with(3)
    client.force_login(staff_user)
    client.post(url(session), sheet_data(people))
    # Both opened the page now (all present); each changes a different person.
    a = sheet_data(people, orig="present|", **{f"status-{people[0].pk}": "absent"})
    b = sheet_data(people, orig="present|", **{f"status-{people[1].pk}": "excused"})
    assert client.post(url(session), a).status_code == 302
    client.force_login(coordinator_user)
    assert client.post(url(session), b).status_code == 302
    marks = dict(Attendance.objects.values_list("person_id", "status"))
    assert marks == {people[0].pk: "absent", people[1].pk: "excused", people[2].pk: "present"}


def test_conflicting_change_is_refused_and_shows_the_other_mark(client, staff_user, coordinator_user, session_with):
    session, people = session_with(2)
    client.force_login(staff_user)
    client.post(url(session), sheet_data(people))
    client.post(url(session), sheet_data(people, orig="present|", **{f"status-{people[0].pk}": "late"}))
    # The coordinator's form was opened before that change, and sets the same person to absent.
    client.force_login(coordinator_user)
    stale = sheet_data(people, orig="present|", **{f"status-{people[0].pk}": "absent"})
    response = client.post(url(session), stale)
    assert response.status_code == 400
    html = response.content.decode()
    assert "staff" in html and "conflict" in html
    assert Attendance.objects.get(person=people[0]).status == "late"
    # Saving again from the page shown (orig now the other's mark) goes through.
    again = sheet_data(people, orig="present|", **{f"status-{people[0].pk}": "absent", f"orig-{people[0].pk}": "late|"})
    assert client.post(url(session), again).status_code == 302
    assert Attendance.objects.get(person=people[0]).status == "absent"


def count_queries(client, method, path, data=None):
    with CaptureQueriesContext(connection) as ctx:
        response = getattr(client, method)(path, data or {})
    assert response.status_code in (200, 302), response.content[:500]
    return len(ctx.captured_queries)


def test_query_count_does_not_grow_with_trainees(staff_client, workshop):
    from tests.factories import SessionFactory
    from tests.trainings.conftest import enrol

    counts = {}
    for size in (5, 60):
        people = enrol(workshop, size)
        session = SessionFactory(workshop=workshop)
        workshop.enrollments.exclude(person__in=people).delete()
        counts[size] = (
            count_queries(staff_client, "get", url(session)),
            count_queries(staff_client, "post", url(session), sheet_data(people)),
            count_queries(staff_client, "post", url(session), sheet_data(people, status="late", orig="present|")),
        )
        assert Attendance.objects.filter(session=session, status="late").count() == size
    assert counts[5] == counts[60], counts


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="real concurrent writers need PostgreSQL")
def test_two_staff_saving_at_once_lose_nothing_and_duplicate_nothing():
    from tests.factories import EnrollmentFactory, SessionFactory, WorkshopFactory

    workshop = WorkshopFactory()
    people = PersonFactory.create_batch(20)
    for person in people:
        EnrollmentFactory(workshop=workshop, person=person)
    session = SessionFactory(workshop=workshop)
    users = [UserFactory(), UserFactory()]
    # Both open the empty page; A marks everyone present, B everyone present but the last two late.
    forms = [
        sheet_data(people),
        sheet_data(people, **{f"status-{p.pk}": "late" for p in people[-2:]}),
    ]
    barrier = threading.Barrier(2)
    results, errors = [None, None], []

    def save(index):
        try:
            sheet = AttendanceSheet(Session.objects.get(pk=session.pk), forms[index])
            assert sheet.is_valid()
            barrier.wait()
            results[index] = writes.save_sheet(sheet, users[index])
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=save, args=(i,)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert Attendance.objects.filter(session=session).count() == 20
    # Both started from an empty sheet. Saves of one session run one after the other: the
    # first writes its 20 marks; the second finds its two differing rows changed by someone
    # else since it was shown, and refuses (None) rather than overwrite: nothing lost.
    assert sorted(results, key=str) == [20, None]
    winner = results.index(20)
    late = Attendance.objects.filter(session=session, status="late").count()
    assert late == (2 if winner == 1 else 0)


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="real concurrent writers need PostgreSQL")
def test_two_staff_changing_different_people_at_once_both_count():
    from tests.factories import EnrollmentFactory, SessionFactory, WorkshopFactory

    workshop = WorkshopFactory()
    people = PersonFactory.create_batch(10)
    for person in people:
        EnrollmentFactory(workshop=workshop, person=person)
    session = SessionFactory(workshop=workshop)
    for person in people:
        AttendanceFactory(session=session, person=person, status="present")
    users = [UserFactory(), UserFactory()]
    forms = [
        sheet_data(people, orig="present|", **{f"status-{people[0].pk}": "absent"}),
        sheet_data(people, orig="present|", **{f"status-{people[1].pk}": "excused"}),
    ]
    barrier = threading.Barrier(2)
    results, errors = [None, None], []

    def save(index):
        try:
            sheet = AttendanceSheet(Session.objects.get(pk=session.pk), forms[index])
            barrier.wait()
            results[index] = writes.save_sheet(sheet, users[index])
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=save, args=(i,)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors and results == [1, 1]
    marks = dict(Attendance.objects.filter(session=session).values_list("person_id", "status"))
    assert len(marks) == 10
    assert marks[people[0].pk] == "absent" and marks[people[1].pk] == "excused"
    assert list(marks.values()).count("present") == 8
