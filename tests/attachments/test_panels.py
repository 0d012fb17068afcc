"""The files panel on each record's page: thumbnails, the phone's camera, and a bounded number of queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from attachments.models import Attachment
from attachments.targets import TARGETS
from attachments.uploads import save_attachment
from tests.attachments import files
from tests.factories import (
    CentreFactory,
    CoachingSessionFactory,
    ConsultationFactory,
    EngagementFactory,
    MeetingFactory,
    NeedsAssessmentFactory,
    OrganizationFactory,
    SessionFactory,
    StrategicPlanFactory,
    WorkshopFactory,
)

pytestmark = pytest.mark.django_db

PAGES = {
    "session": (SessionFactory, "trainings:session_attendance"),
    "workshop": (WorkshopFactory, "trainings:workshop_detail"),
    "coaching_session": (CoachingSessionFactory, "coaching:session_update"),
    "plan": (lambda: _plan(), "coaching:plan_detail"),
    "consultation": (lambda: ConsultationFactory(organization=_served()), "services:consultation_detail"),
    "assessment": (lambda: NeedsAssessmentFactory(organization=_served()), "services:assessment_detail"),
    "meeting": (MeetingFactory, "services:meeting_detail"),
}


def _served():
    """An organisation registered at a centre the team works for."""
    return OrganizationFactory(centre=CentreFactory())


def _plan():
    engagement = EngagementFactory()
    return StrategicPlanFactory(engagement=engagement, organization=engagement.organization)


def _add(slug, record, user, count, image=True):
    for n in range(count):
        data, name = (files.png(), f"photo {n}.png") if image else (files.pdf(), f"doc {n}.pdf")
        save_attachment(TARGETS[slug], record, files.upload(data, name), title="", kind="photo", user=user)


def test_every_kind_of_record_has_a_page_in_this_table():
    assert set(PAGES) == set(TARGETS)


@pytest.mark.parametrize("slug", PAGES)
def test_the_panel_shows_the_files_and_the_form_in_a_bounded_number_of_queries(
    coordinator_client, coordinator_user, slug
):
    factory, url_name = PAGES[slug]
    record = factory()
    url = reverse(url_name, args=[record.pk])
    _add(slug, record, coordinator_user, 1)
    with CaptureQueriesContext(connection) as one:
        page = coordinator_client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    attachment = Attachment.objects.get()
    assert 'id="attachments"' in html
    assert reverse("attachments:thumbnail", args=[attachment.pk]) in html
    assert reverse("attachments:upload", args=[slug, record.pk]) in html
    assert 'capture="environment"' in html and 'accept="image/*"' in html
    assert reverse("attachments:delete", args=[attachment.pk]) in html  # a coordinator may delete
    _add(slug, record, coordinator_user, 5, image=False)
    with CaptureQueriesContext(connection) as six:
        page = coordinator_client.get(url)
    assert page.content.decode().count('href="/attachments/') >= 12
    assert len(six) == len(one), "the panel's queries grow with its files"


def test_a_reader_sees_the_files_but_no_form(client, staff_user, session):
    from django.contrib.auth.models import Permission

    _add("session", session, staff_user, 1)
    staff_user.groups.clear()
    staff_user.user_permissions.add(*Permission.objects.filter(codename__in=["view_session", "view_workshop"]))
    client.force_login(staff_user)
    html = client.get(reverse("trainings:session_attendance", args=[session.pk])).content.decode()
    assert 'id="attachments"' in html and "attachment-form" not in html and "/delete/" not in html


def test_staff_attach_but_do_not_delete(staff_client, staff_user, session):
    _add("session", session, staff_user, 1)
    html = staff_client.get(reverse("trainings:session_attendance", args=[session.pk])).content.decode()
    assert "attachment-form" in html and "/delete/" not in html


def test_the_panel_is_in_english_too(staff_client, session):
    staff_client.cookies["django_language"] = "en"
    html = staff_client.get(reverse("trainings:session_attendance", args=[session.pk])).content.decode()
    assert "Take a photo" in html and "Signed sign-in sheet" in html
