"""Who opens, adds and deletes files; how they are sent (private, never sniffed, safe names)."""

import io

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from PIL import Image

from attachments.models import Attachment
from core.roles import STAFF
from tests.attachments import files
from tests.attachments.conftest import stored_files
from tests.attachments.helpers import attach, post_file
from tests.factories import CentreFactory, ProjectFactory, SessionFactory, UserFactory, WorkshopFactory

pytestmark = pytest.mark.django_db


def test_the_file_is_sent_private_never_sniffed_with_its_name(staff_client, session):
    attachment = attach(staff_client, session, data=files.pdf(), name="تقرير الزيارة.jpg")
    response = staff_client.get(reverse("attachments:download", args=[attachment.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == files.pdf()
    assert response["Content-Type"] == "application/pdf"
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert response["X-Content-Type-Options"] == "nosniff"
    # An Arabic name kept (RFC 5987), with the extension of what the file really is, as a download.
    assert response["Content-Disposition"] == (
        "attachment; filename*=utf-8''%D8%AA%D9%82%D8%B1%D9%8A%D8%B1%20%D8%A7%D9%84%D8%B2%D9%8A%D8%A7%D8%B1%D8%A9.pdf"
    )


def test_an_image_is_shown_inline(staff_client, session):
    attachment = attach(staff_client, session, data=files.png(), name="photo.png")
    response = staff_client.get(reverse("attachments:download", args=[attachment.pk]))
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"] == 'inline; filename="photo.png"'


def test_a_name_cannot_hide_its_extension_behind_a_right_to_left_override(staff_client, session):
    attachment = attach(staff_client, session, data=files.pdf(), name="invoice\u202egpj.exe")
    response = staff_client.get(reverse("attachments:download", args=[attachment.pk]))
    assert response["Content-Disposition"] == 'attachment; filename="invoicegpj.pdf"'


def test_the_thumbnail_is_upright_small_and_carries_no_metadata(staff_client, session):
    # A phone held upright: a landscape JPEG with orientation 6 (turn 90°) and a GPS position.
    attachment = attach(staff_client, session, data=files.jpeg(600, 300, orientation=6, gps=True), name="p.jpg")
    response = staff_client.get(reverse("attachments:thumbnail", args=[attachment.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"
    assert "no-store" in response["Cache-Control"]
    thumbnail = Image.open(io.BytesIO(b"".join(response.streaming_content)))
    assert thumbnail.size == (160, 320)  # upright, within 320 px
    assert not thumbnail.getexif() and "exif" not in thumbnail.info and "icc_profile" not in thumbnail.info
    original = Image.open(attachment.file.storage.open(attachment.file.name))
    assert original.getexif().get_ifd(0x8825), "the original keeps its GPS: it is the record"


def test_a_document_has_no_thumbnail(staff_client, session):
    attachment = attach(staff_client, session, data=files.pdf(), name="a.pdf")
    assert staff_client.get(reverse("attachments:thumbnail", args=[attachment.pk])).status_code == 404


def test_another_centres_file_is_not_found_and_its_record_takes_no_file(client, staff_client, session, private_files):
    attachment = attach(staff_client, session, data=files.png())
    raqqa = CentreFactory(staffed=False)
    client.force_login(UserFactory(username="raqqa-staff", role=STAFF, centres=[raqqa]))
    for name in ("download", "thumbnail", "delete"):
        assert client.get(reverse(f"attachments:{name}", args=[attachment.pk])).status_code == 404
    response, _messages = post_file(client, session, "session", files.png(), "x.png")
    assert response.status_code == 404
    assert Attachment.objects.count() == 1


def test_staff_see_their_own_centres_files(client, staff_client):
    raqqa = CentreFactory(staffed=False)
    session = SessionFactory(workshop=WorkshopFactory(project=ProjectFactory(centre=raqqa)))
    client.force_login(UserFactory(username="raqqa-staff", role=STAFF, centres=[raqqa]))
    attachment = attach(client, session, data=files.png())
    assert client.get(reverse("attachments:download", args=[attachment.pk])).status_code == 200


def test_a_user_without_the_right_is_refused(client, staff_client, session, outsider_user):
    attachment = attach(staff_client, session, data=files.png())
    client.force_login(outsider_user)
    assert client.get(reverse("attachments:download", args=[attachment.pk])).status_code == 403
    assert client.get(reverse("attachments:thumbnail", args=[attachment.pk])).status_code == 403
    response, _messages = post_file(client, session, "session", files.png(), "x.png")
    assert response.status_code == 403 and Attachment.objects.count() == 1


def test_anonymous_visitors_are_sent_to_the_login_page(client, staff_client, session):
    attachment = attach(staff_client, session, data=files.png())
    client.logout()
    response = client.get(reverse("attachments:download", args=[attachment.pk]))
    assert response.status_code == 302 and reverse("login") in response["Location"]


def test_a_missing_attachment_or_record_is_not_found(staff_client, session):
    assert staff_client.get(reverse("attachments:download", args=[999999])).status_code == 404
    response, _messages = post_file(staff_client, session, "nothing", files.png(), "x.png")
    assert response.status_code == 404
    response, _messages = post_file(staff_client, session.workshop, "session", files.png(), "x.png")
    assert response.status_code in (302, 404)


def test_staff_may_not_delete_a_coordinator_may_and_the_file_goes(
    client, staff_client, session, coordinator_user, private_files, django_capture_on_commit_callbacks
):
    attachment = attach(staff_client, session, data=files.png())
    url = reverse("attachments:delete", args=[attachment.pk])
    assert staff_client.post(url).status_code == 403
    client.force_login(coordinator_user)
    assert client.get(url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)
    assert response.status_code == 302 and response["Location"].endswith("#attachments")
    assert not Attachment.objects.exists() and stored_files(private_files) == []


def test_a_file_stays_when_its_deletion_is_rolled_back(
    staff_client, session, private_files, django_capture_on_commit_callbacks
):
    attach(staff_client, session, data=files.png())
    with django_capture_on_commit_callbacks(execute=False):
        Attachment.objects.get().delete()
    assert len(stored_files(private_files)) == 2  # not committed: nothing removed


def test_the_admin_lists_changes_and_deletes_but_adds_nothing(
    client, admin_user, staff_client, session, private_files, django_capture_on_commit_callbacks
):
    attachment = attach(staff_client, session, data=files.png(), title="ورقة الحضور")
    client.force_login(admin_user)
    listing = client.get(reverse("admin:attachments_attachment_changelist"))
    assert listing.status_code == 200 and "ورقة الحضور" in listing.content.decode()
    assert client.get(reverse("admin:attachments_attachment_add")).status_code == 403
    change = client.get(reverse("admin:attachments_attachment_change", args=[attachment.pk]))
    assert (
        change.status_code == 200 and reverse("attachments:download", args=[attachment.pk]) in change.content.decode()
    )
    history = client.get(reverse("admin:attachments_attachment_history", args=[attachment.pk]))
    assert history.status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("admin:attachments_attachment_delete", args=[attachment.pk]), {"post": "yes"})
    assert response.status_code == 302
    assert not Attachment.objects.exists() and stored_files(private_files) == []


def test_the_admin_shows_only_the_users_centres(client, staff_client, session):
    attach(staff_client, session, data=files.png(), title="ملف تبقى")
    raqqa = CentreFactory(staffed=False)
    user = UserFactory(username="raqqa-admin", role=STAFF, centres=[raqqa], is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_attachment"))
    client.force_login(user)
    listing = client.get(reverse("admin:attachments_attachment_changelist"))
    assert listing.status_code == 200 and listing.context["cl"].result_count == 0


@pytest.mark.parametrize("role", ["anonymous", "staff", "coordinator", "admin"])
def test_the_rows_offered_to_the_access_matrix_hold(client, role, request):
    """The same answers tests/test_access_matrix.py expects of every URL, for the rows in tests/attachments/matrix.py."""
    from tests.attachments.matrix import ATTACHMENT_ROWS

    SessionFactory()
    expected = {"anonymous": 0, "staff": 1, "coordinator": 2, "admin": 3}[role]
    rows = ATTACHMENT_ROWS((302, 200, 200, 200), (302, 403, 200, 200), (302, 405, 405, 405))
    if role != "anonymous":
        user = request.getfixturevalue(
            {"staff": "staff_user", "coordinator": "coordinator_user", "admin": "admin_user"}[role]
        )
        client.force_login(user)
    for name, (kwargs, answers) in rows.items():
        response = client.get(reverse(name, kwargs=kwargs()))
        assert response.status_code == answers[expected], (name, role)


def test_the_admin_list_reads_a_bounded_number_of_queries(
    client, admin_user, staff_user, django_assert_max_num_queries
):
    from attachments.targets import TARGETS
    from attachments.uploads import save_attachment
    from tests.factories import CoachingSessionFactory

    def add(slug, record):
        save_attachment(
            TARGETS[slug], record, files.upload(files.pdf(), "a.pdf"), title="", kind="other", user=staff_user
        )

    client.force_login(admin_user)
    add("session", SessionFactory())
    add("coaching_session", CoachingSessionFactory())
    with CaptureQueriesContext(connection) as few:
        assert client.get(reverse("admin:attachments_attachment_changelist")).status_code == 200
    for _ in range(4):
        add("session", SessionFactory())
        add("coaching_session", CoachingSessionFactory())
    with django_assert_max_num_queries(len(few)):
        assert client.get(reverse("admin:attachments_attachment_changelist")).status_code == 200
