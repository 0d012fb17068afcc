"""Attaching files: checked by content, bounded in size and pixels, saved once, stored privately."""

import pytest
from django.urls import reverse

from attachments.models import Attachment
from core import once
from tests.attachments import files
from tests.attachments.conftest import stored_files
from tests.attachments.helpers import post_file

pytestmark = pytest.mark.django_db


def test_a_photo_of_the_sign_in_sheet_is_attached_with_a_thumbnail(staff_client, session, private_files):
    response, messages = post_file(staff_client, session, "session", files.jpeg(), "IMG_2041.jpg", kind="signin_sheet")
    assert response.status_code == 302
    assert response["Location"].endswith(session.get_absolute_url() + "#attachments")
    attachment = Attachment.objects.get()
    assert (attachment.session, attachment.kind, attachment.title) == (session, "signin_sheet", "IMG_2041")
    assert attachment.content_type == "image/jpeg" and attachment.size == len(files.jpeg())
    assert attachment.uploaded_by.username == "staff"
    assert attachment.thumbnail.name and len(stored_files(private_files)) == 2
    assert "IMG_2041" in messages[0]


def test_files_are_stored_under_names_no_one_chose_outside_the_media_folder(
    staff_client, session, private_files, settings
):
    post_file(staff_client, session, "session", files.png(), "../../etc/passwd.png")
    attachment = Attachment.objects.get()
    assert attachment.file.name.startswith("session/") and ".." not in attachment.file.name
    assert attachment.download_name() == "passwd.png"
    assert not settings.ATTACHMENTS_DIR.is_relative_to(settings.MEDIA_ROOT)


@pytest.mark.parametrize(
    "data, name, content_type",
    [
        (files.pdf(), "photo.jpg", "application/pdf"),  # a PDF named .jpg is a PDF
        (files.png(), "scan", "image/png"),
        (files.webp(), "x.webp", "image/webp"),
        (files.office("docx"), "plan.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        (files.office("xlsx"), "budget.pdf", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    ],
)
def test_the_type_is_read_from_the_content_not_the_name(staff_client, session, data, name, content_type):
    response, messages = post_file(staff_client, session, "session", data, name)
    attachment = Attachment.objects.get()
    assert attachment.content_type == content_type, messages
    assert attachment.download_name().rsplit(".", 1)[1] == attachment.file.name.rsplit(".", 1)[1]


@pytest.mark.parametrize(
    "data, name, says",
    [
        (b"MZ\x90\x00 a program", "sheet.pdf", "not accepted"),
        (b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>", "a.png", "not accepted"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 50, "a.png", "damaged"),
        (files.png()[:60], "cut.png", "damaged"),
        (files.pdf(b"/OpenAction << /S /JavaScript /JS (app.alert(1)) >>"), "letter.pdf", "scripts"),
        (files.pdf(b"/OpenAction << /S /J#61vaScript /J#53 (x) >>"), "letter.pdf", "scripts"),
        (files.pdf(b"/OpenAction << /S /Launch /F (cmd.exe) >>"), "letter.pdf", "scripts"),
        (files.pdf_with_compressed_script(), "letter.pdf", "scripts"),
        (files.pdf(b"/Encrypt 9 0 R"), "letter.pdf", "password"),
        (files.office("docx", macros=True), "plan.docx", "macros"),
        (b"PK\x03\x04 not really a zip", "plan.docx", "not accepted"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "old.doc", ".docx"),
        (b"\x00\x00\x00\x18ftypheic" + b"\x00" * 100, "IMG.HEIC", "JPEG"),
        (b"", "empty.pdf", "empty"),
    ],
)
def test_a_bad_file_is_refused_with_a_clear_message_and_nothing_saved(
    staff_client, session, private_files, data, name, says, settings
):
    settings.LANGUAGE_CODE = "en"
    response, messages = post_file(staff_client, session, "session", data, name, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 302 and response["Location"] == session.get_absolute_url()  # where the message shows
    assert not Attachment.objects.exists() and stored_files(private_files) == []
    assert any(says in m for m in messages), messages


def test_a_png_named_pdf_is_an_image(staff_client, session):
    post_file(staff_client, session, "session", files.png(), "sheet.pdf")
    attachment = Attachment.objects.get()
    assert attachment.content_type == "image/png" and attachment.download_name() == "sheet.png"


def test_an_oversize_file_is_refused_before_it_is_stored(staff_client, session, settings, private_files):
    settings.ATTACHMENT_MAX_BYTES = 50_000
    response, messages = post_file(staff_client, session, "session", files.pdf() + b"%" * 200_000, "big.pdf")
    assert response.status_code == 302 and not Attachment.objects.exists()
    assert stored_files(private_files) == []
    assert any("48.8" in m or "KB" in m or "ك" in m for m in messages), messages


@pytest.mark.parametrize("size", [(50_000, 50_000), (9_000, 9_000)])
def test_an_image_bomb_is_refused_from_its_header(staff_client, session, private_files, size):
    bomb = files.png_declaring(*size)
    assert len(bomb) < 2_000
    response, messages = post_file(staff_client, session, "session", bomb, "bomb.png")
    assert response.status_code == 302 and not Attachment.objects.exists()
    assert stored_files(private_files) == [] and messages


def test_a_double_post_of_one_form_saves_one_file(staff_client, session, private_files):
    token = once.issue(None)
    for _ in range(2):
        response, _messages = post_file(staff_client, session, "session", files.png(), "a.png", once_token=token)
        assert response.status_code == 302
    assert Attachment.objects.count() == 1
    assert len(stored_files(private_files)) == 2  # the file and its thumbnail, once


def test_the_title_and_kind_are_kept_and_cleaned(staff_client, session):
    post_file(staff_client, session, "session", files.pdf(), "x.pdf", title="  ورقة\n الحضور  ", kind="letter")
    attachment = Attachment.objects.get()
    assert (attachment.title, attachment.kind) == ("ورقة الحضور", "letter")


def test_an_unknown_kind_is_refused(staff_client, session):
    response, messages = post_file(staff_client, session, "session", files.pdf(), "x.pdf", kind="virus")
    assert not Attachment.objects.exists() and messages


def test_upload_answers_only_post(staff_client, session):
    assert staff_client.get(reverse("attachments:upload", args=["session", session.pk])).status_code == 405
