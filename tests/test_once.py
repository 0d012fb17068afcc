"""A double click, a resend or two requests at once save a form's row and an import once (issue 13, finding 1)."""

import threading
import time

import pytest
from django.db import connection, connections
from django.test import Client
from django.urls import reverse

from core import once
from core.models import UsedToken
from organizations.models import Person
from services.models import Consultation
from tests.excel.helpers import upload, xlsx_bytes
from tests.factories import OrganizationFactory
from trainings.excel.models import ExportRecord

PERSON_CREATE = reverse("organizations:person_create")
CONSULTATION_CREATE = reverse("services:consultation_create")
UPLOAD = reverse("excel:import_upload")
PREVIEW = reverse("excel:import_preview")
CONFIRM = reverse("excel:import_confirm")
ON_POSTGRES = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite's in-memory test database serialises writers: two requests cannot overlap there",
)


def person_data(org):
    return {"full_name": "أسماء الخلف", "gender": "f", "organization": org.pk, "phone": "+963 944 111222"}


def consultation_data(org):
    return {
        "organization": org.pk,
        "kind": "legal",
        "adviser": "المحامية سلمى الحسن",
        "date": "2020-10-12",
        "topic": "ترخيص المنظمة",
        "advice": "مراجعة النظام الداخلي",
    }


def token_from(client, url):
    """The one-time token the create form carries, read from the rendered page."""
    html = client.get(url).content.decode()
    marker = f'name="{once.FIELD}" value="'
    assert marker in html, "the create form carries no one-time token"
    return html.split(marker, 1)[1][:32]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "data", "model"),
    [(PERSON_CREATE, person_data, Person), (CONSULTATION_CREATE, consultation_data, Consultation)],
    ids=["person", "consultation"],
)
def test_a_form_sent_twice_saves_one_row(staff_client, url, data, model):
    org = OrganizationFactory(name_ar="بصمة أمل")
    staff_client.cookies["django_language"] = "en"  # the new messages are not in the catalogue yet
    post = data(org) | {once.FIELD: token_from(staff_client, url)}
    first = staff_client.post(url, post)
    saved = model.objects.get()
    assert first.status_code == 302 and first["Location"] == saved.get_absolute_url()
    second = staff_client.post(url, post, follow=True)
    assert model.objects.count() == 1
    assert second.redirect_chain[0][0] == saved.get_absolute_url()
    assert "This form was already sent" in second.content.decode()
    # A new form (a new token) saves a new row, as before.
    staff_client.post(url, data(org) | {"full_name": "ريم السالم", once.FIELD: token_from(staff_client, url)})
    assert model.objects.count() == 2


@pytest.mark.django_db
def test_a_refused_form_keeps_its_token_and_saves_once_corrected(staff_client):
    org = OrganizationFactory()
    token = token_from(staff_client, PERSON_CREATE)
    refused = staff_client.post(PERSON_CREATE, person_data(org) | {"full_name": "", once.FIELD: token})
    assert refused.status_code == 200 and refused.context["once_token"] == token
    assert not UsedToken.objects.exists()
    assert staff_client.post(PERSON_CREATE, person_data(org) | {once.FIELD: token}).status_code == 302
    assert Person.objects.count() == 1


@pytest.mark.django_db
def test_an_edit_form_carries_no_token(staff_client):
    org = OrganizationFactory()
    staff_client.post(PERSON_CREATE, person_data(org))
    person = Person.objects.get()
    response = staff_client.get(reverse("organizations:person_update", args=[person.pk]))
    assert once.FIELD not in response.content.decode()


def _at_once(requests, slow_target, slow_name):
    """Run each request (a function of a fresh client) in its own thread at the same moment.

    slow_target.slow_name is slowed down so that the two are surely in flight together.
    """
    original = getattr(slow_target, slow_name)

    def slow(*args, **kwargs):
        time.sleep(0.3)
        return original(*args, **kwargs)

    setattr(slow_target, slow_name, slow)
    barrier = threading.Barrier(len(requests))
    answers = []

    def run(request):
        try:
            barrier.wait(timeout=10)
            answers.append(request())
        except Exception as error:  # noqa: BLE001 - reported by the test
            answers.append(error)
        finally:
            connections.close_all()

    try:
        threads = [threading.Thread(target=run, args=(r,)) for r in requests]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
    finally:
        setattr(slow_target, slow_name, original)
    return answers


def _client(user):
    client = Client()
    client.force_login(user)
    return client


@ON_POSTGRES
@pytest.mark.django_db(transaction=True)
def test_two_posts_of_one_create_form_at_once_save_one_row(staff_user):
    org = OrganizationFactory()
    client = _client(staff_user)
    post = person_data(org) | {once.FIELD: token_from(client, PERSON_CREATE)}
    answers = _at_once([lambda: client.post(PERSON_CREATE, post)] * 2, Person, "save")
    assert [getattr(a, "status_code", a) for a in answers] == [302, 302]
    person = Person.objects.get()
    assert {a["Location"] for a in answers} == {person.get_absolute_url()}


def _uploaded(client, org, rows=40):
    people = [[f"متدرب رقم {n}", "ذكر", org.name_ar] for n in range(rows)]
    assert client.post(UPLOAD, {"file": upload(xlsx_bytes(people))}).status_code == 302
    preview = client.get(PREVIEW)
    return {"token": preview.context["state"]["token"], "digest": preview.context["plan"].digest}


@ON_POSTGRES
@pytest.mark.django_db(transaction=True)
def test_two_confirms_at_once_import_one_set_of_people(coordinator_user):
    from organizations import imports

    org = OrganizationFactory(name_ar="بصمة أمل")
    client = _client(coordinator_user)
    client.cookies["django_language"] = "en"
    confirm = _uploaded(client, org)
    answers = _at_once([lambda: client.post(CONFIRM, confirm)] * 2, imports, "apply_plan")
    assert sorted(getattr(a, "status_code", a) for a in answers) == [200, 302]
    assert Person.objects.count() == 40
    already = next(a for a in answers if a.status_code == 200).content.decode()
    assert "was already imported" in already and f"?organization={org.pk}" in already
    assert ExportRecord.objects.filter(kind="import").count() == 1


@pytest.mark.django_db
def test_a_project_or_a_workshop_sent_twice_is_saved_once(client, coordinator_user):
    from tests.factories import PhaseFactory
    from trainings.models import Workshop

    phase = PhaseFactory()
    client.force_login(coordinator_user)
    url = reverse("trainings:workshop_create")
    page = client.get(url, {"project": phase.project_id})
    token = page.context["once_token"]
    data = {
        "project": phase.project_id,
        "phase": phase.pk,
        "title": "ورشة جمع التبرعات",
        "start_date": "2020-08-20",
        "end_date": "2020-08-22",
        "planned_hours": "6",
        "capacity": "20",
        page.context["once_field"]: token,
    }
    first = client.post(url, data)
    second = client.post(url, data)
    assert first.status_code == 302 and second.status_code == 302
    assert Workshop.objects.filter(title="ورشة جمع التبرعات").count() == 1
