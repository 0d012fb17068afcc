"""On a phone: a staff member photographs the signed sign-in sheet from the session's page; it goes straight in."""

import pytest

from attachments.models import Attachment
from core.roles import STAFF
from tests.attachments import files
from tests.e2e.conftest import PHONE, login
from tests.factories import SessionFactory, UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def test_a_photo_taken_on_a_phone_goes_straight_in_and_shows_its_thumbnail(new_page, live_server, tmp_path):  # noqa: F811
    UserFactory(username="huda", role=STAFF)
    session = SessionFactory()
    photo = tmp_path / "IMG_0412.jpg"
    photo.write_bytes(files.jpeg(1200, 900, orientation=6, gps=True))

    page = new_page(viewport=PHONE)
    login(page, live_server, "huda")
    page.goto(f"{live_server.url}{session.get_absolute_url()}")
    camera = page.locator("#attach-photo")
    assert camera.get_attribute("capture") == "environment" and camera.get_attribute("accept") == "image/*"
    assert page.locator("label[for=attach-photo]").is_visible()

    camera.set_input_files(str(photo))  # what the camera hands the page; the form sends itself
    page.wait_for_selector("#attachments img")
    attachment = Attachment.objects.get()
    assert (attachment.session_id, attachment.kind, attachment.title) == (session.pk, "signin_sheet", "IMG_0412")
    thumbnail = page.locator("#attachments img").first
    thumbnail.scroll_into_view_if_needed()
    page.wait_for_function("document.querySelector('#attachments img').naturalWidth > 0")
    size = page.evaluate(
        "[document.querySelector('#attachments img').naturalWidth, document.querySelector('#attachments img').naturalHeight]"
    )
    assert size == [240, 320]  # upright: the phone was held portrait
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
